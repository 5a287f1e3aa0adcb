"""Models of the citizen portal.

A citizen is **not** a police :class:`~cctns.core.models.User`: :class:`Citizen` is its own table,
signed in by a one-time password sent to the mobile number and remembered in the session under
its own key (:data:`cctns.portal.auth.SESSION_KEY`). ``request.user`` stays anonymous for a
citizen, so no police page, API or permission can ever be reached through a citizen session.

Each application a citizen makes (complaint, e-FIR, …) is a police record
(:class:`~cctns.core.models.PoliceRecord`: global id, version, outbox, never deleted) owned by
the police station it was routed to, and carries a public acknowledgement number
(:func:`cctns.portal.services.common.new_reference`) that is random, not a sequence.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit


class Citizen(models.Model):
    """A member of the public with an account on the portal, identified by a mobile number
    (the last ten digits). The e-mail address is optional. Never deleted: deactivated."""

    mobile = models.CharField(_("mobile number"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail (optional)"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last signed in"), null=True, blank=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return self.name or f"{self.mobile[:2]}******{self.mobile[-2:]}"

    @property
    def masked_mobile(self) -> str:
        """``98******10``: what pages and police-side lists show of the number."""
        return f"{self.mobile[:2]}******{self.mobile[-2:]}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Citizen accounts are deactivated, never deleted."))


class OTPPurpose(models.TextChoices):
    LOGIN = "login", _("Sign in")
    CONSENT = "consent", _("Consent of the person verified")


class OTPChallenge(models.Model):
    """One one-time password sent to a mobile number.

    Only a keyed hash of the code is stored (``code_hash``: HMAC-SHA256 with ``SECRET_KEY``,
    salted with the challenge's id and number). ``attempts`` counts wrong codes; a challenge is
    spent once used, expired, or after ``CCTNS_PORTAL_OTP_MAX_ATTEMPTS`` wrong codes. Rows are
    kept: the request and failure counts that drive the rate limits and the lockout are read
    from them (:mod:`cctns.portal.services.otp`).
    """

    mobile = models.CharField(max_length=10, db_index=True)
    purpose = models.CharField(max_length=10, choices=OTPPurpose.choices, default=OTPPurpose.LOGIN)
    subject = models.CharField(max_length=60, blank=True, help_text="What a consent code confirms (a record id).")
    code_hash = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mobile", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"OTP {self.purpose} {self.mobile[-4:]} {self.created_at:%Y-%m-%d %H:%M}"


class SMSMessage(models.Model):
    """An SMS the portal sent (or tried to), whatever the backend: who, what kind, when, the
    gateway's answer. The text is kept without the OTP code (codes are never stored)."""

    mobile = models.CharField(max_length=10, db_index=True)
    kind = models.CharField(max_length=30)
    text = models.TextField()
    backend = models.CharField(max_length=100)
    sent_at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField(default=True)
    gateway_reference = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"SMS {self.kind} to {self.mobile[-4:]}"


class Application(PoliceRecord):
    """What every application made on the portal has: the citizen, the police station it is
    routed to (which owns it: ``jurisdiction_field``), a public reference number, the time and
    language of filing."""

    citizen = models.ForeignKey(Citizen, verbose_name=_("citizen"), on_delete=models.PROTECT, related_name="+")
    police_station = models.ForeignKey(Unit, verbose_name=_("police station"), on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("acknowledgement number"), max_length=24, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")

    jurisdiction_field = "police_station"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference


class ComplaintFiling(Application):
    """A complaint filed on the portal. The complaint itself is the registration app's
    :class:`~cctns.registration.models.Complaint` (channel *portal*), in the station's inbox of
    complaints; its status is the complaint's."""

    # A ForeignKey made unique by a constraint, not a OneToOneField: a reverse one-to-one would
    # cost every complaint save a query (the audit log reads each relation of the saved row).
    complaint = models.ForeignKey(
        "registration.Complaint", verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="portal_filings",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["complaint"], name="portal_complaintfiling_complaint_once")]
        verbose_name = _("complaint filed online")
        verbose_name_plural = _("complaints filed online")


class EFIRStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted: sign at the police station")
    SIGNED = "signed", _("Signed: taken on record as an FIR")
    LAPSED = "lapsed", _("Lapsed: not signed in time")


class EFIR(Application):
    """Information of a cognizable offence given electronically (e-FIR).

    Taken on record as an FIR only once the informant signs it at the police station within
    3 days (BNSS s.173(1)(ii)); ``sign_by`` is that deadline. Unsigned e-FIRs lapse with a
    recorded reason (:func:`cctns.portal.services.efir.lapse_unsigned`). Only the offences the
    state enables (``CCTNS_EFIR_OFFENCES``) with no accused known can be reported this way.
    """

    offence = models.CharField(_("offence"), max_length=30)
    status = models.CharField(_("status"), max_length=12, choices=EFIRStatus.choices, default=EFIRStatus.SUBMITTED)
    sign_by = models.DateTimeField(_("sign at the police station by"))

    informant_name = models.CharField(_("your name"), max_length=200)
    informant_relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    informant_age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    informant_sex = models.CharField(_("sex"), max_length=1, default="U")
    informant_address = models.TextField(_("your address"))
    occurrence_from = models.DateTimeField(_("occurred from"))
    occurrence_to = models.DateTimeField(_("occurred to"), null=True, blank=True)
    place_address = models.TextField(_("place of occurrence"))
    property_description = models.TextField(_("what was stolen"))
    property_value = models.DecimalField(_("approximate value (₹)"), max_digits=12, decimal_places=2, null=True, blank=True)
    vehicle_registration = models.CharField(_("vehicle registration number"), max_length=20, blank=True)
    vehicle_chassis = models.CharField(_("chassis number"), max_length=30, blank=True)
    vehicle_engine = models.CharField(_("engine number"), max_length=30, blank=True)
    narrative = models.TextField(_("what happened"))

    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_before = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed before (officer)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # Unique by constraint, not a OneToOneField (see ComplaintFiling.complaint): FIR registration
    # keeps its fixed number of queries.
    fir = models.ForeignKey(
        "registration.FIR", verbose_name=_("FIR"), null=True, blank=True, on_delete=models.PROTECT, related_name="efirs",
    )
    lapsed_at = models.DateTimeField(_("lapsed at"), null=True, blank=True)
    lapse_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("e-FIR")
        verbose_name_plural = _("e-FIRs")
        indexes = [models.Index(fields=["status", "sign_by"])]
        constraints = [models.UniqueConstraint(fields=["fir"], condition=models.Q(fir__isnull=False), name="portal_efir_fir_once")]

    @property
    def is_open(self) -> bool:
        return self.status == EFIRStatus.SUBMITTED

    def time_left(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        return self.sign_by - (now or timezone.now())


class FIRWithholding(models.Model):
    """An officer of DSP rank or above withholds an FIR from the public website, with the reason
    (Youth Bar Association of India v. UoI, 2016: only DSP rank or above may decide not to upload
    an FIR). Rows are never deleted; lifting it is a new row with ``lifted=True``."""

    fir = models.ForeignKey("registration.FIR", on_delete=models.PROTECT, related_name="withholdings")
    lifted = models.BooleanField(_("withholding lifted"), default=False)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        ordering = ["fir", "decided_at", "id"]
        verbose_name = _("FIR withheld from publication")
        verbose_name_plural = _("FIRs withheld from publication")

    def __str__(self) -> str:
        return f"{self.fir_id} {'lifted' if self.lifted else 'withheld'} {self.decided_at:%Y-%m-%d}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Decisions on publication are never deleted."))


