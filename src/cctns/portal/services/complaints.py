"""Complaints filed by citizens: received through the registration app's complaint service at
the station the citizen chose, acknowledged at once (number, SMS and a PDF with a QR code)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.core.constants import UnitKind
from cctns.registration.constants import Channel
from cctns.registration.services import receive_complaint

from ..models import Citizen, ComplaintFiling
from ..sms import send_sms
from .common import new_reference, portal_desk_user

COMPLAINT_ONLINE = register_kind(AlertKind(
    "portal_complaint", gettext_lazy("Complaint filed online"),
    gettext_lazy("Complaint %(number)s was filed online (acknowledgement %(reference)s): act on it."),
))

#: Fields a citizen gives (the registration service's complaint fields).
FILING_FIELDS = ["complainant_name", "complainant_relative_name", "complainant_relation", "complainant_sex",
                 "complainant_age", "complainant_address", "complainant_email", "subject", "narrative",
                 "occurrence_date", "place_address"]


def file_complaint(citizen: Citizen, station, data: dict, *, attachments=(), language: str = "en",
                   now: datetime.datetime | None = None) -> ComplaintFiling:
    """File a complaint for ``citizen`` at ``station`` and return the filing.

    The complaint is received by :func:`cctns.registration.services.receive_complaint` at the
    station (channel *citizen portal*, by the station's portal desk account), so it is numbered
    in the station's series, written in its General Diary and listed in its complaints; the
    attachments get that service's checks (PDF, JPEG or PNG judged by their contents,
    ``CCTNS_ATTACHMENT_MAX_BYTES``: rules CMP-003, CMP-004) and are stored under ``MEDIA_ROOT``,
    which is not served. The complainant's phone is the citizen's registered mobile. An inbox
    alert tells the station; an SMS gives the citizen the acknowledgement number.

    Raises ``ValidationError`` (an unknown field, no station) or ``RuleValidationError``.
    """
    if station is None or station.kind != UnitKind.POLICE_STATION or not station.is_active:
        raise ValidationError({"police_station": _("Choose a police station.")})
    unknown = sorted(set(data) - set(FILING_FIELDS))
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    at = now or timezone.now()
    desk = portal_desk_user(station)
    payload = {k: v for k, v in data.items() if v not in (None, "")}
    payload.update(channel=Channel.PORTAL, complainant_phone=citizen.mobile, received_at=at)
    if not payload.get("complainant_email") and citizen.email:
        payload["complainant_email"] = citizen.email
    with transaction.atomic():
        complaint = receive_complaint(station, desk, payload, attachments=attachments, now=at)
        filing = ComplaintFiling.objects.create(
            citizen=citizen, police_station=station, complaint=complaint, reference=new_reference("CP", at),
            submitted_at=at, language=language, created_by=None, origin_unit=station,
        )
        raise_alert(key=f"portal:complaint:{filing.global_id}", kind=COMPLAINT_ONLINE, unit=station, record=complaint,
                    url=reverse("registration:complaint_detail", kwargs={"pk": complaint.pk}),
                    params={"number": complaint.number, "reference": filing.reference})
    from django.utils import translation

    with translation.override(language):
        send_sms(citizen.mobile, _("Your complaint is received at %(station)s. Acknowledgement number %(reference)s.")
                 % {"station": station.name_hi if language == "hi" and station.name_hi else station.name,
                    "reference": filing.reference}, kind="complaint_ack")
    return filing


def close_acted_on_alerts() -> int:
    """Close the "filed online" alerts of complaints the station has acted on (sent to an
    enquiry, or disposed of as FIR, NCR or closure); returns how many were closed. Run by the
    daily job ``portal.complaint_alerts``."""
    from cctns.core.models import Alert
    from cctns.registration.constants import ComplaintStatus

    closed = 0
    open_keys = Alert.objects.filter(kind=COMPLAINT_ONLINE.code, state=Alert.State.OPEN).values_list("key", flat=True)
    ids = [k.rsplit(":", 1)[-1] for k in open_keys]
    for filing in ComplaintFiling.objects.filter(global_id__in=ids).exclude(complaint__status=ComplaintStatus.RECEIVED):
        closed += close_alerts(key=f"portal:complaint:{filing.global_id}", reason="acted on")
    return closed
