"""Audit services: the calls other apps make to record what django-auditlog does not see.

- :func:`log_access`: a read of a sensitive record (sensitive FIRs, protected persons, Case
  Diary). Detail views and API retrieves built on ``cctns.core`` base classes call it for every
  record :func:`is_sensitive_record` says is sensitive.
- :func:`log_export`: an export (CSV, PDF bundle, report download) with its filters and count.
- :func:`record_event`: any other event (sign-ins, API tokens, two-factor), used by this package.

Each writes one :class:`~cctns.audit.models.AuditEntry`; who/where/why come from the request
(``cctns.audit.context``) unless given.
"""

import contextlib
from collections.abc import Callable

from auditlog.models import AbstractLogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import smart_str

from .constants import Kind
from .context import audit_reason
from .models import AuditEntry
from .registry import is_police_data

Action = AbstractLogEntry.Action

_SENSITIVE: dict[type, Callable[[object], bool]] = {}


def register_sensitive(model: type, predicate: Callable[[object], bool]) -> None:
    """Declare which instances of ``model`` are sensitive to read (their reads are audited).

    ``predicate(obj) -> bool``. Without a registration, an instance is sensitive when it has a
    true ``is_sensitive`` attribute (the FIR's flag: BNS s.72, POCSO s.23, or marked by the SHO).
    """
    _SENSITIVE[model] = predicate


def is_sensitive_record(obj) -> bool:
    """Whether reading ``obj`` must leave an audit entry (see :func:`register_sensitive`)."""
    for model in obj.__class__.__mro__:
        if model in _SENSITIVE:
            return bool(_SENSITIVE[model](obj))
    return bool(getattr(obj, "is_sensitive", False))


def _kind_action(kind: str) -> int:
    return {Kind.CREATE: Action.CREATE, Kind.UPDATE: Action.UPDATE, Kind.STATUS: Action.UPDATE,
            Kind.PERMISSION: Action.UPDATE, Kind.DELETE: Action.DELETE,
            Kind.DELETE_REFUSED: Action.DELETE}.get(kind, Action.ACCESS)


def record_event(kind: str, obj=None, *, user=None, reason: str = "", data: dict | None = None,
                 model=None, object_pk: str = "", object_repr: str = "") -> AuditEntry:
    """Write one audit entry of ``kind`` about ``obj`` (or about ``model``/``object_pk`` when there is
    no instance, as for a failed sign-in), by ``user`` (default: the current actor).

    ``data`` (JSON-serialisable) goes to ``additional_data``; ``reason`` to ``reason``.
    """
    if obj is not None:
        ct = ContentType.objects.get_for_model(obj.__class__)
        object_pk = str(obj.pk)
        object_repr = object_repr or smart_str(obj)
    else:
        from cctns.core.models import User

        ct = ContentType.objects.get_for_model(model or User)
    entry = AuditEntry(
        content_type=ct, object_pk=object_pk, object_id=int(object_pk) if str(object_pk).isdigit() else None,
        object_repr=object_repr[:1000], action=_kind_action(kind), kind=kind, actor=user,
        additional_data=data or None, reason=(reason or "").strip(),
    )
    with audit_reason(reason) if reason else contextlib.nullcontext():
        entry.save()
    return entry


def log_access(user, obj, reason: str | None = None) -> AuditEntry:
    """Record that ``user`` read ``obj`` (a sensitive record), with an optional ``reason``
    (a cross-jurisdiction search, a court requisition …). Returns the entry."""
    return record_event(Kind.ACCESS, obj, user=user, reason=reason or "")


def log_access_if_sensitive(user, obj, reason: str | None = None) -> AuditEntry | None:
    """:func:`log_access` when :func:`is_sensitive_record` holds for ``obj``; else nothing."""
    if obj is not None and is_sensitive_record(obj):
        return log_access(user, obj, reason)
    return None


