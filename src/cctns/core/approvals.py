"""Approvals: actions that need a superior's sign-off (issue 4 §4), as one general mechanism.

An app declares each action once, at import time::

    from cctns.core.approvals import ApprovalAction, register_action
    UNMARK_SENSITIVE = register_action(ApprovalAction(
        "registration.unmark_sensitive", _("Remove the sensitive mark of an FIR"),
        apply=_unmark, approver_rank=Rank.DSP, unit_of=lambda fir: fir.police_station,
        may_request=lambda user, fir: rules.has_perm("registration.correct_fir", user, fir),
        basis="BNS s.72",
    ))

and then proposes it; the action runs only when an approver approves::

    approval = request_approval(UNMARK_SENSITIVE, fir, user, reason="sections altered to BNS 115")
    decide(approval, dsp, approve=True, remarks="")      # runs _unmark(approval, fir, dsp)
    decide(approval, dsp, approve=False, remarks="...")  # returned; nothing applied

Rules: a reason is required; the requester may not decide their own request; an approver is an
active police officer (station or supervisory role; administrators and analysts do not approve
police actions) of at least ``approver_rank`` whose jurisdiction holds the request's unit;
returning needs remarks; a request is decided once. One pending request per action and record.
Every change of an :class:`~cctns.core.models.Approval` is audited (``cctns.audit``: the
request with its reason, the decision with its remarks, by whom), and the approvers see an
inbox alert (:mod:`cctns.core.alerts`, kind ``approval_pending``) at the nearest unit above the
record where officers of the required rank sit (``approver_unit_kind``), closed on decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import alerts
from .constants import STATION_ROLES, Rank, Role, UnitKind
from .models import Approval, Unit

APPROVAL_PENDING = alerts.register_kind(alerts.AlertKind(
    "approval_pending", _("Approval requested"),
    _("%(requester)s asks for approval: %(action)s (%(record)s)."),
))

#: The lowest rank that usually heads each level: where an approver of a given rank sits.
RANK_LEVEL = [
    (Rank.SP, UnitKind.DISTRICT),
    (Rank.DSP, UnitKind.SUBDIVISION),
    (Rank.INSPECTOR, UnitKind.POLICE_STATION),
]


@dataclass(frozen=True)
class ApprovalAction:
    """An action needing sign-off: ``code`` (stored), ``label`` (shown), ``apply(approval,
    record, approver)`` run on approval (inside the decision's transaction; raise
    ``ValidationError`` to refuse, which rolls the decision back), ``approver_rank`` (at least),
    ``unit_of(record) -> Unit`` (the unit whose superiors decide; default the record's
    ``police_station`` or ``unit``), ``may_request(user, record) -> bool`` (default: a police
    user whose jurisdiction holds the unit) and the legal ``basis``."""

    code: str
    label: str | Promise
    apply: Callable
    approver_rank: int = Rank.INSPECTOR
    unit_of: Callable | None = None
    may_request: Callable | None = None
    basis: str = ""


_ACTIONS: dict[str, ApprovalAction] = {}


def register_action(action: ApprovalAction) -> ApprovalAction:
    """Declare an action; returns it. ``ValueError`` if another action has the code."""
    existing = _ACTIONS.get(action.code)
    if existing is not None and existing != action:
        raise ValueError(f"approval action {action.code!r} is already registered")
    _ACTIONS[action.code] = action
    return action


def action_of(approval_or_code) -> ApprovalAction:
    """The registered action of an approval (or a code); ``ValueError`` if unknown."""
    code = approval_or_code.action if isinstance(approval_or_code, Approval) else getattr(
        approval_or_code, "code", approval_or_code)
    try:
        return _ACTIONS[code]
    except KeyError:
        raise ValueError(f"unknown approval action {code!r}") from None


def _unit_of(action: ApprovalAction, record) -> Unit:
    if action.unit_of is not None:
        return action.unit_of(record)
    for attr in ("police_station", "unit", "origin_unit"):
        unit = getattr(record, attr, None)
        if isinstance(unit, Unit):
            return unit
    if isinstance(record, Unit):
        return record
    raise ValueError(f"{record!r}: no unit to route the approval to")


def approver_unit(unit: Unit, rank: int) -> Unit:
    """Where approvers of ``rank`` sit for a request at ``unit``: the nearest unit at or above it
    of the level that rank heads (:data:`RANK_LEVEL`), else ``unit`` itself."""
    for floor, kind in RANK_LEVEL:
        if rank >= floor:
            found = unit.ancestor_of_kind(kind)
            if found is not None:
                return found
    return unit


def record_of(approval: Approval):
    """The record the approval acts on."""
    model = approval.content_type.model_class()
    return model._default_manager.get(pk=approval.object_pk)


def _is_police(user) -> bool:
    return bool(user and getattr(user, "is_authenticated", False) and user.is_active and user.unit_id)


def _within(user, unit: Unit) -> bool:
    root = user.jurisdiction_root()
    return root is not None and unit.path.startswith(root.path)


def can_decide(user, approval: Approval) -> bool:
    """Whether ``user`` may approve or return ``approval`` (see the module docstring)."""
    if not _is_police(user) or approval.requested_by_id == user.pk:
        return False
    if user.role not in {*STATION_ROLES, Role.SUPERVISOR} or user.rank < approval.approver_rank:
        return False
    return _within(user, approval.unit)


def request_approval(action: ApprovalAction | str, record, user, *, reason: str, params: dict | None = None) -> Approval:
    """Propose ``action`` on ``record`` by ``user`` with a ``reason``; returns the pending
    :class:`Approval` and alerts the approvers. Errors: ``ValidationError({"reason": …})``
    without a reason, ``ValidationError({"action": …})`` when the same action on the record is
    already pending; ``PermissionDenied`` when ``user`` may not request it."""
    action = action_of(action)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Record why the action is needed.")})
    unit = _unit_of(action, record)
    allowed = action.may_request(user, record) if action.may_request else (_is_police(user) and _within(user, unit))
    if not allowed:
        raise PermissionDenied(_("You may not request this action."))
    ct = ContentType.objects.get_for_model(record.__class__)
    from cctns.audit.context import audit_actor, audit_reason

    with transaction.atomic(), audit_reason(reason), audit_actor(user):
        if Approval.objects.filter(action=action.code, content_type=ct, object_pk=str(record.pk),
                                   status=Approval.Status.PENDING).select_for_update().exists():
            raise ValidationError({"action": _("This action is already awaiting approval.")})
        approval = Approval.objects.create(
            action=action.code, unit=unit, content_type=ct, object_pk=str(record.pk),
            record_label=_label(record),
            params=params or {}, reason=reason, approver_rank=action.approver_rank, requested_by=user,
        )
        alerts.raise_alert(
            key=f"approval:{approval.pk}", kind=APPROVAL_PENDING, unit=approver_unit(unit, action.approver_rank),
            record=record if hasattr(record, "global_id") else None, url=f"/api/v1/approvals/{approval.pk}/",
            params={"requester": user.get_username(), "action": str(action.label),
                    "record": approval.record_label or f"#{record.pk}"},
        )
    return approval


def _label(record) -> str:
    """How the record is named in inboxes: its number, else its kind and id (never ``str()``,
    which may be a person's name)."""
    number = getattr(record, "number", "") or getattr(record, "code", "")
    return str(number or f"{record._meta.verbose_name} #{record.pk}")[:200]


def decide(approval: Approval, user, *, approve: bool, remarks: str = "") -> Approval:
    """Approve (apply the action) or return ``approval`` with ``remarks``; returns it.

    Errors: ``PermissionDenied`` when ``user`` may not decide (:func:`can_decide`),
    ``ValidationError({"status": …})`` when it is no longer pending, ``ValidationError({"remarks":
    …})`` when returning without remarks; a ``ValidationError`` raised by the action's ``apply``
    rolls the decision back and reaches the caller."""
    remarks = (remarks or "").strip()
    if not approve and not remarks:
        raise ValidationError({"remarks": _("Say why the request is returned.")})
    from cctns.audit.context import audit_actor, audit_reason

    with transaction.atomic(), audit_reason(remarks or approval.reason), audit_actor(user):
        approval = Approval.objects.select_for_update().get(pk=approval.pk)
        if approval.status != Approval.Status.PENDING:
            raise ValidationError({"status": _("This request has already been decided.")})
        if not can_decide(user, approval):
            raise PermissionDenied(_("You may not decide this request."))
        action = action_of(approval)
        if approve:
            action.apply(approval, record_of(approval), user)
        approval.status = Approval.Status.APPROVED if approve else Approval.Status.RETURNED
        approval.decided_by, approval.decided_at, approval.remarks = user, timezone.now(), remarks
        approval.save()
        alerts.close_alerts(key=f"approval:{approval.pk}", by=user, reason=approval.status)
    return approval


def withdraw(approval: Approval, user, *, remarks: str = "") -> Approval:
    """The requester withdraws a pending request (``PermissionDenied`` for anyone else)."""
    from cctns.audit.context import audit_actor, audit_reason

    with transaction.atomic(), audit_reason(remarks or "withdrawn"), audit_actor(user):
        approval = Approval.objects.select_for_update().get(pk=approval.pk)
        if approval.requested_by_id != getattr(user, "pk", None):
            raise PermissionDenied(_("Only the requester may withdraw a request."))
        if approval.status != Approval.Status.PENDING:
            raise ValidationError({"status": _("This request has already been decided.")})
        approval.status, approval.decided_by, approval.decided_at = Approval.Status.WITHDRAWN, user, timezone.now()
        approval.remarks = (remarks or "").strip()
        approval.save()
        alerts.close_alerts(key=f"approval:{approval.pk}", by=user, reason="withdrawn")
    return approval


def pending_for(user) -> QuerySet[Approval]:
    """Pending requests ``user`` may decide: in their jurisdiction, of a rank they hold, not theirs."""
    if not _is_police(user) or user.role not in {*STATION_ROLES, Role.SUPERVISOR}:
        return Approval.objects.none()
    return (Approval.objects.for_user(user).filter(status=Approval.Status.PENDING, approver_rank__lte=user.rank)
            .exclude(requested_by=user).select_related("unit", "requested_by"))


def approvals_for(record) -> QuerySet[Approval]:
    """Every request (any status) about ``record``, newest first."""
    ct = ContentType.objects.get_for_model(record.__class__)
    return Approval.objects.filter(content_type=ct, object_pk=str(record.pk))
