from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissingConfig(AppConfig):
    """Missing persons, unidentified found persons and unidentified dead bodies (UIDB), and their cross-matching."""

    name = "cctns.missing"
    label = "missing"
    verbose_name = _("Missing persons")
    default_auto_field = "django.db.models.BigAutoField"
