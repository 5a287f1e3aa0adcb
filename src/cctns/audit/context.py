"""Who, from where and why, for audit entries written during a request, a command or a service.

- :class:`~cctns.audit.middleware.AuditContextMiddleware` puts the current request here
  (address, user agent, request id; the user is read when the entry is written, so API token
  users, whom DRF authenticates inside the view, are named too).
- :func:`audit_reason` gives the reason for what is done inside it: ``with audit_reason("…"):``.
- :func:`audit_actor` names the acting user where there is no request (commands, the seed,
  services called from tests): ``with audit_actor(user):``.
"""

import contextlib
import re
import uuid
from contextvars import ContextVar

from django.conf import settings

_request: ContextVar = ContextVar("cctns_audit_request", default=None)
_request_id: ContextVar = ContextVar("cctns_audit_request_id", default=None)
_reason: ContextVar = ContextVar("cctns_audit_reason", default="")
_actor: ContextVar = ContextVar("cctns_audit_actor", default=None)

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    """The request id: a well-formed ``X-Request-ID`` from a trusted proxy, else a new UUID4 hex.

    Incoming ids are accepted only when ``CCTNS_TRUST_REQUEST_ID`` is on (behind a proxy that
    sets them), and only if 8–64 characters of ``[A-Za-z0-9._:-]``.
    """
    if incoming and getattr(settings, "CCTNS_TRUST_REQUEST_ID", False) and _REQUEST_ID_RE.match(incoming):
        return incoming
    return uuid.uuid4().hex


def client_address(request) -> str | None:
    """The client's IP address: ``REMOTE_ADDR``, or the first ``X-Forwarded-For`` address when
    ``CCTNS_TRUST_X_FORWARDED_FOR`` is on (only behind a reverse proxy that sets it)."""
    if getattr(settings, "CCTNS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


@contextlib.contextmanager
def request_context(request, request_id: str):
    """Bind ``request`` and its id for the entries written while handling it."""
    tokens = (_request.set(request), _request_id.set(request_id))
    try:
        yield
    finally:
        _request.reset(tokens[0])
        _request_id.reset(tokens[1])


@contextlib.contextmanager
def audit_reason(reason: str):
    """Record ``reason`` as the *why* of every audit entry written inside the block.

    Nested blocks replace the reason for their duration. Services that require a reason
    (corrections, transfers, sensitivity) wrap their writes in this.
    """
    token = _reason.set((reason or "").strip())
    try:
        yield
    finally:
        _reason.reset(token)


@contextlib.contextmanager
def audit_actor(user):
    """Name ``user`` as the actor of entries written inside the block when no request says who."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def current_request():
    return _request.get()


def current_request_id() -> str | None:
    """The current request id (``AUDITLOG_CID_GETTER``: django-auditlog stores it as ``cid``)."""
    return _request_id.get()


def current_reason() -> str:
    return _reason.get()


def current_actor():
    """The acting user: the one named by :func:`audit_actor`, else the request's signed-in user."""
    actor = _actor.get()
    if actor is not None:
        return actor
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    return None


def fill_entry(entry) -> None:
    """Fill an entry's who/where/why from the context, keeping values already set."""
    from cctns.core.models import User

    if entry.actor_id is None:
        actor = current_actor()
        if isinstance(actor, User):
            entry.actor = actor
    actor = entry.actor if entry.actor_id else None
    if actor is not None:
        entry.actor_username = entry.actor_username or actor.get_username()
        if entry.actor_rank is None:
            entry.actor_rank = actor.rank
        entry.actor_role = entry.actor_role or actor.role
        if not entry.actor_unit and actor.unit_id:
            entry.actor_unit = actor.unit.code
        entry.actor_email = entry.actor_email or actor.email or None
    request = _request.get()
    if request is not None:
        if not entry.remote_addr:
            entry.remote_addr = client_address(request)
        if not entry.user_agent:
            entry.user_agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    if not entry.cid:
        entry.cid = _request_id.get()
    if not entry.reason:
        entry.reason = _reason.get()
    if not entry.kind:
        from .registry import kind_for

        entry.kind = kind_for(entry)
