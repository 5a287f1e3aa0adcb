"""Police verification requests, permissions (event, procession, protest, loudspeaker) and
lost-article reports filed on the portal.

Verification (DOMAIN.md "citizen services": self/character, employee, tenant, domestic help;
written consent of the person verified; report with a QR code; typical 15-day service level):

- routed to the police station of the verified person's address (the citizen chooses it, with
  the same suggestion by district and place as for complaints);
- the consent of the person verified is an uploaded signed consent (PDF, JPEG or PNG judged by
  content, at most ``CCTNS_ATTACHMENT_MAX_BYTES``) or a code sent by SMS to that person's mobile
  (:func:`request_consent_code`), or the applicant is that person (self/character);
- the fee per kind is ``CCTNS_VERIFICATION_FEES`` (``kind=amount,…``; default all 0): with a fee,
  the reference of the external receipt is required (there is no payment gateway);
- due ``CCTNS_VERIFICATION_SLA_DAYS`` (15) days after filing: an inbox alert due then;
- the station's officer completes it against the person index (:func:`check_records`, the
  ``persons`` search in the officer's own scope) with a result and remarks; the citizen then
  downloads the certificate (PDF with QR).
"""

import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.core.constants import UnitKind
from cctns.registration.services.common import require
from cctns.registration.services.complaints import describe_upload
from cctns.registration.validation import ATTACHMENT_TYPES, attachment_max_bytes

from ..models import (
    Citizen,
    ConsentMethod,
    LostArticleReport,
    NOCStatus,
    OTPPurpose,
    PermissionRequest,
    RequestStatus,
    VehicleNOC,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
)
from ..sms import send_sms
from . import otp
from .common import new_reference, normalise_mobile, setting

VERIFICATION_DUE = register_kind(AlertKind(
    "portal_verification_due", gettext_lazy("Police verification due"),
    gettext_lazy("Verification %(reference)s (%(kind)s) is due by %(due)s."),
))
PERMISSION_REQUESTED = register_kind(AlertKind(
    "portal_permission", gettext_lazy("Permission requested"),
    gettext_lazy("Permission %(reference)s (%(kind)s) requested for %(starts)s: decide before then."),
))


def _check_station(station) -> None:
    if station is None or station.kind != UnitKind.POLICE_STATION or not station.is_active:
        raise ValidationError({"police_station": _("Choose a police station.")})


def sla_days() -> int:
    return int(setting("CCTNS_VERIFICATION_SLA_DAYS", 15))


def fee_for(kind: str) -> Decimal:
    """The fee for a kind of verification, from ``CCTNS_VERIFICATION_FEES`` (``kind=amount,…``)."""
    raw = setting("CCTNS_VERIFICATION_FEES", "") or ""
    for part in raw.split(","):
        if "=" in part:
            key, value = part.split("=", 1)
            if key.strip() == kind:
                return Decimal(value.strip() or "0")
    return Decimal("0")


def request_consent_code(citizen: Citizen, subject_mobile: str, *, language: str = "en"):
    """Send the person to be verified a code by SMS, to confirm consent to the applicant
    ``citizen``; the rate limits of :mod:`.otp` apply to that number."""
    return otp.request_code(subject_mobile, purpose=OTPPurpose.CONSENT, subject=citizen.mobile, language=language)


VERIFICATION_FIELDS = ["kind", "subject_name", "subject_relative_name", "subject_age", "subject_sex",
                       "subject_address", "subject_mobile", "purpose", "fee_receipt_reference"]


