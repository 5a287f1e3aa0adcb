"""Case Diary services (BNSS s.192): write an entry (append-only, hash-chained), read the diary
(only the case's officers and supervisors), verify the chain.

The chain: each entry stores ``prev_hash`` (the previous entry's ``entry_hash``; ``""`` for
page 1) and ``entry_hash`` = SHA-256 over :func:`canonical_content` — the entry's fields, its
files' SHA-256 and ``prev_hash``. Changing any stored field or file, deleting an entry or
swapping two entries breaks the chain at the first affected page, which
:func:`verify_case_diary` reports (``cctns verify_case_diary``).
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.constants import STATION_ROLES, Rank, Role, UnitKind
from cctns.core.numbering import current_number, local_date, next_number
from cctns.registration.constants import FIRStatus
from cctns.registration.models import FIR

from ..models import CaseDiaryEntry, FileKind
from .files import check_uploads, file_sha256, store_files

#: FIR statuses in which the diary is written (investigation, or further investigation ordered).
WRITABLE_STATUSES = {FIRStatus.REGISTERED, FIRStatus.UNDER_INVESTIGATION}

#: Fields of an entry given by the officer (``data`` of :func:`write_case_diary_entry`).
ENTRY_FIELDS = ["entry_date", "information_reached_at", "began_at", "closed_at", "places_visited",
                "steps_taken", "statements"]

_TIME_FIELDS = ["written_at", "information_reached_at", "began_at", "closed_at"]


def counter_scope(fir: FIR) -> str:
    """The numbering series of ``fir``'s diary pages (``CD:<fir pk>``, year 0)."""
    return f"CD:{fir.pk}"


def can_read_case_diary(user, fir: FIR) -> bool:
    """Whether ``user`` may read ``fir``'s Case Diary: its IO, the SHO of its station and the
    supervisory officers over the station (``investigation.view_case_diary``). Never the public,
    the accused, other stations, analysts or administrators (the diary is the police's own
    record, BNSS s.192(3)-(4): the court may use it, the accused may not call for it)."""
    return rules.has_perm("investigation.view_case_diary", user, fir)


def can_write_case_diary(user, fir: FIR) -> bool:
    """Whether ``user`` may write in ``fir``'s Case Diary: only its IO or the SHO of its station."""
    return rules.has_perm("investigation.write_case_diary", user, fir)


def readable_firs_q(user, prefix: str = "") -> Q:
    """A filter on FIRs (``prefix`` = ``"fir__"`` for rows linked to an FIR) matching those
    whose Case Diary ``user`` may read: the queryset form of :func:`can_read_case_diary`."""
    nothing = Q(pk__in=[])
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active or user.unit_id is None:
        return nothing
    q = Q(**{f"{prefix}io": user}) if user.role in STATION_ROLES else nothing
    if user.role == Role.SHO or (user.role in STATION_ROLES and user.rank >= Rank.INSPECTOR):
        station = user.unit if user.unit.kind != UnitKind.OUTPOST else user.unit.parent
        q |= Q(**{f"{prefix}police_station": station})
    elif user.role == Role.SUPERVISOR:
        root = user.jurisdiction_root()
        if root is not None:
            q |= Q(**{f"{prefix}police_station__path__startswith": root.path})
    return q


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value.isoformat()


def canonical_content(entry: CaseDiaryEntry, file_hashes: list[str]) -> bytes:
    """The bytes an entry's hash is taken over: a JSON object with sorted keys, no spaces, of the
    FIR's global id, the serial, the date, the times (UTC ISO 8601), the texts, the author's id,
    the files' SHA-256 (in upload order) and ``prev_hash``."""
    data = {
        "fir": str(entry.fir.global_id), "serial": entry.serial, "entry_date": _iso(entry.entry_date),
        "places_visited": entry.places_visited, "steps_taken": entry.steps_taken, "statements": entry.statements,
        "author": entry.author_id, "files": list(file_hashes), "prev_hash": entry.prev_hash,
    }
    for name in _TIME_FIELDS:
        data[name] = _iso(getattr(entry, name))
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: CaseDiaryEntry, file_hashes: list[str]) -> str:
    """SHA-256 (hex) of :func:`canonical_content`."""
    return hashlib.sha256(canonical_content(entry, file_hashes)).hexdigest()


