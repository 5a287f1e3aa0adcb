"""Finding candidates: indexed look-ups, then scoring (:mod:`.scoring`), across every station of
the node (DESIGN.md §5: "a recovered or checked vehicle … against every theft report").

Look-ups (each one indexed query, at most :data:`KEY_CAP` rows; a key more common than that says
nothing and is skipped):

- vehicles: the normalised registration mark, its head (state + RTO + series) and tail (state +
  number) — one typing error leaves one intact; for chassis and engine numbers, the suffix
  (reversed column, prefix search: partial reads and the last 6 characters) and the three
  4-character windows of the last 12 (two characters tampered leave one window intact), the
  inner two also read shifted by one or two characters (characters missing after them);
- phones: the first 14 digits of each IMEI (``imei_body``, ``imei_2_body``);
- firearms: the normalised serial and its suffix.

On PostgreSQL each look-up is a b-tree index scan (the reversed columns with
``varchar_pattern_ops``); ``bench/property_matching.py`` measures one check against 1,000,000
vehicles.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cctns.core.alerts import AlertKind, raise_alert, register_kind

from .. import normalise as n
from ..constants import FOUND_STATES, REPORTED_STATES, CandidateStatus, ItemKind
from ..models import Firearm, MatchCandidate, MobilePhone, PropertyItem, Vehicle
from . import scoring

KEY_CAP = 500
_LOOSE_PLATE = re.compile(r"^([A-Z]{2}).*?([0-9]{1,4})$")
#: Candidates kept per item (best first).
TOP = 10
#: A stored candidate scores at least this (the engine's "review" threshold).
CANDIDATE_MIN_SCORE = scoring.CONFIG.review_threshold

PROPERTY_MATCH = register_kind(AlertKind(
    "property_match", _("Property match to review"),
    _("%(kind)s %(found)s held at %(found_station)s may be %(reported)s reported at %(reported_station)s (score %(score)s)."),
))


@dataclass
class Hit:
    """A scored candidate: the item (a :class:`Vehicle`, :class:`MobilePhone` …), its score and
    field explanations."""

    item: PropertyItem
    scored: scoring.Scored

    @property
    def score(self) -> float:
        return self.scored.score


def _ids(qs, cap: int = KEY_CAP) -> list[int]:
    ids = list(qs.values_list("pk", flat=True)[: cap + 1])
    return [] if len(ids) > cap else ids


def _serial_lookups(prefix: str, raw: str) -> list[Q]:
    norm = n.normalise_serial(raw)
    out = []
    if len(norm) >= scoring.MIN_PARTIAL:
        out.append(Q(**{f"{prefix}_reversed__startswith": n.reverse(norm)[: scoring.SUFFIX_LENGTH]}))
    if len(norm) >= 8:
        seen = set()
        for i in range(3):
            # shifts 1 and 2: a window read with one or two characters missing after it
            for shift in (0, 1, 2) if i else (0,):
                end = len(norm) - 4 * i + shift
                start = end - 4
                if start >= 0 and end <= len(norm) and (i, norm[start:end]) not in seen:
                    seen.add((i, norm[start:end]))
                    out.append(Q(**{f"{prefix}_w{i + 1}": norm[start:end]}))
    return out


def vehicle_lookups(*, registration_number: str = "", chassis_number: str = "", engine_number: str = "") -> list[Q]:
    """The indexed look-ups for a vehicle query (one ``Q`` per look-up)."""
    out: list[Q] = []
    if registration_number:
        reg = n.parse_registration(registration_number)
        if len(reg.normalised) >= 4:
            out.append(Q(registration_normalised=reg.normalised))
        if reg.head:
            out.append(Q(registration_head=reg.head))
        if reg.tail:
            out.append(Q(registration_tail=reg.tail))
        elif not reg.parsed and (m := _LOOSE_PLATE.match(reg.normalised)):
            # a mark mistyped out of shape (two characters swapped across parts): state + number
            out.append(Q(registration_tail=f"{m.group(1)}{m.group(2).rjust(4, '0')}"))
    out += _serial_lookups("chassis", chassis_number)
    out += _serial_lookups("engine", engine_number)
    return out


def vehicle_query(v: Vehicle) -> dict:
    return {"registration_number": v.registration_number, "chassis_number": v.chassis_number,
            "engine_number": v.engine_number, "make": v.make, "model": v.model, "colour": v.colour,
            "vehicle_type": v.vehicle_type}


def find_vehicles(query: dict, *, states: Iterable[str] = REPORTED_STATES, exclude: Iterable[int] = (),
                  min_score: float = 0.0, limit: int = TOP) -> list[Hit]:
    """Vehicles in ``states`` (any station) scored against ``query`` (raw fields, see
    :func:`.scoring.score_vehicles`), best first, at least ``min_score``, at most ``limit``."""
    base = Vehicle.objects.filter(state__in=list(states))
    ids: set[int] = set()
    for q in vehicle_lookups(registration_number=query.get("registration_number", ""),
                             chassis_number=query.get("chassis_number", ""),
                             engine_number=query.get("engine_number", "")):
        ids.update(_ids(base.filter(q)))
    ids.difference_update(exclude)
    hits = []
    for v in Vehicle.objects.filter(pk__in=ids).select_related("police_station"):
        scored = scoring.score_vehicles(query, vehicle_query(v))
        if scored.score >= min_score:
            hits.append(Hit(v, scored))
    hits.sort(key=lambda h: (-h.score, h.item.pk))
    return hits[:limit]


def phone_query(p: MobilePhone) -> dict:
    return {"imeis": [x for x in (p.imei, p.imei_2) if x], "make": p.make, "model": p.model}


def find_phones(query: dict, *, states: Iterable[str] = REPORTED_STATES, exclude: Iterable[int] = (),
                min_score: float = 0.0, limit: int = TOP) -> list[Hit]:
    """Phones in ``states`` whose IMEI shares its first 14 digits with one of ``query["imeis"]``."""
    bodies = sorted({n.imei_body(x) for x in query.get("imeis", [])} - {""})
    if not bodies:
        return []
    qs = (MobilePhone.objects.filter(state__in=list(states))
          .filter(Q(imei_body__in=bodies) | Q(imei_2_body__in=bodies))
          .exclude(pk__in=list(exclude)).select_related("police_station")[:KEY_CAP])
    hits = [Hit(p, s) for p in qs if (s := scoring.score_phones(query, phone_query(p))).score >= min_score]
    hits.sort(key=lambda h: (-h.score, h.item.pk))
    return hits[:limit]


def firearm_query(f: Firearm) -> dict:
    return {"serial_number": f.serial_number, "butt_number": f.butt_number, "make": f.make, "bore": f.bore}


def find_firearms(query: dict, *, states: Iterable[str] = REPORTED_STATES, exclude: Iterable[int] = (),
                  min_score: float = 0.0, limit: int = TOP) -> list[Hit]:
    """Firearms in ``states`` whose serial agrees with ``query["serial_number"]`` (whole or by
    its suffix)."""
    norm = n.normalise_serial(query.get("serial_number", ""))
    if len(norm) < 3:
        return []
    look = Q(serial_normalised=norm)
    if len(norm) >= scoring.MIN_PARTIAL:
        look |= Q(serial_reversed__startswith=n.reverse(norm)[: scoring.SUFFIX_LENGTH])
    qs = (Firearm.objects.filter(state__in=list(states)).filter(look).exclude(pk__in=list(exclude))
          .select_related("police_station")[:KEY_CAP])
    hits = [Hit(f, s) for f in qs if (s := scoring.score_firearms(query, firearm_query(f))).score >= min_score]
    hits.sort(key=lambda h: (-h.score, h.item.pk))
    return hits[:limit]


def hits_for(item: PropertyItem, *, min_score: float = CANDIDATE_MIN_SCORE) -> list[Hit]:
    """The counterparts of ``item``: for a found item, reported ones; for a reported item, found
    ones (a theft reported after the vehicle was already seized elsewhere). Other property has
    no identifiers to match on and gives none."""
    item = item.specific
    if item.state in FOUND_STATES:
        states = REPORTED_STATES
    elif item.state in REPORTED_STATES:
        states = FOUND_STATES
    else:
        return []
    exclude = [item.pk]
    if item.kind == ItemKind.VEHICLE:
        return find_vehicles(vehicle_query(item), states=states, exclude=exclude, min_score=min_score)
    if item.kind == ItemKind.PHONE:
        return find_phones(phone_query(item), states=states, exclude=exclude, min_score=min_score)
    if item.kind == ItemKind.FIREARM:
        return find_firearms(firearm_query(item), states=states, exclude=exclude, min_score=min_score)
    return []


def _alert(candidate: MatchCandidate) -> None:
    found, reported = candidate.found.specific, candidate.reported.specific
    params = {"kind": found.get_kind_display(), "found": found.label(), "reported": reported.label(),
              "found_station": found.police_station.name, "reported_station": reported.police_station.name,
              "score": f"{candidate.score:.2f}"}
    url = f"/property/candidates/{candidate.pk}/"
    for station in {found.police_station, reported.police_station}:
        raise_alert(key=f"property-match:{candidate.pk}:{station.pk}", kind=PROPERTY_MATCH, unit=station,
                    record=reported if station == reported.police_station else found, url=url, params=params)


def match_item(item: PropertyItem) -> list[MatchCandidate]:
    """Find and store the candidates of ``item`` (a found or a reported item), and alert both
    stations of each new one.

    A pair already decided (confirmed or rejected) is left as it is — a rejected pair is never
    proposed again; a pair still proposed has its score and explanation refreshed. Returns the
    candidates proposed or refreshed now."""
    item = item.specific
    out = []
    with transaction.atomic():
        for hit in hits_for(item):
            found, reported = (item, hit.item) if item.state in FOUND_STATES else (hit.item, item)
            existing = MatchCandidate.objects.filter(found_id=found.pk, reported_id=reported.pk).first()
            if existing is not None and existing.status != CandidateStatus.PROPOSED:
                continue
            if existing is None:
                cand = MatchCandidate.objects.create(kind=item.kind, found_id=found.pk, reported_id=reported.pk,
                                                     score=hit.score, explanation=hit.scored.explanation())
                _alert(cand)
            else:
                existing.score, existing.explanation = hit.score, hit.scored.explanation()
                existing.save(update_fields=["score", "explanation", "updated_at"])
                cand = existing
            out.append(cand)
    return out


def nightly_batch(since_hours: int | None = None) -> dict:
    """The nightly job: match every found item (seized, recovered, unclaimed) of the node against
    every reported one (and so catch a theft reported after the item was found). With
    ``since_hours``, only items changed in that many hours. Returns counts
    ``{"items": n, "candidates": m}``."""
    qs = PropertyItem.objects.filter(state__in=list(FOUND_STATES), kind__in=[ItemKind.VEHICLE, ItemKind.PHONE,
                                                                           ItemKind.FIREARM])
    if since_hours:
        qs = qs.filter(updated_at__gte=timezone.now() - datetime.timedelta(hours=since_hours))
    items = candidates = 0
    for pk in qs.values_list("pk", flat=True).iterator(chunk_size=2000):
        items += 1
        candidates += len(match_item(PropertyItem.objects.get(pk=pk)))
    return {"items": items, "candidates": candidates}
