"""Complaint services: receive a complaint (with attachments), find related complaints, run a
preliminary enquiry, and dispose of the complaint as FIR, NCR or closure with reasons."""

import datetime
import hashlib
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cctns.core.constants import STATION_ROLES, Rank, UnitKind
from cctns.core.numbering import local_date
from cctns.core.validation import RuleValidationError

from ..constants import ComplaintOutcome, ComplaintStatus, EnquiryBasis, GDKind
from ..models import Complaint, ComplaintAttachment, EnquiryNote, PreliminaryEnquiry
from ..validation import ATTACHMENT_TYPES, validate_complaint
from .common import allocate, now_or, require, resolve_sections, station_for
from .gd import add_gd_entry

#: Fields of a complaint accepted in ``data``.
COMPLAINT_FIELDS = [
    "received_at", "channel", "complainant_name", "complainant_relative_name", "complainant_relation",
    "complainant_sex", "complainant_age", "complainant_address", "complainant_phone", "complainant_email",
    "subject", "narrative", "occurrence_date", "place_address",
]

#: Preliminary enquiry time limits, in days.
ENQUIRY_DAYS_BNSS_173_3 = 14  # BNSS s.173(3)
ENQUIRY_DAYS_LALITA_KUMARI = 15  # Lalita Kumari v. Govt. of U.P. (2014)
ENQUIRY_DAYS_EXCEPTIONAL = 42  # six weeks, exceptionally, with reasons in the GD (ibid.)


def normalise_text_key(text: str) -> str:
    """A comparison key for names and places in any script: Unicode NFC, case-folded, punctuation
    dropped, whitespace collapsed. Combining marks (Devanagari vowel signs) are kept."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = "".join(ch if (ch.isalnum() or unicodedata.category(ch).startswith("M")) else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()[:200]


def phone_digits(phone: str) -> str:
    """The last ten digits of a phone number (Indian mobile numbers without +91 or 0)."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits[-10:]


def sniff_content_type(head: bytes) -> str:
    """The type of a file from its first bytes: PDF, JPEG or PNG; ``""`` for anything else."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return ""


def describe_upload(upload) -> dict:
    """``{"name", "size", "content_type"}`` of an uploaded file, the type sniffed from its contents."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return {"name": getattr(upload, "name", "") or "", "size": getattr(upload, "size", None) or 0,
            "content_type": sniff_content_type(head)}


def _save_attachment(complaint, upload, user) -> ComplaintAttachment:
    info = describe_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    original = (info["name"].replace("\\", "/").rsplit("/", 1)[-1] or "attachment")[:255]
    att = ComplaintAttachment(complaint=complaint, original_name=original, content_type=info["content_type"],
                              size=info["size"], sha256=digest.hexdigest(), uploaded_by=user)
    ext = ATTACHMENT_TYPES.get(info["content_type"], "")
    att.file.save(f"upload{ext}", upload, save=False)
    att.save()
    return att


def receive_complaint(station, user, data: dict, *, attachments=(), sections=None,
                      now: datetime.datetime | None = None) -> Complaint:
    """Receive a complaint or petition at ``station`` (default: the user's station) and number it
    per station per IST year (scope ``CMP``).

    ``data``: :data:`COMPLAINT_FIELDS`; ``attachments``: uploaded files (PDF, JPEG, PNG by their
    contents; at most ``CCTNS_ATTACHMENT_MAX_BYTES``), stored under ``MEDIA_ROOT/complaints/``;
    ``sections``: offences the complaint appears to disclose (references as for FIRs), used to
    decide whether a preliminary enquiry is allowed. Writes a GD entry. Raises ``PermissionDenied``
    (not a writer/SHO of the station) or ``RuleValidationError`` (``CMP-…`` codes).
    """
    station = station_for(user, station)
    require(user, "registration.receive_complaint", station)
    data = {k: v for k, v in dict(data).items() if v is not None}
    unknown = sorted(set(data) - set(COMPLAINT_FIELDS))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    at = now_or(now)
    data.setdefault("received_at", at)
    uploads = list(attachments or [])
    errors = [v for v in validate_complaint({**data, "attachments": [describe_upload(u) for u in uploads], "now": at})
              if v.is_error]
    resolved = resolve_sections(sections or [])
    unresolved = [label for s, label in resolved if not hasattr(s, "act")]
    if errors:
        raise RuleValidationError(errors)
    if unresolved:
        raise ValidationError({"sections": _("Unknown section.")})
    with transaction.atomic():
        year, serial, number = allocate("CMP", station, at)
        complaint = Complaint(police_station=station, year=year, serial=serial, number=number,
                              created_by=user, origin_unit=station, **data)
        complaint.complainant_phone_digits = phone_digits(complaint.complainant_phone)
        complaint.name_key = normalise_text_key(complaint.complainant_name)
        complaint.place_key = normalise_text_key(complaint.place_address)
        complaint.save()
        if resolved:
            complaint.sections.set([s for s, _label in resolved])
        for upload in uploads:
            _save_attachment(complaint, upload, user)
        add_gd_entry(station, user, GDKind.COMPLAINT,
                     _("Complaint %(number)s received (%(channel)s) from %(name)s.") % {
                         "number": number, "channel": complaint.get_channel_display(), "name": complaint.complainant_name},
                     record=complaint, now=at, check_permission=False)
    return complaint


