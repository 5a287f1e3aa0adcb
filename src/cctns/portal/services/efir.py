"""e-FIR: information of a cognizable offence given electronically, taken on record as an FIR
once the informant signs it at the police station within 3 days (BNSS s.173(1)(ii)).

The offences a citizen may report this way are chosen by the state (``CCTNS_EFIR_OFFENCES``,
codes of :data:`OFFENCES` separated by commas; default ``vehicle_theft,property_theft``), and
only with the accused not known: anything else is a complaint at the station.

Deadline tracking: on submission an inbox alert, due at the deadline, tells the station; the
daily job (:func:`daily`) sends the citizen a reminder SMS once less than
:data:`REMINDER_BEFORE` is left, and lapses e-FIRs not signed by their deadline, recording why.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.core.constants import UnitKind
from cctns.registration.constants import FIRKind, PropertyCategory
from cctns.registration.services import register_fir
from cctns.registration.services.common import require

from ..models import EFIR, Citizen, EFIRStatus
from ..sms import send_sms
from .common import new_reference, setting

#: BNSS s.173(1)(ii): information given electronically is taken on record on being signed
#: within three days by the person giving it.
SIGN_DAYS = 3
#: The reminder SMS goes out once less than this is left to sign.
REMINDER_BEFORE = datetime.timedelta(hours=48)

EFIR_SIGNATURE_DUE = register_kind(AlertKind(
    "portal_efir_signature", gettext_lazy("e-FIR awaiting signature"),
    gettext_lazy("e-FIR %(reference)s (%(offence)s) must be signed by the informant at the station by %(due)s, "
                 "or it lapses (BNSS s.173(1)(ii))."),
))


@dataclass(frozen=True)
class Offence:
    """An offence that may be reported by e-FIR: code, label, the sections the FIR is
    registered under, and the property category of what was stolen."""

    code: str
    label: str | Promise
    sections: tuple[str, ...]
    category: str
    vehicle: bool = False


#: The offences a state may enable. Theft is BNS s.303(2); a vehicle is movable property.
OFFENCES = {
    "vehicle_theft": Offence("vehicle_theft", gettext_lazy("Theft of a vehicle (accused not known)"), ("BNS 303(2)",),
                             PropertyCategory.VEHICLE, vehicle=True),
    "property_theft": Offence("property_theft", gettext_lazy("Theft of property (accused not known)"), ("BNS 303(2)",),
                              PropertyCategory.OTHER),
    "mobile_theft": Offence("mobile_theft", gettext_lazy("Theft of a mobile phone (accused not known)"), ("BNS 303(2)",),
                            PropertyCategory.MOBILE_PHONE),
}


def enabled_offences() -> list[Offence]:
    """The offences this state enables for e-FIR (``CCTNS_EFIR_OFFENCES``), in that order."""
    raw = setting("CCTNS_EFIR_OFFENCES", "vehicle_theft,property_theft")
    codes = [c.strip() for c in (raw.split(",") if isinstance(raw, str) else raw) if c.strip()]
    return [OFFENCES[c] for c in codes if c in OFFENCES]


EFIR_FIELDS = ["offence", "informant_name", "informant_relative_name", "informant_age", "informant_sex",
               "informant_address", "occurrence_from", "occurrence_to", "place_address", "property_description",
               "property_value", "vehicle_registration", "vehicle_chassis", "vehicle_engine", "narrative"]


def submit_efir(citizen: Citizen, station, data: dict, *, accused_unknown: bool, language: str = "en",
                now: datetime.datetime | None = None) -> EFIR:
    """File an e-FIR at ``station`` for ``citizen``; returns it with ``sign_by`` = now + 3 days.

    ``data``: :data:`EFIR_FIELDS`. Refused (``ValidationError`` per field) when the offence is
    not enabled, ``accused_unknown`` is false (the e-FIR is only for an unknown accused), the
    occurrence is in the future or ends before it starts, or a vehicle theft gives none of
    registration, chassis and engine number.
    """
    unknown = sorted(set(data) - set(EFIR_FIELDS))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    if station is None or station.kind != UnitKind.POLICE_STATION or not station.is_active:
        raise ValidationError({"police_station": _("Choose a police station.")})
    at = now or timezone.now()
    errors = {}
    offence = OFFENCES.get(data.get("offence") or "")
    if offence is None or offence not in enabled_offences():
        errors["offence"] = _("This offence cannot be reported online here; file a complaint instead.")
    if not accused_unknown:
        errors["accused_unknown"] = _("An e-FIR is only for offences where you do not know who did it. "
                                      "If you know the accused, file a complaint or go to the police station.")
    start, end = data.get("occurrence_from"), data.get("occurrence_to")
    if start and start > at:
        errors["occurrence_from"] = _("This is in the future.")
    if start and end and end < start:
        errors["occurrence_to"] = _("This is before the start.")
    if offence is not None and offence.vehicle and not any(
            (data.get(k) or "").strip() for k in ("vehicle_registration", "vehicle_chassis", "vehicle_engine")):
        errors["vehicle_registration"] = _("Give the registration, chassis or engine number of the vehicle.")
    for key in ("informant_name", "informant_address", "place_address", "property_description", "narrative", "occurrence_from"):
        if not data.get(key):
            errors.setdefault(key, _("This field is required."))
    if errors:
        raise ValidationError(errors)
    values = {k: v for k, v in data.items() if v is not None}
    for key in ("vehicle_registration", "vehicle_chassis", "vehicle_engine"):
        values[key] = "".join((values.get(key) or "").split()).upper()
    with transaction.atomic():
        efir = EFIR.objects.create(
            citizen=citizen, police_station=station, reference=new_reference("EF", at), submitted_at=at,
            language=language, sign_by=at + datetime.timedelta(days=SIGN_DAYS), origin_unit=station, **values,
        )
        raise_alert(key=_alert_key(efir), kind=EFIR_SIGNATURE_DUE, unit=station, record=efir,
                    url=reverse("portal:police_efir", kwargs={"pk": efir.pk}), due_at=efir.sign_by,
                    params={"reference": efir.reference, "offence": str(offence.label), "due": efir.sign_by})
    with translation.override(language):
        send_sms(citizen.mobile, _("e-FIR %(reference)s received. Sign it at %(station)s by %(due)s, or it lapses.")
                 % {"reference": efir.reference, "station": _station_name(station, language), "due": _when(efir.sign_by)},
                 kind="efir_ack")
    return efir


def _alert_key(efir: EFIR) -> str:
    return f"portal:efir:{efir.global_id}"


def _station_name(station, language: str) -> str:
    return station.name_hi if language == "hi" and station.name_hi else station.name


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def fir_data(efir: EFIR, signed_at: datetime.datetime) -> dict:
    """The FIR data (input of :func:`cctns.registration.services.register_fir`) of an e-FIR."""
    offence = OFFENCES[efir.offence]
    description = efir.property_description
    identifiers = [f"{label}: {value}" for label, value in (
        (_("registration"), efir.vehicle_registration), (_("chassis"), efir.vehicle_chassis),
        (_("engine"), efir.vehicle_engine)) if value]
    if identifiers:
        description = f"{description} ({'; '.join(identifiers)})"
    return {
        "kind": FIRKind.EFIR,
        "occurrence_from": efir.occurrence_from,
        "occurrence_to": efir.occurrence_to,
        "information_received_at": efir.submitted_at,
        "gd_reference": efir.reference,
        "place_address": efir.place_address,
        "informant_name": efir.informant_name,
        "informant_relative_name": efir.informant_relative_name,
        "informant_age": efir.informant_age,
        "informant_sex": efir.informant_sex or "U",
        "informant_address": efir.informant_address,
        "informant_phone": efir.citizen.mobile,
        "informant_signed_at": signed_at,
        "unknown_accused_count": 1,
        "unknown_accused_description": _("Not known to the informant (e-FIR)."),
        "sections": list(offence.sections),
        "victims": [{"name": efir.informant_name, "sex": efir.informant_sex or "U", "age": efir.informant_age}],
        "properties": [{"category": offence.category, "description": description[:500], "value": efir.property_value}],
        "narrative": efir.narrative,
    }


def sign_efir(efir: EFIR, officer, *, delay_reason: str = "", now: datetime.datetime | None = None):
    """The informant signs the e-FIR before ``officer`` at the station: it is taken on record as
    an FIR (kind e-FIR, registered by :func:`cctns.registration.services.register_fir`, the
    signature time as ``informant_signed_at``, the time of submission as the time the
    information was received). Returns the FIR (pending the SHO's approval when the station
    requires it).

    Raises ``PermissionDenied`` (``officer`` cannot register FIRs at the e-FIR's station);
    ``ValidationError`` when it is no longer open or its 3 days have passed (BNSS
    s.173(1)(ii): it then lapses); ``RuleValidationError`` from the FIR rules.
    """
    require(officer, "registration.register_fir", efir.police_station)
    at = now or timezone.now()
    with transaction.atomic():
        efir = EFIR.objects.select_for_update().select_related("citizen", "police_station").get(pk=efir.pk)
        if efir.status != EFIRStatus.SUBMITTED:
            raise ValidationError({"status": _("This e-FIR is no longer awaiting signature.")})
        if at > efir.sign_by:
            raise ValidationError({"status": _("The three days to sign this e-FIR have passed (BNSS s.173(1)(ii)): it has lapsed.")})
        data = fir_data(efir, at)
        if delay_reason.strip():
            data["delay_reason"] = delay_reason.strip()
        fir = register_fir(efir.police_station, officer, data, now=at)
        efir.status, efir.fir, efir.signed_at, efir.signed_before = EFIRStatus.SIGNED, fir, at, officer
        efir.save()
        close_alerts(key=_alert_key(efir), by=officer, reason="signed")
    with translation.override(efir.language):
        send_sms(efir.citizen.mobile, _("e-FIR %(reference)s is signed and taken on record as an FIR at %(station)s.")
                 % {"reference": efir.reference, "station": _station_name(efir.police_station, efir.language)},
                 kind="efir_signed")
    return fir


def remind_unsigned(now: datetime.datetime | None = None) -> int:
    """Send one reminder SMS for each open e-FIR with less than :data:`REMINDER_BEFORE` left;
    returns how many were sent."""
    at = now or timezone.now()
    sent = 0
    due = EFIR.objects.filter(status=EFIRStatus.SUBMITTED, reminder_sent_at__isnull=True,
                              sign_by__gt=at, sign_by__lte=at + REMINDER_BEFORE).select_related("citizen", "police_station")
    for efir in due:
        with translation.override(efir.language):
            send_sms(efir.citizen.mobile, _("Reminder: sign e-FIR %(reference)s at %(station)s by %(due)s, or it lapses.")
                     % {"reference": efir.reference, "station": _station_name(efir.police_station, efir.language),
                        "due": _when(efir.sign_by)}, kind="efir_reminder")
        EFIR.objects.filter(pk=efir.pk).update(reminder_sent_at=at)
        sent += 1
    return sent


def lapse_unsigned(now: datetime.datetime | None = None) -> int:
    """Lapse every e-FIR not signed by its deadline, with the reason recorded, its alert closed
    and the citizen told; returns how many lapsed (BNSS s.173(1)(ii))."""
    at = now or timezone.now()
    count = 0
    for pk in EFIR.objects.filter(status=EFIRStatus.SUBMITTED, sign_by__lt=at).values_list("pk", flat=True):
        with transaction.atomic():
            efir = EFIR.objects.select_for_update().select_related("citizen", "police_station").get(pk=pk)
            if efir.status != EFIRStatus.SUBMITTED:
                continue
            efir.status, efir.lapsed_at = EFIRStatus.LAPSED, at
            with translation.override(efir.language):
                efir.lapse_reason = _("Not signed by the informant at the police station within three days "
                                      "(by %(due)s), as BNSS s.173(1)(ii) requires.") % {"due": _when(efir.sign_by)}
            efir.save()
            close_alerts(key=_alert_key(efir), reason="lapsed: not signed within 3 days")
        with translation.override(efir.language):
            send_sms(efir.citizen.mobile, _("e-FIR %(reference)s has lapsed: it was not signed within three days. "
                                            "You may still report the offence at any police station.")
                     % {"reference": efir.reference}, kind="efir_lapsed")
        count += 1
    return count


def daily(now: datetime.datetime | None = None) -> dict:
    """The daily job: reminders, then lapses. Returns ``{"reminded": n, "lapsed": n}``."""
    return {"reminded": remind_unsigned(now), "lapsed": lapse_unsigned(now)}
