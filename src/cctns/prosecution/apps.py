from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProsecutionConfig(AppConfig):
    """The case in court: court cases, hearings, bail and remand orders, warrants and summons, disposal (IIF-6) and appeals (IIF-7)."""

    name = "cctns.prosecution"
    label = "prosecution"
    verbose_name = _("Court")
    default_auto_field = "django.db.models.BigAutoField"