def consent_path(instance, filename: str) -> str:
    """``portal/consent/<yyyy>/<mm>/<uuid><ext>`` under MEDIA_ROOT (not served by the web server)."""
    import os
    import uuid

    ext = os.path.splitext(filename)[1].lower()[:10]
    now = timezone.now()
    return f"portal/consent/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"


class VerificationKind(models.TextChoices):
    CHARACTER = "character", _("Self / character certificate")
    EMPLOYEE = "employee", _("Employee verification")
    TENANT = "tenant", _("Tenant verification")
    DOMESTIC = "domestic", _("Domestic help verification")


class ConsentMethod(models.TextChoices):
    UPLOAD = "upload", _("Signed consent uploaded")
    OTP = "otp", _("Confirmed by a code sent to the person's mobile")
    SELF = "self", _("The applicant is the person verified")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted: with the police station")
    COMPLETED = "completed", _("Completed")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class VerificationResult(models.TextChoices):
    CLEAR = "clear", _("Nothing adverse found in police records")
    ADVERSE = "adverse", _("Adverse record found")


class VerificationRequest(Application):
    """A police verification request (character, employee, tenant, domestic help), routed to the
    station of the verified person's address, with that person's consent recorded (DOMAIN.md:
    written consent of the person verified; a report with a QR code; a 15-day service level
    by default, ``CCTNS_VERIFICATION_SLA_DAYS``). Fees are configurable
    (``CCTNS_VERIFICATION_FEES``); there is no payment gateway: the receipt of an external
    payment is recorded by its reference."""

    kind = models.CharField(_("kind of verification"), max_length=12, choices=VerificationKind.choices)
    subject_name = models.CharField(_("name of the person to be verified"), max_length=200)
    subject_relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    subject_age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    subject_sex = models.CharField(_("sex"), max_length=1, default="U")
    subject_address = models.TextField(_("address of the person to be verified"))
    subject_mobile = models.CharField(_("mobile of the person to be verified"), max_length=10, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    consent_method = models.CharField(_("consent"), max_length=8, choices=ConsentMethod.choices)
    consent_file = models.FileField(_("signed consent"), upload_to=consent_path, max_length=200, blank=True)
    consent_sha256 = models.CharField(max_length=64, blank=True)
    consent_confirmed_at = models.DateTimeField(_("consent recorded at"))
    fee_amount = models.DecimalField(_("fee (₹)"), max_digits=8, decimal_places=2, default=0)
    fee_receipt_reference = models.CharField(_("fee receipt reference"), max_length=60, blank=True)
    due_by = models.DateTimeField(_("due by"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    result = models.CharField(_("result"), max_length=8, choices=VerificationResult.choices, blank=True)
    result_remarks = models.TextField(_("remarks of the enquiry"), blank=True)
    records_checked = models.JSONField(_("records checked"), default=list, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")


class PermissionKind(models.TextChoices):
    EVENT = "event", _("Public event")
    PROCESSION = "procession", _("Procession")
    PROTEST = "protest", _("Protest or demonstration")
    LOUDSPEAKER = "loudspeaker", _("Use of loudspeaker")


class PermissionRequest(Application):
    """A request for permission for an event, procession, protest or loudspeaker, routed to the
    station of the venue; the SHO grants it (with conditions) or refuses it (with reasons)."""

    kind = models.CharField(_("permission for"), max_length=12, choices=PermissionKind.choices)
    organiser_name = models.CharField(_("organiser's name"), max_length=200)
    organisation = models.CharField(_("organisation (if any)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("to"))
    venue = models.TextField(_("venue"))
    route = models.TextField(_("route (procession)"), blank=True)
    expected_attendance = models.PositiveIntegerField(_("expected number of people"), null=True, blank=True)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    conditions = models.TextField(_("conditions"), blank=True)
    decision_reason = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("permission request")
        verbose_name_plural = _("permission requests")


class LostCategory(models.TextChoices):
    DOCUMENT = "document", _("Document (identity card, certificate, passbook …)")
    MOBILE = "mobile", _("Mobile phone")
    OTHER = "other", _("Other article")


class LostArticleReport(Application):
    """A report of an article lost (not stolen), with an instant receipt and QR code and no
    police intervention (DOMAIN.md: the receipt replaces a non-traceable certificate); listed
    for the station of the place of loss to match against property found."""

    category = models.CharField(_("what was lost"), max_length=10, choices=LostCategory.choices)
    description = models.TextField(_("description"))
    identifier = models.CharField(_("number on it (document number, IMEI …)"), max_length=60, blank=True)
    lost_on = models.DateField(_("lost on"))
    lost_place = models.TextField(_("where it was lost"))
    reporter_name = models.CharField(_("your name"), max_length=200)
    reporter_address = models.TextField(_("your address"))
    property_item = models.UUIDField(
        _("property record"), null=True, blank=True, editable=False,
        help_text="Global id of the lost item in the property register (cctns.property.services.record_lost_article).",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("lost article report")
        verbose_name_plural = _("lost article reports")


class NOCStatus(models.TextChoices):
    CLEAN = "clean", _("No objection: not reported stolen")
    HIT = "hit", _("Cannot be issued online: visit the police station")


class VehicleNOC(Application):
    """A vehicle no-objection certificate: the vehicle (any combination of registration, chassis
    and engine number) checked against every stolen or lost vehicle of the node
    (:func:`cctns.property.services.check_vehicle`). Clean → the NOC is issued at once (PDF with
    QR); a hit → no NOC, and an inbox alert to the station that reported the vehicle and to the
    station the applicant chose. The citizen is not told which record matched."""

    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    chassis_number = models.CharField(_("chassis number"), max_length=30, blank=True)
    engine_number = models.CharField(_("engine number"), max_length=30, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    status = models.CharField(_("result"), max_length=6, choices=NOCStatus.choices)
    hits = models.JSONField(_("records matched"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("vehicle NOC")
        verbose_name_plural = _("vehicle NOCs")
