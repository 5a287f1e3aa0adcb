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

        from django.db.models.signals import post_save

        from cctns.core.jobs import Job, register_job

        from .parties import fir_saved

        # FIR parties join the person index after each FIR save commits (cctns.persons.parties)
        post_save.connect(fir_saved, sender="registration.FIR", dispatch_uid="persons.fir_parties")
        register_job(Job("persons.fir_parties", "cctns.persons.parties.sync_recent", cron="*/15 * * * *"))
