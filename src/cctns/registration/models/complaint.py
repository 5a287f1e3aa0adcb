"""Complaints and petitions received at a station, their attachments and preliminary enquiries."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit

from ..constants import Channel, ComplaintOutcome, ComplaintStatus, EnquiryBasis, Relation, Sex
from .common import NoDeleteQuerySet


class Complaint(PoliceRecord):
    """A complaint or petition received at a police station (walk-in, post, phone, e-mail, portal).

    Registered with a number per station per calendar year (IST). Before acting, the officer looks
    for earlier complaints by the same person or about the same incident
    (``services.find_related_complaints``). It may go to a preliminary enquiry and ends as an FIR,
    an NCR, or closure with reasons communicated to the complainant (Lalita Kumari v. Govt. of U.P.,
    2014: a copy of the closure entry is supplied to the informant within a week).
    """

    police_station = models.ForeignKey(Unit, verbose_name=_("police station"), on_delete=models.PROTECT, related_name="complaints")
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    serial = models.PositiveIntegerField(_("serial number"), editable=False)
    number = models.CharField(_("complaint number"), max_length=20, editable=False)
    received_at = models.DateTimeField(_("received at"))
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices, default=Channel.WALK_IN)
    status = models.CharField(_("status"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED)

    complainant_name = models.CharField(_("complainant's name"), max_length=200)
    complainant_relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    complainant_relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices, blank=True)
    complainant_sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    complainant_age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    complainant_address = models.TextField(_("address"), blank=True)
    complainant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    complainant_phone_digits = models.CharField(max_length=10, blank=True, editable=False, db_index=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    subject = models.CharField(_("subject"), max_length=300, blank=True)
    narrative = models.TextField(_("complaint"))
    occurrence_date = models.DateField(_("date of incident"), null=True, blank=True)
    place_address = models.TextField(_("place of incident"), blank=True)
    place_key = models.CharField(max_length=200, blank=True, editable=False)
    sections = models.ManyToManyField(
        "legal.Section", verbose_name=_("offences disclosed (if any)"), related_name="complaints", blank=True,
    )

    outcome = models.CharField(_("outcome"), max_length=10, choices=ComplaintOutcome.choices, blank=True)
    outcome_reason = models.TextField(_("reasons"), blank=True)
    outcome_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    communicated_at = models.DateTimeField(_("reasons communicated at"), null=True, blank=True)
    communicated_how = models.CharField(_("communicated how"), max_length=100, blank=True)

    jurisdiction_field = "police_station"
    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.UniqueConstraint(fields=["police_station", "year", "serial"], name="registration_complaint_number"),
        ]

    def __str__(self) -> str:
        return _("Complaint %(number)s, %(station)s") % {"number": self.number, "station": self.police_station}


def attachment_path(instance, filename: str) -> str:
    """``complaints/<yyyy>/<mm>/<uuid><ext>`` under MEDIA_ROOT: the stored name is never the
    uploader's (the original is kept in ``original_name``)."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    now = timezone.now()
    return f"complaints/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"


class ComplaintAttachment(models.Model):
    """A file received with a complaint (a scanned letter, a photograph, a PDF).

    Type and size are checked by ``services.add_complaint_attachment`` from the file's contents,
    not its name.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class PreliminaryEnquiry(models.Model):
    """A preliminary enquiry into a complaint before deciding on an FIR.

    Allowed only to find whether a cognizable offence is disclosed: within 15 days, or up to
    6 weeks in exceptional cases with reasons in the GD (Lalita Kumari v. Govt. of U.P., 2014); for
    offences punishable with 3 years or more but less than 7 years, with the permission of an
    officer not below DSP rank, within 14 days (BNSS s.173(3)).
    """

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="enquiry")
    basis = models.CharField(_("basis"), max_length=16, choices=EnquiryBasis.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("enquiry officer"), on_delete=models.PROTECT, related_name="+",
    )
    reason = models.TextField(_("why an enquiry is needed"))
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateField(_("to be completed by"))
    permitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("permitted by (DSP or above)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    extended = models.BooleanField(_("extended"), default=False)
    extension_reason = models.TextField(_("reasons for extension"), blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    finding = models.TextField(_("finding"), blank=True)

    class Meta:
        verbose_name = _("preliminary enquiry")
        verbose_name_plural = _("preliminary enquiries")

    def __str__(self) -> str:
        return _("Enquiry into %(complaint)s") % {"complaint": self.complaint}

    @property
    def is_overdue(self) -> bool:
        return self.concluded_at is None and timezone.localdate() > self.deadline


class EnquiryNote(models.Model):
    """A dated note of the enquiry officer (append-only)."""

    enquiry = models.ForeignKey(PreliminaryEnquiry, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("written at"))
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["enquiry", "written_at"]
        verbose_name = _("enquiry note")
        verbose_name_plural = _("enquiry notes")

    def __str__(self) -> str:
        return f"{self.written_at:%Y-%m-%d %H:%M}"
