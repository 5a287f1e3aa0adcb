"""The citizen portal: accounts by mobile OTP, complaints, e-FIR, status, FIR copies, lost-article reports, verifications and NOCs."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The citizen portal: accounts by mobile OTP, complaints, e-FIR, status, FIR copies, lost-article reports, verifications and NOCs."""

    name = "cctns.portal"
    label = "portal"
    verbose_name = _("Citizen services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.jobs import Job, register_job

        from . import menu  # noqa: F401 - police menu items
        from .services import complaints, efir, requests  # noqa: F401 - registers the alert kinds

        register_job(Job("portal.efir_daily", "cctns.portal.services.efir.daily", cron="15 6 * * *"))
        register_job(Job("portal.complaint_alerts", "cctns.portal.services.complaints.close_acted_on_alerts", cron="30 6 * * *"))
