from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in hardening (issue 4 §5): two-factor (TOTP, django-otp), idle session expiry, scoped
    API tokens with expiry, rate limits, security headers."""

    name = "cctns.accounts"
    label = "accounts"
    verbose_name = _("Sign-in and API tokens")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from cctns.core.navigation import MenuItem, register

        from .middleware import mark_seen_at_login

        user_logged_in.connect(mark_seen_at_login, dispatch_uid="cctns_accounts_seen_at_login")
        register(MenuItem(_("Two-factor sign-in"), "accounts:2fa_setup", order=195))
