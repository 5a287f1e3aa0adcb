"""Scoped API tokens with expiry (issue 4 §5)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """An API token of one user, limited to ``scopes`` and valid until ``expires_at``.

    Only the SHA-256 of the token is stored (``key_hash``); the token itself is shown once, when
    issued (``cctns.accounts.tokens.issue_token``). A scope is ``"<resource>:<read|write>"``
    (``"firs:read"``, ``"firs:write"``), ``"<resource>:*"`` or ``"*:read"``/``"*:write"``/``"*:*"``;
    a resource is an API router name (``firs``, ``ncrs``, ``gd``, ``complaints``, ``units`` …).
    ``write`` does not imply ``read``. Tokens are revoked, never deleted.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(_("token begins"), max_length=12, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.user})"

    @property
    def is_valid(self) -> bool:
        """Not revoked and not expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()
