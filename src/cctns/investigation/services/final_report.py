"""IIF-5 Final Report services: prepare (draft), correct, submit, approve (files it: the case
moves to *final report filed*) or return; communicate the action taken to the informant.

Legal sources: BNSS s.193(3) (the report to the magistrate; the action taken told to the first
informant), s.193(9) (further investigation: supplementary report), DOMAIN.md "What each form
holds" (IIF-5 contents, closure classes).
"""

import datetime

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.alerts import close_alerts
from cctns.core.numbering import display_number, local_date, next_number
from cctns.registration.constants import FIRStatus, GDKind
from cctns.registration.models import FIR
from cctns.registration.services.common import resolve_sections
from cctns.registration.services.gd import add_gd_entry
from cctns.registration.validation import UnresolvedSection

from .. import lifecycle
from ..constants import (
    ClosureClass,
    CommunicationKind,
    CommunicationMode,
    CustodyStatus,
    ReportKind,
    ReportStatus,
)
from ..models import CaseEvent, FinalReport, FinalReportAccused, InformantCommunication

#: Fields of the report given in ``data``.
REPORT_FIELDS = ["kind", "closure_class", "reasons", "sections", "witnesses", "documents", "property_items",
                 "medical_report", "electronic_evidence_custody", "accused"]
WITNESS_FIELDS = ["name", "relative_name", "address", "kind", "statement"]
ACCUSED_FIELDS = ["code", "sent_up", "custody_status", "sections", "remarks"]
OPEN = (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED)


def chargesheet_alert_key(fir: FIR) -> str:
    """The key of the s.187(3) charge-sheet alert raised by the arrests services from the first remand."""
    return f"chargesheet:{fir.global_id}"


def _labels(refs, errors, field) -> list[dict]:
    out = []
    for i, (section, label) in enumerate(resolve_sections(refs or [])):
        if isinstance(section, UnresolvedSection):
            errors[f"{field}.{i}" if field != "sections" else field] = _("Unknown section: %(ref)s.") % {"ref": section}
            continue
        out.append({"id": section.pk, "label": f"{section.act.code} {label or section.number}"})
    return out


def _rows(rows, fields, errors, field, required=("name",)) -> list[dict]:
    out = []
    for i, row in enumerate(rows or []):
        if isinstance(row, str):
            row = {fields[0]: row}
        if not isinstance(row, dict) or set(row) - set(fields):
            errors[f"{field}.{i}"] = _("Unknown field.")
            continue
        clean = {k: str(row.get(k) or "").strip() for k in fields}
        if not any(clean.values()):
            continue
        for k in required:
            if not clean[k]:
                errors[f"{field}.{i}.{k}"] = _("This is required.")
        out.append(clean)
    return out


