"""Person index services: the only place the person index's rules live.

- creating persons and their names, documents, addresses… (:func:`create_person`, :func:`add_name`)
- indexing (:func:`index_person`: analysed names, ``search_text``, ``match_data``, blocking keys)
- who may see whom (:func:`visible_persons_q`, :func:`person_visible_to`)
- search (:func:`search_persons`), explained and scoped by jurisdiction and sensitivity
- duplicates (:func:`propose_duplicates`, :func:`reject_duplicate`), merging without deleting
  (:func:`merge_persons`, :func:`unmerge`)
- linking an FIR's parties (:func:`persons_from_fir`, :mod:`cctns.persons.parties`)

Views, the API and the management commands call these functions.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.constants import UnitKind
from cctns.core.models import Unit
from cctns.matching import services as keystore
from cctns.matching.blocking import pair_keys, record_keys, relative_keys, search_text
from cctns.matching.names import AnalysedName, NameToken, analyse_name
from cctns.matching.score import (
    DEFAULT_CONFIG,
    MatchConfig,
    MatchRecord,
    MatchResult,
    Place,
    combine,
    compare,
    compare_fields,
)
from cctns.matching.transliterate import detect_script
from cctns.registration.models import hash_identifier, mask_identifier

from .constants import (
    CROSS_JURISDICTION_SEARCH_ROLES,
    DuplicateStatus,
    IDType,
    NameKind,
    PersonRoleKind,
)
from .models import (
    DuplicateCandidate,
    IdentifyingMark,
    IdentityDocument,
    MergeRecord,
    Person,
    PersonAddress,
    PersonName,
    PersonPhone,
    PersonPhoto,
    PersonRole,
)

log = logging.getLogger(__name__)

PERSON_FIELDS = [
    "name", "father_name", "mother_name", "husband_name", "sex", "date_of_birth", "age_min", "age_max",
    "age_estimated_on", "height_min_cm", "height_max_cm", "build", "complexion", "occupation", "nationality",
    "is_proclaimed_offender", "proclamation_reference", "proclamation_court", "proclamation_date",
    "is_history_sheeter", "history_sheet_reference", "history_sheet_date",
]
"""Person fields accepted in ``data`` by :func:`create_person` and :func:`update_person`."""

MINIMAL_FIELDS = ["global_id", "name", "sex", "age", "unit", "is_proclaimed_offender", "is_history_sheeter"]
"""What a search result from outside the searcher's jurisdiction shows (DESIGN.md §6)."""

DUPLICATE_LIMIT = 10
"""At most this many duplicates are proposed when one person is saved."""

PROTECTED = "[protected]"


# --------------------------------------------------------------------------------------------
# Analysis and indexing
# --------------------------------------------------------------------------------------------

def _token_row(t: NameToken) -> list:
    return [t.original, t.script, t.latin, t.strict, t.loose, t.kind, list(t.alternatives), list(t.rules)]


def _token_from(row: Sequence) -> NameToken:
    return NameToken(row[0], row[1], row[2], row[3], row[4], row[5], tuple(row[6]), tuple(row[7]))


def tokens_of(name: AnalysedName) -> list[list]:
    """The stored form of an analysed name's tokens (see :class:`PersonName`)."""
    return [_token_row(t) for t in name.tokens]


def name_from_tokens(text: str, tokens: Sequence[Sequence], aliases: Sequence[AnalysedName] = ()) -> AnalysedName:
    """An :class:`AnalysedName` rebuilt from stored tokens (no re-analysis)."""
    return AnalysedName(original=text, tokens=tuple(_token_from(r) for r in tokens), aliases=tuple(aliases))


def analyse_person_name(row: PersonName) -> AnalysedName:
    """Analyse a name row's text and store ``script``, ``latin`` and ``tokens`` on it (not saved)."""
    analysed = analyse_name(row.text)
    row.script = detect_script(row.text)
    row.latin = analysed.latin[:300]
    row.tokens = tokens_of(analysed)
    return analysed


def _station_and_district(unit: Unit | None) -> tuple[str | None, str | None]:
    if unit is None:
        return None, None
    station = unit if unit.kind in (UnitKind.POLICE_STATION, UnitKind.OUTPOST) else None
    if station is not None and station.kind == UnitKind.OUTPOST and station.parent_id:
        station = station.parent
    district = unit.ancestor_of_kind(UnitKind.DISTRICT)
    return (station.code if station else None), (district.code if district else None)


def build_match_data(person: Person, names: Sequence[AnalysedName], relative: AnalysedName | None) -> dict:
    """What scoring needs of a person, stored on ``Person.match_data``::

        {"names": [[text, tokens], …] (primary first, then aliases),
         "relative": [text, tokens] | None, "sex": "M", "dob": "1990-01-31" | None,
         "age": [low, high, "estimated on"] | None, "station": code | None,
         "district": code | None, "place": address text | None}
    """
    station, district = _station_and_district(person.unit if person.unit_id else None)
    address = person.addresses.order_by("id").values_list("text", flat=True).first() if person.pk else None
    age = None
    if person.age_min is not None or person.age_max is not None:
        low = person.age_min if person.age_min is not None else person.age_max
        high = person.age_max if person.age_max is not None else person.age_min
        since = person.age_estimated_on or (person.created_at.date() if person.created_at else timezone.localdate())
        age = [low, high, since.isoformat()]
    flat = []
    for analysed in names:
        for variant in (analysed, *analysed.aliases):
            if variant.tokens:
                flat.append([variant.original, tokens_of(variant)])
    return {
        "names": flat,
        "relative": [relative.original, tokens_of(relative)] if relative is not None and relative.tokens else None,
        "sex": person.sex,
        "dob": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "age": age,
        "station": station,
        "district": district,
        "place": address or None,
    }


