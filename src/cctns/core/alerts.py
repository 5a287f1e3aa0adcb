"""Alerts: the inbox of every officer and unit (DESIGN.md §4 deadlines, §5 match hits).

An app declares the kinds of alert it raises once, at import time::

    from cctns.core.alerts import AlertKind, register_kind
    CHARGESHEET_DUE = register_kind(AlertKind(
        "chargesheet_due", _("Charge-sheet due"),
        _("Charge-sheet in FIR %(fir)s is due by %(due)s (BNSS s.187(3))."),
    ))

and then raises and closes alerts by a stable ``key`` of its choosing (one alert per key)::

    raise_alert(key=f"chargesheet:{fir.global_id}", kind=CHARGESHEET_DUE, unit=fir.police_station,
                user=fir.io, record=fir, url=fir.get_absolute_url(), due_at=due,
                params={"fir": fir.number_display})
    close_alerts(key=f"chargesheet:{fir.global_id}", reason="charge-sheet filed")

Raising again with the same key updates the alert (a recomputed deadline moves, a closed alert
whose condition came back reopens), so services can recompute whenever facts change. The
message is rendered in the reader's language when shown (:func:`message`), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

from .models import Alert, Unit

#: An alert whose due time is this close is "due soon" (:func:`urgency`).
DUE_SOON = timedelta(days=3)


@dataclass(frozen=True)
class AlertKind:
    """A kind of alert: a stable ``code`` (stored), a short ``label`` and a ``message`` with
    ``%(name)s`` placeholders filled from the alert's ``params`` (both lazily translated)."""

    code: str
    label: str | Promise
    message: str | Promise


_KINDS: dict[str, AlertKind] = {}


def register_kind(kind: AlertKind) -> AlertKind:
    """Declare an alert kind; returns it, so a module can keep it as a constant.

    Raises ``ValueError`` when another kind already uses the code."""
    existing = _KINDS.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"alert kind {kind.code!r} is already registered")
    _KINDS[kind.code] = kind
    return kind


def kind_of(alert: Alert) -> AlertKind | None:
    """The registered kind of ``alert`` (``None`` if its app no longer declares it)."""
    return _KINDS.get(alert.kind)


def kinds() -> list[AlertKind]:
    """Every registered kind, by code."""
    return sorted(_KINDS.values(), key=lambda k: k.code)


def _display_param(value):
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and "T" in value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "DATETIME_FORMAT")
    return value


def message(alert: Alert) -> str:
    """The alert's text in the active language; ISO date-time parameters are shown as local
    date-times. An unknown kind or a missing parameter gives the kind code, never an error."""
    kind = kind_of(alert)
    if kind is None:
        return alert.kind
    params = {k: _display_param(v) for k, v in (alert.params or {}).items()}
    try:
        return str(kind.message) % params
    except (KeyError, TypeError, ValueError):
        return str(kind.label)


def _jsonable(params: dict | None) -> dict:
    out = {}
    for k, v in (params or {}).items():
        out[k] = v.isoformat() if isinstance(v, datetime) else (v if isinstance(v, (int, float, bool)) or v is None else str(v))
    return out


def raise_alert(
    *, key: str, kind: AlertKind | str, unit: Unit, user=None, record=None, url: str = "",
    due_at: datetime | None = None, params: dict | None = None,
) -> Alert:
    """Open (or update) the alert identified by ``key`` in ``unit``'s inbox, addressed to
    ``user`` when one officer must act (else to everyone posted to ``unit``).

    ``record`` is any model instance with a ``global_id`` (police records) — its type and id are
    kept so that the alert can be found from the record. ``params`` values must be strings,
    numbers or datetimes (stored as ISO text), and never a protected value (a victim's name, an
    identity document): an inbox is seen by every officer of the unit, so name the record by its
    number and let the linked page apply the protection policy. Returns the alert. Raises ``ValueError`` for an
    unregistered kind.
    """
    code = kind.code if isinstance(kind, AlertKind) else kind
    if code not in _KINDS:
        raise ValueError(f"unknown alert kind {code!r}")
    values = {
        "kind": code, "unit": unit, "user": user, "url": url, "due_at": due_at,
        "params": _jsonable(params),
        "record_type": record._meta.label_lower if record is not None else "",
        "record_id": getattr(record, "global_id", None) if record is not None else None,
        "state": Alert.State.OPEN, "closed_at": None, "closed_by": None, "close_reason": "",
    }
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(key=key).first()
        if alert is None:
            return Alert.objects.create(key=key, **values)
        changed = alert.state != Alert.State.OPEN or alert.due_at != due_at or alert.user_id != getattr(user, "pk", None)
        for field, value in values.items():
            setattr(alert, field, value)
        if changed:
            alert.acknowledged_at = None
            alert.acknowledged_by = None
        alert.save()
        return alert


def close_alerts(*, key: str | None = None, prefix: str | None = None, by=None, reason: str = "") -> int:
    """Close the open alert ``key`` (or every open alert whose key starts with ``prefix``)
    because its condition no longer holds; returns how many were closed. Closing an alert that
    is already closed, or does not exist, is not an error (services call this freely)."""
    if (key is None) == (prefix is None):
        raise ValueError("give exactly one of key and prefix")
    qs = Alert.objects.filter(state=Alert.State.OPEN)
    qs = qs.filter(key=key) if key is not None else qs.filter(key__startswith=prefix)
    return qs.update(
        state=Alert.State.CLOSED, closed_at=timezone.now(), closed_by=by, close_reason=reason[:300],
        updated_at=timezone.now(),
    )


def acknowledge(alert: Alert, user) -> Alert:
    """Record that ``user`` has seen the alert (it stays open until its condition is met)."""
    if alert.acknowledged_at is None:
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = user
        alert.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    return alert


def inbox_for(user) -> QuerySet[Alert]:
    """The open alerts in ``user``'s inbox: those addressed to them, and those addressed to their
    posting unit with no officer named; soonest due first. Empty for a user with no posting."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Alert.objects.none()
    mine = Q(user=user)
    if user.unit_id:
        mine |= Q(user__isnull=True, unit_id=user.unit_id)
    return (
        Alert.objects.filter(mine, state=Alert.State.OPEN)
        .select_related("unit", "user")
        .order_by("due_at", "-raised_at")
    )


def open_alerts_within(user) -> QuerySet[Alert]:
    """Every open alert of the units in ``user``'s jurisdiction (the supervisor's pendency view)."""
    return Alert.objects.for_user(user).filter(state=Alert.State.OPEN).select_related("unit", "user")


def urgency(alert: Alert, now: datetime | None = None) -> str:
    """``"overdue"`` (due time passed), ``"soon"`` (within :data:`DUE_SOON`) or ``"later"``
    (no due time, or further off)."""
    if alert.due_at is None:
        return "later"
    now = now or timezone.now()
    if alert.due_at < now:
        return "overdue"
    return "soon" if alert.due_at - now <= DUE_SOON else "later"


def alerts_for_record(record) -> QuerySet[Alert]:
    """Alerts (open and closed) raised about ``record`` (a police record with ``global_id``)."""
    return Alert.objects.filter(record_type=record._meta.label_lower, record_id=record.global_id)