def add_complaint_attachment(complaint: Complaint, user, upload) -> ComplaintAttachment:
    """Attach another file to a complaint (same type and size checks as on receipt)."""
    require(user, "registration.receive_complaint", complaint)
    errors = [v for v in validate_complaint({
        "complainant_name": complaint.complainant_name, "narrative": complaint.narrative,
        "attachments": [describe_upload(upload)],
    }) if v.is_error]
    if errors:
        raise RuleValidationError(errors)
    with transaction.atomic():
        return _save_attachment(complaint, upload, user)


def find_related_complaints(complaint: Complaint, *, user=None, limit: int = 50) -> list[dict]:
    """Earlier or other complaints by the same person or about the same incident, to look at before
    acting (DOMAIN.md: search earlier complaints before registering).

    Matches: the same phone number (last ten digits); the same complainant name (normalised, any
    script); the same place with an incident date within a day. Searched within ``user``'s
    jurisdiction when given, else at the complaint's station. Returns
    ``[{"complaint": Complaint, "reasons": [str]}]``, newest first.
    """
    base = Complaint.objects.for_user(user) if user is not None else Complaint.objects.filter(police_station=complaint.police_station)
    q = Q()
    if complaint.complainant_phone_digits and len(complaint.complainant_phone_digits) >= 6:
        q |= Q(complainant_phone_digits=complaint.complainant_phone_digits)
    if complaint.name_key:
        q |= Q(name_key=complaint.name_key)
    if complaint.place_key and complaint.occurrence_date:
        day = complaint.occurrence_date
        q |= Q(place_key=complaint.place_key, occurrence_date__range=(day - datetime.timedelta(days=1), day + datetime.timedelta(days=1)))
    if not q:
        return []
    out = []
    for other in base.filter(q).exclude(pk=complaint.pk).select_related("police_station").order_by("-received_at")[:limit]:
        reasons = []
        if complaint.complainant_phone_digits and other.complainant_phone_digits == complaint.complainant_phone_digits:
            reasons.append(_("same phone number"))
        if complaint.name_key and other.name_key == complaint.name_key:
            reasons.append(_("same complainant name"))
        if complaint.place_key and other.place_key == complaint.place_key and other.occurrence_date and complaint.occurrence_date \
                and abs((other.occurrence_date - complaint.occurrence_date).days) <= 1:
            reasons.append(_("same place and date"))
        out.append({"complaint": other, "reasons": reasons})
    return out


def _station_officer(user, station) -> bool:
    unit = getattr(user, "unit", None)
    return bool(user.is_active and unit is not None and user.role in STATION_ROLES
                and (unit.pk == station.pk or (unit.kind == UnitKind.OUTPOST and unit.parent_id == station.pk)))