def record_from_match_data(data: dict, on: datetime.date) -> MatchRecord:
    """A :class:`MatchRecord` from ``match_data``, with the age range as on ``on`` (and the
    birth date, compared to the day against another record's)."""
    names = [name_from_tokens(text, tokens) for text, tokens in data.get("names") or []]
    if names:
        name = dataclasses.replace(names[0], aliases=tuple(names[1:]))
    else:
        name = AnalysedName(original="", tokens=())
    rel = data.get("relative")
    relative = name_from_tokens(rel[0], rel[1]) if rel else None
    age = born = None
    if data.get("dob"):
        born = datetime.date.fromisoformat(data["dob"])
        years = (on - born).days / 365.25
        age = (max(years, 0.0), max(years, 0.0))
    elif data.get("age"):
        low, high, since = data["age"]
        years = (on - datetime.date.fromisoformat(since)).days / 365.25
        age = (max(low + years, 0.0), max(high + years, 0.0))
    place = None
    if data.get("station") or data.get("district") or data.get("place"):
        place = Place(data.get("station"), data.get("district"), data.get("place"))
    sex = data.get("sex")
    return MatchRecord(name, relative, None if sex in (None, "", "U") else sex, age, place, born)


def keys_from_match_data(data: dict) -> frozenset[str]:
    """Blocking keys of a person: every name's and alias's keys, the relative's (``r:``) and
    each name with the relative (``p:``)."""
    keys: set[str] = set()
    names = [name_from_tokens(text, tokens) for text, tokens in data.get("names") or []]
    for name in names:
        keys.update(record_keys(name))
    rel = data.get("relative")
    if rel:
        relative = name_from_tokens(rel[0], rel[1])
        keys.update(relative_keys(relative))
        for name in names:
            keys.update(pair_keys(name, relative))
    return frozenset(keys)


def search_text_from_match_data(data: dict) -> str:
    """``search_text`` for the trigram index: every name's canonical Latin words and keys."""
    words: set[str] = set()
    for text, tokens in data.get("names") or []:
        words.update(search_text(name_from_tokens(text, tokens)).split())
    return " ".join(sorted(words))


@transaction.atomic
def index_person(person: Person) -> frozenset[str]:
    """(Re)index ``person``: analyse its names (storing script, Latin and tokens on each
    :class:`PersonName`), derive ``name_latin``, ``match_data`` and ``search_text``, and store its
    blocking keys in the key table. A merged person is taken out of the index (its names
    followed the survivor). Returns the keys stored. Does not bump the person's version (the
    derived columns are written with ``update``)."""
    if person.merged_into_id is not None:
        Person.objects.filter(pk=person.pk).update(search_text="", match_data={})
        keystore.store_keys(person.pk, ())
        return frozenset()
    analysed: list[AnalysedName] = []
    rows = sorted(person.names.all(), key=lambda r: (r.kind != NameKind.PRIMARY, r.pk))
    for row in rows:
        name = analyse_person_name(row)
        PersonName.objects.filter(pk=row.pk).update(script=row.script, latin=row.latin, tokens=row.tokens)
        analysed.append(name)
    relative_text = person.relative_name
    relative = analyse_name(relative_text) if relative_text else None
    if relative is None and analysed and analysed[0].relative is not None:
        relative = analysed[0].relative  # "Ram S/o Shyam" written into the name
    data = build_match_data(person, analysed, relative)
    text = search_text_from_match_data(data)
    latin = analysed[0].latin[:300] if analysed else ""
    Person.objects.filter(pk=person.pk).update(search_text=text, match_data=data, name_latin=latin)
    person.search_text, person.match_data, person.name_latin = text, data, latin
    keys = keys_from_match_data(data)
    keystore.store_keys(person.pk, keys)
    return keys


# --------------------------------------------------------------------------------------------
# Who may see whom
# --------------------------------------------------------------------------------------------

def protected_roles_q() -> Q:
    """Roles that make a person a protected party of a case: a victim of a sensitive FIR or a
    child victim (BNS s.72, POCSO s.23, JJ Act s.74; Nipun Saxena v. UoI 2018); the informant of
    a sensitive FIR or one who asked for confidentiality; a child accused, suspect, arrested person
    or witness (JJ Act s.74). The same cases as the protection policy of the FIR's parties
    (:mod:`cctns.registration.protection`)."""
    sensitive = Q(fir__is_sensitive=True)
    child_party = Q(minor=True, role__in=[PersonRoleKind.ACCUSED, PersonRoleKind.SUSPECT,
                                          PersonRoleKind.ARRESTED, PersonRoleKind.WITNESS])
    return (Q(role=PersonRoleKind.VICTIM) & (sensitive | Q(minor=True))) | (
        Q(role=PersonRoleKind.INFORMANT) & (sensitive | Q(confidential=True))) | child_party


def visible_persons_q(user) -> Q:
    """The sensitivity gate as a filter on :class:`Person`: persons with no protected role, or
    whose every protected role is in an FIR of which ``user`` is one of the case's officers
    (:func:`cctns.registration.services.case_officer_q`). Administrators and analysts are not
    case officers: a protected victim is never a result for them. The jurisdiction gate is
    separate (``Person.objects.for_user``)."""
    from cctns.registration.models import FIR
    from cctns.registration.services import case_officer_q

    officer_firs = FIR.objects.filter(case_officer_q(user)).values("pk")
    hidden = PersonRole.objects.filter(person=OuterRef("pk")).filter(protected_roles_q()).exclude(fir__in=officer_firs)
    return ~Exists(hidden)


