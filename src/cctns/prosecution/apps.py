"""The case in court: court cases, hearings, bail and remand orders, warrants and summons, disposal (IIF-6) and appeals (IIF-7)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProsecutionConfig(AppConfig):
    """The case in court: court cases, hearings, bail and remand orders, warrants and summons, disposal (IIF-6) and appeals (IIF-7)."""

    name = "cctns.prosecution"
    label = "prosecution"
    verbose_name = _("Court")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.jobs import Job, register_job
        from cctns.core.navigation import MenuItem, register

        register(MenuItem(_("Court cases"), "prosecution:case_list", "prosecution.view_court", order=60))
        register(MenuItem(_("Hearings calendar"), "prosecution:calendar", "prosecution.view_court", order=61))

        from cctns.investigation.timeline import register_timeline_source

        from .services import alerts  # noqa: F401  (registers the alert kinds)
        from .timeline import court_events

        register_timeline_source(court_events)

        # Daily at 06:00 IST: hearing alerts open a few days ahead, warrants and summons pending.
        register_job(Job("prosecution.court_alerts", "cctns.prosecution.services.alerts.raise_due_alerts", cron="0 6 * * *"))