def log_export(user, what: str, *, count: int, filters: dict | None = None, fmt: str = "",
               reason: str = "", model=None) -> AuditEntry:
    """Record an export by ``user``: ``what`` (e.g. ``"firs"``), how many records, the filters
    applied (``{name: value}``), the format (``"csv"``, ``"pdf"``) and why."""
    return record_event(
        Kind.EXPORT, None, user=user, reason=reason, model=model,
        object_repr=what, data={"what": what, "count": int(count), "filters": filters or {}, "format": fmt},
    )


def can_view_record_trail(user, obj) -> bool:
    """Supervisory officers see the audit trail of records in their jurisdiction; administrators
    see every trail (DESIGN.md §6; issue 4). ``obj`` must be in ``Model.objects.for_user(user)``
    where the model has a jurisdiction-scoped manager; users and units' trails are for
    administrators only."""
    from cctns.core.constants import Role

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.role == Role.ADMIN:
        return True
    if user.role != Role.SUPERVISOR:
        return False
    from cctns.core.models import Unit, User

    model = type(obj)
    if model in (User, Unit) or not hasattr(model.objects, "for_user"):
        return False
    return model.objects.for_user(user, "view").filter(pk=obj.pk).exists()


def can_view_user_history(user) -> bool:
    """A person's own access history (every entry they caused) is visible to administrators."""
    from cctns.core.constants import Role

    return bool(user and getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or user.role == Role.ADMIN))


def can_see_trail_values(user, obj) -> bool:
    """Whether the trail of ``obj`` may show field values to ``user`` (else field names only).

    Values of a sensitive record (its victims' identities among them) are shown only to
    supervisory officers over its jurisdiction, who are among the case's own officers
    (``registration.services.is_case_officer``); administrators see which fields changed."""
    from cctns.core.constants import Role

    if not is_sensitive_record(obj):
        return _no_hidden_identity(user, obj)
    return user.role == Role.SUPERVISOR and can_view_record_trail(user, obj)


def _no_hidden_identity(user, obj) -> bool:
    """Whether ``obj``'s trail may show values to ``user`` although the record is not sensitive:
    it holds no protected value hidden from ``user`` (a child victim or accused, a confidential
    informant: :mod:`cctns.core.protection`), and neither it nor the police record it belongs to
    is kept out of ``user``'s view by its manager's ``for_user`` (the person index hides
    protected persons; their names' trails follow the person)."""
    from cctns.core import protection

    for item, name, _policy in protection.protected_values(obj):
        if protection.is_hidden(user, item, name):
            return False
    candidates = [obj]
    for field in obj._meta.concrete_fields:
        if field.many_to_one and field.related_model is not None and is_police_data(field.related_model):
            parent = getattr(obj, field.name, None)
            if parent is not None:
                candidates.append(parent)
    for item in candidates:
        manager = type(item)._default_manager
        if hasattr(manager, "for_user") and not manager.for_user(user, "view").filter(pk=item.pk).exists():
            return False
        if item is not obj and protection.hidden_fields(user, item):
            return False
    return True


def log_bulk_created(objs) -> list[AuditEntry]:
    """Audit rows inserted without signals (a raw insert, a fixture load): one *create* entry per
    saved row that has none yet, with every field as "after".

    Rows saved with ``QuerySet.bulk_create`` need no call: :mod:`cctns.audit.bulk` audits them
    as they are inserted; calling this on them again adds nothing.
    """
    from .bulk import entries_for

    rows = [obj for obj in objs if obj.pk is not None]
    if not rows:
        return []
    ct = ContentType.objects.get_for_model(rows[0].__class__)
    done = set(AuditEntry.objects.filter(content_type=ct, kind=Kind.CREATE,
                                         object_pk__in=[str(o.pk) for o in rows])
               .values_list("object_pk", flat=True))
    out = []
    for entry in entries_for([o for o in rows if str(o.pk) not in done]):
        entry.save()
        out.append(entry)
    return out
