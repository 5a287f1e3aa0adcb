from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    """Registration at the police station: complaints, FIR (IIF-1), NCR, General Diary, Zero FIR."""

    name = "cctns.registration"
    label = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cctns.core.navigation import MenuItem, register

        from . import (  # noqa: F401  (menu items; protected fields; coded rules)
            menu,
            protection,
            validation,
        )

        register(MenuItem(_("Validation rules"), "registration:rules", order=150))
