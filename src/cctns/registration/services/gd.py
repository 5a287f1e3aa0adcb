"""General Diary services: add an entry (numbered per station per day), search by date."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cctns.core.numbering import local_date, next_number

from ..constants import MANUAL_GD_KINDS, GDKind
from ..models import GDEntry
from .common import now_or, require


def add_gd_entry(station, user, kind: str, text: str, *, record=None, now: datetime.datetime | None = None,
                 check_permission: bool = True) -> GDEntry:
    """Append an entry to ``station``'s General Diary and return it.

    The entry is numbered per station per IST calendar day, gapless (the number is taken in the
    same transaction as the entry). ``record`` (an FIR, NCR, complaint …) is linked when given.
    Officers writing by hand (``check_permission=True``) must be posted at the station
    (``registration.add_gd_entry``) and may write only the manual kinds (general, information
    received, departure, arrival); the other kinds are written by the registration services.
    Raises ``PermissionDenied`` or ``ValidationError`` (empty text, kind not allowed).
    """
    if check_permission:
        require(user, "registration.add_gd_entry", station)
        if kind not in MANUAL_GD_KINDS:
            raise ValidationError({"kind": _("This kind of entry is written by the system.")})
    if kind not in GDKind.values:
        raise ValidationError({"kind": _("Unknown kind of entry.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the entry.")})
    at = now_or(now)
    day = local_date(at)
    with transaction.atomic(savepoint=False):  # joins the caller's transaction: no savepoint round trip
        number = next_number(f"GD:{station.pk}:{day.isoformat()}", day.year)
        entry = GDEntry(
            police_station=station, entry_date=day, number=number, entry_time=at, kind=kind,
            text=text.strip(), author=user, created_by=user, origin_unit=station,
        )
        if record is not None:
            entry.record = record  # sets content_type and object_id, and caches the record (no re-read)
        entry.save()
    return entry


def gd_entries_for(record):
    """GD entries linked to ``record``, in time order."""
    ct = ContentType.objects.get_for_model(record)
    return GDEntry.objects.filter(content_type=ct, object_id=record.pk).order_by("entry_time", "id")
