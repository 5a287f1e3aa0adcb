"""Issuing, checking and revoking API tokens; the scope rules."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

TOKEN_PREFIX = "cctns_"
ACTIONS = ("read", "write")


def hash_token(token: str) -> str:
    """SHA-256 hex of a token (tokens carry 240 random bits, so no salt or slow hash is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def resource_names() -> dict[str, str]:
    """``{router basename: resource name}``: a resource is named by its URL prefix
    (``fir`` → ``firs``, so the scope reads like the URL ``/api/v1/firs/``)."""
    from cctns.api_urls import router

    return {basename: prefix for prefix, _viewset, basename in router.registry}


def known_resources() -> set[str]:
    """API resources a scope may name, plus ``"*"``."""
    return set(resource_names().values()) | {"*"}


def parse_scopes(value) -> list[str]:
    """Normalise requested scopes (a list, or a space/comma separated string) and check each is
    ``resource:action`` with a known resource and ``read``, ``write`` or ``*``. Empty → ``["*:read"]``.
    Raises ``ValidationError`` naming the bad scope."""
    if value is None or value == "" or value == []:
        return ["*:read"]
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    resources = known_resources()
    out = []
    for item in items:
        resource, _sep, action = str(item).partition(":")
        if resource not in resources or action not in (*ACTIONS, "*"):
            raise ValidationError(_("Unknown scope %(scope)s.") % {"scope": item}, code="invalid_scope")
        if item not in out:
            out.append(str(item))
    return out


def issue_token(user, *, scopes=None, days: int | None = None, name: str = "") -> tuple[ApiToken, str]:
    """Issue a token for ``user``; return ``(row, token)``. The token is shown only now.

    ``days`` defaults to ``CCTNS_API_TOKEN_DAYS`` and may not exceed ``CCTNS_API_TOKEN_MAX_DAYS``.
    """
    max_days = settings.CCTNS_API_TOKEN_MAX_DAYS
    days = settings.CCTNS_API_TOKEN_DAYS if days is None else int(days)
    if not 1 <= days <= max_days:
        raise ValidationError(_("A token is valid for 1 to %(max)s days.") % {"max": max_days}, code="invalid_expiry")
    token = TOKEN_PREFIX + secrets.token_urlsafe(30)
    row = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=hash_token(token), key_prefix=token[:12],
        scopes=parse_scopes(scopes), expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    from cctns.audit.constants import Kind
    from cctns.audit.services import record_event

    record_event(Kind.TOKEN, row, user=user, data={"scopes": row.scopes, "expires_at": row.expires_at.isoformat()})
    return row, token


def find_token(token: str) -> ApiToken | None:
    """The valid token row for ``token``, or ``None`` (unknown, revoked or expired)."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    row = ApiToken.objects.select_related("user", "user__unit").filter(key_hash=hash_token(token)).first()
    if row is None or not row.is_valid or not row.user.is_active:
        return None
    return row


def revoke(row: ApiToken, by=None) -> None:
    """Revoke a token (kept, never deleted)."""
    if row.revoked_at is None:
        ApiToken.objects.filter(pk=row.pk).update(revoked_at=timezone.now())
        from cctns.audit.constants import Kind
        from cctns.audit.services import record_event

        record_event(Kind.TOKEN, row, user=by, reason="revoked")


def allows(scopes: list[str], resource: str, action: str) -> bool:
    """Whether ``scopes`` grant ``action`` (``read``/``write``) on ``resource``."""
    wanted = {f"{resource}:{action}", f"{resource}:*", f"*:{action}", "*:*"}
    return bool(wanted.intersection(scopes or []))