def clean_report(fir: FIR, data: dict) -> tuple[dict, list[dict]]:
    """Check the report's ``data`` (shape only; completeness is checked on submission) and return
    ``(fields, accused_rows)``. ``accused`` rows name the FIR's accused by ``code`` (A1 …), with
    ``sent_up``, ``custody_status`` (:class:`CustodyStatus`), ``sections`` (references as for
    FIRs), ``remarks``. Raises ``ValidationError`` per field."""
    errors: dict[str, str] = {k: _("Unknown field.") for k in sorted(set(data) - set(REPORT_FIELDS))}
    kind = data.get("kind")
    if kind not in ReportKind.values:
        errors["kind"] = _("Choose charge-sheet or closure report.")
    clean = {"kind": kind or "", "reasons": str(data.get("reasons") or "").strip(),
             "medical_report": str(data.get("medical_report") or "").strip(),
             "electronic_evidence_custody": str(data.get("electronic_evidence_custody") or "").strip()}
    closure_class = data.get("closure_class") or ""
    if closure_class and closure_class not in ClosureClass.values:
        errors["closure_class"] = _("Choose the class of closure.")
    clean["closure_class"] = closure_class if kind == ReportKind.CLOSURE else ""
    clean["sections"] = _labels(data.get("sections"), errors, "sections")
    clean["witnesses"] = _rows(data.get("witnesses"), WITNESS_FIELDS, errors, "witnesses")
    clean["documents"] = _rows(data.get("documents"), ["description"], errors, "documents", required=("description",))
    clean["property_items"] = _rows(data.get("property_items"), ["description", "where_kept"], errors, "property_items",
                                    required=("description",))
    by_code = {a.code.upper(): a for a in fir.accused.all()}
    accused = []
    seen = set()
    for i, row in enumerate(data.get("accused") or []):
        if not isinstance(row, dict) or set(row) - set(ACCUSED_FIELDS):
            errors[f"accused.{i}"] = _("Unknown field.")
            continue
        code = str(row.get("code") or "").strip().upper()
        if code not in by_code:
            errors[f"accused.{i}.code"] = _("%(code)s is not an accused of this FIR.") % {"code": code or "—"}
            continue
        if code in seen:
            errors[f"accused.{i}.code"] = _("%(code)s is given twice.") % {"code": code}
            continue
        seen.add(code)
        sent_up = bool(row.get("sent_up", True))
        custody = row.get("custody_status") or (CustodyStatus.NOT_SENT_UP if not sent_up else "")
        if custody not in CustodyStatus.values:
            errors[f"accused.{i}.custody_status"] = _("Give the arrest, bail or custody status.")
        elif sent_up and custody == CustodyStatus.NOT_SENT_UP:
            errors[f"accused.{i}.custody_status"] = _("An accused sent up for trial has an arrest, bail or custody status.")
        accused.append({"accused": by_code[code], "code": code, "sent_up": sent_up, "custody_status": custody,
                        "sections": _labels(row.get("sections"), errors, f"accused.{i}.sections"),
                        "remarks": str(row.get("remarks") or "").strip()})
    if errors:
        raise ValidationError(errors)
    return clean, accused


def _check_complete(report: FinalReport, fir: FIR) -> None:
    """What a report must hold before it goes for approval."""
    from .deadlines import is_two_month_case

    errors = {}
    if report.kind == ReportKind.CHARGESHEET:
        sent = [a for a in report.accused.all() if a.sent_up]
        if not sent:
            errors["accused"] = _("A charge-sheet sends up at least one accused.")
        if not report.sections:
            errors["sections"] = _("Give the sections charged.")
        if not report.witnesses:
            errors["witnesses"] = _("List the witnesses.")
        if is_two_month_case(fir) and not report.medical_report:
            errors["medical_report"] = _("The medical report is part of the charge-sheet in a sexual offence.")
    else:
        if not report.closure_class:
            errors["closure_class"] = _("Choose the class of closure.")
        if not report.reasons:
            errors["reasons"] = _("Give the reasons for closing the case.")
    if errors:
        raise ValidationError(errors)


def _save_accused(report: FinalReport, rows: list[dict]) -> None:
    FinalReportAccused.objects.filter(report=report).delete()  # a draft's list is replaced whole
    FinalReportAccused.objects.bulk_create([FinalReportAccused(report=report, **row) for row in rows])


def prepare_final_report(fir: FIR, user, data: dict, *, now: datetime.datetime | None = None) -> FinalReport:
    """The IO (or the SHO) prepares the final report of ``fir`` as a draft; returns it.

    ``data``: ``kind`` (``chargesheet`` / ``closure``), ``closure_class`` (:class:`ClosureClass`),
    ``reasons``, ``sections`` (references as for FIRs), ``witnesses`` (``{name, relative_name,
    address, kind, statement}``), ``documents`` (``{description}``), ``property_items``
    (``{description, where_kept}``), ``medical_report``, ``electronic_evidence_custody``,
    ``accused`` (see :func:`clean_report`). One open (unfiled) report per case; the case must be
    under investigation. Raises ``ValidationError`` per field (``fir`` for permission/status).
    """
    at = now or timezone.now()
    if not rules.has_perm("investigation.prepare_final_report", user, fir):
        raise ValidationError({"fir": ValidationError(_("Only the case's investigating officer or the station's SHO prepares the final report."), code="not_permitted")})
    clean, accused = clean_report(fir, data)
    with transaction.atomic():
        fir = FIR.objects.select_for_update(of=("self",)).select_related("police_station").get(pk=fir.pk)
        if fir.status != FIRStatus.UNDER_INVESTIGATION:
            raise ValidationError({"fir": _("A final report is prepared while the case is under investigation.")})
        if FinalReport.objects.filter(fir=fir, status__in=OPEN).exists():
            raise ValidationError({"fir": _("This case already has a final report in preparation.")})
        supplementary = FinalReport.objects.filter(fir=fir, status=ReportStatus.FILED).exists()
        report = FinalReport.objects.create(fir=fir, prepared_by=user, prepared_at=at, supplementary=supplementary,
                                            created_by=user, origin_unit=fir.police_station, **clean)
        _save_accused(report, accused)
    return report