def _clean(data: dict, fir: FIR, last: CaseDiaryEntry | None, now: datetime.datetime) -> dict:
    unknown = sorted(set(data) - set(ENTRY_FIELDS))
    errors: dict[str, str] = {k: _("Unknown field.") for k in unknown}
    clean = {k: data.get(k) for k in ENTRY_FIELDS}
    for k in ("places_visited", "steps_taken", "statements"):
        clean[k] = (clean[k] or "").strip()
    if not clean["steps_taken"]:
        errors["steps_taken"] = _("Write the steps taken and the circumstances ascertained.")
    for k in ("information_reached_at", "began_at", "closed_at"):
        value = clean[k]
        if value is not None and timezone.is_naive(value):
            errors[k] = _("Give the time with its time zone.")
        elif value is not None and value > now:
            errors[k] = _("This time is in the future.")
    if not errors.get("began_at") and not errors.get("closed_at") and clean["began_at"] and clean["closed_at"] \
            and clean["closed_at"] < clean["began_at"]:
        errors["closed_at"] = _("The investigation cannot close before it began.")
    if not errors.get("information_reached_at") and not errors.get("began_at") and clean["information_reached_at"] \
            and clean["began_at"] and clean["began_at"] < clean["information_reached_at"]:
        errors["began_at"] = _("The investigation cannot begin before the information reached the officer.")
    day = clean["entry_date"] or local_date(now)
    if isinstance(day, datetime.datetime):
        day = local_date(day)
    if day > local_date(now):
        errors["entry_date"] = _("The date of the entry cannot be in the future.")
    elif fir.registered_at and day < local_date(fir.registered_at):
        errors["entry_date"] = _("The date of the entry cannot be before the FIR was registered.")
    elif last is not None and day < last.entry_date:
        errors["entry_date"] = _("The diary runs in date order: the last entry is dated %(date)s.") % {
            "date": last.entry_date.strftime("%d-%m-%Y")}
    if errors:
        raise ValidationError(errors)
    clean["entry_date"] = day
    return clean


def write_case_diary_entry(fir: FIR, user, data: dict, *, files=(), now: datetime.datetime | None = None) -> CaseDiaryEntry:
    """Append a page to ``fir``'s Case Diary (BNSS s.192) and return it.

    ``data``: ``steps_taken`` (required), ``places_visited``, ``statements`` (text of statements
    recorded under s.180), ``information_reached_at``, ``began_at``, ``closed_at`` (aware
    datetimes, not in the future, in order), ``entry_date`` (default today in IST; not before the
    previous page's date nor the FIR's registration). ``files``: uploaded statements (PDF, JPEG,
    PNG; checked from contents; at most ``CCTNS_ATTACHMENT_MAX_BYTES``).

    Only the case's IO or the SHO of its station writes (``investigation.write_case_diary``),
    while the case is registered or under investigation. The page takes the next serial of the
    case (gapless, same transaction) and is chained to the previous page's hash. Raises
    ``ValidationError`` per field (``fir`` for permission or status).
    """
    at = now or timezone.now()
    if not can_write_case_diary(user, fir):
        raise ValidationError({"fir": ValidationError(_("Only the case's investigating officer or the station's SHO writes the Case Diary."), code="not_permitted")})
    checked = check_uploads(files)
    with transaction.atomic():
        fir = FIR.objects.select_for_update(of=("self",)).select_related("police_station").get(pk=fir.pk)
        if fir.status not in WRITABLE_STATUSES:
            raise ValidationError({"fir": _("The Case Diary is written while the case is under investigation.")})
        last = CaseDiaryEntry.objects.filter(fir=fir).order_by("-serial").first()
        clean = _clean(data, fir, last, at)
        serial = next_number(counter_scope(fir), 0)
        entry = CaseDiaryEntry(fir=fir, serial=serial, written_at=at, author=user, created_by=user,
                               origin_unit=fir.police_station, prev_hash=last.entry_hash if last else "", **clean)
        entry.entry_hash = entry_hash(entry, [c["sha256"] for c in checked])
        entry.save()
        store_files(fir, checked, user, kind=FileKind.STATEMENT, diary_entry=entry)
    return entry


