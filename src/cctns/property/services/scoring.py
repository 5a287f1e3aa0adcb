"""Field comparisons of property items, each with a score and a coded explanation.

Pure functions (no database). The evidence model is the matching engine's
(:mod:`cctns.matching.score`): each field's similarity (0..1) becomes log-odds through a
:class:`~cctns.matching.score.FieldRule` (``+agree`` at 1, 0 at ``neutral``, ``−penalty`` at 0),
and the total is the logistic of a prior plus the evidence (:func:`cctns.matching.score.combine`).
An unknown field (blank on either side) is left out, so it neither helps nor hurts.

Each comparison carries a ``rule`` code and ``params``; :func:`describe` renders them in the
reader's language, so stored candidates are explained in the language of whoever reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz.distance import OSA, LCSseq

from cctns.matching.score import FieldComparison, FieldRule, MatchConfig, combine, field_comparison

from .. import normalise as n

#: Evidence of each field (log-odds). A chassis or engine number is strong evidence either
#: way; a registration mark less so (plates are swapped on stolen vehicles, so a different plate
#: costs little); make, model and colour are weak (colours are repainted, makes misspelt).
RULES: dict[str, FieldRule] = {
    "chassis_number": FieldRule(agree=7.0, penalty=3.0, neutral=0.5),
    "engine_number": FieldRule(agree=6.0, penalty=3.0, neutral=0.5),
    "registration_number": FieldRule(agree=4.5, penalty=1.0, neutral=0.5),
    "make": FieldRule(agree=0.5, penalty=1.0, neutral=0.5),
    "model": FieldRule(agree=0.5, penalty=0.5, neutral=0.5),
    "colour": FieldRule(agree=0.3, penalty=0.3, neutral=0.5),
    "vehicle_type": FieldRule(agree=0.3, penalty=2.0, neutral=0.5),
    "imei": FieldRule(agree=8.0, penalty=4.0, neutral=0.5),
    "serial_number": FieldRule(agree=7.0, penalty=3.0, neutral=0.5),
    "butt_number": FieldRule(agree=2.0, penalty=0.5, neutral=0.5),
    "bore": FieldRule(agree=0.5, penalty=3.0, neutral=0.5),
}

#: Prior log-odds (−3) and decisions: ≥ 0.9 "match", ≥ 0.5 "review" (the candidate threshold).
CONFIG = MatchConfig(prior=-3.0, match_threshold=0.9, review_threshold=0.5)

#: Minimum length of a partial read that may match by suffix (police practice: the last 5–6
#: characters of a chassis or engine number).
MIN_PARTIAL = 5
SUFFIX_LENGTH = 6

LABELS = {
    "chassis_number": gettext_lazy("chassis number"),
    "engine_number": gettext_lazy("engine number"),
    "registration_number": gettext_lazy("registration number"),
    "make": gettext_lazy("make"),
    "model": gettext_lazy("model"),
    "colour": gettext_lazy("colour"),
    "vehicle_type": gettext_lazy("type"),
    "imei": gettext_lazy("IMEI"),
    "serial_number": gettext_lazy("serial number"),
    "butt_number": gettext_lazy("butt number"),
    "bore": gettext_lazy("bore"),
}


@dataclass(frozen=True)
class FieldMatch:
    """One compared field: ``score`` 0..1, ``rule`` (why: ``same``, ``suffix``, ``last6``,
    ``edits``, ``missing``, ``substring``, ``different`` …) with its ``params``, and the
    ``evidence`` (log-odds) it added."""

    field: str
    score: float
    rule: str
    params: dict = field(default_factory=dict)
    evidence: float = 0.0

    def as_dict(self) -> dict:
        return {"field": self.field, "score": round(self.score, 4), "rule": self.rule, "params": self.params,
                "evidence": round(self.evidence, 3)}


def describe(entry: dict | FieldMatch) -> str:
    """The explanation of one compared field in the active language
    (``"chassis number 0.80: 2 characters differ (MA3…456 / MA3…486)"``)."""
    e = entry.as_dict() if isinstance(entry, FieldMatch) else entry
    p = dict(e.get("params") or {})
    texts = {
        "same": _("same"),
        "suffix": _("the last %(n)s characters read agree"),
        "last6": _("the last %(n)s characters agree"),
        "edits": _("%(n)s characters differ"),
        "missing": _("%(n)s characters missing"),
        "substring": _("%(n)s characters in a row agree"),
        "body": _("the first 14 digits agree (check digit differs or missing)"),
        "one_typo": _("one character differs"),
        "two_typos": _("two characters differ"),
        "same_number": _("same number, different state, RTO or series"),
        "different": _("different"),
    }
    text = texts.get(e.get("rule"), e.get("rule", ""))
    try:
        text = text % p
    except (KeyError, TypeError, ValueError):
        pass
    label = LABELS.get(e["field"], e["field"])
    values = ""
    if p.get("a") or p.get("b"):
        values = f" ({p.get('a', '')} / {p.get('b', '')})"
    return f"{label} {e['score']:.2f}: {text}{values}"


def _longest_common_substring(a: str, b: str) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def serial_similarity(a: str, b: str) -> tuple[float, str, dict]:
    """Similarity of two chassis, engine or firearm serial numbers as read (raw text), with the
    rule that gave it. Compared after :func:`cctns.property.normalise.normalise_serial`; the best
    of:

    - ``same``: equal → 1.0;
    - ``suffix``: one is a partial read (at least :data:`MIN_PARTIAL` characters) that ends the
      other (the front was rusted, ground off or not legible) → 0.95;
    - ``missing``: one is the other with 1–3 characters missing (each at least 6 long) →
      0.9, 0.85, 0.8;
    - ``edits``: 1, 2 or 3 characters misread or over-punched (optimal string alignment, numbers
      of at least 8 characters; 3 only from 10) → 0.9, 0.8, 0.65;
    - ``last6``: the last :data:`SUFFIX_LENGTH` characters agree (police practice) → 0.75;
    - ``substring``: a run of at least 7 characters agrees → 0.45 + 0.4 × run / shorter length;
    - otherwise ``different`` → 0.

    Returns ``(score, rule, params)``; ``params`` has ``n`` (characters) where the rule counts.
    """
    na, nb = n.normalise_serial(a), n.normalise_serial(b)
    if not na or not nb:
        return 0.0, "different", {}
    if na == nb:
        return 1.0, "same", {}
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    options: list[tuple[float, str, dict]] = []
    if len(short) >= MIN_PARTIAL and long_.endswith(short) and len(short) < len(long_):
        options.append((0.95, "suffix", {"n": len(short)}))
    gap = len(long_) - len(short)
    if 1 <= gap <= 3 and len(short) >= 6 and LCSseq.similarity(short, long_) == len(short):
        options.append((0.95 - 0.05 * gap, "missing", {"n": gap}))
    if len(short) >= 8:
        d = OSA.distance(na, nb, score_cutoff=3)
        if d == 1:
            options.append((0.9, "edits", {"n": 1}))
        elif d == 2:
            options.append((0.8, "edits", {"n": 2}))
        elif d == 3 and len(short) >= 10:
            options.append((0.65, "edits", {"n": 3}))
    if len(short) >= SUFFIX_LENGTH and short[-SUFFIX_LENGTH:] == long_[-SUFFIX_LENGTH:]:
        options.append((0.75, "last6", {"n": SUFFIX_LENGTH}))
    run = _longest_common_substring(short, long_)
    if run >= 7:
        options.append((min(0.85, 0.45 + 0.4 * run / len(short)), "substring", {"n": run}))
    if not options:
        return 0.0, "different", {}
    return max(options, key=lambda o: o[0])


def registration_similarity(a: str, b: str) -> tuple[float, str, dict]:
    """Similarity of two registration marks (raw), compared in normal form
    (:func:`cctns.property.normalise.parse_registration`): ``same`` → 1; ``one_typo`` (one
    character wrong, missing, added, or two adjacent swapped) → 0.8; ``two_typos`` → 0.55;
    ``same_number`` (same state and number, other RTO or series) → 0.5 (neutral); else 0."""
    ra, rb = n.parse_registration(a), n.parse_registration(b)
    if not ra.normalised or not rb.normalised:
        return 0.0, "different", {}
    if ra.normalised == rb.normalised:
        return 1.0, "same", {}
    d = OSA.distance(ra.normalised, rb.normalised, score_cutoff=2)
    if d == 1:
        return 0.8, "one_typo", {}
    if d == 2 and min(len(ra.normalised), len(rb.normalised)) >= 6:
        return 0.55, "two_typos", {}
    if ra.tail and ra.tail == rb.tail:
        return 0.5, "same_number", {}
    return 0.0, "different", {}


def imei_similarity(a: list[str], b: list[str]) -> tuple[float, str, dict]:
    """Similarity of two phones' IMEIs (each a list of one or two IMEIs, raw): any full IMEI in
    common → 1 (``same``); the first 14 digits in common (TAC + serial; the check digit missing or
    misread) → 0.95 (``body``); else 0."""
    da = {n.normalise_imei(x) for x in a if x}
    db = {n.normalise_imei(x) for x in b if x}
    if da & db:
        return 1.0, "same", {}
    ba = {n.imei_body(x) for x in da} - {""}
    bb = {n.imei_body(x) for x in db} - {""}
    if ba & bb:
        return 0.95, "body", {}
    return 0.0, "different", {}


def text_equal(a: str, b: str) -> tuple[float, str, dict]:
    """Make, model, colour, bore: equal ignoring case, spaces and punctuation → 1; one within
    the other ("Hero" / "Hero MotoCorp") → 0.8; else 0."""
    na, nb = n.alnum(a), n.alnum(b)
    if na == nb:
        return 1.0, "same", {}
    if na and nb and (na in nb or nb in na):
        return 0.8, "substring", {"n": min(len(na), len(nb))}
    return 0.0, "different", {}


def compare_field(name: str, a, b, fn) -> FieldMatch | None:
    """Compare one field with ``fn`` (one of the similarity functions); ``None`` when either
    side is blank."""
    if not a or not b:
        return None
    score, rule, params = fn(a, b)
    if isinstance(a, str) and isinstance(b, str):
        params = {**params, "a": a, "b": b}
    fc = field_comparison(name, score, RULES[name], rule)
    return FieldMatch(name, fc.score, rule, params, fc.evidence)


@dataclass(frozen=True)
class Scored:
    """The total of a comparison: ``score`` 0..1, ``decision`` (``match``/``review``/``no_match``)
    and the ``fields`` compared."""

    score: float
    decision: str
    fields: tuple[FieldMatch, ...]

    def explanation(self) -> list[dict]:
        return [f.as_dict() for f in self.fields]

    def text(self) -> str:
        return "; ".join(describe(f) for f in self.fields)


def total(fields: list[FieldMatch | None]) -> Scored:
    """Combine field comparisons into a :class:`Scored` (the matching engine's ``combine``)."""
    kept = [f for f in fields if f is not None]
    comparisons = [FieldComparison(f.field, f.score, RULES[f.field].agree, f.rule, RULES[f.field].penalty,
                                   RULES[f.field].neutral) for f in kept]
    result = combine(comparisons, CONFIG)
    return Scored(result.score, result.decision, tuple(kept))


def score_vehicles(q: dict, v: dict) -> Scored:
    """Score vehicle ``v`` against query ``q``; both are dicts with the raw fields
    ``registration_number``, ``chassis_number``, ``engine_number`` and optionally ``make``,
    ``model``, ``colour``, ``vehicle_type``."""
    return total([
        compare_field("chassis_number", q.get("chassis_number"), v.get("chassis_number"), serial_similarity),
        compare_field("engine_number", q.get("engine_number"), v.get("engine_number"), serial_similarity),
        compare_field("registration_number", q.get("registration_number"), v.get("registration_number"),
                      registration_similarity),
        compare_field("make", q.get("make"), v.get("make"), text_equal),
        compare_field("model", q.get("model"), v.get("model"), text_equal),
        compare_field("colour", q.get("colour"), v.get("colour"), text_equal),
        compare_field("vehicle_type", q.get("vehicle_type"), v.get("vehicle_type"), text_equal),
    ])


def score_phones(q: dict, p: dict) -> Scored:
    """Score phone ``p`` against ``q`` (dicts with ``imeis`` — a list — and optionally ``make``,
    ``model``)."""
    return total([
        compare_field("imei", q.get("imeis"), p.get("imeis"), imei_similarity),
        compare_field("make", q.get("make"), p.get("make"), text_equal),
        compare_field("model", q.get("model"), p.get("model"), text_equal),
    ])


def score_firearms(q: dict, f: dict) -> Scored:
    """Score firearm ``f`` against ``q`` (dicts with ``serial_number``, ``butt_number``,
    ``make``, ``bore``)."""
    return total([
        compare_field("serial_number", q.get("serial_number"), f.get("serial_number"), serial_similarity),
        compare_field("butt_number", q.get("butt_number"), f.get("butt_number"), serial_similarity),
        compare_field("make", q.get("make"), f.get("make"), text_equal),
        compare_field("bore", q.get("bore"), f.get("bore"), text_equal),
    ])