def _locked(report: FinalReport) -> FinalReport:
    return FinalReport.objects.select_for_update(of=("self",)).select_related("fir__police_station").get(pk=report.pk)


def update_final_report(report: FinalReport, user, data: dict, *, now: datetime.datetime | None = None) -> FinalReport:
    """Correct a draft or returned report (the whole ``data`` as for :func:`prepare_final_report`).
    Raises ``ValidationError``."""
    if not rules.has_perm("investigation.prepare_final_report", user, report.fir):
        raise ValidationError({"fir": ValidationError(_("Only the case's investigating officer or the station's SHO prepares the final report."), code="not_permitted")})
    clean, accused = clean_report(report.fir, data)
    with transaction.atomic():
        report = _locked(report)
        if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ValidationError({"status": _("Only a draft or returned report can be corrected.")})
        for k, v in clean.items():
            setattr(report, k, v)
        report.save()
        _save_accused(report, accused)
    return report


def submit_final_report(report: FinalReport, user, *, now: datetime.datetime | None = None) -> FinalReport:
    """Send a draft or returned report for approval once it is complete (charge-sheet: an accused
    sent up, sections, witnesses, the medical report in a sexual offence; closure: its class and
    reasons). Raises ``ValidationError``."""
    at = now or timezone.now()
    if not rules.has_perm("investigation.prepare_final_report", user, report.fir):
        raise ValidationError({"fir": ValidationError(_("Only the case's investigating officer or the station's SHO prepares the final report."), code="not_permitted")})
    with transaction.atomic():
        report = _locked(report)
        if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ValidationError({"status": _("Only a draft or returned report can be submitted.")})
        _check_complete(report, report.fir)
        report.status, report.submitted_at = ReportStatus.SUBMITTED, at
        report.save()
    return report


def return_final_report(report: FinalReport, approver, remarks: str, *, now: datetime.datetime | None = None) -> FinalReport:
    """The SHO / DSP returns a submitted report for correction, with remarks. Raises ``ValidationError``."""
    at = now or timezone.now()
    if not rules.has_perm("investigation.approve_final_report", approver, report.fir):
        raise ValidationError({"fir": ValidationError(_("Only the station's SHO or a supervisory officer of DSP rank or above approves the final report."), code="not_permitted")})
    if not (remarks or "").strip():
        raise ValidationError({"remarks": _("Say what is to be corrected.")})
    with transaction.atomic():
        report = _locked(report)
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError({"status": _("Only a submitted report can be returned.")})
        report.status, report.decided_by, report.decided_at, report.decision_remarks = (
            ReportStatus.RETURNED, approver, at, remarks.strip())
        report.save()
    return report


def _filed_report_exists(fir, by, at, outcome) -> None:
    if not FinalReport.objects.filter(fir=fir, status=ReportStatus.FILED, filed_event__isnull=True).exists():
        raise ValidationError({"to_status": _("The case moves to “final report filed” only when a final report is approved.")})


lifecycle.register_guard(FIRStatus.UNDER_INVESTIGATION, FIRStatus.FINAL_REPORT_FILED, _filed_report_exists)