def submit_verification(citizen: Citizen, station, data: dict, *, consent_file=None, consent_code: str = "",
                        language: str = "en", now: datetime.datetime | None = None) -> VerificationRequest:
    """File a verification request; see the module's docstring for the rules. Raises
    ``ValidationError`` per field (``consent``, ``fee_receipt_reference``, ``subject_mobile`` …)."""
    _check_station(station)
    unknown = sorted(set(data) - set(VERIFICATION_FIELDS))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    at = now or timezone.now()
    data = {k: v for k, v in data.items() if v is not None}
    kind = data.get("kind")
    errors = {}
    if kind not in VerificationKind.values:
        errors["kind"] = _("Choose the kind of verification.")
    for key in ("subject_name", "subject_address", "purpose"):
        if not (data.get(key) or "").strip():
            errors[key] = _("This field is required.")
    if data.get("subject_mobile"):
        try:
            data["subject_mobile"] = normalise_mobile(data["subject_mobile"])
        except ValidationError:
            errors["subject_mobile"] = _("Enter a 10-digit mobile number.")
    fee = fee_for(kind or "")
    if fee > 0 and not (data.get("fee_receipt_reference") or "").strip():
        errors["fee_receipt_reference"] = _("The fee is ₹%(fee)s: give the reference of your payment receipt.") % {"fee": fee}
    method, digest = None, ""
    if consent_file is not None:
        info = describe_upload(consent_file)
        if info["content_type"] not in ATTACHMENT_TYPES:
            errors["consent_file"] = _("%(name)s is not an accepted file: attach PDF, JPEG or PNG files.") % {"name": info["name"] or "?"}
        elif not 0 < info["size"] <= attachment_max_bytes():
            errors["consent_file"] = _("%(name)s is larger than %(limit)s MB.") % {
                "name": info["name"], "limit": round(attachment_max_bytes() / 1024 / 1024, 1)}
        else:
            method = ConsentMethod.UPLOAD
            h = hashlib.sha256()
            for chunk in consent_file.chunks():
                h.update(chunk)
            consent_file.seek(0)
            digest = h.hexdigest()
    elif consent_code:
        if not data.get("subject_mobile"):
            errors.setdefault("subject_mobile", _("Give the mobile number the consent code was sent to."))
        elif not otp.check_code(data["subject_mobile"], consent_code, purpose=OTPPurpose.CONSENT, subject=citizen.mobile, now=at):
            errors["consent_code"] = _("The consent code is wrong or has expired.")
        else:
            method = ConsentMethod.OTP
    elif kind == VerificationKind.CHARACTER:
        method = ConsentMethod.SELF
    if method is None and not errors.get("consent_code") and not errors.get("consent_file"):
        errors["consent_file"] = _("Upload the signed consent of the person to be verified, or confirm it with the code sent to their mobile.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        req = VerificationRequest(
            citizen=citizen, police_station=station, reference=new_reference("PV", at), submitted_at=at, language=language,
            consent_method=method, consent_sha256=digest, consent_confirmed_at=at, fee_amount=fee,
            due_by=at + datetime.timedelta(days=sla_days()), origin_unit=station, **data,
        )
        if consent_file is not None:
            ext = ATTACHMENT_TYPES[describe_upload(consent_file)["content_type"]]
            req.consent_file.save(f"consent{ext}", consent_file, save=False)
        req.save()
        raise_alert(key=f"portal:verification:{req.global_id}", kind=VERIFICATION_DUE, unit=station, record=req,
                    url=reverse("portal:police_verification", kwargs={"pk": req.pk}), due_at=req.due_by,
                    params={"reference": req.reference, "kind": str(VerificationKind(kind).label), "due": req.due_by})
    _sms(citizen, language, _("Verification request %(reference)s received; due by %(due)s."),
         reference=req.reference, due=timezone.localtime(req.due_by).strftime("%d/%m/%Y"), kind="verification_ack")
    return req


def _sms(citizen, language, text, *, kind, **params) -> None:
    with translation.override(language):
        send_sms(citizen.mobile, str(text) % params, kind=kind)


def check_records(req: VerificationRequest, officer) -> list[dict]:
    """Search the person index for the person verified, as ``officer`` sees it (their scope;
    protected parties never appear): ``[{"person_id", "name", "score", "decision"}]``, best
    first, only candidates the matcher sends to review or match."""
    from cctns.persons.services import SearchQuery, search_persons

    age = (req.subject_age - 3, req.subject_age + 3) if req.subject_age else None
    query = SearchQuery(name=req.subject_name, relative=req.subject_relative_name, age=age,
                        sex=req.subject_sex if req.subject_sex in ("M", "F", "T") else "")
    results = search_persons(officer, query, limit=20)
    return [{"person_id": str(h.person.global_id), "name": str(h.person), "score": round(h.result.score, 3),
             "decision": h.result.decision} for h in results.hits if h.result.decision != "no_match"]


