from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsConfig(AppConfig):
    """The person index: one person across cases, names in any script, search and duplicates."""

    name = "cctns.persons"
    label = "persons"
    verbose_name = _("Persons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.navigation import MenuItem, register

        register(MenuItem(_("Person search"), "persons:search", order=40))
        register(MenuItem(_("Possible duplicates"), "persons:duplicates", order=45))
