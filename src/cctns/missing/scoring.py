"""Scoring a missing person against an unidentified body or found person, field by field.

Pure functions on plain values (no database), each returning a
:class:`cctns.matching.score.FieldComparison` (similarity 0..1 turned into log-odds evidence) or
``None`` when a side is unknown (neutral). :func:`score_pair` combines them with
:func:`cctns.matching.score.combine`. The practice followed is DOMAIN.md "Matching practice to
learn from": coded descriptors with a tolerance each, ranges for estimated ages, free text as a
secondary signal.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from cctns.matching.score import (
    FieldComparison,
    FieldRule,
    MatchResult,
    combine,
    compare_names,
    field_comparison,
)
from cctns.matching.transliterate import to_latin

SEX = FieldRule(agree=1.0, penalty=8.0, neutral=0.5)
AGE = FieldRule(agree=1.5, penalty=4.0, neutral=0.5)
HEIGHT = FieldRule(agree=1.0, penalty=3.0, neutral=0.5)
PLACE = FieldRule(agree=1.5, penalty=1.0, neutral=0.4)
CODED = FieldRule(agree=0.4, penalty=0.4, neutral=0.5)
MARKS = FieldRule(agree=3.0, penalty=0.5, neutral=0.3)
ITEMS = FieldRule(agree=2.0, penalty=0.2, neutral=0.3)
NAME = FieldRule(agree=6.0, penalty=2.0, neutral=0.75)

#: Years added on each side of an age range before two ranges are said not to overlap
#: (estimates at inquest are loose).
AGE_TOLERANCE_YEARS = 3.0
AGE_HALF_LIFE_YEARS = 3.0
#: Centimetres within which two heights agree.
HEIGHT_TOLERANCE_CM = 5.0
HEIGHT_HALF_LIFE_CM = 5.0
#: Distance at which the place similarity halves.
DISTANCE_HALF_KM = 150.0


@dataclass
class Descriptor:
    """What scoring needs of one record. Ages as birth years (``born_from``–``born_to``,
    decimal years); heights in cm; ``marks`` as ``(type, location, text)``; ``items`` texts."""

    event_date: datetime.date
    sex: str = "U"
    born_from: float | None = None
    born_to: float | None = None
    height_min: float | None = None
    height_max: float | None = None
    lat: float | None = None
    lon: float | None = None
    district: str = ""
    state: str = ""
    build: str = ""
    complexion: str = ""
    hair: str = ""
    eyes: str = ""
    marks: list[tuple[str, str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    name: str = ""


def date_possible(last_seen: datetime.date, found: datetime.date) -> bool:
    """A body or person found before the person went missing is no match (one day of slack for
    dates recorded on either side of midnight)."""
    return found >= last_seen - datetime.timedelta(days=1)


def compare_sex(a: str, b: str) -> FieldComparison | None:
    """Same → 1, different (M/F) → 0, unknown or transgender on a side → ``None``."""
    if a not in ("M", "F") or b not in ("M", "F"):
        return None
    return field_comparison("sex", 1.0 if a == b else 0.0, SEX, "same" if a == b else "different")


def compare_age(a: tuple[float, float] | None, b: tuple[float, float] | None) -> FieldComparison | None:
    """Birth-year ranges: overlapping once each is widened by ``AGE_TOLERANCE_YEARS`` → 1; a gap
    of ``g`` years beyond that → 0.5 ** (g / ``AGE_HALF_LIFE_YEARS``). Raises ``ValueError`` for
    low > high."""
    if a is None or b is None:
        return None
    for low, high in (a, b):
        if low > high:
            raise ValueError("an age range needs low ≤ high")
    gap = max(a[0] - b[1], b[0] - a[1], 0.0)
    beyond = max(gap - 2 * AGE_TOLERANCE_YEARS, 0.0)
    score = 1.0 if beyond == 0 else 0.5 ** (beyond / AGE_HALF_LIFE_YEARS)
    return field_comparison("age", score, AGE, f"birth years {a[0]:.0f}–{a[1]:.0f} / {b[0]:.0f}–{b[1]:.0f}")


def compare_height(a: tuple[float, float] | None, b: tuple[float, float] | None) -> FieldComparison | None:
    """Height ranges in cm: within ``HEIGHT_TOLERANCE_CM`` of overlapping → 1 (the edge
    included), else halves every ``HEIGHT_HALF_LIFE_CM`` beyond."""
    if a is None or b is None:
        return None
    gap = max(a[0] - b[1], b[0] - a[1], 0.0)
    beyond = max(gap - HEIGHT_TOLERANCE_CM, 0.0)
    score = 1.0 if beyond == 0 else 0.5 ** (beyond / HEIGHT_HALF_LIFE_CM)
    return field_comparison("height", score, HEIGHT, f"{gap:.0f} cm apart")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def compare_place(a: Descriptor, b: Descriptor) -> FieldComparison | None:
    """Haversine distance when both have coordinates (halving every ``DISTANCE_HALF_KM``);
    else same district 0.8, same state 0.5, different states 0.2."""
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        return field_comparison("place", 0.5 ** (km / DISTANCE_HALF_KM), PLACE, f"{km:.0f} km")
    if a.district and a.district == b.district:
        return field_comparison("place", 0.8, PLACE, "same district")
    if a.state and b.state:
        same = a.state == b.state
        return field_comparison("place", 0.5 if same else 0.2, PLACE, "same state" if same else "different states")
    return None


def _latin(text: str) -> str:
    return " ".join(to_latin(text).casefold().split())


def text_similarity(a: str, b: str) -> float:
    """rapidfuzz token-set similarity of two texts in any script (both to canonical Latin)."""
    la, lb = _latin(a), _latin(b)
    if not la or not lb:
        return 0.0
    return fuzz.token_set_ratio(la, lb) / 100


def _region(location: str) -> str:
    return location.replace("left_", "").replace("right_", "")


def mark_similarity(a: tuple[str, str, str], b: tuple[str, str, str]) -> float:
    """Type and location first (same type 0.5, same location 0.3 — same body part on the other
    side 0.15), then the texts (0.2 × similarity)."""
    score = 0.5 if a[0] == b[0] else 0.0
    if a[1] == b[1]:
        score += 0.3
    elif _region(a[1]) == _region(b[1]):
        score += 0.15
    if a[2] and b[2]:
        score += 0.2 * text_similarity(a[2], b[2])
    elif score >= 0.8:
        score += 0.1
    return score


def compare_marks(a: list, b: list) -> FieldComparison | None:
    """Each mark of the shorter list against its best counterpart; the mean."""
    if not a or not b:
        return None
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    best = [max(mark_similarity(m, o) for o in other) for m in short]
    return field_comparison("marks", sum(best) / len(best), MARKS, f"{len(short)} mark(s) compared")


def compare_items(a: list[str], b: list[str]) -> FieldComparison | None:
    """Clothing and items: the best text similarity of each item of the shorter list."""
    if not a or not b:
        return None
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    best = [max(text_similarity(x, y) for y in other) for x in short]
    return field_comparison("items", sum(best) / len(best), ITEMS, f"{len(short)} item(s) compared")


def compare_coded(name: str, a: str, b: str) -> FieldComparison | None:
    if not a or not b:
        return None
    return field_comparison(name, 1.0 if a == b else 0.0, CODED, f"{a} / {b}")


def _range(low, high):
    if low is None and high is None:
        return None
    low = high if low is None else low
    high = low if high is None else high
    return (float(low), float(high))


def score_pair(missing: Descriptor, other: Descriptor) -> MatchResult | None:
    """The score of ``other`` (body / found person / indexed person) for ``missing``; ``None``
    when the dates exclude it (found before last seen)."""
    if not date_possible(missing.event_date, other.event_date):
        return None
    comps = [
        compare_sex(missing.sex, other.sex),
        compare_age(_range(missing.born_from, missing.born_to), _range(other.born_from, other.born_to)),
        compare_height(_range(missing.height_min, missing.height_max), _range(other.height_min, other.height_max)),
        compare_place(missing, other),
        compare_marks(missing.marks, other.marks),
        compare_items(missing.items, other.items),
        compare_coded("build", missing.build, other.build),
        compare_coded("complexion", missing.complexion, other.complexion),
        compare_coded("hair", missing.hair, other.hair),
        compare_coded("eyes", missing.eyes, other.eyes),
    ]
    if missing.name and other.name:
        comps.append(compare_names(missing.name, other.name))
    return combine(c for c in comps if c is not None)


def explanation(result: MatchResult) -> list[dict]:
    """The per-field explanation stored on a candidate."""
    return [{"field": c.field, "score": c.score, "evidence": round(c.evidence, 3), "detail": c.detail}
            for c in result.comparisons]