def complete_verification(req: VerificationRequest, officer, result: str, remarks: str, *,
                          now: datetime.datetime | None = None) -> VerificationRequest:
    """The station completes the enquiry: ``result`` (:class:`VerificationResult`), ``remarks``
    (required when adverse). The records checked are searched again and stored with it.
    Raises ``PermissionDenied`` (not an officer of the station) or ``ValidationError``."""
    require(officer, "registration.add_gd_entry", req.police_station)
    if result not in VerificationResult.values:
        raise ValidationError({"result": _("Choose the result.")})
    if result == VerificationResult.ADVERSE and not (remarks or "").strip():
        raise ValidationError({"remarks": _("Say what adverse record was found.")})
    at = now or timezone.now()
    checked = check_records(req, officer)
    with transaction.atomic():
        req = VerificationRequest.objects.select_for_update().select_related("citizen").get(pk=req.pk)
        if req.status != RequestStatus.SUBMITTED:
            raise ValidationError({"status": _("This request has already been decided.")})
        req.status, req.result, req.result_remarks = RequestStatus.COMPLETED, result, (remarks or "").strip()
        req.records_checked, req.decided_by, req.decided_at = checked, officer, at
        req.save()
        close_alerts(key=f"portal:verification:{req.global_id}", by=officer, reason="completed")
    _sms(req.citizen, req.language, _("Verification %(reference)s is complete: download the certificate from the portal."),
         reference=req.reference, kind="verification_done")
    return req


PERMISSION_FIELDS = ["kind", "organiser_name", "organisation", "starts_at", "ends_at", "venue", "route",
                     "expected_attendance", "description"]


def submit_permission(citizen: Citizen, station, data: dict, *, language: str = "en",
                      now: datetime.datetime | None = None) -> PermissionRequest:
    """Ask the station of the venue for permission; an inbox alert is due when the event starts.
    Refused when it starts in the past or ends before it starts."""
    _check_station(station)
    unknown = sorted(set(data) - set(PERMISSION_FIELDS))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    at = now or timezone.now()
    data = {k: v for k, v in data.items() if v is not None}
    errors = {}
    if data.get("starts_at") and data["starts_at"] < at:
        errors["starts_at"] = _("This is in the past.")
    if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = _("This is before the start.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        req = PermissionRequest.objects.create(citizen=citizen, police_station=station, reference=new_reference("PP", at),
                                               submitted_at=at, language=language, origin_unit=station, **data)
        raise_alert(key=f"portal:permission:{req.global_id}", kind=PERMISSION_REQUESTED, unit=station, record=req,
                    url=reverse("portal:police_permission", kwargs={"pk": req.pk}), due_at=req.starts_at,
                    params={"reference": req.reference, "kind": req.get_kind_display(), "starts": req.starts_at})
    _sms(citizen, language, _("Permission request %(reference)s received by the police station."),
         reference=req.reference, kind="permission_ack")
    return req


def decide_permission(req: PermissionRequest, sho, *, granted: bool, conditions: str = "", reason: str = "",
                      now: datetime.datetime | None = None) -> PermissionRequest:
    """The SHO grants (with ``conditions``) or refuses (``reason`` required) a permission.
    Raises ``PermissionDenied`` (not the station's SHO) or ``ValidationError``."""
    require(sho, "registration.decide_complaint", req.police_station)
    if not granted and not (reason or "").strip():
        raise ValidationError({"reason": _("Record the reasons for refusing.")})
    at = now or timezone.now()
    with transaction.atomic():
        req = PermissionRequest.objects.select_for_update().select_related("citizen").get(pk=req.pk)
        if req.status != RequestStatus.SUBMITTED:
            raise ValidationError({"status": _("This request has already been decided.")})
        req.status = RequestStatus.GRANTED if granted else RequestStatus.REFUSED
        req.conditions, req.decision_reason = (conditions or "").strip(), (reason or "").strip()
        req.decided_by, req.decided_at = sho, at
        req.save()
        close_alerts(key=f"portal:permission:{req.global_id}", by=sho, reason=req.status)
    _sms(req.citizen, req.language, _("Permission %(reference)s: %(decision)s. See the portal."),
         reference=req.reference, decision=req.get_status_display(), kind="permission_done")
    return req


LOST_FIELDS = ["category", "description", "identifier", "lost_on", "lost_place", "reporter_name", "reporter_address"]

#: The property register's category of each kind of lost article.
_PROPERTY_CATEGORY = {"document": "documents", "mobile": "mobile_phone", "other": "other"}


