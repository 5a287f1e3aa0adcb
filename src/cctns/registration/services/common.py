"""Helpers shared by the registration services: permission checks, stations, numbers, sections."""

import datetime
import hashlib
import json
import re
from collections.abc import Iterable

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.constants import UnitKind
from cctns.core.models import Unit
from cctns.core.numbering import display_number, local_date, next_number
from cctns.legal.models import Section

from ..validation import UnresolvedSection, section_base_number


def require(user, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds the ``rules`` permission ``perm`` on ``obj``.

    Uses ``rules.has_perm`` (not ``user.has_perm``) so a superuser gets no shortcut.
    """
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def station_for(user, station: Unit | None = None) -> Unit:
    """The police station a user registers at: ``station`` if given, else the user's posting
    (or the station above their outpost). Raises ``ValidationError`` if there is none."""
    if station is not None:
        if station.kind != UnitKind.POLICE_STATION:
            raise ValidationError({"police_station": _("Choose a police station.")})
        return station
    unit = getattr(user, "unit", None)
    if unit is not None and unit.kind == UnitKind.POLICE_STATION:
        return unit
    if unit is not None and unit.kind == UnitKind.OUTPOST and unit.parent_id:
        return unit.parent
    raise ValidationError({"police_station": _("You are not posted at a police station.")})


def _local_code(unit: Unit, parent: Unit | None) -> str:
    """A unit's own part of its code: ``28-502-11`` under ``28-502`` → ``11``."""
    if parent is not None and unit.code.startswith(parent.code + "-"):
        return unit.code[len(parent.code) + 1:]
    return unit.code


def national_key(station: Unit, year: int, serial: int) -> str:
    """The national key of a record: ``<state>-<district>-<ps>-<year>-<serial>`` (DESIGN.md §3).

    Built from the unit hierarchy: the state's code, the district's code within the state and the
    station's code within the district (unit codes follow ``<state>-<district>-<ps>``, so
    ``28-502-11`` gives ``28-502-11-2026-0042``). Where a code does not carry its parent's prefix
    it is used whole.
    """
    nearest = {u.kind: u for u in station.ancestors().filter(kind__in=[UnitKind.STATE, UnitKind.DISTRICT])}  # one query
    state = nearest.get(UnitKind.STATE)
    district = nearest.get(UnitKind.DISTRICT) or station.parent
    state_code = state.code if state else "00"
    district_code = _local_code(district, state) if district else "0"
    ps_code = _local_code(station, district)
    return f"{state_code}-{district_code}-{ps_code}-{year}-{serial:04d}"


def allocate(prefix: str, station: Unit, at: datetime.datetime) -> tuple[int, int, str]:
    """Take the next number of series ``<prefix>:<station pk>`` for the IST calendar year of ``at``.

    Returns ``(year, serial, display)``. Must run inside the transaction that saves the record.
    """
    year = local_date(at).year
    serial = next_number(f"{prefix}:{station.pk}", year)
    return year, serial, display_number(serial, year)


_REF = re.compile(r"^\s*(?P<act>[A-Za-z][A-Za-z0-9._&-]*)\s*(?:s\.|sec\.?|section)?\s*(?P<number>[0-9][0-9A-Za-z()]*)\s*$")


def parse_section_ref(ref) -> tuple[int | None, str | None, str | None]:
    """``(id, act_code, number)`` from a section reference: a ``Section``, an id, ``{"id": …}``,
    ``{"act": "BNS", "number": "303(2)"}`` or the text ``"BNS 303(2)"``."""
    if isinstance(ref, Section):
        return ref.pk, None, None
    if isinstance(ref, int):
        return ref, None, None
    if isinstance(ref, dict):
        if ref.get("id") not in (None, ""):
            try:
                return int(ref["id"]), None, None
            except (TypeError, ValueError):
                return None, None, None
        act, number = str(ref.get("act") or "").strip(), str(ref.get("number") or "").strip()
        return None, act.upper() or None, number.upper().replace(" ", "") or None
    if isinstance(ref, str):
        if ref.strip().isdigit():
            return int(ref), None, None
        m = _REF.match(ref)
        if m:
            return None, m["act"].upper(), m["number"].upper()
    return None, None, None


def ref_label(ref) -> str:
    sid, act, number = parse_section_ref(ref)
    if act or number:
        return f"{act or '?'} {number or '?'}"
    if sid is not None:
        return f"#{sid}"
    return str(ref)


def resolve_sections(refs: Iterable) -> list[tuple[Section | UnresolvedSection, str]]:
    """Resolve section references against the reference law, keeping their order.

    Returns ``[(Section or UnresolvedSection, label)]`` where ``label`` is the section as cited
    (``"303(2)"``). ``"BNS 303(2)"`` resolves to BNS 303 when the reference data holds whole
    sections only. Two queries at most, whatever the number of sections.
    """
    refs = list(refs or [])
    parsed = [parse_section_ref(r) for r in refs]
    ids = {p[0] for p in parsed if p[0] is not None}
    pairs = {(p[1], p[2]) for p in parsed if p[0] is None and p[1] and p[2]}
    by_id: dict[int, Section] = {}
    by_key: dict[tuple[str, str], Section] = {}
    if ids:
        by_id = {s.pk: s for s in Section.objects.select_related("act").filter(pk__in=ids)}
    if pairs:
        q = Q()
        for act, number in pairs:
            q |= Q(act__code__iexact=act, number__in={number, section_base_number(number)})
        for s in Section.objects.select_related("act").filter(q):
            by_key[(s.act.code.upper(), s.number.upper())] = s
    out = []
    for ref, (sid, act, number) in zip(refs, parsed, strict=True):
        if isinstance(ref, Section):
            out.append((ref, ref.number))
        elif isinstance(ref, tuple) and ref and isinstance(ref[0], Section):
            out.append((ref[0], ref[1] if len(ref) > 1 and ref[1] else ref[0].number))
        elif sid is not None:
            s = by_id.get(sid)
            out.append((s, s.number) if s else (UnresolvedSection(ref_label(ref)), ""))
        elif act and number:
            s = by_key.get((act, number)) or by_key.get((act, section_base_number(number)))
            out.append((s, number) if s else (UnresolvedSection(ref_label(ref)), ""))
        else:
            out.append((UnresolvedSection(ref_label(ref)), ""))
    return out


def request_hash(data) -> str:
    """A stable hash of a request's data (idempotency: a reused key with other data is refused)."""
    blob = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()
