"""The person index (DESIGN.md §3 "Person", §5): one real individual across cases.

A :class:`Person` holds names in any script (:class:`PersonName`, the primary name and aliases,
each with its canonical Latin form and analysed tokens), relatives' names, a physical
description, identifying marks, addresses, phones, identity documents (masked and hashed, never
in clear), photographs, flags (proclaimed offender, history-sheeter) and roles in cases
(:class:`PersonRole`). Duplicates are proposed (:class:`DuplicateCandidate`) and merged without
deleting anything (:class:`MergeRecord`). Written only through :mod:`cctns.persons.services`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit
from cctns.core.querysets import JurisdictionQuerySet

from .constants import (
    AddressKind,
    Build,
    Complexion,
    DuplicateStatus,
    IDType,
    MarkLocation,
    MarkType,
    NameKind,
    PersonRoleKind,
    Sex,
)


class NoDeleteMixin:
    """Bulk ``delete()`` refused: person records are never deleted (DESIGN.md §4)."""

    def delete(self):
        raise ValidationError(_("Police records are never deleted; record a correction instead."))


class PersonQuerySet(NoDeleteMixin, JurisdictionQuerySet):
    """Persons; ``for_user`` is the jurisdiction gate **and** the sensitivity gate.

    A person who is a protected party of a case (a victim of a sensitive FIR or a child victim;
    the informant of a sensitive FIR or a confidential informant) is visible only to that case's
    officers: see :func:`cctns.persons.services.visible_persons_q`.
    """

    def for_user(self, user, action: str = "view") -> "PersonQuerySet":
        from .services import visible_persons_q

        qs = super().for_user(user, action)
        return qs.filter(visible_persons_q(user))

    def active(self) -> "PersonQuerySet":
        """Persons not merged into another (the survivors and the never-merged)."""
        return self.filter(merged_into__isnull=True)


def photo_path(instance, filename: str) -> str:
    """``persons/<person global id>/<filename>`` under ``MEDIA_ROOT``."""
    return f"persons/{instance.person.global_id}/{filename}"


class Person(PoliceRecord):
    """One real individual across cases.

    Jurisdiction: the unit that recorded the person (``unit``). Age is a range
    (``age_min``–``age_max`` years, estimated on ``age_estimated_on``) or follows from
    ``date_of_birth``; height is a range in centimetres. ``name`` is the primary name as entered
    (any script); the names and aliases used for matching are the :class:`PersonName` rows.

    Flags: a proclaimed offender is a person proclaimed under BNSS s.84 (CrPC s.82 before
    1 July 2024) and declared a proclaimed offender under s.84(4) (s.82(4)): the order's
    reference, court and date are kept. A history-sheeter has a history sheet opened under the
    state's police regulations/standing orders: its number and date are kept.

    Merging (``services.merge_persons``) never deletes: ``merged_into`` points to the survivor;
    ``cluster_id`` is the id of the cluster's survivor (a person's own id until merged).
    ``search_text`` (canonical Latin words and their keys; a trigram index on PostgreSQL) and
    ``match_data`` (what scoring needs, see ``services.match_data``) are derived by
    ``services.index_person``.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("recorded by unit"), on_delete=models.PROTECT, related_name="persons",
    )
    name = models.CharField(_("name"), max_length=200)
    name_latin = models.CharField(_("name (canonical Latin)"), max_length=300, blank=True, editable=False)
    father_name = models.CharField(_("father's name"), max_length=200, blank=True)
    mother_name = models.CharField(_("mother's name"), max_length=200, blank=True)
    husband_name = models.CharField(_("husband's name"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age_min = models.PositiveSmallIntegerField(_("age from (years)"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("age to (years)"), null=True, blank=True)
    age_estimated_on = models.DateField(
        _("age estimated on"), null=True, blank=True,
        help_text=_("The date on which the age range was true (it grows from then on)."),
    )
    height_min_cm = models.PositiveSmallIntegerField(_("height from (cm)"), null=True, blank=True)
    height_max_cm = models.PositiveSmallIntegerField(_("height to (cm)"), null=True, blank=True)
    build = models.CharField(_("build"), max_length=10, choices=Build.choices, blank=True)
    complexion = models.CharField(_("complexion"), max_length=10, choices=Complexion.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True, default="Indian")

    is_proclaimed_offender = models.BooleanField(_("proclaimed offender"), default=False, db_index=True)
    proclamation_reference = models.CharField(_("proclamation order reference"), max_length=100, blank=True)
    proclamation_court = models.CharField(_("court"), max_length=200, blank=True)
    proclamation_date = models.DateField(_("proclamation order date"), null=True, blank=True)
    is_history_sheeter = models.BooleanField(_("history-sheeter"), default=False, db_index=True)
    history_sheet_reference = models.CharField(_("history sheet number"), max_length=100, blank=True)
    history_sheet_date = models.DateField(_("history sheet opened on"), null=True, blank=True)

    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_persons", editable=False,
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True, editable=False)
    cluster_id = models.BigIntegerField(_("cluster"), null=True, blank=True, db_index=True, editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
    match_data = models.JSONField(default=dict, blank=True, editable=False)

    jurisdiction_field = "unit"
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=models.F("age_max")),
                name="persons_person_age_range",
            ),
            models.CheckConstraint(
                condition=Q(height_min_cm__isnull=True) | Q(height_max_cm__isnull=True)
                | Q(height_min_cm__lte=models.F("height_max_cm")),
                name="persons_person_height_range",
            ),
        ]
        indexes = [models.Index(fields=["unit", "merged_into"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Per-field errors for ranges the wrong way round, ages over 130, heights outside
        30–272 cm and a date of birth in the future."""
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The upper age cannot be below the lower age.")
        for field in ("age_min", "age_max"):
            value = getattr(self, field)
            if value is not None and value > 130:
                errors[field] = _("An age above 130 years is not plausible.")
        if self.height_min_cm is not None and self.height_max_cm is not None and self.height_min_cm > self.height_max_cm:
            errors["height_max_cm"] = _("The upper height cannot be below the lower height.")
        for field in ("height_min_cm", "height_max_cm"):
            value = getattr(self, field)
            if value is not None and not 30 <= value <= 272:
                errors[field] = _("Height must be between 30 and 272 cm.")
        if self.date_of_birth and self.date_of_birth > datetime.date.today():
            errors["date_of_birth"] = _("The date of birth cannot be in the future.")
        if self.is_proclaimed_offender and not self.proclamation_reference:
            errors["proclamation_reference"] = _("Give the reference of the proclamation order.")
        if self.is_history_sheeter and not self.history_sheet_reference:
            errors["history_sheet_reference"] = _("Give the history sheet number.")
        if errors:
            raise ValidationError(errors)

    @property
    def relative_name(self) -> str:
        """The father's or husband's name of the IIF forms (else the mother's), for matching."""
        return self.father_name or self.husband_name or self.mother_name

    def age_range_on(self, day: datetime.date) -> tuple[float, float] | None:
        """The age range in years on ``day``: exact from the date of birth, else the estimated
        range grown by the time since ``age_estimated_on`` (or since the record was made)."""
        if self.date_of_birth:
            years = (day - self.date_of_birth).days / 365.25
            return (years, years)
        if self.age_min is None and self.age_max is None:
            return None
        low = self.age_min if self.age_min is not None else self.age_max
        high = self.age_max if self.age_max is not None else self.age_min
        since = self.age_estimated_on or (self.created_at.date() if self.created_at else day)
        years = (day - since).days / 365.25
        return (low + years, high + years)

    def survivor(self) -> "Person":
        """The person this record was (transitively) merged into, or itself."""
        person, seen = self, set()
        while person.merged_into_id is not None and person.pk not in seen:
            seen.add(person.pk)
            person = person.merged_into
        return person


class PersonName(models.Model):
    """A name of a person as entered (any script), primary or alias, with what matching needs:
    its ``script``, canonical Latin form (``latin``) and analysed ``tokens`` (``[[original,
    script, latin, strict, loose, kind, [alternatives], [rules]], …]``, see
    :class:`cctns.matching.names.NameToken`). ``moved_from`` is set when a merge moved the name
    here from the merged person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="names")
    kind = models.CharField(_("kind"), max_length=10, choices=NameKind.choices, default=NameKind.PRIMARY)
    text = models.CharField(_("name as entered"), max_length=200)
    script = models.CharField(_("script"), max_length=20, blank=True, editable=False)
    latin = models.CharField(_("canonical Latin"), max_length=300, blank=True, editable=False)
    tokens = models.JSONField(default=list, blank=True, editable=False)
    moved_from = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self) -> str:
        return self.text


class PersonAddress(models.Model):
    """An address as written, with its district and police station where known."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses")
    kind = models.CharField(_("kind"), max_length=10, choices=AddressKind.choices, default=AddressKind.PRESENT)
    text = models.TextField(_("address"))
    district = models.ForeignKey(Unit, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    police_station = models.ForeignKey(
        Unit, verbose_name=_("police station"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return self.text


class PersonPhone(models.Model):
    """A phone number (digits only, as normalised by ``services.normalise_phone``)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="phones")
    number = models.CharField(_("phone"), max_length=20, db_index=True)

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number


class IdentityDocument(models.Model):
    """An identity document, never stored in clear: ``masked`` keeps the last four characters
    (``XXXXXXXX9012``) and ``digest`` is a keyed hash (HMAC-SHA256 with the node's secret) for
    exact lookup (``services.find_by_document``). Aadhaar numbers must be masked where shown
    (Aadhaar (Sharing of Information) Regulations 2016, reg. 6)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField(_("document"), max_length=20, choices=IDType.choices)
    masked = models.CharField(_("number (masked)"), max_length=40)
    digest = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        indexes = [models.Index(fields=["doc_type", "digest"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "doc_type", "digest"], name="persons_document_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.masked}"


class IdentifyingMark(models.Model):
    """An identifying mark: coded type, coded body location and free text."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="marks")
    mark_type = models.CharField(_("mark"), max_length=12, choices=MarkType.choices)
    location = models.CharField(_("where on the body"), max_length=12, choices=MarkLocation.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("identifying mark")
        verbose_name_plural = _("identifying marks")

    def __str__(self) -> str:
        return f"{self.get_mark_type_display()}, {self.get_location_display()}"


class PersonPhoto(models.Model):
    """A photograph of the person, stored under ``MEDIA_ROOT/persons/<global id>/``."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField(_("photograph"), upload_to=photo_path, max_length=200)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    taken_on = models.DateField(_("taken on"), null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("photograph")
        verbose_name_plural = _("photographs")

    def __str__(self) -> str:
        return self.caption or self.image.name


class PersonRole(models.Model):
    """A person's part in a case: informant, victim, accused, suspect, witness, arrested, missing.

    ``fir`` links the FIR on this node; ``fir_global_id`` is the FIR's global id (kept also for
    FIRs of other nodes). ``source`` names the FIR party the role was made from, stable across
    corrections (``informant``, ``victim:#<n>`` by its place in the list, ``accused:<code>``), so
    that linking an FIR's parties twice links nothing new; ``particulars_digest`` is the hash of
    the party's particulars last applied (a correction changes it); ``withdrawn_at`` is set when
    a correction removed the party (the role is kept). ``minor`` (under 18 at the occurrence) and
    ``confidential`` (the informant asked for it) feed the sensitivity gate
    (``services.visible_persons_q``). See :mod:`cctns.persons.parties`.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(_("role"), max_length=10, choices=PersonRoleKind.choices)
    fir = models.ForeignKey(
        "registration.FIR", verbose_name=_("FIR"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="person_roles",
    )
    fir_global_id = models.UUIDField(_("FIR global id"), null=True, blank=True, db_index=True)
    source = models.CharField(_("FIR party"), max_length=40, blank=True)
    minor = models.BooleanField(_("under 18 at the occurrence"), default=False)
    confidential = models.BooleanField(_("confidential"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    particulars_digest = models.CharField(max_length=64, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn by a correction of the FIR"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person", "id"]
        verbose_name = _("role in a case")
        verbose_name_plural = _("roles in cases")
        constraints = [
            models.UniqueConstraint(
                fields=["fir_global_id", "source", "role"], name="persons_role_fir_party_once",
                condition=~Q(source=""),
            ),
        ]
        indexes = [models.Index(fields=["role", "person"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.fir or self.fir_global_id or ''}".strip(" —")


class DuplicateCandidate(models.Model):
    """A pair of persons that may be one individual: ``person_a`` has the smaller id. ``score``
    (0..1) and ``explanation`` (``{"text": str, "comparisons": [{"field", "score", "evidence",
    "detail"}]}``) come from the matcher. A rejected pair is kept and never proposed again."""

    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField(_("score"))
    explanation = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=DuplicateStatus.choices,
                              default=DuplicateStatus.PROPOSED, db_index=True)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="persons_duplicate_pair_once"),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="persons_duplicate_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f})"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Duplicate decisions are kept; they are never deleted."))


class MergeRecord(models.Model):
    """One merge of ``merged`` into ``survivor``, by whom, when and why; ``before`` is the state
    needed to undo it (``{"names": [[id, kind], …], "roles": [id, …], "cluster": [id, …],
    "merged_cluster_id": int, "duplicates": [id, …]}``). Undone merges keep their record with
    ``undone_at``/``undone_by``/``undo_reason``."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_received")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_given")
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(_("merged at"))
    reason = models.TextField(_("reason"))
    before = models.JSONField(default=dict)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    undo_reason = models.TextField(_("reason for undoing"), blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Merge records are kept; they are never deleted."))


class OutboxCursor(models.Model):
    """How far a consumer of the outbox (:class:`cctns.core.models.OutboxEvent`) has read:
    ``last_event_id`` is the last event it handled. The person index's FIR party sync is one
    (``persons.fir_parties``)."""

    consumer = models.CharField(max_length=60, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.consumer} @ {self.last_event_id}"
