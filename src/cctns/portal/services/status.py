"""What a citizen is told about an application: its status and its steps so far, found by the
acknowledgement (or FIR) number together with the registered mobile number, or listed for the
signed-in citizen. The 90-day progress report of BNSS s.193(3)(ii) is shown once an FIR exists."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.registration.constants import ISSUED_STATUSES, ComplaintStatus
from cctns.registration.models import FIR

from ..models import EFIR, ComplaintFiling, EFIRStatus
from .common import normalise_mobile, normalise_reference

#: BNSS s.193(3)(ii): the police inform the informant or victim of the progress of the
#: investigation within ninety days.
PROGRESS_DAYS = 90


@dataclass
class Step:
    label: str
    at: datetime.datetime | None = None
    done: bool = True


@dataclass
class StatusReport:
    """``kind`` (``complaint``/``efir``/``fir``), the public ``reference``, the station, the
    current ``status`` text, the ``steps`` so far, the FIR (when one exists, with
    ``fir_copy_allowed``), and ``progress_due`` (BNSS s.193(3)(ii): a date) with
    ``progress_overdue``."""

    kind: str
    reference: str
    station: object
    status: str
    record: object
    steps: list[Step] = field(default_factory=list)
    fir: FIR | None = None
    progress_due: datetime.date | None = None
    progress_overdue: bool = False
    note: str = ""


def _progress(report: StatusReport, fir: FIR | None, now) -> None:
    if fir is not None and fir.status in ISSUED_STATUSES and fir.registered_at:
        report.fir = fir
        report.progress_due = timezone.localtime(fir.registered_at).date() + datetime.timedelta(days=PROGRESS_DAYS)
        report.progress_overdue = timezone.localdate(now) > report.progress_due


def complaint_report(filing: ComplaintFiling, now=None) -> StatusReport:
    now = now or timezone.now()
    c = filing.complaint
    report = StatusReport("complaint", filing.reference, filing.police_station, c.get_status_display(), filing)
    report.steps.append(Step(_("Filed online and received at the police station as complaint %(number)s") % {"number": c.number},
                             filing.submitted_at))
    enquiry = getattr(c, "enquiry", None) if hasattr(c, "enquiry") else None
    if enquiry is not None:
        report.steps.append(Step(_("Sent for a preliminary enquiry, to be completed by %(date)s")
                                 % {"date": enquiry.deadline.strftime("%d/%m/%Y")}, enquiry.started_at))
    if c.outcome:
        text = {ComplaintStatus.FIR_REGISTERED: _("FIR registered"), ComplaintStatus.NCR_REGISTERED: _("Recorded as a non-cognizable report"),
                ComplaintStatus.CLOSED: _("Closed with reasons")}.get(c.status, c.get_status_display())
        report.steps.append(Step(text, c.outcome_at))
        if c.status == ComplaintStatus.CLOSED:
            report.note = c.outcome_reason
    fir = c.firs.filter(status__in=ISSUED_STATUSES).first()
    _progress(report, fir, now)
    return report


def efir_report(efir: EFIR, now=None) -> StatusReport:
    now = now or timezone.now()
    report = StatusReport("efir", efir.reference, efir.police_station, efir.get_status_display(), efir)
    report.steps.append(Step(_("Submitted online"), efir.submitted_at))
    if efir.status == EFIRStatus.SUBMITTED:
        report.steps.append(Step(_("Sign it at the police station by %(due)s")
                                 % {"due": timezone.localtime(efir.sign_by).strftime("%d/%m/%Y %H:%M")}, None, done=False))
    elif efir.status == EFIRStatus.SIGNED:
        report.steps.append(Step(_("Signed at the police station"), efir.signed_at))
        if efir.fir is not None and efir.fir.status in ISSUED_STATUSES:
            report.steps.append(Step(_("FIR %(number)s registered") % {"number": efir.fir.number}, efir.fir.registered_at))
        else:
            report.steps.append(Step(_("Awaiting the SHO's approval"), None, done=False))
    else:
        report.steps.append(Step(_("Lapsed"), efir.lapsed_at))
        report.note = efir.lapse_reason
    _progress(report, efir.fir, now)
    return report


def report_for(record, now=None) -> StatusReport:
    if isinstance(record, ComplaintFiling):
        return complaint_report(record, now)
    if isinstance(record, EFIR):
        return efir_report(record, now)
    for kind, builder in _EXTRA_BUILDERS:
        if isinstance(record, kind):
            return builder(record, now)
    raise TypeError(type(record))


#: ``[(model, builder)]`` added by the other portal services (verifications, NOCs …).
_EXTRA_BUILDERS: list = []
#: ``[(model, reference prefix)]`` searched by :func:`track`.
_TRACKED: list = [(ComplaintFiling, "CP"), (EFIR, "EF")]


def register_tracked(model, prefix: str, builder) -> None:
    _TRACKED.append((model, prefix))
    _EXTRA_BUILDERS.append((model, builder))


def track(number: str, mobile: str, now=None) -> StatusReport | None:
    """The status of the application whose acknowledgement number (or FIR number, ``0042/2026``)
    is ``number`` and whose registered mobile is ``mobile``; ``None`` when nothing matches both
    (the same answer whether the number exists or not, so numbers cannot be probed)."""
    try:
        mobile = normalise_mobile(mobile)
    except Exception:  # noqa: BLE001 - a malformed number matches nothing
        return None
    ref = normalise_reference(number)
    for model, prefix in _TRACKED:
        if ref.startswith(prefix + "-"):
            record = model.objects.select_related("citizen", "police_station").filter(reference=ref, citizen__mobile=mobile).first()
            return report_for(record, now) if record is not None else None
    if "/" in ref:  # an FIR number: the FIR of an e-FIR or of a complaint filed from this number
        efir = EFIR.objects.select_related("fir", "police_station").filter(fir__number=ref, citizen__mobile=mobile).first()
        if efir is not None:
            return efir_report(efir, now)
        filing = (ComplaintFiling.objects.select_related("complaint", "police_station")
                  .filter(complaint__firs__number=ref, citizen__mobile=mobile).first())
        if filing is not None:
            return complaint_report(filing, now)
    return None


def applications_of(citizen) -> list:
    """Every application of ``citizen``, newest first (only theirs: filtered by the citizen)."""
    rows = []
    for model, _prefix in _TRACKED:
        rows.extend(model.objects.filter(citizen=citizen).select_related("police_station"))
    rows.sort(key=lambda r: r.submitted_at, reverse=True)
    return rows


def _verification_report(req, now=None) -> StatusReport:
    report = StatusReport("verification", req.reference, req.police_station, req.get_status_display(), req)
    report.steps.append(Step(_("Filed online, with the consent of the person verified"), req.submitted_at))
    if req.status == "submitted":
        report.steps.append(Step(_("Enquiry by the police station, due by %(date)s")
                                 % {"date": timezone.localtime(req.due_by).strftime("%d/%m/%Y")}, None, done=False))
    else:
        report.steps.append(Step(_("Completed: %(result)s") % {"result": req.get_result_display()}, req.decided_at))
    return report


def _permission_report(req, now=None) -> StatusReport:
    report = StatusReport("permission", req.reference, req.police_station, req.get_status_display(), req)
    report.steps.append(Step(_("Requested online"), req.submitted_at))
    if req.status == "submitted":
        report.steps.append(Step(_("Decision of the SHO"), None, done=False))
    else:
        report.steps.append(Step(req.get_status_display(), req.decided_at))
        report.note = req.conditions or req.decision_reason
    return report


def _lost_report(rep, now=None) -> StatusReport:
    report = StatusReport("lost", rep.reference, rep.police_station, _("Recorded"), rep)
    report.steps.append(Step(_("Lost-article report recorded"), rep.submitted_at))
    return report


def _register_builtin() -> None:
    from ..models import LostArticleReport, PermissionRequest, VerificationRequest

    register_tracked(VerificationRequest, "PV", _verification_report)
    register_tracked(PermissionRequest, "PP", _permission_report)
    register_tracked(LostArticleReport, "LA", _lost_report)


_register_builtin()


def _noc_report(noc, now=None) -> StatusReport:
    report = StatusReport("noc", noc.reference, noc.police_station, noc.get_status_display(), noc)
    report.steps.append(Step(_("Vehicle checked against vehicles reported stolen or lost"), noc.submitted_at))
    return report


def _register_noc() -> None:
    from ..models import VehicleNOC

    register_tracked(VehicleNOC, "NV", _noc_report)


_register_noc()
