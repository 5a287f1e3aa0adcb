"""The rules of the court stage (issue 5 item 7; DOMAIN.md workflow "court case number → Court
Disposal (IIF-6) → Result of Appeal (IIF-7)"; ICJS: courts send the police remand and bail
orders, property-release orders, next hearing dates, warrants and the disposal).

Every function checks the ``rules`` permission (``PermissionDenied``), then the facts
(``ValidationError`` with ``{field: message}``, each with a code), and writes in one
transaction. Records are never overwritten: a recorded hearing, disposal or appeal result is
corrected by a new row (:func:`correct_hearing`, :func:`correct_disposal`,
:func:`correct_appeal_result`) with the SHO's reason; the old row is marked superseded.
Hearing and process alerts are recomputed after each change (:mod:`.alerts`); case status
changes go through the investigation app's lifecycle (:mod:`.status`).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.registration.constants import ISSUED_STATUSES
from cctns.registration.models import FIR, FIRAccused
from cctns.registration.services import is_case_officer
from cctns.registration.services.fir import is_child

from ..constants import (
    AgeCategory,
    AppealResult,
    CourtCaseStatus,
    HearingOutcome,
    HearingPurpose,
    ProcessStatus,
    RemandKind,
    SentenceKind,
    Verdict,
)
from ..models import (
    Appeal,
    BailOrder,
    CourtCase,
    CourtOrder,
    Disposal,
    Hearing,
    RemandOrder,
    Summons,
    Warrant,
)
from . import alerts, status
from .common import need_reason, not_future, require, today

RECORD = "prosecution.record_court"
CORRECT = "prosecution.correct_court"

#: Sentences that carry a term of imprisonment (years/months/days) (BNS s.4(b)–(d)).
TERM_SENTENCES = {SentenceKind.SIMPLE, SentenceKind.RIGOROUS}
#: Sentences without a term: life imprisonment is for the remainder of natural life unless the
#: court says otherwise, death has none (BNS s.4(a), (b)).
NO_TERM_SENTENCES = {SentenceKind.LIFE, SentenceKind.DEATH}


def _locked_case(court_case: CourtCase) -> CourtCase:
    return CourtCase.objects.select_for_update().select_related("fir__police_station").get(pk=court_case.pk)


def _pending(court_case: CourtCase, field: str = "court_case") -> None:
    if court_case.status != CourtCaseStatus.PENDING:
        raise ValidationError({field: ValidationError(_("The case is disposed in this court."), code="disposed")})


def _accused_of(court_case: CourtCase, accused: FIRAccused, field: str = "accused") -> FIRAccused:
    """Refuse an accused who does not face trial in ``court_case``."""
    if accused is None or not court_case.accused.filter(pk=accused.pk).exists():
        raise ValidationError({field: ValidationError(_("This accused does not face trial in this case."), code="not_in_case")})
    return accused


# ---- Court case -------------------------------------------------------------------------------

def default_accused(fir: FIR) -> list[FIRAccused]:
    """The accused who face trial unless told otherwise: those sent up in the FIR's latest filed
    charge-sheet (IIF-5), else every known accused of the FIR."""
    from cctns.investigation.constants import ReportKind, ReportStatus

    report = (fir.final_reports.filter(kind=ReportKind.CHARGESHEET, status=ReportStatus.FILED)
              .order_by("-id").first())
    if report is not None:
        return [row.accused for row in report.accused.filter(sent_up=True).select_related("accused").order_by("accused__order")]
    return list(fir.accused.filter(known=True))


def register_court_case(
    fir: FIR, user, *, court_name: str, case_number: str, cnr_number: str = "", court_establishment: str = "",
    cognizance_on: datetime.date | None = None, public_prosecutor: str = "", accused=None, remarks: str = "",
    now: datetime.datetime | None = None,
) -> CourtCase:
    """Record the FIR's case in a court: court name and establishment code, the CNR (16 capital
    letters and digits) and the court's own case number, the date of cognizance, the public
    prosecutor, and the accused who face trial (FIRAccused of this FIR; default:
    :func:`default_accused`). Returns the :class:`CourtCase`.

    Rules: the FIR must be issued (numbered); the cognizance date may not be in the future nor
    before the FIR's registration; a CNR is unique. When cognizance is taken on an FIR whose
    final report is filed, the case moves to *pending trial* (lifecycle; DOMAIN.md workflow:
    Final Report (IIF-5) → court case number).
    Raises ``PermissionDenied`` (not a station officer of the FIR's station or an ICJS account
    over it) or ``ValidationError`` (``fir``, ``cnr_number``, ``cognizance_on``, ``accused``).
    """
    require(user, RECORD, fir)
    errors = {}
    if fir.status not in ISSUED_STATUSES or not fir.is_issued:
        errors["fir"] = _("The FIR has not been issued with a number.")
    cnr_number = (cnr_number or "").strip().upper()
    if cnr_number and CourtCase.objects.filter(cnr_number=cnr_number).exists():
        errors["cnr_number"] = _("Another court case already has this CNR number.")
    if cognizance_on is not None:
        if cognizance_on > today(now):
            errors["cognizance_on"] = _("This date is in the future.")
        elif fir.registered_at and cognizance_on < today(fir.registered_at):
            errors["cognizance_on"] = _("Cognizance cannot be taken before the FIR was registered.")
    if accused is None:
        accused = default_accused(fir)
    else:
        accused = list(accused)
        if any(a.fir_id != fir.pk for a in accused):
            errors["accused"] = _("Choose accused of this FIR.")
    if not accused:
        errors.setdefault("accused", _("Name at least one accused who faces trial."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = CourtCase(
            fir=fir, court_name=court_name.strip(), court_establishment=court_establishment.strip().upper(),
            cnr_number=cnr_number, case_number=case_number.strip(), cognizance_on=cognizance_on,
            public_prosecutor=public_prosecutor.strip(), remarks=remarks, created_by=user,
            origin_unit=fir.police_station,
        )
        case.full_clean(exclude=["fir", "accused"])
        case.save()
        case.accused.set(accused)
        if cognizance_on is not None:
            status.on_cognizance(case, user)
    return case


def record_cognizance(court_case: CourtCase, user, *, cognizance_on: datetime.date, public_prosecutor: str | None = None,
                      now=None) -> CourtCase:
    """Record the date the court took cognizance (once; a later change is a correction of the
    court case by the SHO, audited). Moves an FIR whose final report is filed to *pending trial*.
    Raises ``ValidationError`` (``cognizance_on``: already recorded, future, before the FIR)."""
    require(user, RECORD, court_case)
    with transaction.atomic():
        case = _locked_case(court_case)
        if case.cognizance_on is not None:
            raise ValidationError({"cognizance_on": ValidationError(_("Cognizance is already recorded."), code="recorded")})
        not_future("cognizance_on", cognizance_on, now)
        if case.fir.registered_at and cognizance_on < today(case.fir.registered_at):
            raise ValidationError({"cognizance_on": _("Cognizance cannot be taken before the FIR was registered.")})
        case.cognizance_on = cognizance_on
        if public_prosecutor is not None:
            case.public_prosecutor = public_prosecutor.strip()
        case.save()
        status.on_cognizance(case, user)
    return case


# ---- Hearings ---------------------------------------------------------------------------------

def schedule_hearing(court_case: CourtCase, user, *, date: datetime.date, purpose: str = HearingPurpose.OTHER,
                     purpose_text: str = "") -> Hearing:
    """List the case on ``date`` for ``purpose`` (the case calendar). One scheduled hearing per
    date. Raises ``ValidationError`` (``court_case`` disposed; ``date`` already listed)."""
    require(user, RECORD, court_case)
    with transaction.atomic():
        case = _locked_case(court_case)
        _pending(case)
        if case.hearings.filter(date=date, superseded_at__isnull=True).exists():
            raise ValidationError({"date": ValidationError(_("The case is already listed on this date."), code="duplicate")})
        hearing = Hearing.objects.create(
            court_case=case, date=date, purpose=purpose or HearingPurpose.OTHER, purpose_text=purpose_text,
            created_by=user, origin_unit=case.fir.police_station,
        )
        alerts.refresh_case(case)
    return hearing


def record_hearing(hearing: Hearing, user, *, outcome: str, proceedings: str = "", next_date: datetime.date | None = None,
                   next_purpose: str = "", now: datetime.datetime | None = None) -> tuple[Hearing, Hearing | None]:
    """Record what happened on a scheduled date: the outcome (held, adjourned, not taken up),
    the proceedings, and the next date with its purpose, which is scheduled as a new hearing.
    Returns ``(hearing, next_hearing or None)``.

    Rules: only a scheduled, current hearing is recorded (once; a change afterwards is
    :func:`correct_hearing`); not before its date; the outcome is not "scheduled"; the next date
    comes after this one; an adjourned or not-taken-up hearing needs a next date.
    Raises ``ValidationError`` (``outcome``, ``date``, ``next_date``).
    """
    require(user, RECORD, hearing)
    errors = {}
    if outcome not in HearingOutcome.values or outcome == HearingOutcome.SCHEDULED:
        errors["outcome"] = _("Choose what happened on the date.")
    if next_date is not None and next_date <= hearing.date:
        errors["next_date"] = _("The next date must come after this hearing.")
    if next_date is None and outcome in (HearingOutcome.ADJOURNED, HearingOutcome.NOT_TAKEN_UP):
        errors["next_date"] = _("Give the date the case is adjourned to.")
    if hearing.date > today(now):
        errors["date"] = _("A hearing is recorded on or after its date.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        h = Hearing.objects.select_for_update().get(pk=hearing.pk)
        if h.is_held or not h.is_current:
            raise ValidationError({"outcome": ValidationError(_("This hearing is already recorded; record a correction instead."), code="recorded")})
        h.outcome, h.proceedings, h.next_date = outcome, proceedings, next_date
        h.next_purpose = next_purpose if next_date else ""
        h.recorded_by, h.recorded_at = user, now or timezone.now()
        h.save()
        following = None
        case = _locked_case(h.court_case)
        if next_date is not None and case.status == CourtCaseStatus.PENDING:
            following = case.hearings.filter(date=next_date, superseded_at__isnull=True).first()
            if following is None:
                following = Hearing.objects.create(
                    court_case=case, date=next_date, purpose=next_purpose or HearingPurpose.OTHER,
                    created_by=user, origin_unit=case.fir.police_station,
                )
        alerts.refresh_case(case)
    return h, following


def correct_hearing(hearing: Hearing, user, *, reason: str, now=None, **changes) -> Hearing:
    """Correct a recorded hearing (date, purpose, outcome, proceedings, next date): a new row that
    ``corrects`` the old one, which is kept and marked superseded. Only the station's SHO.
    Raises ``ValidationError`` (``reason`` missing; the hearing already corrected; bad fields)."""
    require(user, CORRECT, hearing)
    reason = need_reason(reason)
    allowed = {"date", "purpose", "purpose_text", "outcome", "proceedings", "next_date", "next_purpose"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot correct {sorted(unknown)}")
    with transaction.atomic():
        old = Hearing.objects.select_for_update().get(pk=hearing.pk)
        if not old.is_current:
            raise ValidationError({"reason": ValidationError(_("This row has already been corrected."), code="superseded")})
        values = {f: getattr(old, f) for f in allowed}
        values.update(changes)
        if values["next_date"] is not None and values["next_date"] <= values["date"]:
            raise ValidationError({"next_date": _("The next date must come after this hearing.")})
        held = values["outcome"] != HearingOutcome.SCHEDULED
        old.superseded_at = now or timezone.now()
        old.save()
        new = Hearing.objects.create(
            court_case=old.court_case, corrects=old, correction_reason=reason, created_by=user,
            origin_unit=old.origin_unit, recorded_by=user if held else None,
            recorded_at=(now or timezone.now()) if held else None, **values,
        )
        alerts.refresh_case(old.court_case)
    return new


def hearings_calendar(queryset, *, start: datetime.date, days: int = 30):
    """Scheduled, current hearings of pending cases from ``start`` for ``days`` days, by date
    (the station's case calendar). ``queryset`` is a jurisdiction-scoped Hearing queryset."""
    return (queryset.filter(outcome=HearingOutcome.SCHEDULED, superseded_at__isnull=True,
                            court_case__status=CourtCaseStatus.PENDING,
                            date__gte=start, date__lt=start + datetime.timedelta(days=days))
            .select_related("court_case__fir__police_station", "court_case__fir__io").order_by("date", "id"))


def next_hearing(court_case: CourtCase) -> Hearing | None:
    """The earliest scheduled, current hearing of the case, or ``None``."""
    return (court_case.hearings.filter(outcome=HearingOutcome.SCHEDULED, superseded_at__isnull=True)
            .order_by("date", "id").first())


# ---- Orders -----------------------------------------------------------------------------------

def record_bail_order(court_case: CourtCase, user, *, accused: FIRAccused, order_date: datetime.date, decision: str,
                      bond_amount: Decimal | None = None, sureties: int | None = None, terms: str = "",
                      now=None) -> BailOrder:
    """Record a bail order for one accused (granted with bond and sureties, rejected, cancelled).
    Rules: the accused faces trial in the case; the order date is not in the future; a bond
    amount is positive. Raises ``ValidationError`` (``accused``, ``order_date``, ``bond_amount``)."""
    require(user, RECORD, court_case)
    _accused_of(court_case, accused)
    not_future("order_date", order_date, now)
    if bond_amount is not None and bond_amount <= 0:
        raise ValidationError({"bond_amount": ValidationError(_("The amount must be more than zero."), code="min_value")})
    order = BailOrder(court_case=court_case, accused=accused, order_date=order_date, decision=decision,
                      bond_amount=bond_amount, sureties=sureties, terms=terms, created_by=user,
                      origin_unit=court_case.fir.police_station)
    order.full_clean(exclude=["court_case", "accused"])
    order.save()
    return order


def record_remand_order(court_case: CourtCase, user, *, accused: FIRAccused, order_date: datetime.date, kind: str,
                        from_date: datetime.date, to_date: datetime.date, terms: str = "", now=None) -> RemandOrder:
    """Record a remand of one accused to police or judicial custody from ``from_date`` to
    ``to_date`` (both inclusive). Rules: the accused faces trial in the case; the order is not
    dated in the future; the period ends on or after it starts and starts on or after the order.
    Raises ``ValidationError`` (``accused``, ``order_date``, ``to_date``, ``from_date``, ``kind``)."""
    require(user, RECORD, court_case)
    _accused_of(court_case, accused)
    not_future("order_date", order_date, now)
    if kind not in RemandKind.values:
        raise ValidationError({"kind": ValidationError(_("Choose police or judicial custody."), code="invalid_choice")})
    if to_date < from_date:
        raise ValidationError({"to_date": ValidationError(_("The remand ends before it starts."), code="order")})
    if from_date < order_date:
        raise ValidationError({"from_date": ValidationError(_("A remand starts on or after the date of the order."), code="order")})
    return RemandOrder.objects.create(
        court_case=court_case, accused=accused, order_date=order_date, kind=kind, from_date=from_date,
        to_date=to_date, terms=terms, created_by=user, origin_unit=court_case.fir.police_station,
    )


def record_court_order(court_case: CourtCase, user, *, order_date: datetime.date, kind: str, terms: str,
                       comply_by: datetime.date | None = None, now=None) -> CourtOrder:
    """Record another order of the court (release of property, further investigation, committal,
    transfer, other) with its terms and a compliance date if any. Raises ``ValidationError``
    (``order_date`` in the future, ``terms`` empty, ``comply_by`` before the order)."""
    require(user, RECORD, court_case)
    not_future("order_date", order_date, now)
    if not (terms or "").strip():
        raise ValidationError({"terms": ValidationError(_("Write what the court ordered."), code="required")})
    if comply_by is not None and comply_by < order_date:
        raise ValidationError({"comply_by": ValidationError(_("This date is before the order."), code="order")})
    order = CourtOrder(court_case=court_case, order_date=order_date, kind=kind, terms=terms, comply_by=comply_by,
                       created_by=user, origin_unit=court_case.fir.police_station)
    order.full_clean(exclude=["court_case"])
    order.save()
    return order


# ---- Process (warrants, summons) --------------------------------------------------------------

def _check_process(court_case, accused, issued_on, returnable_on, now):
    if accused is not None:
        _accused_of(court_case, accused)
    not_future("issued_on", issued_on, now)
    if returnable_on is not None and returnable_on < issued_on:
        raise ValidationError({"returnable_on": ValidationError(_("This date is before the date of issue."), code="order")})


def issue_warrant(court_case: CourtCase, user, *, kind: str, person_name: str, issued_on: datetime.date,
                  accused: FIRAccused | None = None, person_address: str = "", returnable_on: datetime.date | None = None,
                  remarks: str = "", now=None) -> Warrant:
    """Record a warrant the court issued for the police to execute (pending until executed or
    returned). Raises ``ValidationError`` (``accused`` not in the case, ``issued_on`` in the
    future, ``returnable_on`` before issue). Opens a "warrant pending" alert (:mod:`.alerts`)."""
    require(user, RECORD, court_case)
    _check_process(court_case, accused, issued_on, returnable_on, now)
    with transaction.atomic():
        w = Warrant(court_case=court_case, kind=kind, person_name=person_name.strip(), accused=accused,
                    person_address=person_address, issued_on=issued_on, returnable_on=returnable_on, remarks=remarks,
                    created_by=user, origin_unit=court_case.fir.police_station)
        w.full_clean(exclude=["court_case", "accused"])
        w.save()
        alerts.refresh_process(w)
    return w


def issue_summons(court_case: CourtCase, user, *, person_name: str, issued_on: datetime.date, person_role: str = "witness",
                  accused: FIRAccused | None = None, person_address: str = "", appear_on: datetime.date | None = None,
                  returnable_on: datetime.date | None = None, remarks: str = "", now=None) -> Summons:
    """Record a summons to an accused or witness to serve (pending until served or returned).
    Raises ``ValidationError`` as :func:`issue_warrant`; ``appear_on`` before issue too."""
    require(user, RECORD, court_case)
    _check_process(court_case, accused, issued_on, returnable_on, now)
    if appear_on is not None and appear_on < issued_on:
        raise ValidationError({"appear_on": ValidationError(_("This date is before the date of issue."), code="order")})
    with transaction.atomic():
        s = Summons(court_case=court_case, person_role=person_role, person_name=person_name.strip(), accused=accused,
                    person_address=person_address, issued_on=issued_on, appear_on=appear_on,
                    returnable_on=returnable_on or appear_on, remarks=remarks, created_by=user,
                    origin_unit=court_case.fir.police_station)
        s.full_clean(exclude=["court_case", "accused"])
        s.save()
        alerts.refresh_process(s)
    return s


def record_process_return(process: Warrant | Summons, user, *, status: str, executed_on: datetime.date | None = None,
                          returned_on: datetime.date | None = None, remarks: str = "", now=None):
    """Record that a pending warrant or summons was executed (served), returned unexecuted, or
    recalled by the court, with the dates. Rules: only a pending process; an executed one needs
    its execution date; no date before issue or in the future; returned on or after executed.
    Closes its alert. Raises ``ValidationError`` (``status``, ``executed_on``, ``returned_on``)."""
    require(user, RECORD, process)
    errors = {}
    if status not in (ProcessStatus.EXECUTED, ProcessStatus.UNEXECUTED, ProcessStatus.RECALLED):
        errors["status"] = _("Choose executed, returned unexecuted or recalled.")
    if status == ProcessStatus.EXECUTED and executed_on is None:
        errors["executed_on"] = _("Give the date it was executed.")
    for field, day in (("executed_on", executed_on), ("returned_on", returned_on)):
        if day is not None and day < process.issued_on:
            errors[field] = _("This date is before the date of issue.")
        elif day is not None and day > today(now):
            errors[field] = _("This date is in the future.")
    if executed_on and returned_on and returned_on < executed_on and "returned_on" not in errors:
        errors["returned_on"] = _("Returned before it was executed.")
    if errors:
        raise ValidationError(errors)
    model = type(process)
    with transaction.atomic():
        p = model.objects.select_for_update().get(pk=process.pk)
        if p.status != ProcessStatus.PENDING:
            raise ValidationError({"status": ValidationError(_("This process is no longer pending."), code="not_pending")})
        p.status = status
        p.executed_on = executed_on if status == ProcessStatus.EXECUTED else None
        p.returned_on = returned_on
        if remarks:
            p.remarks = f"{p.remarks}\n{remarks}".strip()
        p.save()
        alerts.refresh_process(p)
    return p


# ---- Disposal (IIF-6) -------------------------------------------------------------------------

def default_age_category(court_case: CourtCase, accused: FIRAccused) -> str:
    """``juvenile`` when the accused was under 18 on the date of the offence (JJ Act: a child in
    conflict with law), else ``adult``."""
    return AgeCategory.JUVENILE if is_child(accused, court_case.fir) else AgeCategory.ADULT


def check_disposal(data: dict) -> dict:
    """The IIF-6 rules on one disposal's values (a dict with ``verdict``, ``convicted_sections``,
    ``sentence_kind``, ``sentence_years/months/days``, ``fine_amount``); returns ``{field:
    message}`` (empty when valid):

    - a conviction names at least one section convicted under and carries a sentence or a fine;
    - any other verdict carries no sections, sentence or fine;
    - simple or rigorous imprisonment has a term (years, months or days) (BNS s.4(c)–(d));
      imprisonment for life and death have none (BNS s.4(a)–(b));
    - a term's months are under 12 and days under 31; a fine is more than zero.
    """
    errors = {}
    verdict = data.get("verdict")
    kind = data.get("sentence_kind") or SentenceKind.NONE
    years, months, days = (int(data.get(k) or 0) for k in ("sentence_years", "sentence_months", "sentence_days"))
    fine = data.get("fine_amount")
    sections = list(data.get("convicted_sections") or [])
    has_term = bool(years or months or days)
    if verdict not in Verdict.values:
        errors["verdict"] = _("Choose the verdict.")
        return errors
    if verdict == Verdict.CONVICTED:
        if not sections:
            errors["convicted_sections"] = _("Name the sections the accused was convicted under.")
        if kind == SentenceKind.NONE and fine is None:
            errors["sentence_kind"] = _("A conviction carries a sentence or a fine.")
    else:
        if sections:
            errors["convicted_sections"] = _("Sections convicted under are given only for a conviction.")
        if kind != SentenceKind.NONE or has_term or fine is not None:
            errors["sentence_kind"] = _("A sentence or fine is given only for a conviction.")
    if kind in TERM_SENTENCES and not has_term:
        errors["sentence_years"] = _("Give the term of imprisonment.")
    if kind not in TERM_SENTENCES and has_term and "sentence_kind" not in errors:
        errors["sentence_years"] = _("A term is given only for simple or rigorous imprisonment.")
    if months >= 12:
        errors["sentence_months"] = _("Months must be fewer than 12.")
    if days >= 31:
        errors["sentence_days"] = _("Days must be fewer than 31.")
    if fine is not None and fine <= 0:
        errors["fine_amount"] = _("The amount must be more than zero.")
    return errors


def _disposal_values(court_case, accused, data, now):
    errors = check_disposal(data)
    decided_on = data.get("decided_on")
    if decided_on is None:
        errors["decided_on"] = _("Give the date of the judgment or order.")
    elif decided_on > today(now):
        errors["decided_on"] = _("This date is in the future.")
    elif court_case.cognizance_on and decided_on < court_case.cognizance_on:
        errors["decided_on"] = _("The case was disposed before cognizance was taken.")
    if errors:
        raise ValidationError(errors)


def record_disposal(court_case: CourtCase, user, *, accused: FIRAccused, verdict: str, decided_on: datetime.date,
                    convicted_sections=(), sentence_kind: str = SentenceKind.NONE, sentence_years: int = 0,
                    sentence_months: int = 0, sentence_days: int = 0, fine_amount: Decimal | None = None,
                    age_category: str | None = None, remarks: str = "", now=None) -> Disposal:
    """Record the IIF-6 disposal of the case against one accused (DOMAIN.md "IIF-6": verdict,
    sentence (imprisonment, fine), adult or juvenile). ``convicted_sections`` are
    ``legal.Section`` rows; the term is whole years/months/days; ``fine_amount`` in rupees;
    ``age_category`` defaults to juvenile for an accused under 18 on the date of the offence.

    Rules: :func:`check_disposal`; the accused faces trial in the case and has no current
    disposal (a change is :func:`correct_disposal`); the date is not in the future nor before
    cognizance. When every accused facing trial is disposed, the court case is *disposed* on the
    latest of their dates; when every court case of the FIR is disposed, the FIR's case moves to
    *disposed* (lifecycle). Raises ``PermissionDenied`` or ``ValidationError``.
    """
    require(user, RECORD, court_case)
    data = dict(verdict=verdict, decided_on=decided_on, convicted_sections=convicted_sections,
                sentence_kind=sentence_kind, sentence_years=sentence_years, sentence_months=sentence_months,
                sentence_days=sentence_days, fine_amount=fine_amount)
    with transaction.atomic():
        case = _locked_case(court_case)
        _accused_of(case, accused)
        if case.disposals.filter(accused=accused, superseded_at__isnull=True).exists():
            raise ValidationError({"accused": ValidationError(_("This accused's disposal is already recorded; record a correction instead."), code="recorded")})
        _disposal_values(case, accused, data, now)
        disposal = Disposal.objects.create(
            court_case=case, accused=accused, verdict=verdict, decided_on=decided_on, sentence_kind=sentence_kind or "none",
            sentence_years=sentence_years or 0, sentence_months=sentence_months or 0, sentence_days=sentence_days or 0,
            fine_amount=fine_amount, age_category=age_category or default_age_category(case, accused), remarks=remarks,
            created_by=user, origin_unit=case.fir.police_station,
        )
        disposal.convicted_sections.set(list(convicted_sections))
        _dispose_if_complete(case, user)
    return disposal


def undisposed_accused(court_case: CourtCase):
    """The accused facing trial in ``court_case`` without a current disposal."""
    done = court_case.disposals.filter(superseded_at__isnull=True).values("accused_id")
    return court_case.accused.exclude(pk__in=done)


def _dispose_if_complete(case: CourtCase, user) -> None:
    if undisposed_accused(case).exists():
        return
    last = case.disposals.filter(superseded_at__isnull=True).order_by("-decided_on").values_list("decided_on", flat=True).first()
    if case.status != CourtCaseStatus.DISPOSED or case.disposed_on != last:
        case.status, case.disposed_on = CourtCaseStatus.DISPOSED, last
        case.save()
    alerts.refresh_case(case)
    status.on_disposed(case, user)


def correct_disposal(disposal: Disposal, user, *, reason: str, now=None, **changes) -> Disposal:
    """Correct a recorded disposal: a new row that ``corrects`` it (the old one kept, marked
    superseded), checked by the same rules. Only the station's SHO. ``changes`` are any of the
    fields :func:`record_disposal` takes except the accused. Raises ``ValidationError``."""
    require(user, CORRECT, disposal)
    reason = need_reason(reason)
    fields = ["verdict", "decided_on", "sentence_kind", "sentence_years", "sentence_months", "sentence_days",
              "fine_amount", "age_category", "remarks"]
    unknown = set(changes) - set(fields) - {"convicted_sections"}
    if unknown:
        raise ValueError(f"cannot correct {sorted(unknown)}")
    with transaction.atomic():
        old = Disposal.objects.select_for_update().get(pk=disposal.pk)
        if not old.is_current:
            raise ValidationError({"reason": ValidationError(_("This row has already been corrected."), code="superseded")})
        values = {f: getattr(old, f) for f in fields}
        values.update({k: v for k, v in changes.items() if k != "convicted_sections"})
        sections = list(changes["convicted_sections"]) if "convicted_sections" in changes else list(old.convicted_sections.all())
        case = _locked_case(old.court_case)
        _disposal_values(case, old.accused, {**values, "convicted_sections": sections}, now)
        old.superseded_at = now or timezone.now()
        old.save()
        new = Disposal.objects.create(court_case=case, accused=old.accused, corrects=old, correction_reason=reason,
                                      created_by=user, origin_unit=old.origin_unit, **values)
        new.convicted_sections.set(sections)
        for appeal in Appeal.objects.filter(disposal=old):
            appeal.disposal = new
            appeal.save()
        _dispose_if_complete(case, user)
    return new


# ---- Appeal (IIF-7) ---------------------------------------------------------------------------

def record_appeal(court_case: CourtCase, user, *, accused: FIRAccused, appellant: str, appellate_court: str,
                  appeal_number: str, filed_on: datetime.date, now=None) -> Appeal:
    """Record an appeal against the disposal of one accused (IIF-7: appellate court, appeal
    number, outcome per accused); the result is pending until :func:`record_appeal_result`.

    Rules: the accused has a current disposal in the case (the appeal is against it); filed on or
    after the disposal, not in the future; one pending appeal per accused and appeal number. The
    FIR's case moves to *appeal* (lifecycle). Raises ``ValidationError`` (``accused``,
    ``filed_on``, ``appeal_number``)."""
    require(user, RECORD, court_case)
    with transaction.atomic():
        case = _locked_case(court_case)
        _accused_of(case, accused)
        disposal = case.disposals.filter(accused=accused, superseded_at__isnull=True).first()
        if disposal is None:
            raise ValidationError({"accused": ValidationError(_("An appeal is recorded after the disposal of this accused."), code="not_disposed")})
        not_future("filed_on", filed_on, now)
        if filed_on < disposal.decided_on:
            raise ValidationError({"filed_on": ValidationError(_("An appeal is filed on or after the disposal."), code="order")})
        number = appeal_number.strip()
        if case.appeals.filter(accused=accused, appeal_number=number, superseded_at__isnull=True).exists():
            raise ValidationError({"appeal_number": ValidationError(_("This appeal is already recorded for this accused."), code="duplicate")})
        appeal = Appeal(court_case=case, accused=accused, disposal=disposal, appellant=appellant,
                        appellate_court=appellate_court.strip(), appeal_number=number, filed_on=filed_on,
                        created_by=user, origin_unit=case.fir.police_station)
        appeal.full_clean(exclude=["court_case", "accused", "disposal"])
        appeal.save()
        status.on_appeal(case, user)
    return appeal


def _check_result(appeal, result, result_on, now):
    errors = {}
    if result not in AppealResult.values or result == AppealResult.PENDING:
        errors["result"] = _("Choose the result of the appeal.")
    if result_on is None:
        errors["result_on"] = _("Give the date of the result.")
    elif result_on < appeal.filed_on:
        errors["result_on"] = _("The result is dated before the appeal was filed.")
    elif result_on > today(now):
        errors["result_on"] = _("This date is in the future.")
    if errors:
        raise ValidationError(errors)


def record_appeal_result(appeal: Appeal, user, *, result: str, result_on: datetime.date, result_remarks: str = "",
                         now=None) -> Appeal:
    """Record the result of a pending appeal (upheld, set aside, modified, remanded, withdrawn,
    abated) and its date (IIF-7). Rules: only a pending, current appeal (a change later is
    :func:`correct_appeal_result`); the date is not before filing nor in the future. A retrial
    ordered (*remanded*) sets the accused's disposal aside and reopens the court case, and the
    FIR goes back to *pending trial*; otherwise, when no appeal of the FIR is pending any more,
    it returns to *disposed* with the outcome after appeal (lifecycle). Raises
    ``ValidationError`` (``result``, ``result_on``)."""
    require(user, RECORD, appeal)
    _check_result(appeal, result, result_on, now)
    with transaction.atomic():
        a = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if a.result != AppealResult.PENDING or not a.is_current:
            raise ValidationError({"result": ValidationError(_("The result is already recorded; record a correction instead."), code="recorded")})
        a.result, a.result_on, a.result_remarks = result, result_on, result_remarks
        a.save()
        if result == AppealResult.REMANDED:
            _reopen_for_retrial(a, now)
        status.on_appeal_decided(a.court_case, user)
    return a


def _reopen_for_retrial(appeal: Appeal, now=None) -> None:
    """A retrial ordered on appeal: the accused's disposal is set aside (kept, marked superseded)
    and the court case is pending again, so the retrial's hearings and new disposal are recorded
    in it."""
    case = _locked_case(appeal.court_case)
    if appeal.disposal_id:
        disposal = Disposal.objects.select_for_update().get(pk=appeal.disposal_id)
        if disposal.superseded_at is None:
            disposal.superseded_at = now or timezone.now()
            disposal.save()
    case.status, case.disposed_on = CourtCaseStatus.PENDING, None
    case.save()


def correct_appeal_result(appeal: Appeal, user, *, reason: str, result: str, result_on: datetime.date,
                          result_remarks: str = "", now=None) -> Appeal:
    """Correct a recorded appeal result: a new row that ``corrects`` it. Only the station's SHO."""
    require(user, CORRECT, appeal)
    reason = need_reason(reason)
    _check_result(appeal, result, result_on, now)
    with transaction.atomic():
        old = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not old.is_current:
            raise ValidationError({"reason": ValidationError(_("This row has already been corrected."), code="superseded")})
        old.superseded_at = now or timezone.now()
        old.save()
        return Appeal.objects.create(
            court_case=old.court_case, accused=old.accused, disposal=old.disposal, appellant=old.appellant,
            appellate_court=old.appellate_court, appeal_number=old.appeal_number, filed_on=old.filed_on,
            result=result, result_on=result_on, result_remarks=result_remarks, corrects=old,
            correction_reason=reason, created_by=user, origin_unit=old.origin_unit,
        )


def can_see_accused(user, court_case: CourtCase, accused: FIRAccused) -> bool:
    """Whether ``user`` may see a juvenile accused's name (JJ Act s.74: only the case's own
    officers); adults are visible to anyone who may read the case."""
    if not is_child(accused, court_case.fir) and not court_case.disposals.filter(
            accused=accused, age_category=AgeCategory.JUVENILE, superseded_at__isnull=True).exists():
        return True
    return is_case_officer(user, court_case.fir)
