from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropertyConfig(AppConfig):
    """Vehicles, firearms, mobile phones and other property: stolen/lost, seized/recovered, returned; checks against theft reports."""

    name = "cctns.property"
    label = "property"
    verbose_name = _("Property")
    default_auto_field = "django.db.models.BigAutoField"
