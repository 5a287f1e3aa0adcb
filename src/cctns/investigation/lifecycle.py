"""The case lifecycle after registration: an explicit state machine over ``FIR.status``.

States (:class:`cctns.registration.constants.FIRStatus`)::

    registered ──► under_investigation ──► final_report_filed ──► pending_trial ──► disposed ──► appeal
                        ▲    ▲                    │    │                │  ▲           ▲          │  │
                        │    └── re-investigation ┘    └── disposed ────┼──┘(closure   │          │  │
                        └──────── further investigation ────────────────┘  accepted)   └──────────┘  │
                                                                  pending_trial ◄─── retrial ordered ┘

Each legal move is a row of :data:`TRANSITIONS` naming the ``rules`` permission that decides who
may make it (see :mod:`cctns.investigation.rules`), the kind of event it records and whether it
needs a disposal outcome. :func:`transition` is the only way the status moves past *registered*:
the Final Report (IIF-5) approval calls it for *final_report_filed*, and the prosecution app calls
it for *pending_trial*, *disposed* and *appeal*. Each move writes a :class:`CaseEvent` and a
General Diary entry at the FIR's station in one transaction.

Transfer of investigation (to another IO of the station, or by a supervisory officer to an
officer of another station under them) does not change the status: :func:`transfer_investigation`.

Legal sources: investigation and the final report, BNSS s.176–193; further investigation after a
final report, BNSS s.193(9); court disposal and appeal, IIF-6/IIF-7 (DOMAIN.md).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cctns.core.constants import STATION_ROLES, UnitKind
from cctns.registration.constants import FIRStatus, GDKind
from cctns.registration.models import FIR
from cctns.registration.services.gd import add_gd_entry

from .constants import CaseEventKind, DisposalOutcome
from .models import CaseEvent

S = FIRStatus

#: How far in the future a stated time may lie (clock drift between a client and the server).
CLOCK_SKEW = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class Transition:
    """One legal move: the ``rules`` permission (on the FIR) that decides who may make it, the
    kind of :class:`CaseEvent` it records, whether a disposal outcome is required, and a label."""

    perm: str
    kind: str = CaseEventKind.TRANSITION
    needs_outcome: bool = False
    label: str = ""


#: ``(from_status, to_status) → Transition``: every legal move of the lifecycle.
TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.REGISTERED, S.UNDER_INVESTIGATION): Transition(
        "investigation.start_investigation", label=gettext_lazy("Take up investigation")),
    (S.UNDER_INVESTIGATION, S.FINAL_REPORT_FILED): Transition(
        "investigation.approve_final_report", label=gettext_lazy("Final report filed")),
    (S.FINAL_REPORT_FILED, S.UNDER_INVESTIGATION): Transition(
        "investigation.order_reinvestigation", CaseEventKind.REINVESTIGATION,
        label=gettext_lazy("Further investigation ordered")),
    (S.FINAL_REPORT_FILED, S.PENDING_TRIAL): Transition(
        "investigation.record_court_result", label=gettext_lazy("Cognizance taken: pending trial")),
    (S.FINAL_REPORT_FILED, S.DISPOSED): Transition(
        "investigation.record_court_result", needs_outcome=True,
        label=gettext_lazy("Disposed (closure accepted or discharged)")),
    (S.PENDING_TRIAL, S.UNDER_INVESTIGATION): Transition(
        "investigation.order_reinvestigation", CaseEventKind.REINVESTIGATION,
        label=gettext_lazy("Further investigation ordered")),
    (S.PENDING_TRIAL, S.DISPOSED): Transition(
        "investigation.record_court_result", needs_outcome=True, label=gettext_lazy("Trial concluded")),
    (S.DISPOSED, S.APPEAL): Transition(
        "investigation.record_court_result", label=gettext_lazy("Appeal filed")),
    (S.APPEAL, S.DISPOSED): Transition(
        "investigation.record_court_result", needs_outcome=True, label=gettext_lazy("Appeal decided")),
    (S.APPEAL, S.PENDING_TRIAL): Transition(
        "investigation.record_court_result", label=gettext_lazy("Retrial ordered on appeal")),
}

#: The statuses of the lifecycle (the registration statuses before *registered* are not).
LIFECYCLE_STATUSES = [S.REGISTERED, S.UNDER_INVESTIGATION, S.FINAL_REPORT_FILED, S.PENDING_TRIAL,
                      S.DISPOSED, S.APPEAL]

#: Extra checks of a move, by ``(from, to)``: ``guard(fir, by, at, outcome)`` raises
#: ``ValidationError`` to refuse it. Other modules add theirs with :func:`register_guard`.
_GUARDS: dict[tuple[str, str], list[Callable]] = {}


def register_guard(from_status: str, to_status: str, guard: Callable) -> Callable:
    """Add a precondition to a move (e.g. "an approved final report exists"). ``guard(fir, by,
    at, outcome)`` raises ``ValidationError`` to refuse. Raises ``ValueError`` for a move that is
    not in :data:`TRANSITIONS`. Returns ``guard`` (usable as a decorator factory's result)."""
    if (from_status, to_status) not in TRANSITIONS:
        raise ValueError(f"no transition {from_status} -> {to_status}")
    guards = _GUARDS.setdefault((str(from_status), str(to_status)), [])
    if guard not in guards:
        guards.append(guard)
    return guard


def _needs_io(fir, by, at, outcome) -> None:
    if fir.io_id is None:
        raise ValidationError({"io": _("Assign an investigating officer before the investigation is taken up.")})


register_guard(S.REGISTERED, S.UNDER_INVESTIGATION, _needs_io)


def may(user, fir: FIR, to_status: str) -> bool:
    """Whether ``user`` may move ``fir`` from its current status to ``to_status`` (role and
    jurisdiction only; guards such as "an IO is assigned" are checked by :func:`transition`)."""
    rule = TRANSITIONS.get((fir.status, str(to_status)))
    return rule is not None and rules.has_perm(rule.perm, user, fir)


def allowed_transitions(fir: FIR, user) -> list[str]:
    """The statuses ``user`` may move ``fir`` to now, in lifecycle order (empty when none).

    Used by the pages and the API to offer only the moves the user may make."""
    return [str(to) for (frm, to) in TRANSITIONS if frm == fir.status and may(user, fir, to)]


def _check_at(fir: FIR, at: datetime.datetime, now: datetime.datetime) -> None:
    if timezone.is_naive(at):
        raise ValidationError({"at": _("Give the time with its time zone.")})
    if at > now + CLOCK_SKEW:
        raise ValidationError({"at": _("The time of the step cannot be in the future.")})
    if fir.registered_at and at < fir.registered_at:
        raise ValidationError({"at": _("The step cannot be earlier than the registration of the FIR.")})
    last = CaseEvent.objects.filter(fir=fir).order_by("-at", "-id").values_list("at", flat=True).first()
    if last is not None and at < last:
        raise ValidationError({"at": _("The step cannot be earlier than the previous step of the case.")})


def _gd_text(fir: FIR, rule: Transition, from_status: str, to_status: str, reason: str, outcome: str) -> str:
    params = {"number": fir.number, "from": FIRStatus(from_status).label, "to": FIRStatus(to_status).label,
              "reason": reason}
    if outcome:
        params["outcome"] = DisposalOutcome(outcome).label
        return _("FIR %(number)s: %(from)s → %(to)s (%(outcome)s): %(reason)s") % params
    return _("FIR %(number)s: %(from)s → %(to)s: %(reason)s") % params


def transition(fir: FIR, to_status: str, *, by, reason: str, at: datetime.datetime | None = None,
               outcome: str | None = None) -> FIR:
    """Move ``fir`` to ``to_status`` and return the FIR as saved.

    - ``by``: the user making the move; must hold the move's permission on the FIR
      (:data:`TRANSITIONS`, :mod:`cctns.investigation.rules`: role and jurisdiction).
    - ``reason``: required text (what happened: "charge-sheet 12/2026 approved", "order of the
      CJM dated …"), written to the GD and the event.
    - ``at``: when it happened (aware datetime; default now); not in the future, not before the
      FIR's registration nor before the case's previous step.
    - ``outcome``: a :class:`DisposalOutcome` value, required for moves to *disposed* and refused
      for the others.

    Writes a :class:`CaseEvent` (kind *transition* or *reinvestigation*) and a GD entry
    (kind *status change*) at the FIR's station. Raises ``ValidationError`` (translated, keyed by
    field: ``to_status`` for an illegal move or a role that may not make it, ``reason``,
    ``outcome``, ``at``, or the field a guard names).
    """
    to_status = str(to_status)
    now = timezone.now()
    at = at or now
    reason = (reason or "").strip()
    with transaction.atomic():
        fir = FIR.objects.select_for_update(of=("self",)).select_related("police_station").get(pk=fir.pk)
        from_status = fir.status
        rule = TRANSITIONS.get((from_status, to_status))
        if rule is None:
            raise ValidationError({"to_status": ValidationError(_("A case that is “%(from)s” cannot be moved to “%(to)s”.") % {
                    "from": FIRStatus(from_status).label if from_status in FIRStatus.values else from_status,
                    "to": FIRStatus(to_status).label if to_status in FIRStatus.values else to_status}, code="illegal_transition")})
        if not rules.has_perm(rule.perm, by, fir):
            raise ValidationError({"to_status": ValidationError(_("You may not move this case to “%(to)s”: %(who)s.") % {
                    "to": FIRStatus(to_status).label, "who": who_may(rule.perm)}, code="not_permitted")})
        if not reason:
            raise ValidationError({"reason": _("Give the reason for this step.")})
        if rule.needs_outcome:
            if outcome not in DisposalOutcome.values:
                raise ValidationError({"outcome": _("Choose the outcome of the case.")})
        elif outcome:
            raise ValidationError({"outcome": _("An outcome is recorded only when the case is disposed of.")})
        _check_at(fir, at, now)
        for guard in _GUARDS.get((from_status, to_status), []):
            guard(fir, by, at, outcome)
        fir.status = to_status
        fir.save()
        gd = add_gd_entry(fir.police_station, by, GDKind.STATUS_CHANGE,
                          _gd_text(fir, rule, from_status, to_status, reason, outcome or ""),
                          record=fir, now=at, check_permission=False)
        CaseEvent.objects.create(
            fir=fir, kind=rule.kind, from_status=from_status, to_status=to_status, outcome=outcome or "",
            reason=reason, at=at, by=by, gd_entry=gd, created_by=by, origin_unit=fir.police_station,
        )
    _after_change(fir)
    return fir


#: Functions called with the FIR after each lifecycle change (deadline alerts recompute).
_LISTENERS: list[Callable] = []


def on_change(func: Callable) -> Callable:
    """Register ``func(fir)`` to be called after every transition or transfer, in the caller's
    transaction (so an alert never disagrees with the status it follows)."""
    if func not in _LISTENERS:
        _LISTENERS.append(func)
    return func


def _after_change(fir: FIR) -> None:
    for func in list(_LISTENERS):
        func(fir)


_WHO = {
    "investigation.start_investigation": gettext_lazy("only the case's investigating officer or the station's SHO"),
    "investigation.approve_final_report": gettext_lazy(
        "only the station's SHO or a supervisory officer of DSP rank or above, on approving the final report"),
    "investigation.order_reinvestigation": gettext_lazy(
        "only the station's SHO (on the court's order) or a supervisory officer of DSP rank or above"),
    "investigation.record_court_result": gettext_lazy(
        "only an officer of the FIR's station or a supervisory officer of DSP rank or above over it"),
    "investigation.transfer_investigation": gettext_lazy(
        "only the station's SHO or a supervisory officer of DSP rank or above over it"),
}


def who_may(perm: str) -> str:
    """A sentence naming who holds ``perm`` (for refusal messages)."""
    return str(_WHO.get(perm, _("you do not hold the permission")))


def transfer_investigation(fir: FIR, *, by, to_io, reason: str, at: datetime.datetime | None = None) -> FIR:
    """Transfer the investigation of ``fir`` to another officer ``to_io`` (the status is kept).

    The SHO of the FIR's station may transfer it to another officer of the station; a supervisory
    officer of DSP rank or above over the station may also transfer it to an officer of any
    station in their jurisdiction (transfer of investigation by a superior officer; the new IO then
    counts among the case's officers through ``FIR.io``). Allowed while the case is *registered*
    or *under investigation* (after the final report, see re-investigation). ``to_io`` must be an
    active station officer of rank ``CCTNS_IO_MIN_RANK`` or above.

    Writes a :class:`CaseEvent` (kind *transfer*) and a GD entry (kind *IO assigned*).
    Raises ``ValidationError`` (keyed ``to_io``, ``reason``, ``status``, ``at``).
    """
    from cctns.core.constants import Rank
    from cctns.registration.services.fir import io_min_rank

    now = timezone.now()
    at = at or now
    reason = (reason or "").strip()
    with transaction.atomic():
        fir = FIR.objects.select_for_update(of=("self",)).select_related("police_station").get(pk=fir.pk)
        if not rules.has_perm("investigation.transfer_investigation", by, fir):
            raise ValidationError({"to_io": ValidationError(_("You may not transfer this investigation: %(who)s.") % {
                "who": who_may("investigation.transfer_investigation")}, code="not_permitted")})
        if fir.status not in (S.REGISTERED, S.UNDER_INVESTIGATION):
            raise ValidationError({"status": _("Only a case under investigation can be transferred to another officer.")})
        if not reason:
            raise ValidationError({"reason": _("Give the reason for the transfer.")})
        if to_io is None or not to_io.is_active or to_io.role not in STATION_ROLES or to_io.rank < io_min_rank():
            raise ValidationError({"to_io": _("The new investigating officer must be an active station officer of rank %(rank)s or above.")
                                   % {"rank": Rank(io_min_rank()).label}})
        if fir.io_id == to_io.pk:
            raise ValidationError({"to_io": _("This officer already investigates the case.")})
        unit = to_io.unit
        station = unit.parent if unit is not None and unit.kind == UnitKind.OUTPOST else unit
        same_station = station is not None and station.pk == fir.police_station_id
        if not same_station:
            root = by.jurisdiction_root() if rules.test_rule("investigation._senior_over", by, fir) else None
            if station is None or station.kind != UnitKind.POLICE_STATION or root is None or not station.path.startswith(root.path):
                raise ValidationError({"to_io": _("Only a supervisory officer of DSP rank or above may transfer the investigation to another station in their jurisdiction.")})
        _check_at(fir, at, now)
        previous = fir.io
        fir.io, fir.io_assigned_at = to_io, at
        fir.save()
        text = _("Investigation of FIR %(number)s transferred from %(previous)s to %(io)s (%(station)s): %(reason)s") % {
            "number": fir.number, "previous": previous or "—", "io": to_io, "station": station, "reason": reason}
        gd = add_gd_entry(fir.police_station, by, GDKind.IO_ASSIGNED, text, record=fir, now=at, check_permission=False)
        CaseEvent.objects.create(
            fir=fir, kind=CaseEventKind.TRANSFER, from_status=fir.status, to_status=fir.status, reason=reason,
            at=at, by=by, from_io=previous, to_io=to_io, gd_entry=gd, created_by=by, origin_unit=fir.police_station,
        )
    _after_change(fir)
    return fir