def person_visible_to(user, person: Person) -> bool:
    """Whether ``user`` may open ``person``'s record: within the user's jurisdiction and not a
    protected party of a case the user is not an officer of."""
    return Person.objects.for_user(user).filter(pk=person.pk).exists()


def can_search_across(user) -> bool:
    """Supervisors and analysts may search beyond their jurisdiction (minimal fields shown)."""
    return bool(user and user.is_authenticated and user.is_active and user.role in CROSS_JURISDICTION_SEARCH_ROLES)


def on_cross_jurisdiction_read(user, persons: Sequence[Person], query: dict) -> None:
    """Called when search shows ``user`` persons from outside their jurisdiction.

    TODO(issue 4): write an audit entry (who, when, what, from where) for each person read, as
    DESIGN.md §6 requires of cross-jurisdiction reads. For now it only logs at DEBUG level.
    """
    log.debug("cross-jurisdiction person read by %s: %s", getattr(user, "pk", None), [p.pk for p in persons])


# --------------------------------------------------------------------------------------------
# Writing persons
# --------------------------------------------------------------------------------------------

def normalise_phone(value: str) -> str:
    """Digits only, the Indian country code and trunk 0 dropped for ten-digit mobiles:
    ``"+91 98765-43210"`` → ``"9876543210"``."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    return digits


def validate_document(doc_type: str, number: str) -> str:
    """The compact number (letters and digits, upper case) or a ``ValidationError``: Aadhaar
    has 12 digits and does not start with 0 or 1 (UIDAI's number format)."""
    compact = "".join(ch for ch in (number or "") if ch.isalnum()).upper()
    if doc_type not in IDType.values:
        raise ValidationError({"doc_type": _("Unknown identity document type.")})
    if not compact:
        raise ValidationError({"number": _("Give the document number.")})
    if doc_type == IDType.AADHAAR and (len(compact) != 12 or not compact.isdigit() or compact[0] in "01"):
        raise ValidationError({"number": _("An Aadhaar number has 12 digits and does not start with 0 or 1.")})
    if len(compact) > 40:
        raise ValidationError({"number": _("The document number is too long.")})
    return compact


def document_digest(doc_type: str, number: str) -> str:
    """The keyed hash stored for a document number (same as registration's FIR informant hash)."""
    return hash_identifier(doc_type, number)


def add_document(person: Person, doc_type: str, number: str) -> IdentityDocument:
    """Record an identity document, masked and hashed (never in clear). Idempotent."""
    compact = validate_document(doc_type, number)
    doc, _created = IdentityDocument.objects.get_or_create(
        person=person, doc_type=doc_type, digest=document_digest(doc_type, compact),
        defaults={"masked": mask_identifier(compact)},
    )
    return doc


def find_by_document(doc_type: str, number: str) -> list[Person]:
    """Persons (their survivors, once each) holding this identity document, by exact hash."""
    compact = validate_document(doc_type, number)
    out: dict[int, Person] = {}
    for doc in IdentityDocument.objects.filter(doc_type=doc_type, digest=document_digest(doc_type, compact)).select_related("person"):
        survivor = doc.person.survivor()
        out[survivor.pk] = survivor
    return list(out.values())


PHOTO_TYPES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
"""Photograph formats accepted (checked by decoding the image, not by the file name)."""


@transaction.atomic
def add_photo(person: Person, user, upload, caption: str = "", taken_on: datetime.date | None = None) -> PersonPhoto:
    """Store a photograph under ``MEDIA_ROOT/persons/<global id>/``. The file must decode as a
    JPEG, PNG or WebP image and be at most ``CCTNS_ATTACHMENT_MAX_BYTES``; it is saved under a
    random name with the extension of its real format. Errors: ``PermissionDenied``,
    ``ValidationError({"image": …})``."""
    import uuid as _uuid

    from django.conf import settings
    from PIL import Image, UnidentifiedImageError

    _require(user, "persons.change_person", person)
    limit = getattr(settings, "CCTNS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
    if upload is None or not getattr(upload, "size", 0):
        raise ValidationError({"image": _("Choose a photograph.")})
    if upload.size > limit:
        raise ValidationError({"image": _("The photograph is larger than allowed.")})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError({"image": _("The file is not a photograph (JPEG, PNG or WebP).")}) from exc
    if kind not in PHOTO_TYPES:
        raise ValidationError({"image": _("The file is not a photograph (JPEG, PNG or WebP).")})
    upload.seek(0)
    upload.name = f"{_uuid.uuid4().hex}.{PHOTO_TYPES[kind]}"
    photo = PersonPhoto(person=person, caption=caption[:200], taken_on=taken_on,
                        uploaded_by=user if getattr(user, "pk", None) else None)
    photo.image.save(upload.name, upload, save=False)
    photo.save()
    return photo


def _require(user, perm: str, obj=None) -> None:
    if user is not None and not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def _clean_children(data: dict) -> dict:
    errors = {}
    for i, doc in enumerate(data.get("documents") or []):
        try:
            validate_document(doc.get("doc_type", ""), doc.get("number", ""))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors[f"documents.{i}.{key}"] = messages
    for i, mark in enumerate(data.get("marks") or []):
        mark_obj = IdentifyingMark(mark_type=mark.get("mark_type", ""), location=mark.get("location", ""),
                                   description=mark.get("description", ""))
        try:
            mark_obj.full_clean(exclude=["person"])
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors[f"marks.{i}.{key}"] = messages
    for i, alias in enumerate(data.get("aliases") or []):
        if not str(alias).strip():
            errors[f"aliases.{i}"] = [_("An alias cannot be empty.")]
    for i, phone in enumerate(data.get("phones") or []):
        if not 6 <= len(normalise_phone(phone)) <= 15:
            errors[f"phones.{i}"] = [_("Give a phone number of 6 to 15 digits.")]
    return errors


@transaction.atomic
def create_person(user, data: dict, *, unit: Unit | None = None, propose: bool = True) -> Person:
    """Create a person from ``data`` and index it; likely duplicates are proposed.

    ``data``: :data:`PERSON_FIELDS` plus ``aliases`` (list of names), ``addresses`` (list of
    ``{"kind", "text", "district", "police_station"}``, units or ids), ``phones`` (list of
    strings), ``documents`` (list of ``{"doc_type", "number"}``: stored masked and hashed),
    ``marks`` (list of ``{"mark_type", "location", "description"}``). ``unit``: the recording
    unit, default the user's posting.

    Errors: ``PermissionDenied`` (not a station officer of that unit); ``ValidationError`` with
    per-field messages (``{"age_max": […], "documents.0.number": […]}``).
    """
    unit = unit or getattr(user, "unit", None)
    if unit is None:
        raise ValidationError({"unit": _("The person must be recorded by a unit.")})
    _require(user, "persons.add_person", unit)
    unknown = set(data) - set(PERSON_FIELDS) - {"aliases", "addresses", "phones", "documents", "marks"}
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    person = Person(unit=unit, origin_unit=unit, created_by=user if getattr(user, "pk", None) else None,
                    **{k: v for k, v in data.items() if k in PERSON_FIELDS and v is not None})
    if person.name:
        person.name = person.name.strip()
    errors = {}
    try:
        person.full_clean(exclude=["unit", "origin_unit", "created_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    errors.update(_clean_children(data))
    if not errors and not analyse_name(person.name).tokens:
        errors["name"] = [_("The name has no letters to match on.")]
    if errors:
        raise ValidationError(errors)
    if (person.age_min is not None or person.age_max is not None) and not person.age_estimated_on and not person.date_of_birth:
        person.age_estimated_on = timezone.localdate()
    person.save()
    Person.objects.filter(pk=person.pk).update(cluster_id=person.pk)
    person.cluster_id = person.pk
    PersonName.objects.create(person=person, kind=NameKind.PRIMARY, text=person.name)
    for alias in data.get("aliases") or []:
        PersonName.objects.create(person=person, kind=NameKind.ALIAS, text=str(alias).strip())
    for address in data.get("addresses") or []:
        PersonAddress.objects.create(person=person, kind=address.get("kind") or "present", text=address["text"],
                                     district=_unit(address.get("district")),
                                     police_station=_unit(address.get("police_station")))
    for phone in data.get("phones") or []:
        PersonPhone.objects.create(person=person, number=normalise_phone(phone))
    for doc in data.get("documents") or []:
        add_document(person, doc["doc_type"], doc["number"])
    for mark in data.get("marks") or []:
        IdentifyingMark.objects.create(person=person, mark_type=mark["mark_type"], location=mark["location"],
                                       description=mark.get("description", ""))
    index_person(person)
    if propose:
        propose_duplicates(person)
    return person


def _unit(value) -> Unit | None:
    if value in (None, ""):
        return None
    if isinstance(value, Unit):
        return value
    return Unit.objects.filter(pk=value).first() if str(value).isdigit() else Unit.objects.filter(code=value).first()


@transaction.atomic
def add_name(person: Person, text: str, user=None, kind: str = NameKind.ALIAS) -> PersonName:
    """Add a name or alias to ``person`` and reindex it (duplicates are proposed again)."""
    _require(user, "persons.change_person", person)
    text = (text or "").strip()
    if not text or not analyse_name(text).tokens:
        raise ValidationError({"text": _("The name has no letters to match on.")})
    if kind not in NameKind.values:
        raise ValidationError({"kind": _("Unknown kind of name.")})
    row = PersonName.objects.create(person=person, kind=kind, text=text)
    person.save()  # a new version and an outbox event
    index_person(person)
    propose_duplicates(person)
    return row


@transaction.atomic
def update_person(person: Person, user, changes: dict) -> Person:
    """Change :data:`PERSON_FIELDS` of ``person`` (a new version), reindex, re-propose duplicates.
    Changing ``name`` changes the primary :class:`PersonName`. Errors as :func:`create_person`."""
    _require(user, "persons.change_person", person)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.merged_into_id:
        raise ValidationError(_("This person was merged; change the surviving record."))
    for key, value in changes.items():
        setattr(person, key, value)
    person.full_clean(exclude=["unit", "origin_unit", "created_by"])
    person.save()
    if "name" in changes:
        PersonName.objects.filter(person=person, kind=NameKind.PRIMARY, moved_from__isnull=True).update(text=person.name)
    index_person(person)
    propose_duplicates(person)
    return person


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------

@dataclass
class SearchQuery:
    """What an officer searches by. ``name`` and ``relative`` in any script or spelling;
    ``age`` a range ``(low, high)`` in years as on ``on``; ``sex`` ``M``/``F``/``T``; ``place`` a
    unit code or place text; ``role`` a :class:`PersonRoleKind` value."""

    name: str = ""
    relative: str = ""
    age: tuple[float, float] | None = None
    sex: str = ""
    place: str = ""
    role: str = ""
    on: datetime.date | None = None

    def record(self) -> MatchRecord:
        """The query as a :class:`MatchRecord`."""
        place = None
        if self.place:
            unit = Unit.objects.filter(code=self.place.strip()).first()
            if unit is not None:
                station, district = _station_and_district(unit)
                place = Place(station, district, None)
            else:
                place = Place(None, None, self.place.strip())
        name = analyse_name(self.name) if self.name else AnalysedName(original="", tokens=())
        relative = analyse_name(self.relative) if self.relative else (name.relative if self.name else None)
        return MatchRecord(name, relative, self.sex or None, self.age, place)

    def keys(self) -> frozenset[str]:
        """Blocking keys of the query (the name's, and the relative's under ``r:``)."""
        keys: set[str] = set()
        if self.name:
            keys.update(record_keys(self.name, self.relative or None))
        elif self.relative:
            keys.update(relative_keys(analyse_name(self.relative)))
        return frozenset(keys)


@dataclass
class SearchHit:
    """One result: the ``person``, its ``result`` (score, comparisons, explanation),
    ``restricted`` (outside the searcher's jurisdiction: minimal fields only) and how it was
    found (``sources``: ``"keys"``, ``"trigram"``)."""

    person: Person
    result: MatchResult
    restricted: bool
    sources: tuple[str, ...] = ()
    key_weight: float = 0.0

    def explanation(self) -> dict:
        """``{"text", "score", "decision", "comparisons": [{"field", "score", "evidence", "detail"}]}``;
        relative and place details are withheld from restricted results."""
        comparisons = self.result.comparisons
        if self.restricted:
            comparisons = tuple(dataclasses.replace(c, detail="…") if c.field in ("relative_name", "place") else c
                                for c in comparisons)
        text = combine(comparisons).explanation if self.restricted else self.result.explanation
        return {
            "text": text,
            "score": self.result.score,
            "decision": self.result.decision,
            "comparisons": [{"field": c.field, "score": c.score, "evidence": round(c.evidence, 3), "detail": c.detail}
                            for c in comparisons],
        }


@dataclass
class SearchResults:
    hits: list[SearchHit] = field(default_factory=list)
    candidates: int = 0
    trigram_used: bool = False


def _scope_filter(user) -> tuple[Q, str | None]:
    """(filter on Person, jurisdiction path or None for the whole node) for ``user``'s search."""
    root = user.jurisdiction_root()
    if root is None:
        return Q(pk__in=[]), None
    whole_node = root.parent_id is None and user.sees_everything
    path = None if whole_node else root.path
    q = visible_persons_q(user) & Q(merged_into__isnull=True)
    if path is not None and not can_search_across(user):
        q &= Q(unit__path__startswith=path)
    return q, path


def search_persons(user, query: SearchQuery, *, limit: int = 100, use_trigram: bool | None = None,
                   config: MatchConfig = DEFAULT_CONFIG) -> SearchResults:
    """Search the person index for ``user``: candidates by blocking keys (and, on PostgreSQL,
    by trigram similarity when ``use_trigram`` — default: only when the keys found fewer than
    ``limit`` candidates and none reaches the review threshold, the rescue path for spellings
    that break every key; for an officer who searches one jurisdiction, trigram candidates are
    taken from that jurisdiction only), scored with the matcher, best first (ties: key weight, then id). Results are
    scoped: station officers search their jurisdiction; supervisors and analysts
    (:data:`CROSS_JURISDICTION_SEARCH_ROLES`) search the node, and results outside their
    jurisdiction are ``restricted`` (and reported to :func:`on_cross_jurisdiction_read`).
    Protected parties of cases are never results outside their case (:func:`visible_persons_q`).
    A query with neither name nor relative's name returns nothing.
    """
    if user is None or not user.is_authenticated:
        return SearchResults()
    on = query.on or timezone.localdate()
    keys = query.keys()
    if not keys and not query.name:
        return SearchResults()
    scope_q, path = _scope_filter(user)
    person_filter = None
    if path is not None and not can_search_across(user):
        # A semi-join on the jurisdiction's persons (hashed once), not a join per posting.
        person_filter = {"person_id__in": Person.objects.filter(unit__path__startswith=path).values("pk")}
    fetch = keystore.CANDIDATE_LIMIT * (4 if query.role else 1)
    found = keystore.key_candidates(keys, limit=fetch, person_filter=person_filter)
    weights = {c.person_id: c.weight for c in found}
    sources = {c.person_id: ("keys",) for c in found}
    record = query.record()
    scored = _stage_one(record, weights, scope_q, query.role, on, config)
    trigram_used = False
    if use_trigram is None:
        # Trigram candidates are the rescue path: only when the keys found few candidates and
        # none of them reaches review (a spelling that broke the keys).
        use_trigram = len(scored) < limit and (not scored or -scored[0][0] < config.review_threshold)
    if use_trigram and query.name and keystore.trigram_available():
        text = search_text(analyse_name(query.name))
        units = None
        if person_filter is not None:  # a station officer: the jurisdiction's persons only
            units = list(Unit.objects.filter(path__startswith=path).values_list("pk", flat=True))
        extra = {}
        for pid, _sim in keystore.trigram_candidates(text, unit_ids=units):
            trigram_used = True
            sources[pid] = (*sources.get(pid, ()), "trigram")
            if pid not in weights:
                extra[pid] = 0.0
        if extra:
            weights.update(extra)
            scored += _stage_one(record, extra, scope_q, query.role, on, config)
            scored.sort(key=lambda s: s[:3])
    scored = scored[:limit]
    # Stage 2: the shown results, explained (the same comparisons, so the same scores).
    persons = Person.objects.select_related("unit").in_bulk([s[2] for s in scored])
    hits = []
    for _neg, _w, pid, comparisons, unit_path in scored:
        restricted = path is not None and not unit_path.startswith(path)
        hits.append(SearchHit(persons[pid], combine(comparisons, config), restricted, sources[pid], weights[pid]))
    outside = [h.person for h in hits if h.restricted]
    if outside:
        on_cross_jurisdiction_read(user, outside, dataclasses.asdict(query))
    return SearchResults(hits, len(weights), trigram_used)


def _stage_one(record: MatchRecord, weights: dict, scope_q: Q, role: str, on: datetime.date,
               config: MatchConfig) -> list:
    """Score the candidates in ``weights`` (visible ones only) without explanations: sorted
    ``[(-score, -key weight, id, comparisons, unit path)]``."""
    qs = Person.objects.filter(pk__in=list(weights)).filter(scope_q)
    if role:
        qs = qs.filter(Exists(PersonRole.objects.filter(person=OuterRef("pk"), role=role, withdrawn_at__isnull=True)))
    scored = []
    for pid, data, unit_path in qs.values_list("pk", "match_data", "unit__path"):
        comparisons = compare_fields(record, record_from_match_data(data or {}, on), config)
        scored.append((-total_score(comparisons, config), -weights[pid], pid, comparisons, unit_path))
    scored.sort(key=lambda s: s[:3])
    return scored


def total_score(comparisons, config: MatchConfig = DEFAULT_CONFIG) -> float:
    """The score :func:`cctns.matching.score.combine` gives ``comparisons`` (rounded alike)."""
    log_odds = config.prior + sum(c.evidence for c in comparisons)
    return round(1.0 / (1.0 + math.exp(-log_odds)), 6)


def parse_age(text: str) -> tuple[float, float] | None:
    """``"30"`` → (30, 30); ``"30-35"`` / ``"30–35"`` → (30, 35); blank → ``None``.
    Raises ``ValidationError`` for anything else (negative, reversed, over 130)."""
    text = (text or "").strip().replace("–", "-")
    if not text:
        return None
    parts = [p.strip() for p in text.split("-")]
    try:
        if len(parts) == 1:
            low = high = float(parts[0])
        elif len(parts) == 2:
            low, high = float(parts[0]), float(parts[1])
        else:
            raise ValueError
    except ValueError as exc:
        raise ValidationError({"age": _("Give an age (30) or a range (30-35).")}) from exc
    if low < 0 or high > 130 or low > high:
        raise ValidationError({"age": _("Give an age (30) or a range (30-35).")})
    return (low, high)


# --------------------------------------------------------------------------------------------
# Duplicates, merge, unmerge
# --------------------------------------------------------------------------------------------

def _explanation_json(result: MatchResult) -> dict:
    return {
        "text": result.explanation,
        "decision": result.decision,
        "comparisons": [{"field": c.field, "score": c.score, "evidence": round(c.evidence, 3), "detail": c.detail}
                        for c in result.comparisons],
    }


def score_pair(a: Person, b: Person, on: datetime.date | None = None, config: MatchConfig = DEFAULT_CONFIG) -> MatchResult:
    """The matcher's comparison of two indexed persons."""
    on = on or timezone.localdate()
    return compare(record_from_match_data(a.match_data or {}, on), record_from_match_data(b.match_data or {}, on), config)


def record_duplicate(a_id: int, b_id: int, result: MatchResult) -> DuplicateCandidate | None:
    """Write (or refresh) the proposed pair ``a``/``b``; ``None`` when the pair was already
    decided (rejected pairs are never proposed again; confirmed ones are merged)."""
    a_id, b_id = sorted((a_id, b_id))
    existing = DuplicateCandidate.objects.filter(person_a_id=a_id, person_b_id=b_id).first()
    if existing is not None:
        if existing.status != DuplicateStatus.PROPOSED:
            return None
        existing.score = result.score
        existing.explanation = _explanation_json(result)
        existing.save(update_fields=["score", "explanation", "updated_at"])
        return existing
    return DuplicateCandidate.objects.create(person_a_id=a_id, person_b_id=b_id, score=result.score,
                                             explanation=_explanation_json(result))


def propose_duplicates(person: Person, *, limit: int = DUPLICATE_LIMIT, config: MatchConfig = DEFAULT_CONFIG,
                       on: datetime.date | None = None) -> list[DuplicateCandidate]:
    """Propose likely duplicates of ``person`` (score at least ``config.review_threshold``),
    at most ``limit``, best first. Runs over the whole index (not one user's view); showing
    them is scoped (:func:`duplicates_for`)."""
    if person.merged_into_id is not None or not person.match_data:
        return []
    keys = keys_from_match_data(person.match_data)
    found = keystore.key_candidates(keys, limit=keystore.CANDIDATE_LIMIT)
    ids = [c.person_id for c in found if c.person_id != person.pk]
    if not ids:
        return []
    on = on or timezone.localdate()
    mine = record_from_match_data(person.match_data, on)
    scored = []
    for other in Person.objects.filter(pk__in=ids, merged_into__isnull=True).only("pk", "match_data"):
        result = compare(mine, record_from_match_data(other.match_data or {}, on), config)
        if result.score >= config.review_threshold:
            scored.append((result, other.pk))
    scored.sort(key=lambda s: (-s[0].score, s[1]))
    out = []
    for result, other_id in scored[:limit]:
        row = record_duplicate(person.pk, other_id, result)
        if row is not None:
            out.append(row)
    return out


def duplicates_for(user, status: str = DuplicateStatus.PROPOSED):
    """Duplicate pairs both of whose persons ``user`` may see, best first."""
    visible = Person.objects.for_user(user).values("pk")
    return (DuplicateCandidate.objects.filter(status=status, person_a__in=visible, person_b__in=visible)
            .select_related("person_a__unit", "person_b__unit"))


@transaction.atomic
def reject_duplicate(candidate: DuplicateCandidate, user, reason: str = "") -> DuplicateCandidate:
    """Record that the pair are different persons; the pair is never proposed again."""
    _require(user, "persons.decide_duplicate", candidate.person_a)
    _require(user, "persons.decide_duplicate", candidate.person_b)
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != DuplicateStatus.PROPOSED:
        raise ValidationError(_("This pair has already been decided."))
    candidate.status = DuplicateStatus.REJECTED
    candidate.decided_by = user
    candidate.decided_at = timezone.now()
    candidate.reason = reason
    candidate.save()
    return candidate


@transaction.atomic
def merge_persons(survivor: Person, merged: Person, user, reason: str) -> MergeRecord:
    """Merge ``merged`` into ``survivor`` without deleting anything.

    ``merged.merged_into`` becomes the survivor; its names become the survivor's aliases and its
    roles in cases move to the survivor (both remember where they came from); its documents,
    addresses, phones, marks and photos stay on it, reachable through the survivor
    (``survivor.merged_persons``). Every person of the merged cluster joins the survivor's
    cluster (``cluster_id``). The pair's duplicate proposal is confirmed. The before-state is
    kept in the returned :class:`MergeRecord` so :func:`unmerge` can restore it.

    Errors: ``PermissionDenied``; ``ValidationError`` when the two are one record, either is
    already merged, or the reason is blank.
    """
    _require(user, "persons.merge_persons", survivor)
    _require(user, "persons.merge_persons", merged)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the merge.")})
    if survivor.pk == merged.pk:
        raise ValidationError(_("A person cannot be merged into itself."))
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])}
    survivor, merged = locked[survivor.pk], locked[merged.pk]
    if survivor.merged_into_id or merged.merged_into_id:
        raise ValidationError(_("One of these persons has already been merged; use the surviving record."))
    now = timezone.now()
    names = list(PersonName.objects.filter(person=merged).values_list("pk", "kind", "moved_from_id"))
    roles = list(PersonRole.objects.filter(person=merged).values_list("pk", flat=True))
    merged_cluster = merged.cluster_id or merged.pk
    cluster = list(Person.objects.filter(cluster_id=merged_cluster).values_list("pk", flat=True))
    pair = sorted((survivor.pk, merged.pk))
    duplicates = list(DuplicateCandidate.objects.filter(person_a_id=pair[0], person_b_id=pair[1]).values_list("pk", "status"))
    before = {"names": [list(n) for n in names], "roles": roles, "cluster": cluster,
              "merged_cluster_id": merged_cluster, "duplicates": [list(d) for d in duplicates]}
    for pk, _kind, moved_from in names:
        PersonName.objects.filter(pk=pk).update(person=survivor, kind=NameKind.ALIAS, moved_from=moved_from or merged.pk)
    PersonRole.objects.filter(pk__in=roles).update(person=survivor)
    Person.objects.filter(pk__in=cluster).update(cluster_id=survivor.cluster_id or survivor.pk)
    merged.merged_into = survivor
    merged.merged_at = now
    merged.cluster_id = survivor.cluster_id or survivor.pk
    merged.save()
    survivor.save()
    result = score_pair(survivor, merged)
    row = record_duplicate(survivor.pk, merged.pk, result) or DuplicateCandidate.objects.get(person_a_id=pair[0], person_b_id=pair[1])
    DuplicateCandidate.objects.filter(pk=row.pk).update(status=DuplicateStatus.CONFIRMED, decided_by=user, decided_at=now, reason=reason)
    record = MergeRecord.objects.create(survivor=survivor, merged=merged, merged_by=user, merged_at=now,
                                        reason=reason, before=before)
    index_person(merged)
    index_person(survivor)
    return record


@transaction.atomic
def unmerge(record: MergeRecord, user, reason: str) -> MergeRecord:
    """Undo a merge: the merged person, its names, roles and cluster are restored as they were
    before it; both are reindexed; the record keeps who undid it, when and why.

    Errors: ``PermissionDenied``; ``ValidationError`` when already undone, when the survivor has
    since been merged into another person (undo that first), or the reason is blank.
    """
    _require(user, "persons.merge_persons", record.survivor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for undoing the merge.")})
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    if record.undone_at:
        raise ValidationError(_("This merge has already been undone."))
    survivor = Person.objects.select_for_update().get(pk=record.survivor_id)
    merged = Person.objects.select_for_update().get(pk=record.merged_id)
    if survivor.merged_into_id:
        raise ValidationError(_("The surviving person has since been merged into another; undo that merge first."))
    before = record.before
    for pk, kind, moved_from in before["names"]:
        PersonName.objects.filter(pk=pk).update(person=merged, kind=kind, moved_from=moved_from)
    PersonRole.objects.filter(pk__in=before["roles"]).update(person=merged)
    Person.objects.filter(pk__in=before["cluster"]).update(cluster_id=before["merged_cluster_id"])
    for pk, status in before["duplicates"]:
        DuplicateCandidate.objects.filter(pk=pk).update(status=status)
    if not before["duplicates"]:
        pair = sorted((record.survivor_id, record.merged_id))
        DuplicateCandidate.objects.filter(person_a_id=pair[0], person_b_id=pair[1]).update(
            status=DuplicateStatus.PROPOSED, decided_by=None, decided_at=None)
    merged.refresh_from_db()
    merged.merged_into = None
    merged.merged_at = None
    merged.save()
    survivor.save()
    record.undone_at = timezone.now()
    record.undone_by = user
    record.undo_reason = reason
    record.save()
    index_person(merged)
    index_person(survivor)
    return record


# --------------------------------------------------------------------------------------------
# FIR parties
# --------------------------------------------------------------------------------------------

def persons_from_fir(fir, user=None) -> list[PersonRole]:
    """Create, link or correct the persons of ``fir``'s informant, named victims and known
    accused (:func:`cctns.persons.parties.sync_fir_parties`; idempotent). Runs by itself after
    every FIR save is committed (a queued task); ``cctns index_fir_parties`` runs it on demand."""
    from .parties import sync_fir_parties

    return sync_fir_parties(fir, user)


def persons_of(survivor: Person) -> list[Person]:
    """The survivor and every person merged into it, directly or through others."""
    out, frontier = [survivor], [survivor.pk]
    while frontier:
        children = list(Person.objects.filter(merged_into_id__in=frontier))
        out.extend(children)
        frontier = [c.pk for c in children]
    return out


def batch_candidate_pairs(person_ids: Iterable[int] | None = None, *, limit: int = DUPLICATE_LIMIT,
                          config: MatchConfig = DEFAULT_CONFIG, on: datetime.date | None = None,
                          progress=None, chunk: int = 1000) -> dict:
    """Duplicate detection over the whole index (or ``person_ids`` against the whole index).

    The key table is read once into memory (:func:`cctns.matching.services.load_postings`);
    each active person's candidates are ranked with the library's
    :func:`cctns.matching.blocking.candidates` (same weights as search), the best ``3 × limit``
    are scored with the matcher, and new pairs at or above the review threshold are written in
    bulk as proposed (at most ``limit`` per person). Pairs already proposed or decided are
    skipped: a rejected pair is never proposed again. Each pair is scored once.

    Returns ``{"records", "pairs_scored", "proposed", "seconds", "postings_load_s",
    "records_per_s", "records_per_s_after_load"}`` (the key table is read once per run, so a run
    over a sample is dominated by that read; the second rate leaves it out).
    """
    import time

    from cctns.matching.blocking import candidates as rank_candidates

    on = on or timezone.localdate()
    started = time.perf_counter()
    postings = keystore.load_postings()
    total = max(keystore.indexed_total(), 1)
    loaded = time.perf_counter()
    qs = Person.objects.filter(merged_into__isnull=True).exclude(match_data={}).order_by("pk")
    if person_ids is not None:
        qs = qs.filter(pk__in=list(person_ids))
    existing = set(DuplicateCandidate.objects.values_list("person_a_id", "person_b_id"))
    seen: set[tuple[int, int]] = set()
    records = scored = proposed = 0
    cache: dict[int, MatchRecord] = {}
    pending: list[DuplicateCandidate] = []

    def flush() -> None:
        DuplicateCandidate.objects.bulk_create(pending, batch_size=500, ignore_conflicts=True)
        pending.clear()

    def process(rows: list) -> None:
        nonlocal records, scored, proposed
        found = {}
        for pid, data in rows:
            cache.setdefault(pid, record_from_match_data(data, on))
            keys = keys_from_match_data(data)
            found[pid] = [c.id for c in rank_candidates(keys, postings, total=total, limit=limit * 3 + 1) if c.id != pid]
        missing = {o for ids in found.values() for o in ids if o not in cache}
        for i in range(0, len(missing), 1000):
            part = sorted(missing)[i:i + 1000]
            for oid, data in Person.objects.filter(pk__in=part, merged_into__isnull=True).values_list("pk", "match_data"):
                cache[oid] = record_from_match_data(data or {}, on)
        for pid, _data in rows:
            records += 1
            results = []
            for oid in found[pid]:
                pair = (min(pid, oid), max(pid, oid))
                if pair in seen or pair in existing or oid not in cache:
                    continue
                seen.add(pair)
                scored += 1
                comparisons = compare_fields(cache[pid], cache[oid], config)
                score = total_score(comparisons, config)
                if score >= config.review_threshold:
                    results.append((score, oid, comparisons))
            results.sort(key=lambda r: (-r[0], r[1]))
            for _score, oid, comparisons in results[:limit]:
                a_id, b_id = sorted((pid, oid))
                result = combine(comparisons, config)
                pending.append(DuplicateCandidate(person_a_id=a_id, person_b_id=b_id, score=result.score,
                                                  explanation=_explanation_json(result)))
                existing.add((a_id, b_id))
                proposed += 1
            if progress and records % 1000 == 0:
                progress(records)
        if len(cache) > 200000:
            cache.clear()
        if len(pending) >= 500:
            flush()

    rows: list = []
    for row in qs.values_list("pk", "match_data").iterator(chunk_size=chunk):
        rows.append(row)
        if len(rows) >= chunk:
            process(rows)
            rows = []
    if rows:
        process(rows)
    flush()
    seconds = time.perf_counter() - started
    matching = time.perf_counter() - loaded
    return {"records": records, "pairs_scored": scored, "proposed": proposed, "seconds": round(seconds, 3),
            "postings_load_s": round(loaded - started, 3),
            "records_per_s": round(records / seconds, 1) if seconds else None,
            "records_per_s_after_load": round(records / matching, 1) if matching else None}