def approve_final_report(report: FinalReport, approver, remarks: str = "", *, communicate: dict | None = None,
                         now: datetime.datetime | None = None) -> FinalReport:
    """Approve a submitted report: it is *filed*, takes its number (``0012/2026``, per station per
    IST year, gapless) and the case moves to *final report filed* through
    :func:`cctns.investigation.lifecycle.transition` (event and GD entry). The s.187(3)
    charge-sheet alert of the case (key ``chargesheet:<FIR global id>``) is closed.

    The approver is the station's SHO or a supervisory officer of DSP rank or above over it, and
    not the report's author (an SHO's own report goes to the DSP). ``communicate`` (optional,
    ``{"mode", "note"}``) records at once that the action taken was told to the informant (BNSS
    s.193(3)); otherwise an alert reminds the station. Raises ``ValidationError``.
    """
    at = now or timezone.now()
    if not rules.has_perm("investigation.approve_final_report", approver, report.fir):
        raise ValidationError({"fir": ValidationError(_("Only the station's SHO or a supervisory officer of DSP rank or above approves the final report."), code="not_permitted")})
    with transaction.atomic():
        report = _locked(report)
        if report.status != ReportStatus.SUBMITTED:
            raise ValidationError({"status": _("Only a submitted report can be approved.")})
        if report.prepared_by_id == approver.pk:
            raise ValidationError({"fir": _("A report is approved by an officer other than the one who prepared it.")})
        fir = report.fir
        year = local_date(at).year
        report.serial = next_number(f"FR:{fir.police_station_id}", year)
        report.year, report.number = year, display_number(report.serial, year)
        report.status, report.decided_by, report.decided_at, report.decision_remarks = (
            ReportStatus.FILED, approver, at, (remarks or "").strip())
        report.filed_at = at
        report.save()
        reason = _("%(kind)s %(number)s approved and filed.") % {"kind": report.get_kind_display(), "number": report.number}
        fir = lifecycle.transition(fir, FIRStatus.FINAL_REPORT_FILED, by=approver, reason=reason, at=at)
        report.filed_event = CaseEvent.objects.filter(fir=fir).order_by("-at", "-id").first()
        report.save()
        close_alerts(key=chargesheet_alert_key(fir), by=approver, reason=reason)
        if communicate:
            record_informant_communication(fir, approver, CommunicationKind.FINAL_REPORT, communicate.get("mode"),
                                           final_report=report, note=communicate.get("note", ""), at=at)
    return report


def record_informant_communication(fir: FIR, user, kind: str, mode: str, *, final_report: FinalReport | None = None,
                                   note: str = "", at: datetime.datetime | None = None) -> InformantCommunication:
    """Record that the informant / victim was told of the progress of the investigation (BNSS
    s.193(3)(ii), within 90 days) or of the action taken on the final report (s.193(3)), how
    and when; a GD entry is written. For a final-report communication the filed report is
    ``final_report`` (default: the case's latest filed report). The case's IO or an officer of
    its station (``investigation.inform_informant``). Raises ``ValidationError``."""
    now = timezone.now()
    at = at or now
    if not rules.has_perm("investigation.inform_informant", user, fir):
        raise ValidationError({"fir": ValidationError(_("Only the case's investigating officer or an officer of its station records this."), code="not_permitted")})
    errors = {}
    if kind not in CommunicationKind.values:
        errors["kind"] = _("Say what was communicated.")
    if mode not in CommunicationMode.values:
        errors["mode"] = _("Say how it was communicated.")
    if at > now + lifecycle.CLOCK_SKEW:
        errors["at"] = _("This time is in the future.")
    elif fir.registered_at and at < fir.registered_at:
        errors["at"] = _("The time cannot be before the FIR was registered.")
    if kind == CommunicationKind.FINAL_REPORT:
        final_report = final_report or FinalReport.objects.filter(fir=fir, status=ReportStatus.FILED).order_by("-filed_at").first()
        if final_report is None or final_report.status != ReportStatus.FILED:
            errors["kind"] = _("No final report has been filed in this case yet.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = InformantCommunication.objects.create(
            fir=fir, final_report=final_report if kind == CommunicationKind.FINAL_REPORT else None, kind=kind, mode=mode,
            communicated_at=at, communicated_by=user, note=(note or "").strip(), created_by=user,
            origin_unit=fir.police_station)
        add_gd_entry(fir.police_station, user, GDKind.GENERAL,
                     _("FIR %(number)s: the informant was told of %(what)s (%(how)s).") % {
                         "number": fir.number, "what": row.get_kind_display(), "how": row.get_mode_display()},
                     record=fir, now=at, check_permission=False)
        from .deadlines import refresh_deadlines

        refresh_deadlines(fir)
    return row
