from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "cctns.legal"
    label = "legal"
    verbose_name = _("Acts and sections")
    default_auto_field = "django.db.models.BigAutoField"
