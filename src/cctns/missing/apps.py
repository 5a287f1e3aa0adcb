"""Missing persons, unidentified found persons and unidentified dead bodies (UIDB), and their cross-matching."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissingConfig(AppConfig):
    """Missing persons, unidentified found persons and unidentified dead bodies (UIDB), and their cross-matching."""

    name = "cctns.missing"
    label = "missing"
    verbose_name = _("Missing persons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_save

        from cctns.core.jobs import Job, enqueue, register_job

        from . import services
        from .models import MissingPersonReport

        services._alert_kind()
        register_job(Job("missing.nightly_match", "cctns.missing.services.nightly_batch", cron="30 1 * * *"))

        def _match_on_save(sender, instance, created, **kwargs):
            if created:
                transaction.on_commit(lambda: enqueue("cctns.missing.services.match_report_by_id", instance.pk))

        post_save.connect(_match_on_save, sender=MissingPersonReport, dispatch_uid="missing_match_on_save")
