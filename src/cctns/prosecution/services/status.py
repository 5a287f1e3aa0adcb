"""Case status changes caused by the court (DESIGN.md §3 case status: final report filed →
pending trial → disposed → appeal), made only through the investigation app's lifecycle
service ``cctns.investigation.lifecycle.transition`` so that its rules (who may, what comes
after what) and its GD / Case Diary entries apply to the court's changes too.

Each hook moves the FIR only from the status the court's event follows; an FIR in any other
status (a case registered in court on a remand before the final report, say) is left alone.
"""

from cctns.registration.constants import FIRStatus

from ..constants import AppealResult


def _transition(fir, to_status, by, reason):
    try:
        from cctns.investigation.lifecycle import transition
    except ImportError:  # the lifecycle is not merged yet: the court records stand, the status waits
        return None
    return transition(fir, to_status, by=by, reason=reason)


def on_cognizance(court_case, user):
    """Cognizance taken on a charge-sheeted case: *final report filed* → *pending trial*."""
    fir = court_case.fir
    if fir.status == FIRStatus.FINAL_REPORT_FILED:
        _transition(fir, FIRStatus.PENDING_TRIAL, user,
                    f"Cognizance taken by {court_case.court_name} in {court_case.case_number} on {court_case.cognizance_on}")


def on_disposed(court_case, user):
    """Every accused of every court case of the FIR disposed (IIF-6): *pending trial* → *disposed*."""
    fir = court_case.fir
    if fir.status == FIRStatus.PENDING_TRIAL:
        _transition(fir, FIRStatus.DISPOSED, user,
                    f"Disposed by {court_case.court_name} in {court_case.case_number} on {court_case.disposed_on}")


def on_appeal(court_case, user):
    """An appeal filed against a disposal (IIF-7): *disposed* → *appeal*."""
    fir = court_case.fir
    if fir.status == FIRStatus.DISPOSED:
        _transition(fir, FIRStatus.APPEAL, user, f"Appeal filed against the disposal in {court_case.case_number}")


def on_appeal_decided(court_case, user):
    """No appeal of the FIR pending any more: *appeal* → *disposed*."""
    from ..models import Appeal

    fir = court_case.fir
    pending = Appeal.objects.filter(court_case__fir=fir, result=AppealResult.PENDING, superseded_at__isnull=True)
    if fir.status == FIRStatus.APPEAL and not pending.exists():
        _transition(fir, FIRStatus.DISPOSED, user, f"Appeals decided in {court_case.case_number}")
