"""Missing persons, unidentified dead bodies (UIDB) and unidentified found persons (issue 7).

Each of the three is a :class:`~cctns.core.models.PoliceRecord` owned by a police station
(``police_station``). The physical description is coded (sex, age range, height range, build,
complexion, hair, eyes) with free text beside it; identifying marks, clothing and personal items,
photographs, dated notes (tips, sightings) and status changes are rows of their own, never edits
of the report.

Ages are ranges estimated on the record's event date (last seen / found). For matching, the
range is stored once more as estimated **birth years** (``born_from``–``born_to``, decimal
years): a range in birth years does not move with time, so "allow for the time elapsed between
last seen and found" is a plain overlap test on two indexed columns.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit
from cctns.core.querysets import JurisdictionQuerySet
from cctns.persons.constants import Build, Complexion, MarkLocation, MarkType
from cctns.registration.constants import Sex


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    TRACED = "traced", _("Traced")
    IDENTIFIED = "identified", _("Identified")
    CLOSED = "closed", _("Closed")


class Hair(models.TextChoices):
    BLACK = "black", _("Black")
    BROWN = "brown", _("Brown")
    GREY = "grey", _("Grey")
    WHITE = "white", _("White")
    HENNA = "henna", _("Dyed (henna / red)")
    BALD = "bald", _("Bald")


class Eyes(models.TextChoices):
    BLACK = "black", _("Black")
    BROWN = "brown", _("Brown")
    GREY = "grey", _("Grey")
    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")


class BodyState(models.TextChoices):
    FRESH = "fresh", _("Fresh")
    DECOMPOSED = "decomposed", _("Decomposed")
    SKELETAL = "skeletal", _("Skeletal remains")
    BURNT = "burnt", _("Burnt")
    MUTILATED = "mutilated", _("Mutilated / parts only")


class Disposal(models.TextChoices):
    PENDING = "", _("Not yet disposed")
    HANDED_OVER = "handed_over", _("Handed over to relatives")
    CREMATED = "cremated", _("Cremated")
    BURIED = "buried", _("Buried")
    PRESERVED = "preserved", _("Preserved in mortuary")


def years(day: datetime.date) -> float:
    """A date as decimal years (2024-07-02 → 2024.50)."""
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


class DescribedRecord(PoliceRecord):
    """What the three kinds of record share: owner, event date and place, description."""

    police_station = models.ForeignKey(Unit, verbose_name=_("police station"), on_delete=models.PROTECT,
                                       related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN,
                              db_index=True, editable=False)
    name = models.CharField(_("name (if known)"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=300)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    district_code = models.CharField(max_length=40, blank=True, editable=False)
    state_code = models.CharField(max_length=40, blank=True, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    age_min = models.PositiveSmallIntegerField(_("age from (years)"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("age to (years)"), null=True, blank=True)
    height_min_cm = models.PositiveSmallIntegerField(_("height from (cm)"), null=True, blank=True)
    height_max_cm = models.PositiveSmallIntegerField(_("height to (cm)"), null=True, blank=True)
    build = models.CharField(_("build"), max_length=10, choices=Build.choices, blank=True)
    complexion = models.CharField(_("complexion"), max_length=10, choices=Complexion.choices, blank=True)
    hair = models.CharField(_("hair"), max_length=10, choices=Hair.choices, blank=True)
    eyes = models.CharField(_("eyes"), max_length=10, choices=Eyes.choices, blank=True)
    description = models.TextField(_("description (free text)"), blank=True)
    born_from = models.FloatField(null=True, blank=True, editable=False)
    born_to = models.FloatField(null=True, blank=True, editable=False)

    jurisdiction_field = "police_station"
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def event_date(self) -> datetime.date:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self, *args, **kwargs) -> None:
        """Derive the birth-year range and the district/state codes before saving."""
        if self.age_min is not None or self.age_max is not None:
            low = self.age_min if self.age_min is not None else self.age_max
            high = self.age_max if self.age_max is not None else self.age_min
            at = years(self.event_date)
            self.born_from, self.born_to = at - high - 1, at - low
        else:
            self.born_from = self.born_to = None
        if self.police_station_id and not self.district_code:
            station = self.police_station
            district = station.ancestor_of_kind("district")
            state = station.ancestor_of_kind("state")
            self.district_code = district.code if district else ""
            self.state_code = state.code if state else ""
        super().save(*args, **kwargs)


class MissingPersonReport(DescribedRecord):
    """A missing person report: who, last seen when and where, in what circumstances, who reported."""

    last_seen_on = models.DateField(_("last seen on"))
    circumstances = models.TextField(_("circumstances"), blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    is_juvenile = models.BooleanField(_("child (under 18)"), default=False)
    informant_name = models.CharField(_("informant's name"), max_length=200)
    informant_relation = models.CharField(_("relation to the missing person"), max_length=100, blank=True)
    informant_phone = models.CharField(_("informant's phone"), max_length=20, blank=True)
    informant_address = models.TextField(_("informant's address"), blank=True)
    kidnapping_fir = models.ForeignKey("registration.FIR", verbose_name=_("kidnapping FIR"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="missing_reports")

    class Meta:
        ordering = ["-last_seen_on", "-id"]
        verbose_name = _("missing person report")
        verbose_name_plural = _("missing person reports")
        indexes = [models.Index(fields=["sex", "last_seen_on", "born_from"]),
                   models.Index(fields=["police_station", "status"])]

    def __str__(self) -> str:
        return f"{self.name or _('Unknown')} ({self.last_seen_on})"

    @property
    def event_date(self) -> datetime.date:
        return self.last_seen_on

    def get_absolute_url(self) -> str:
        return reverse("missing:report_detail", args=[self.pk])


class UnidentifiedBody(DescribedRecord):
    """An unidentified dead body (UIDB). The inquest report is due within 24 hours of the
    information (BNSS s.194(1)–(2)); ``inquest_reported_at`` closes the inbox alert."""

    found_on = models.DateField(_("found on"))
    found_at = models.DateTimeField(_("information received at"))
    body_state = models.CharField(_("state of the body"), max_length=12, choices=BodyState.choices, blank=True)
    cause_of_death = models.CharField(_("cause of death"), max_length=300, blank=True)
    post_mortem_reference = models.CharField(_("post-mortem reference"), max_length=100, blank=True)
    inquest_reference = models.CharField(_("inquest reference"), max_length=100, blank=True)
    inquest_reported_at = models.DateTimeField(_("inquest report sent at"), null=True, blank=True)
    disposal = models.CharField(_("disposal of the body"), max_length=12, choices=Disposal.choices, blank=True)
    disposal_on = models.DateField(_("disposed on"), null=True, blank=True)
    disposal_place = models.CharField(_("disposal place"), max_length=200, blank=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("unidentified dead body")
        verbose_name_plural = _("unidentified dead bodies")
        indexes = [models.Index(fields=["sex", "found_on", "born_from"]),
                   models.Index(fields=["police_station", "status"])]

    def __str__(self) -> str:
        return str(_("UIDB found %(date)s at %(place)s") % {"date": self.found_on, "place": self.place})

    @property
    def event_date(self) -> datetime.date:
        return self.found_on

    def get_absolute_url(self) -> str:
        return reverse("missing:body_detail", args=[self.pk])


class UnidentifiedFoundPerson(DescribedRecord):
    """A living person found who cannot (or will not) say who they are."""

    found_on = models.DateField(_("found on"))
    circumstances = models.TextField(_("circumstances"), blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    is_juvenile = models.BooleanField(_("child (under 18)"), default=False)
    placed_with = models.CharField(_("now in the care of"), max_length=200, blank=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("unidentified found person")
        verbose_name_plural = _("unidentified found persons")
        indexes = [models.Index(fields=["sex", "found_on", "born_from"]),
                   models.Index(fields=["police_station", "status"])]

    def __str__(self) -> str:
        return str(_("Found person, %(date)s at %(place)s") % {"date": self.found_on, "place": self.place})

    @property
    def event_date(self) -> datetime.date:
        return self.found_on

    def get_absolute_url(self) -> str:
        return reverse("missing:found_detail", args=[self.pk])


# ----------------------------------------------------------------------------- rows of a record

def _one_owner() -> Q:
    return (Q(report__isnull=False, body__isnull=True, found__isnull=True)
            | Q(report__isnull=True, body__isnull=False, found__isnull=True)
            | Q(report__isnull=True, body__isnull=True, found__isnull=False))


class OwnedRow(models.Model):
    """A row belonging to exactly one of the three records."""

    report = models.ForeignKey(MissingPersonReport, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(UnidentifiedBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    found = models.ForeignKey(UnidentifiedFoundPerson, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    @property
    def record(self):
        return self.report or self.body or self.found


def owner_kwargs(record) -> dict:
    """``{"report": record}`` / ``{"body": …}`` / ``{"found": …}`` for a row of ``record``."""
    if isinstance(record, MissingPersonReport):
        return {"report": record}
    if isinstance(record, UnidentifiedBody):
        return {"body": record}
    if isinstance(record, UnidentifiedFoundPerson):
        return {"found": record}
    raise TypeError(f"not a missing-persons record: {record!r}")


class Mark(OwnedRow):
    """An identifying mark: coded type and body location, and its description in any script."""

    mark_type = models.CharField(_("mark"), max_length=12, choices=MarkType.choices)
    location = models.CharField(_("where on the body"), max_length=12, choices=MarkLocation.choices)
    text = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("identifying mark")
        verbose_name_plural = _("identifying marks")
        constraints = [models.CheckConstraint(condition=_one_owner(), name="missing_mark_one_owner")]

    def __str__(self) -> str:
        return f"{self.get_mark_type_display()}, {self.get_location_display()}"


class Item(OwnedRow):
    """A piece of clothing or a personal item (watch, ring, phone, bag…)."""

    class Kind(models.TextChoices):
        CLOTHING = "clothing", _("Clothing")
        FOOTWEAR = "footwear", _("Footwear")
        JEWELLERY = "jewellery", _("Jewellery")
        ITEM = "item", _("Personal item")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CLOTHING)
    text = models.CharField(_("description"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("clothing or item")
        verbose_name_plural = _("clothing and items")
        constraints = [models.CheckConstraint(condition=_one_owner(), name="missing_item_one_owner")]

    def __str__(self) -> str:
        return self.text


def photo_path(instance, filename: str) -> str:
    return f"missing/{instance.record.global_id}/{filename}"


class Photo(OwnedRow):
    """A photograph. ``consent_to_publish``: the family (or the person) agreed to show it on the
    citizen portal; a body's photograph is shown there only behind a warning."""

    image = models.ImageField(_("photograph"), upload_to=photo_path, max_length=200)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    consent_to_publish = models.BooleanField(_("consent to publish"), default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("photograph")
        verbose_name_plural = _("photographs")
        constraints = [models.CheckConstraint(condition=_one_owner(), name="missing_photo_one_owner")]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Note(OwnedRow):
    """A dated tip, sighting or remark: added, never edited."""

    class Kind(models.TextChoices):
        TIP = "tip", _("Tip")
        SIGHTING = "sighting", _("Sighting")
        REMARK = "remark", _("Remark")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TIP)
    on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    written_at = models.DateTimeField(auto_now_add=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [models.CheckConstraint(condition=_one_owner(), name="missing_note_one_owner")]

    def __str__(self) -> str:
        return f"{self.on}: {self.text[:60]}"


class StatusChange(OwnedRow):
    """One step of a record's status history."""

    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    remark = models.TextField(_("remark"), blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [models.CheckConstraint(condition=_one_owner(), name="missing_status_one_owner")]

    def __str__(self) -> str:
        return f"{self.status} {self.at}"


# ----------------------------------------------------------------------------- candidates

class CandidateKind(models.TextChoices):
    BODY = "body", _("Unidentified dead body")
    FOUND = "found", _("Unidentified found person")
    PERSON = "person", _("Arrested / accused person")


class CandidateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Closed by another match")


class CandidateQuerySet(JurisdictionQuerySet):
    """A candidate is visible to the users of either side's station (both owning stations)."""

    def for_user(self, user, action: str = "view"):
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        root = user.jurisdiction_root()
        if root is None:
            return self.none()
        if root.parent_id is None and user.sees_everything:
            return self.all()
        p = root.path
        return self.filter(Q(report__police_station__path__startswith=p)
                           | Q(body__police_station__path__startswith=p)
                           | Q(found__police_station__path__startswith=p)
                           | Q(person__unit__path__startswith=p))


class Candidate(models.Model):
    """A proposed match of a missing person report and a body, found person or indexed person,
    with its score and its per-field explanation (``fields``: ``[{field, score, evidence,
    detail}, …]``). One row per pair, ever: a rejected pair stays rejected."""

    report = models.ForeignKey(MissingPersonReport, on_delete=models.PROTECT, related_name="candidates")
    kind = models.CharField(_("kind"), max_length=8, choices=CandidateKind.choices)
    body = models.ForeignKey(UnidentifiedBody, null=True, blank=True, on_delete=models.PROTECT, related_name="candidates")
    found = models.ForeignKey(UnidentifiedFoundPerson, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="candidates")
    person = models.ForeignKey("persons.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="missing_candidates")
    score = models.FloatField(_("score"))
    fields = models.JSONField(_("explanation"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=CandidateStatus.choices,
                              default=CandidateStatus.PROPOSED, db_index=True)
    proposed_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    remark = models.TextField(_("remark"), blank=True)

    jurisdiction_field = "report__police_station"
    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")
        constraints = [
            models.UniqueConstraint(fields=["report", "body"], name="missing_candidate_body_once",
                                    condition=Q(body__isnull=False)),
            models.UniqueConstraint(fields=["report", "found"], name="missing_candidate_found_once",
                                    condition=Q(found__isnull=False)),
            models.UniqueConstraint(fields=["report", "person"], name="missing_candidate_person_once",
                                    condition=Q(person__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.report} ↔ {self.other} ({self.score:.2f})"

    def get_absolute_url(self) -> str:
        return reverse("missing:candidate_detail", args=[self.pk])

    @property
    def other(self):
        return self.body or self.found or self.person