def start_preliminary_enquiry(complaint: Complaint, sho, officer, reason: str, *, permitted_by=None,
                              now: datetime.datetime | None = None) -> PreliminaryEnquiry:
    """Send a complaint to a preliminary enquiry by ``officer``, with the reason (recorded in the GD).

    The limit follows the offences the complaint discloses (``complaint.sections``):

    - any offence punishable with 7 years or more that is cognizable: refused — the FIR must be
      registered (Lalita Kumari v. Govt. of U.P., 2014);
    - offences punishable with 3 years or more but less than 7: allowed only with the permission of
      an officer not below DSP rank (``permitted_by``), to be completed within 14 days (BNSS s.173(3));
    - otherwise (to find whether a cognizable offence is disclosed): within 15 days, extendable to
      six weeks with reasons (:func:`extend_enquiry`; Lalita Kumari).

    Raises ``PermissionDenied`` (only the station's SHO) or ``ValidationError``.
    """
    require(sho, "registration.decide_complaint", complaint)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record why a preliminary enquiry is needed.")})
    if not _station_officer(officer, complaint.police_station):
        raise ValidationError({"officer": _("The enquiry officer must be an officer of this station.")})
    sections = list(complaint.sections.select_related("act"))
    grave = [s for s in sections if s.cognizable and (s.max_punishment_years or 0) >= 7]
    if grave:
        raise ValidationError({"sections": _("The complaint discloses a cognizable offence punishable with seven years or more (%(sections)s): register an FIR.")
                               % {"sections": ", ".join(str(s) for s in grave)}})
    middle = [s for s in sections if s.max_punishment_years is not None and 3 <= s.max_punishment_years < 7]
    at = now_or(now)
    start = local_date(at)
    if middle:
        if permitted_by is None or permitted_by.rank < Rank.DSP or not permitted_by.is_active:
            raise ValidationError({"permitted_by": _("A preliminary enquiry into an offence punishable with three to seven years needs the permission of an officer of DSP rank or above (BNSS s.173(3)).")})
        root = permitted_by.jurisdiction_root()
        if root is None or not complaint.police_station.path.startswith(root.path):
            raise ValidationError({"permitted_by": _("The permitting officer must have jurisdiction over this station.")})
        basis, deadline = EnquiryBasis.BNSS_173_3, start + datetime.timedelta(days=ENQUIRY_DAYS_BNSS_173_3)
    else:
        basis, deadline = EnquiryBasis.LALITA_KUMARI, start + datetime.timedelta(days=ENQUIRY_DAYS_LALITA_KUMARI)
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.status != ComplaintStatus.RECEIVED:
            raise ValidationError({"status": _("Only a complaint not yet acted on can go to a preliminary enquiry.")})
        enquiry = PreliminaryEnquiry.objects.create(
            complaint=complaint, basis=basis, officer=officer, reason=reason.strip(), started_at=at,
            deadline=deadline, permitted_by=permitted_by if basis == EnquiryBasis.BNSS_173_3 else None,
        )
        complaint.status = ComplaintStatus.UNDER_ENQUIRY
        complaint.save()
        add_gd_entry(complaint.police_station, sho, GDKind.ENQUIRY,
                     _("Complaint %(number)s sent for preliminary enquiry to %(officer)s, to be completed by %(deadline)s. Reasons: %(reason)s") % {
                         "number": complaint.number, "officer": officer, "deadline": deadline.strftime("%d-%m-%Y"), "reason": reason.strip()},
                     record=complaint, now=at, check_permission=False)
    return enquiry


def add_enquiry_note(enquiry: PreliminaryEnquiry, user, text: str, *, now: datetime.datetime | None = None) -> EnquiryNote:
    """Add a dated note to an open enquiry (the enquiry officer or the station's SHO)."""
    if user.pk != enquiry.officer_id:
        require(user, "registration.decide_complaint", enquiry.complaint)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the note.")})
    if enquiry.concluded_at is not None:
        raise ValidationError({"status": _("The enquiry is concluded.")})
    return EnquiryNote.objects.create(enquiry=enquiry, author=user, written_at=now_or(now), text=text.strip())


def extend_enquiry(enquiry: PreliminaryEnquiry, sho, reason: str, *, now: datetime.datetime | None = None) -> PreliminaryEnquiry:
    """Extend a Lalita Kumari enquiry to six weeks from its start, with reasons recorded in the GD.

    An enquiry under BNSS s.173(3) cannot be extended beyond its 14 days. Raises
    ``PermissionDenied`` or ``ValidationError``.
    """
    require(sho, "registration.decide_complaint", enquiry.complaint)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record the reasons for the extension.")})
    if enquiry.basis != EnquiryBasis.LALITA_KUMARI:
        raise ValidationError({"basis": _("An enquiry under BNSS s.173(3) must be completed within 14 days.")})
    if enquiry.extended or enquiry.concluded_at is not None:
        raise ValidationError({"status": _("The enquiry cannot be extended again.")})
    at = now_or(now)
    with transaction.atomic():
        enquiry.extended = True
        enquiry.extension_reason = reason.strip()
        enquiry.deadline = local_date(enquiry.started_at) + datetime.timedelta(days=ENQUIRY_DAYS_EXCEPTIONAL)
        enquiry.save()
        add_gd_entry(enquiry.complaint.police_station, sho, GDKind.ENQUIRY,
                     _("Preliminary enquiry into complaint %(number)s extended to %(deadline)s. Reasons: %(reason)s") % {
                         "number": enquiry.complaint.number, "deadline": enquiry.deadline.strftime("%d-%m-%Y"), "reason": reason.strip()},
                     record=enquiry.complaint, now=at, check_permission=False)
    return enquiry


