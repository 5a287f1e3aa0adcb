"""IIF-4 Search & Seizure Memo services and the chain of custody of each seized item.

A search is recorded in the presence of two independent witnesses and by audio-video
electronic means (BNSS s.105): the memo names both witnesses and the recording's reference.
Each item keeps where it was first kept; every later movement is a new
:class:`CustodyMovement` row (from, to, by, when, purpose), never edited nor deleted.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.registration.constants import FIRStatus
from cctns.registration.models import FIR

from ..models import CustodyMovement, SeizedItem, SeizedItemKind, Seizure
from .arrests import require_can_record

SEIZURE_FIELDS = ["searched_at", "place", "witness1_name", "witness1_address", "witness2_name", "witness2_address",
                  "audio_video_reference", "items"]
ITEM_FIELDS = ["kind", "description", "registration_number", "chassis_number", "engine_number", "bore",
               "serial_number", "imei", "value", "kept_at"]
MOVEMENT_FIELDS = ["from_place", "to_place", "moved_at", "purpose"]
#: Statuses in which a seizure may be recorded.
SEIZURE_STATUSES = {FIRStatus.REGISTERED, FIRStatus.UNDER_INVESTIGATION, FIRStatus.FINAL_REPORT_FILED,
                    FIRStatus.PENDING_TRIAL}


def luhn_ok(digits: str) -> bool:
    """The Luhn check of a 15-digit IMEI (its last digit checks the first 14)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _clean_item(row, i: int, errors: dict) -> dict | None:
    prefix = f"items.{i}"
    if not isinstance(row, dict):
        errors[prefix] = _("Give the item as kind, description, identifiers, value and where kept.")
        return None
    unknown = set(row) - set(ITEM_FIELDS)
    if unknown:
        errors[prefix] = _("Unknown field.")
        return None
    item = {k: str(row.get(k) or "").strip() for k in ITEM_FIELDS if k != "value"}
    kind = item["kind"]
    if kind not in SeizedItemKind.values:
        errors[f"{prefix}.kind"] = _("Choose the kind of item.")
    if not item["description"]:
        errors[f"{prefix}.description"] = _("Describe the item.")
    if not item["kept_at"]:
        errors[f"{prefix}.kept_at"] = _("Say where the item is kept.")
    if kind == SeizedItemKind.VEHICLE and not (item["registration_number"] or item["chassis_number"] or item["engine_number"]):
        errors[f"{prefix}.registration_number"] = _("Give the vehicle's registration, chassis or engine number.")
    if kind == SeizedItemKind.FIREARM and not item["serial_number"]:
        errors[f"{prefix}.serial_number"] = _("Give the firearm's serial number (or “not visible”).")
    if kind == SeizedItemKind.MOBILE_PHONE and item["imei"]:
        imei = item["imei"].replace(" ", "")
        if not (imei.isdigit() and len(imei) == 15 and luhn_ok(imei)):
            errors[f"{prefix}.imei"] = _("An IMEI is 15 digits with a valid check digit.")
        item["imei"] = imei
    item["registration_number"] = item["registration_number"].upper().replace(" ", "")
    value = row.get("value")
    if value in (None, ""):
        item["value"] = None
    else:
        try:
            item["value"] = Decimal(str(value))
            if item["value"] < 0:
                raise InvalidOperation
        except InvalidOperation:
            errors[f"{prefix}.value"] = _("Give the value in rupees.")
    return item