def report_lost_article(citizen: Citizen, station, data: dict, *, language: str = "en",
                        now: datetime.datetime | None = None) -> LostArticleReport:
    """Record a lost-article report at the station of the place of loss, at once and without
    police intervention (the receipt is issued from it), and enter the article in the property
    register as *lost* (:func:`cctns.property.services.record_lost_article`), where the station
    sees it and found property is matched against it (a phone by its IMEI). Refused for a date
    in the future, or a phone IMEI whose check digit is wrong (``identifier``)."""
    from cctns.property.services import record_lost_article

    _check_station(station)
    unknown = sorted(set(data) - set(LOST_FIELDS))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    at = now or timezone.now()
    if data.get("lost_on") and data["lost_on"] > timezone.localdate(at):
        raise ValidationError({"lost_on": _("This is in the future.")})
    values = {k: v for k, v in data.items() if v is not None}
    values["identifier"] = "".join((values.get("identifier") or "").split()).upper()
    category = values.get("category") or "other"
    identifier = values["identifier"]
    if category == "mobile" and identifier.isdigit() and len(identifier) >= 14:
        identifiers = {"imei": identifier}
    else:
        identifiers = {"number": identifier} if identifier else {}
    with transaction.atomic():
        try:
            item = record_lost_article(
                category=_PROPERTY_CATEGORY.get(category, "other"), description=values.get("description", ""),
                identifiers=identifiers, lost_on=values.get("lost_on"), lost_place=values.get("lost_place", ""),
                reporter_name=values.get("reporter_name", ""), reporter_mobile=citizen.mobile, station=station)
        except ValidationError as exc:
            mapping = {"imei": "identifier", "station": "police_station"}
            raise ValidationError({mapping.get(k, k): v for k, v in exc.message_dict.items()}) from exc
        return LostArticleReport.objects.create(citizen=citizen, police_station=station, reference=new_reference("LA", at),
                                                submitted_at=at, language=language, origin_unit=station,
                                                property_item=item.global_id, **values)


NOC_HIT = register_kind(AlertKind(
    "portal_noc_hit", gettext_lazy("Vehicle NOC matched a reported vehicle"),
    gettext_lazy("Vehicle NOC application %(reference)s (%(vehicle)s) matches a vehicle reported stolen or lost "
                 "(score %(score)s): no NOC issued. Check the applicant and the vehicle."),
))


def apply_vehicle_noc(citizen: Citizen, station, data: dict, *, language: str = "en",
                      now: datetime.datetime | None = None) -> VehicleNOC:
    """Check a vehicle for a NOC by any combination of registration, chassis and engine number
    (at least one) against every stolen or lost vehicle of the node
    (:func:`cctns.property.services.check_vehicle`). Clean: status *clean*, the NOC may be
    downloaded at once. Any hit: status *hit*, no NOC, and an inbox alert (one per reporting
    station, and one to ``station``) naming the application and the score, never the owner."""
    from cctns.property.services import check_vehicle

    _check_station(station)
    fields = ["registration_number", "chassis_number", "engine_number", "purpose"]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    values = {k: " ".join(str(data.get(k) or "").split()).upper() for k in fields[:3]}
    values["purpose"] = (data.get("purpose") or "").strip()
    if not any(values[k] for k in fields[:3]):
        raise ValidationError({"registration_number": _("Give the registration, chassis or engine number of the vehicle.")})
    if not values["purpose"]:
        raise ValidationError({"purpose": _("This field is required.")})
    at = now or timezone.now()
    hits = check_vehicle(registration_number=values["registration_number"], chassis_number=values["chassis_number"],
                         engine_number=values["engine_number"])
    rows = [{"vehicle": str(h.vehicle.global_id), "station": h.station.pk, "score": round(h.score, 3)} for h in hits]
    with transaction.atomic():
        noc = VehicleNOC.objects.create(citizen=citizen, police_station=station, reference=new_reference("NV", at),
                                        submitted_at=at, language=language, origin_unit=station,
                                        status=NOCStatus.HIT if hits else NOCStatus.CLEAN, hits=rows, **values)
        if hits:
            vehicle = values["registration_number"] or values["chassis_number"] or values["engine_number"]
            best = max(h.score for h in hits)
            units = {h.station.pk: h.station for h in hits}
            units.setdefault(station.pk, station)
            for unit in units.values():
                raise_alert(key=f"portal:noc:{noc.global_id}:{unit.pk}", kind=NOC_HIT, unit=unit, record=noc,
                            url=reverse("portal:police_requests"),
                            params={"reference": noc.reference, "vehicle": vehicle, "score": f"{best:.2f}"})
    return noc