def _dispose(complaint: Complaint, outcome: str, status: str, user, at, reason: str = "") -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.outcome:
        raise ValidationError({"complaint": _("This complaint has already been disposed of.")})
    complaint.outcome, complaint.status = outcome, status
    complaint.outcome_reason = reason
    complaint.outcome_at, complaint.outcome_by = at, user
    complaint.save()
    enquiry = PreliminaryEnquiry.objects.filter(complaint=complaint, concluded_at__isnull=True).first()
    if enquiry is not None:
        enquiry.concluded_at = at
        enquiry.finding = reason or complaint.get_outcome_display()
        enquiry.save()
    return complaint


def _claim_complaint(complaint: Complaint, station, outcome: str, user, at) -> Complaint:
    """Lock and dispose of ``complaint`` as ``outcome`` (FIR or NCR) at the start of the
    registering transaction: the complaint row is locked before any numbering counter, the same
    order as the other complaint services, so two transactions never wait on each other."""
    if complaint.police_station_id != station.pk:
        raise ValidationError({"complaint": _("The complaint was received at another station.")})
    status = ComplaintStatus.FIR_REGISTERED if outcome == ComplaintOutcome.FIR else ComplaintStatus.NCR_REGISTERED
    return _dispose(complaint, outcome, status, user, at)


def _complaint_outcome_gd(complaint: Complaint, record, user, at) -> None:
    if complaint.outcome == ComplaintOutcome.FIR:
        text = _("Complaint %(number)s: FIR registered.") % {"number": complaint.number}
    else:
        text = _("Complaint %(number)s: NCR %(ncr)s registered.") % {"number": complaint.number, "ncr": record.number}
    add_gd_entry(complaint.police_station, user, GDKind.COMPLAINT_OUTCOME, text, record=complaint, now=at,
                 check_permission=False)


def close_complaint(complaint: Complaint, sho, reason: str, *, communicated_how: str = "",
                    now: datetime.datetime | None = None) -> Complaint:
    """Close a complaint with reasons (no FIR, no NCR); GD entry. The reasons are communicated to the
    complainant (Lalita Kumari v. Govt. of U.P., 2014: a copy of the entry closing the complaint is
    supplied to the informant, forthwith and not later than one week); ``communicated_how``
    records how, when already done, else use :func:`record_communication` later.

    Raises ``PermissionDenied`` (only the station's SHO) or ``ValidationError``.
    """
    require(sho, "registration.decide_complaint", complaint)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record the reasons for closing the complaint.")})
    at = now_or(now)
    with transaction.atomic():
        complaint = _dispose(complaint, ComplaintOutcome.CLOSED, ComplaintStatus.CLOSED, sho, at, reason.strip())
        if communicated_how:
            complaint.communicated_at, complaint.communicated_how = at, communicated_how[:100]
            complaint.save()
        add_gd_entry(complaint.police_station, sho, GDKind.COMPLAINT_OUTCOME,
                     _("Complaint %(number)s closed. Reasons: %(reason)s") % {"number": complaint.number, "reason": reason.strip()},
                     record=complaint, now=at, check_permission=False)
    return complaint


def record_communication(complaint: Complaint, user, how: str, *, now: datetime.datetime | None = None) -> Complaint:
    """Record that the outcome and reasons were communicated to the complainant, and how."""
    require(user, "registration.receive_complaint", complaint)
    if not complaint.outcome:
        raise ValidationError({"complaint": _("The complaint has not been disposed of yet.")})
    if not (how or "").strip():
        raise ValidationError({"how": _("Say how the complainant was told.")})
    complaint.communicated_at, complaint.communicated_how = now_or(now), how.strip()[:100]
    complaint.save()
    return complaint