def record_seizure(fir: FIR, by, data: dict, *, now: datetime.datetime | None = None) -> Seizure:
    """Record an IIF-4 memo with its items and return it.

    ``data``: :data:`SEIZURE_FIELDS`; ``searched_at`` aware and not in the future; both
    witnesses' names and addresses and the audio-video reference (BNSS s.105) required;
    ``items`` a non-empty list of dicts of :data:`ITEM_FIELDS` (a vehicle needs a registration,
    chassis or engine number; a firearm a serial number; a phone's IMEI, when given, passes the
    Luhn check). Only the case's officers or the station's SHO. Raises ``PermissionDenied`` or
    ``ValidationError`` keyed by field (``items.<n>.<field>`` for an item)."""
    now = now or timezone.now()
    require_can_record(by, fir)
    unknown = set(data) - set(SEIZURE_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    errors: dict = {}
    if fir.status not in SEIZURE_STATUSES:
        errors["searched_at"] = _("Seizures are recorded only in a case registered and not yet disposed of.")
    at = data.get("searched_at")
    if not isinstance(at, datetime.datetime):
        errors["searched_at"] = _("Give the date and time of the search.")
    elif at > now:
        errors["searched_at"] = _("The search cannot be in the future.")
    text = {k: str(data.get(k) or "").strip() for k in SEIZURE_FIELDS if k not in ("searched_at", "items")}
    messages = {
        "place": _("Give the place of search."),
        "witness1_name": _("Name two independent witnesses (BNSS s.105)."),
        "witness2_name": _("Name two independent witnesses (BNSS s.105)."),
        "witness1_address": _("Give the witness's address."),
        "witness2_address": _("Give the witness's address."),
        "audio_video_reference": _("Give the reference of the audio-video recording of the search (BNSS s.105)."),
    }
    for k, v in text.items():
        if not v:
            errors[k] = messages[k]
    if text["witness1_name"] and text["witness1_name"].casefold() == text["witness2_name"].casefold():
        errors["witness2_name"] = _("The two witnesses must be different persons.")
    rows = data.get("items") or []
    if not rows:
        errors["items"] = _("List at least one item seized.")
    items = [_clean_item(row, i, errors) for i, row in enumerate(rows)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        seizure = Seizure.objects.create(fir=fir, searched_at=at, searching_officer=by, recorded_by=by, created_by=by,
                                         origin_unit=fir.police_station, **text)
        for i, item in enumerate(items):
            SeizedItem.objects.create(seizure=seizure, order=i, created_by=by, origin_unit=fir.police_station, **item)
    return seizure


def record_movement(item: SeizedItem, by, data: dict, *, now: datetime.datetime | None = None) -> CustodyMovement:
    """Append one movement to the chain of custody of ``item`` and return it.

    ``data``: ``from_place`` (default: where the item is now, :func:`current_place`; if given it
    must be that place), ``to_place`` (different), ``moved_at`` (aware, not before the seizure
    nor the last movement, not in the future), ``purpose``. Raises ``PermissionDenied`` or
    ``ValidationError`` per field."""
    now = now or timezone.now()
    fir = item.seizure.fir
    require_can_record(by, fir)
    unknown = set(data) - set(MOVEMENT_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    errors: dict = {}
    here = current_place(item)
    src = str(data.get("from_place") or "").strip() or here
    dst = str(data.get("to_place") or "").strip()
    purpose = str(data.get("purpose") or "").strip()
    at = data.get("moved_at")
    if src.casefold() != here.casefold():
        errors["from_place"] = _("The item is now at “%(place)s”.") % {"place": here}
    if not dst:
        errors["to_place"] = _("Say where the item is moved to.")
    elif dst.casefold() == src.casefold():
        errors["to_place"] = _("The item is already there.")
    if not purpose:
        errors["purpose"] = _("Give the purpose of the movement.")
    last = item.movements.order_by("-moved_at", "-id").first()
    earliest = last.moved_at if last else item.seizure.searched_at
    if not isinstance(at, datetime.datetime):
        errors["moved_at"] = _("Give the date and time of the movement.")
    elif at < earliest:
        errors["moved_at"] = _("This cannot be before the seizure or the last movement.")
    elif at > now:
        errors["moved_at"] = _("This cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return CustodyMovement.objects.create(item=item, from_place=src, to_place=dst, moved_by=by, moved_at=at,
                                          purpose=purpose, created_by=by, origin_unit=fir.police_station)


def current_place(item: SeizedItem) -> str:
    """Where ``item`` is now: the destination of its last movement, else where it was first kept."""
    last = item.movements.order_by("-moved_at", "-id").first()
    return last.to_place if last else item.kept_at


def seized_items_for(fir: FIR):
    """The items seized in ``fir`` (all its memos), in order, with their seizure and movements prefetched."""
    return (SeizedItem.objects.filter(seizure__fir=fir).select_related("seizure")
            .prefetch_related("movements").order_by("seizure__searched_at", "seizure_id", "order"))
