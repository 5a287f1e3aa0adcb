"""Investigation after the FIR: case lifecycle, Case Diary (BNSS s.192), crime details (IIF-2), arrests (IIF-3), search and seizure (IIF-4), final report (IIF-5), statutory deadlines."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestigationConfig(AppConfig):
    """Investigation after the FIR: case lifecycle, Case Diary (BNSS s.192), crime details (IIF-2), arrests (IIF-3), search and seizure (IIF-4), final report (IIF-5), statutory deadlines."""

    name = "cctns.investigation"
    label = "investigation"
    verbose_name = _("Investigation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.jobs import Job, register_job

        # Import for their side effects: the final-report guard on the lifecycle, the deadline
        # alert kinds and the lifecycle listener that recomputes them.
        from . import signals, timeline  # noqa: F401
        from .services import arrests, deadlines, final_report, seizures  # noqa: F401

        register_job(Job("investigation.deadlines", "cctns.investigation.services.deadlines.refresh_all_deadlines",
                         cron="10 0 * * *"))
