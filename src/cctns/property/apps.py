"""Vehicles, firearms, mobile phones and other property: stolen/lost, seized/recovered, returned; checks against theft reports."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropertyConfig(AppConfig):
    """Vehicles, firearms, mobile phones and other property: stolen/lost, seized/recovered, returned; checks against theft reports."""

    name = "cctns.property"
    label = "property"
    verbose_name = _("Property")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.jobs import Job, register_job
        from cctns.core.navigation import MenuItem, register

        from .services import matching  # noqa: F401  (registers the alert kind)

        register_job(Job("property.nightly_matching", "cctns.property.services.matching.nightly_batch",
                         cron="30 1 * * *"))
        register(MenuItem(_("Property"), "property:item_list", permission="property.view_items", order=60))
        register(MenuItem(_("Vehicle / phone check"), "property:check", permission="property.check", order=61))
