"""IIF-2 Crime Details services: record (or revise) the form, read the form in force."""

import datetime

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.registration.constants import FIRStatus
from cctns.registration.models import FIR

from ..models import CrimeDetails, FileKind
from ..vocabulary import Motive, PlaceType, mo_codes
from .files import check_uploads, store_files

#: Fields given in ``data`` to :func:`record_crime_details`.
CRIME_DETAILS_FIELDS = ["crime_features", "mo_codes", "mo_description", "motive", "motive_description", "place_type",
                        "scene_description", "physical_evidence", "forensic_expert_visited", "panch_witnesses"]
PANCH_FIELDS = ["name", "relative_name", "age", "address", "phone"]
#: Statuses in which IIF-2 may be recorded or revised (before and during investigation).
OPEN_STATUSES = {FIRStatus.REGISTERED, FIRStatus.UNDER_INVESTIGATION}


def current_crime_details(fir: FIR) -> CrimeDetails | None:
    """The revision in force of ``fir``'s crime details (the highest), or ``None``."""
    return CrimeDetails.objects.filter(fir=fir).order_by("-revision").first()


def _clean_panch(rows, errors) -> list[dict]:
    out = []
    for i, row in enumerate(rows or []):
        if not isinstance(row, dict):
            errors[f"panch_witnesses.{i}"] = _("Give the witness as name, relative's name, age, address, phone.")
            continue
        unknown = set(row) - set(PANCH_FIELDS)
        if unknown:
            errors[f"panch_witnesses.{i}"] = _("Unknown field.")
            continue
        clean = {k: (str(row.get(k) or "").strip()) for k in PANCH_FIELDS}
        if not any(clean.values()):
            continue
        if not clean["name"]:
            errors[f"panch_witnesses.{i}.name"] = _("Give the witness's name.")
        if not clean["address"]:
            errors[f"panch_witnesses.{i}.address"] = _("Give the witness's address.")
        if clean["age"]:
            if not clean["age"].isdigit() or not 18 <= int(clean["age"]) <= 120:
                errors[f"panch_witnesses.{i}.age"] = _("A panch witness is an adult: give an age from 18 to 120.")
        out.append(clean)
    return out


def clean_crime_details(data: dict) -> dict:
    """Check ``data`` for IIF-2 and return it cleaned; raises ``ValidationError`` per field.

    ``mo_codes``: a list of codes of the modus operandi vocabulary (unknown codes refused);
    ``motive`` and ``place_type``: :class:`Motive` / :class:`PlaceType` values (``place_type``
    required); ``scene_description`` required; ``motive`` *other* needs its description;
    ``panch_witnesses``: list of ``{name, relative_name, age, address, phone}`` (name and address
    required, adults)."""
    errors: dict[str, str] = {k: _("Unknown field.") for k in sorted(set(data) - set(CRIME_DETAILS_FIELDS))}
    clean = {}
    for k in ("crime_features", "mo_description", "motive_description", "scene_description", "physical_evidence"):
        clean[k] = str(data.get(k) or "").strip()
    codes = [str(c).strip().upper() for c in (data.get("mo_codes") or []) if str(c).strip()]
    known = mo_codes()
    bad = [c for c in codes if c not in known]
    if bad:
        errors["mo_codes"] = _("Unknown modus operandi code(s): %(codes)s.") % {"codes": ", ".join(bad)}
    clean["mo_codes"] = list(dict.fromkeys(codes))
    clean["motive"] = data.get("motive") or Motive.UNKNOWN
    if clean["motive"] not in Motive.values:
        errors["motive"] = _("Choose a motive from the list.")
    elif clean["motive"] == Motive.OTHER and not clean["motive_description"]:
        errors["motive_description"] = _("Describe the motive.")
    clean["place_type"] = data.get("place_type") or ""
    if clean["place_type"] not in PlaceType.values:
        errors["place_type"] = _("Choose the type of place.")
    if not clean["scene_description"]:
        errors["scene_description"] = _("Describe the scene of the crime.")
    if "OT-OTHER" in clean["mo_codes"] and not clean["mo_description"]:
        errors["mo_description"] = _("Describe the modus operandi.")
    clean["forensic_expert_visited"] = bool(data.get("forensic_expert_visited"))
    clean["panch_witnesses"] = _clean_panch(data.get("panch_witnesses"), errors)
    if errors:
        raise ValidationError(errors)
    return clean


def record_crime_details(fir: FIR, user, data: dict, *, files=(), photo_kind: str = FileKind.PHOTO,
                         reason: str = "", now: datetime.datetime | None = None) -> CrimeDetails:
    """Record the Crime Details (IIF-2) of ``fir``, or a new revision of them, and return it.

    ``data``: see :func:`clean_crime_details`. ``files``: photographs / sketch (PDF, JPEG, PNG,
    checked from contents, at most ``CCTNS_ATTACHMENT_MAX_BYTES``), stored as ``photo_kind``.
    A revision after the first needs ``reason``. Only the case's IO or the station's SHO
    (``investigation.record_crime_details``), while the case is registered or under
    investigation. Raises ``ValidationError`` per field (``fir`` for permission or status).
    """
    at = now or timezone.now()
    if not rules.has_perm("investigation.record_crime_details", user, fir):
        raise ValidationError({"fir": ValidationError(_("Only the case's investigating officer or the station's SHO records the crime details."), code="not_permitted")})
    if photo_kind not in (FileKind.PHOTO, FileKind.SKETCH, FileKind.DOCUMENT):
        raise ValidationError({"photo_kind": _("Choose photograph, sketch or document.")})
    clean = clean_crime_details(data)
    checked = check_uploads(files)
    with transaction.atomic():
        fir = FIR.objects.select_for_update(of=("self",)).select_related("police_station").get(pk=fir.pk)
        if fir.status not in OPEN_STATUSES:
            raise ValidationError({"fir": _("Crime details are recorded while the case is under investigation.")})
        last = CrimeDetails.objects.filter(fir=fir).aggregate(m=Max("revision"))["m"] or 0
        if last and not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for revising the crime details.")})
        row = CrimeDetails.objects.create(
            fir=fir, revision=last + 1, recorded_at=at, recorded_by=user, revision_reason=(reason or "").strip(),
            created_by=user, origin_unit=fir.police_station, **clean)
        store_files(fir, checked, user, kind=photo_kind, crime_details=row)
    return row