def case_diary_for(fir: FIR, user):
    """The diary pages of ``fir`` for ``user``, in order; raises ``ValidationError`` if ``user``
    may not read them (:func:`can_read_case_diary`)."""
    if not can_read_case_diary(user, fir):
        raise ValidationError({"fir": ValidationError(_("The Case Diary is shown only to the case's officers and supervisors."), code="not_permitted")})
    return CaseDiaryEntry.objects.filter(fir=fir).select_related("author").prefetch_related("files").order_by("serial")


@dataclass
class Verification:
    """The result of :func:`verify_case_diary`: ``ok``, how many pages were checked, and for the
    first fault its page (``serial``), a ``code`` (``altered``, ``file_altered``, ``removed``,
    ``reordered``, ``missing_at_end``) and a readable ``message``."""

    fir: FIR
    checked: int = 0
    ok: bool = True
    serial: int | None = None
    code: str = ""
    message: str = ""
    problems: list[str] = field(default_factory=list)


def _stored_file_hashes(entry: CaseDiaryEntry) -> tuple[list[str], list[str]]:
    stored, actual = [], []
    for f in entry.files.order_by("uploaded_at", "id"):
        stored.append(f.sha256)
        try:
            with f.file.open("rb") as fh:
                actual.append(file_sha256(fh))
        except (FileNotFoundError, OSError, ValueError):
            actual.append("")
    return stored, actual


def verify_case_diary(fir: FIR) -> Verification:
    """Re-check the hash chain of ``fir``'s Case Diary, page by page, and report the first fault.

    For each page in serial order: the serial must be the next number (else a page was removed
    or renumbered), ``prev_hash`` must equal the previous page's ``entry_hash`` (else a page
    before it was removed or the pages were reordered), the recomputed hash over its content must
    equal ``entry_hash`` (else the page was altered — or moved, when the content hashes under
    another serial), and each file's contents must still have their recorded SHA-256. Finally the
    number of pages must match the case's page counter (else pages at the end were removed).
    """
    result = Verification(fir=fir)
    previous_hash = ""
    expected = 1
    entries = list(CaseDiaryEntry.objects.filter(fir=fir).select_related("fir").order_by("serial", "id"))

    def fail(entry_serial, code, message):
        if result.ok:
            result.ok, result.serial, result.code, result.message = False, entry_serial, code, message
        result.problems.append(message)

    for entry in entries:
        result.checked += 1
        stored, actual = _stored_file_hashes(entry)
        recomputed = entry_hash(entry, stored)
        if recomputed != entry.entry_hash:
            moved_from = None
            original_serial = entry.serial
            for candidate in range(1, max(len(entries), current_number(counter_scope(fir), 0)) + 1):
                entry.serial = candidate
                if candidate != original_serial and entry_hash(entry, stored) == entry.entry_hash:
                    moved_from = candidate
                    break
            entry.serial = original_serial
            if moved_from is not None:
                fail(entry.serial, "reordered", _("Page %(serial)s was written as page %(original)s: the pages were reordered.")
                     % {"serial": entry.serial, "original": moved_from})
            else:
                fail(entry.serial, "altered", _("Page %(serial)s was altered after it was written.") % {"serial": entry.serial})
        elif stored != actual:
            fail(entry.serial, "file_altered", _("A file of page %(serial)s was changed or removed.") % {"serial": entry.serial})
        elif entry.serial != expected:
            fail(entry.serial, "removed", _("Page %(expected)s is missing before page %(serial)s.")
                 % {"expected": expected, "serial": entry.serial})
        elif entry.prev_hash != previous_hash:
            fail(entry.serial, "removed", _("Page %(serial)s does not follow the page before it: an earlier page was altered, removed or reordered.")
                 % {"serial": entry.serial})
        previous_hash = entry.entry_hash
        expected = entry.serial + 1
    issued = current_number(counter_scope(fir), 0)
    if issued > (entries[-1].serial if entries else 0):
        fail(issued, "missing_at_end", _("%(count)s page(s) at the end of the diary are missing (last page written: %(issued)s).")
             % {"count": issued - (entries[-1].serial if entries else 0), "issued": issued})
    return result
