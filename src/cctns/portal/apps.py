from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The citizen portal: accounts by mobile OTP, complaints, e-FIR, status, FIR copies, lost-article reports, verifications and NOCs."""

    name = "cctns.portal"
    label = "portal"
    verbose_name = _("Citizen services")
    default_auto_field = "django.db.models.BigAutoField"
