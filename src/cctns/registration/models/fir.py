"""The First Information Report (IIF-1) and its parts: sections, victims, accused, property,
versions (corrections), approvals, Zero FIR transfers and idempotency keys."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit

from ..constants import (
    ISSUED_STATUSES,
    ApprovalDecision,
    Direction,
    FIRKind,
    FIRStatus,
    IDType,
    PropertyCategory,
    Relation,
    Sex,
    TransferStatus,
)
from .common import NoDeleteQuerySet, PersonParticulars


class FIRQuerySet(NoDeleteQuerySet):
    """FIRs; ``for_user`` adds Zero FIR transfers to the jurisdiction gate."""

    def for_user(self, user, action: str = "view") -> "FIRQuerySet":
        """FIRs of stations in ``user``'s jurisdiction and, for reading, FIRs whose Zero FIR
        transfer involves that jurisdiction: the receiving station sees the transferred FIR, the
        sending station sees the FIR registered on it (BNSS s.173(1): both keep the trail).

        Writes (``action="change"``) stay limited to the user's own subtree.
        """
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        root = user.jurisdiction_root()
        if root is None:
            return self.none()
        if root.parent_id is None and user.sees_everything:
            return self.all()
        q = Q(police_station__path__startswith=root.path)
        if action == "view":
            linked = set()
            for from_id, to_id, from_path, to_path in Transfer.objects.filter(
                Q(to_station__path__startswith=root.path) | Q(from_station__path__startswith=root.path)
            ).values_list("from_fir_id", "to_fir_id", "from_station__path", "to_station__path"):
                if to_path.startswith(root.path):
                    linked.add(from_id)
                if from_path.startswith(root.path) and to_id:
                    linked.add(to_id)
            if linked:
                q |= Q(pk__in=sorted(linked))
        return self.filter(q)

    def issued(self) -> "FIRQuerySet":
        """FIRs that carry a number (registered and every later status)."""
        return self.filter(status__in=ISSUED_STATUSES)


class FIR(PoliceRecord):
    """A First Information Report (IIF-1): information of a cognizable offence reduced to writing
    at a police station (BNSS s.173(1); CrPC s.154 for offences before 1 July 2024).

    Numbered per police station per calendar year of registration in IST, gapless (``serial``,
    ``number`` = ``"0042/2026"``), with a national key ``<state>-<district>-<ps>-<year>-<serial>``.
    The number is given when the FIR issues: at registration, or at the SHO's approval when
    ``CCTNS_FIR_REQUIRES_APPROVAL`` is on. An FIR is never deleted; corrections are versions
    (:class:`FIRVersion`). Written only through the services in
    :mod:`cctns.registration.services`.
    """

    police_station = models.ForeignKey(
        Unit, verbose_name=_("police station"), on_delete=models.PROTECT, related_name="firs",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True, editable=False)
    number = models.CharField(_("FIR number"), max_length=20, blank=True, editable=False)
    national_key = models.CharField(
        _("national key"), max_length=80, null=True, blank=True, unique=True, editable=False,  # noqa: DJ001
        help_text=_("state-district-PS-year-serial; empty until the FIR issues."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FIRKind.choices, default=FIRKind.REGULAR)
    status = models.CharField(_("status"), max_length=24, choices=FIRStatus.choices, default=FIRStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)

    # Occurrence
    occurrence_from = models.DateTimeField(_("occurrence from"))
    occurrence_to = models.DateTimeField(_("occurrence to"), null=True, blank=True)
    information_received_at = models.DateTimeField(_("information received at PS"))
    gd_reference = models.CharField(
        _("GD reference"), max_length=60, blank=True,
        help_text=_("The General Diary entry where the information was first recorded."),
    )

    # Place of occurrence
    place_address = models.TextField(_("place of occurrence"), blank=True)
    beat = models.CharField(_("beat"), max_length=100, blank=True)
    distance_km = models.DecimalField(_("distance from PS (km)"), max_digits=7, decimal_places=2, null=True, blank=True)
    direction_from_ps = models.CharField(_("direction from PS"), max_length=2, choices=Direction.choices, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    # Informant
    suo_motu = models.BooleanField(
        _("suo motu (police officer is the informant)"), default=False,
    )
    informant_name = models.CharField(_("informant's name"), max_length=200, blank=True)
    informant_relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    informant_relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices, blank=True)
    informant_date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    informant_age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    informant_sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    informant_nationality = models.CharField(_("nationality"), max_length=60, blank=True, default="Indian")
    informant_id_type = models.CharField(_("identity document"), max_length=20, choices=IDType.choices, blank=True)
    informant_id_number = models.CharField(
        _("identity document number (masked)"), max_length=40, blank=True,
        help_text=_("Stored masked: only the last four characters are kept."),
    )
    informant_id_hash = models.CharField(max_length=64, blank=True, editable=False)
    informant_occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    informant_address = models.TextField(_("address"), blank=True)
    informant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    informant_confidential = models.BooleanField(_("informant asked for confidentiality"), default=False)
    recorded_by_woman_officer = models.BooleanField(
        _("information recorded by a woman officer"), default=False,
        help_text=_("BNSS s.173(1) proviso: information on BNS 64–71, 74–79 or 124 from a woman."),
    )
    informant_signed_at = models.DateTimeField(
        _("informant signed at"), null=True, blank=True,
        help_text=_("e-FIR: the informant's signature, due within 3 days (BNSS s.173(1)(ii))."),
    )

    # Accused not known by name
    unknown_accused_count = models.PositiveSmallIntegerField(_("number of unknown accused"), default=0)
    unknown_accused_description = models.TextField(_("description of unknown accused"), blank=True)

    # Contents
    delay_reason = models.TextField(_("reasons for delay in reporting"), blank=True)
    narrative = models.TextField(_("first information contents"))
    action_taken = models.TextField(_("action taken"), blank=True)
    inquest_report_number = models.CharField(_("inquest report number"), max_length=40, blank=True)
    dispatched_to_court_at = models.DateTimeField(_("dispatched to court at"), null=True, blank=True)

    # Classification confirmed by an officer where reference data does not know it
    cognizability_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cognizability confirmed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    cognizability_confirmed_at = models.DateTimeField(null=True, blank=True)

    io = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("investigating officer"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="firs_investigating",
    )
    io_assigned_at = models.DateTimeField(null=True, blank=True)

    # Sensitivity (BNS s.72, POCSO s.23; Youth Bar Association v. UoI 2016; Nipun Saxena v. UoI 2018)
    is_sensitive = models.BooleanField(_("sensitive"), default=False, db_index=True)
    sensitive_by_sections = models.BooleanField(_("sensitive by its sections"), default=False, editable=False)
    sensitive_reason = models.TextField(_("why sensitive"), blank=True)
    sensitive_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("marked sensitive by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    sensitive_set_at = models.DateTimeField(null=True, blank=True)

    # Zero FIR links (the Transfer model holds the trail)
    transferred_from = models.ForeignKey(
        "self", verbose_name=_("transferred from (Zero FIR)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    transferred_to = models.ForeignKey(
        "self", verbose_name=_("registered at the receiving station as"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    complaint = models.ForeignKey(
        "registration.Complaint", verbose_name=_("complaint"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="firs",
    )
    warnings = models.JSONField(_("validation warnings"), default=list, blank=True, editable=False)

    gd_entries = GenericRelation("registration.GDEntry")

    jurisdiction_field = "police_station"
    objects = FIRQuerySet.as_manager()

    class Meta:
        # Pending FIRs (no registration time yet) first, on SQLite and PostgreSQL alike.
        ordering = [models.F("registered_at").desc(nulls_first=True), "-id"]
        verbose_name = _("FIR")
        verbose_name_plural = _("FIRs")
        constraints = [
            models.UniqueConstraint(
                fields=["police_station", "year", "serial"], name="registration_fir_number",
                condition=Q(serial__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["police_station", "status"]),
            models.Index(fields=["registered_at"]),
            models.Index(fields=["occurrence_from"]),
        ]

    def __str__(self) -> str:
        if self.number:
            return _("FIR %(number)s, %(station)s") % {"number": self.number, "station": self.police_station}
        return _("FIR (not yet numbered) #%(id)s") % {"id": self.pk}

    @property
    def is_issued(self) -> bool:
        """True once the FIR carries a number."""
        return self.serial is not None

    @property
    def is_publishable(self) -> bool:
        """Whether the FIR may be uploaded to the public website: issued and not sensitive
        (Youth Bar Association of India v. UoI, 2016; Nipun Saxena v. UoI, 2018)."""
        return self.is_issued and not self.is_sensitive


class FIRSection(models.Model):
    """An act and section of the FIR, in the order given (the principal offence first)."""

    fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="sections")
    section = models.ForeignKey("legal.Section", on_delete=models.PROTECT, related_name="fir_sections")
    label = models.CharField(
        _("as cited"), max_length=30, blank=True,
        help_text=_("The section as cited, with its sub-section: 303(2)."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fir", "order"]
        verbose_name = _("FIR section")
        verbose_name_plural = _("FIR sections")
        constraints = [models.UniqueConstraint(fields=["fir", "section"], name="registration_fir_section_once")]

    def __str__(self) -> str:
        return f"{self.section.act.code} {self.label or self.section.number}"


class FIRVictim(PersonParticulars):
    """A victim named in the FIR. Identity protected for sensitive FIRs and child victims
    (BNS s.72; POCSO s.23; JJ Act s.74): see ``services.can_see_victim_identity``."""

    fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="victims")
    order = models.PositiveSmallIntegerField(default=0)
    injured = models.BooleanField(_("injured"), default=False)

    class Meta:
        ordering = ["fir", "order"]
        verbose_name = _("victim")
        verbose_name_plural = _("victims")

    def __str__(self) -> str:
        return self.name or str(_("victim"))


class FIRAccused(PersonParticulars):
    """An accused, known by name or not, with the code the service gives (A1…A9, B1…; DOMAIN.md IIF-3)."""

    fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="accused")
    order = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("accused code"), max_length=6)
    known = models.BooleanField(_("known"), default=True)
    alias = models.CharField(_("alias"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["fir", "order"]
        verbose_name = _("accused")
        verbose_name_plural = _("accused")
        constraints = [models.UniqueConstraint(fields=["fir", "code"], name="registration_accused_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class FIRProperty(models.Model):
    """Property stolen or involved, with its value in rupees."""

    fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="properties")
    order = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("category"), max_length=20, choices=PropertyCategory.choices, default=PropertyCategory.OTHER)
    description = models.CharField(_("description"), max_length=500)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    value = models.DecimalField(_("value (₹)"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["fir", "order"]
        verbose_name = _("property involved")
        verbose_name_plural = _("property involved")

    def __str__(self) -> str:
        return self.description


class FIRVersion(models.Model):
    """A past version of an FIR, kept when it is corrected (DESIGN.md §4: corrections are new
    versions with who, when and why). ``snapshot`` is the whole FIR as it stood before the change,
    children included; ``changed_fields`` lists what the correction changed."""

    fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    changed_fields = models.JSONField(default=list)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["fir", "version"]
        verbose_name = _("FIR version")
        verbose_name_plural = _("FIR versions")
        constraints = [models.UniqueConstraint(fields=["fir", "version"], name="registration_fir_version")]

    def __str__(self) -> str:
        return f"{self.fir_id} v{self.version}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("Past versions are never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Past versions are never deleted."))


class FIRApproval(models.Model):
    """The SHO's decision on an FIR submitted for approval: approved (the FIR issues) or returned
    for correction, with remarks."""

    fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="approvals")
    decision = models.CharField(_("decision"), max_length=10, choices=ApprovalDecision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"))
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        ordering = ["fir", "decided_at"]
        verbose_name = _("FIR approval")
        verbose_name_plural = _("FIR approvals")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.decided_at:%Y-%m-%d %H:%M}"


class Transfer(models.Model):
    """A Zero FIR sent from the registering station to the station with jurisdiction
    (BNSS s.173(1)). The receiving station registers it under its own number (``to_fir``); both
    FIRs link to each other and both stations see the trail."""

    from_fir = models.ForeignKey(FIR, on_delete=models.PROTECT, related_name="transfers_out")
    from_station = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="transfers_sent")
    to_station = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="transfers_received")
    to_fir = models.OneToOneField(FIR, null=True, blank=True, on_delete=models.PROTECT, related_name="transfer_in")
    status = models.CharField(_("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING)
    reason = models.TextField(_("reason"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent at"))
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("Zero FIR transfer")
        verbose_name_plural = _("Zero FIR transfers")

    def __str__(self) -> str:
        return f"{self.from_fir} → {self.to_station}"


class IdempotencyKey(models.Model):
    """A client's ``Idempotency-Key`` for a create request: a retried request with the same key from
    the same user returns the record the first request made instead of making a second one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    record_type = models.CharField(max_length=100)
    record_id = models.BigIntegerField()
    request_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="registration_idempotency_key")]

    def __str__(self) -> str:
        return self.key
