"""Case status changes caused by the court (DESIGN.md §3 case status: final report filed →
pending trial → disposed → appeal), made only through the investigation app's lifecycle
(:func:`cctns.investigation.lifecycle.transition`), so its rules (which move follows which, who
may make it) and its GD entry and case event apply to the court's changes too.

:func:`sync` works out the status the court records call for and makes the move:

- cognizance taken in a court case (final report filed) → *pending trial*;
- every accused of every court case of the FIR disposed (IIF-6) → *disposed*, with the case
  outcome of :func:`case_outcome`;
- an appeal pending (IIF-7) → *appeal*; every appeal decided → *disposed* again, with the
  outcome after appeal; an appeal remanded for retrial → *pending trial* (the retrial is a new
  court case of the FIR).

A user whom the lifecycle does not allow to make the move (an ICJS court-system account posting
a disposal, say) still has the court record saved; the station is then told in its inbox that the
case status is to be confirmed (alert ``court_status_to_confirm``), and any station officer
confirms it from the court case page (:func:`sync` again).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.investigation import lifecycle
from cctns.registration.constants import FIRStatus

from ..constants import AppealResult, CourtCaseStatus, Verdict

STATUS_TO_CONFIRM = register_kind(AlertKind(
    "court_status_to_confirm", _("Case status to confirm"),
    _("Court records of FIR %(fir)s call for the status “%(status)s”: confirm it on the court case page."),
))

#: Which verdict names the case's outcome when the accused were disposed differently: a
#: conviction of any accused makes the case "convicted" (as Crime in India counts a case once).
OUTCOME_ORDER = [Verdict.CONVICTED, Verdict.COMPOUNDED, Verdict.ACQUITTED, Verdict.DISCHARGED, Verdict.QUASHED,
                 Verdict.WITHDRAWN, Verdict.ABATED]

#: How an appeal result changes an accused's verdict (others leave it as it was).
_SET_ASIDE = {Verdict.CONVICTED: Verdict.ACQUITTED, Verdict.ACQUITTED: Verdict.CONVICTED}


def accused_verdicts(fir) -> dict[int, str]:
    """``{accused id: verdict}`` from the current disposals of the FIR's court cases, with a
    decided appeal applied (a conviction set aside is an acquittal and the reverse)."""
    from ..models import Appeal, Disposal

    verdicts = {d.accused_id: d.verdict for d in Disposal.objects.filter(court_case__fir=fir, superseded_at__isnull=True)
                .order_by("decided_on", "id")}
    for a in Appeal.objects.filter(court_case__fir=fir, superseded_at__isnull=True, result=AppealResult.SET_ASIDE).order_by(
            "result_on", "id"):
        if a.accused_id in verdicts:
            verdicts[a.accused_id] = _SET_ASIDE.get(verdicts[a.accused_id], verdicts[a.accused_id])
    return verdicts


def case_outcome(fir) -> str | None:
    """The lifecycle outcome of the whole case (a ``DisposalOutcome`` value) from
    :func:`accused_verdicts` by :data:`OUTCOME_ORDER`, or ``None`` with no disposal."""
    present = set(accused_verdicts(fir).values())
    return next((str(v) for v in OUTCOME_ORDER if v in present), None)


def wanted_status(fir) -> str | None:
    """The status the court records call for, or ``None`` when they call for no change."""
    from ..models import Appeal, CourtCase

    cases = CourtCase.objects.filter(fir=fir)
    if not cases.exists():
        return None
    current = Appeal.objects.filter(court_case__fir=fir, superseded_at__isnull=True)
    pending_case = cases.filter(status=CourtCaseStatus.PENDING)
    if fir.status == FIRStatus.APPEAL and current.filter(result=AppealResult.REMANDED).exists():
        return FIRStatus.PENDING_TRIAL
    if fir.status == FIRStatus.FINAL_REPORT_FILED and cases.filter(cognizance_on__isnull=False).exists():
        return FIRStatus.PENDING_TRIAL
    if fir.status == FIRStatus.PENDING_TRIAL and not pending_case.exists():
        return FIRStatus.DISPOSED
    if fir.status == FIRStatus.DISPOSED and current.filter(result=AppealResult.PENDING).exists():
        return FIRStatus.APPEAL
    if fir.status == FIRStatus.APPEAL and not current.filter(result=AppealResult.PENDING).exists():
        return FIRStatus.DISPOSED
    return None


def _reason(fir, to_status, court_case) -> str:
    where = f"{court_case.case_number}, {court_case.court_name}" if court_case else ""
    return {
        FIRStatus.PENDING_TRIAL: f"Court case {where}: cognizance taken or retrial ordered",
        FIRStatus.DISPOSED: f"Court case {where}: every accused disposed (IIF-6) or appeals decided (IIF-7)",
        FIRStatus.APPEAL: f"Court case {where}: appeal filed (IIF-7)",
    }.get(to_status, where)


def sync(court_case, user) -> str | None:
    """Make the move :func:`wanted_status` calls for, as ``user``, through the lifecycle; returns
    the new status, or ``None`` when no move was called for or ``user`` may not make it (then the
    station's inbox gets a ``court_status_to_confirm`` alert). Closes that alert once the status
    is where the court records put it. Errors of the lifecycle's guards propagate."""
    fir = court_case.fir
    fir.refresh_from_db(fields=["status"])
    key = f"court-status:{fir.global_id}"
    moved = None
    for _step in range(3):  # e.g. final report filed → pending trial → disposed in one sync
        to_status = wanted_status(fir)
        if to_status is None:
            break
        if not lifecycle.may(user, fir, to_status):
            raise_alert(key=key, kind=STATUS_TO_CONFIRM, unit=fir.police_station, record=fir,
                        url=reverse("prosecution:case_detail", args=[court_case.pk]),
                        params={"fir": fir.number, "status": str(FIRStatus(to_status).label)})
            return moved
        outcome = case_outcome(fir) if to_status == FIRStatus.DISPOSED else None
        fir = lifecycle.transition(fir, to_status, by=user, reason=_reason(fir, to_status, court_case), outcome=outcome)
        moved = to_status
    close_alerts(key=key, by=user, reason="status confirmed")
    return moved


def on_cognizance(court_case, user):
    return sync(court_case, user)


def on_disposed(court_case, user):
    return sync(court_case, user)


def on_appeal(court_case, user):
    return sync(court_case, user)


def on_appeal_decided(court_case, user):
    return sync(court_case, user)
