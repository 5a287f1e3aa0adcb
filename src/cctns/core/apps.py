from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cctns.core"
    label = "core"
    verbose_name = _("Organisation and users")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import approvals  # noqa: F401  (the "approval requested" alert kind)
