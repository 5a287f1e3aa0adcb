"""Scoring two person records field by field, with an explanation.

Each field comparison gives a similarity ``score`` in 0..1 and turns it into **evidence**, in
log-odds: ``+agree`` at similarity 1, nothing at the field's ``neutral`` similarity, ``-penalty``
at 0, linear in between (:class:`FieldRule`). The record score is the logistic of
``prior + sum(evidence)``: a probability-like number in 0..1.

This makes the rules officers rely on hold by construction:

- a field that agrees (similarity at or above its neutral point) never lowers the total
  (monotonicity; tested with hypothesis);
- an unknown value is neutral (no evidence either way), so a record with fewer fields filled in
  is not punished for them;
- a sex mismatch is a strong negative (``MatchConfig.sex.penalty``).

Every weight, threshold and similarity constant is a named field of :class:`MatchConfig`, with
its default documented there; :data:`DEFAULT_CONFIG` is the one in use.

Names (:func:`compare_names`) are compared token by token, in any order, on the canonical Latin
form and the phonetic keys (:mod:`cctns.matching.phonetic`); an initial agrees with a word it
abbreviates ("R K Sharma" / "Ram Kumar Sharma"); two adjacent words may stand for one
("Ramkumar" / "Ram Kumar"); aliases count as names.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ._i18n import gettext as _
from .names import AnalysedName, NameToken, analyse_name
from .phonetic import loose_key, strict_key
from .transliterate import to_latin


@dataclass(frozen=True)
class FieldRule:
    """How a field's similarity becomes evidence: ``agree`` log-odds at similarity 1,
    0 at ``neutral``, ``-penalty`` at 0 (``agree`` and ``penalty`` are ≥ 0)."""

    agree: float
    penalty: float
    neutral: float


COMMON_TOKENS = frozenset({
    "kumar", "kumari", "devi", "singh", "kaur", "lal", "chand", "prasad", "mohammad", "bai",
    "ben", "bhai", "begum", "bibi", "khatoon", "bano", "rani", "nath", "das", "ram", "sheikh",
    "syed", "abdul", "ali",
})
"""Tokens so frequent in Indian names that sharing one says little ("Ram Kumar" / "Shyam
Kumar"); they count ``MatchConfig.common_token_weight`` in a name's score."""


@dataclass(frozen=True)
class MatchConfig:
    """Every weight and threshold of the matcher, named, with its default.

    Field evidence (:class:`FieldRule`, log-odds):

    - ``name``: +6 at identical names, −6 at unrelated ones, neutral at 0.75 similarity.
    - ``relative_name``: +3 / −2, neutral 0.75 (father's names are often missing or partial).
    - ``age``: +1.5 when ranges overlap, −3 when far apart, neutral at 0.5 (a gap of
      ``age_half_life_years``).
    - ``sex``: +0.5 when equal, −6 when different (a strong negative), neutral 0.5.
    - ``place``: +1 same police station, −0.5 unrelated places, neutral 0.5.
    - ``date_of_birth``: +4 for the same date, −2 for dates years apart, neutral 0.5
      (:func:`date_similarity`); used instead of ``age`` when both records have a birth date.
    - ``identifier``: +5 for the same number, −1 for an unrelated one, neutral 0.5 (a number
      written in clear, such as a phone number; :func:`identifier_similarity`).
    - ``prior``: −3, the log-odds before any evidence; with it an identical name alone scores
      σ(3) ≈ 0.95.

    Name similarity:

    - ``strict_key_similarity`` 0.97: two words with equal strict phonetic keys (Shrivastav /
      Srivastava).
    - ``loose_key_bonus`` 0.5: when loose keys are equal (and at least ``loose_key_min_length``
      = 3 letters long), the fuzzy similarity moves this share of the way to 1 (Chaudhary /
      Choudhury).
    - ``alternative_reading_similarity`` 0.98: equal only through another reading of a Tamil
      word.
    - ``initial_similarity`` 0.9: an initial against a word starting with that letter.
    - ``initial_weight`` 0.5, ``common_token_weight`` 0.5: weights of an initial and of a
      :data:`COMMON_TOKENS` word in a name (other words weigh 1).
    - ``unmatched_token_weight`` 0.5: a word with no counterpart weighs this share of its
      weight in the denominator (a missing middle name costs less than a wrong one).
    - ``token_pair_floor`` 0.6: word pairs less similar than this are not paired.
    - ``joined_penalty`` 0.98: factor on a name score reached by joining two words; a joined
      pair counts only when it spells the same name (similarity ≥ ``strict_key_similarity``).

    Other fields:

    - ``age_half_life_years`` 2.5: the age score halves with every 2.5 years of gap between
      the ranges.
    - ``same_district_similarity`` 0.8, ``different_district_similarity`` 0.2.
    - ``date_typo_similarity`` 0.8: two birth dates one typing error apart (one digit wrong,
      two adjacent digits swapped, day and month swapped); other dates score this much times
      0.5 per ``age_half_life_years`` of gap.
    - ``identifier_typo_similarity`` 0.8 and ``identifier_two_typos_similarity`` 0.5: two
      numbers one or two typing errors apart (a character wrong, missing, added, or two
      adjacent ones swapped).

    Decisions on the total: ``match_threshold`` 0.9 ("match"), ``review_threshold`` 0.5
    ("possible match, review"), below that "no match".
    """

    name: FieldRule = FieldRule(agree=6.0, penalty=6.0, neutral=0.75)
    relative_name: FieldRule = FieldRule(agree=3.0, penalty=2.0, neutral=0.75)
    age: FieldRule = FieldRule(agree=1.5, penalty=3.0, neutral=0.5)
    sex: FieldRule = FieldRule(agree=0.5, penalty=6.0, neutral=0.5)
    place: FieldRule = FieldRule(agree=1.0, penalty=0.5, neutral=0.5)
    date_of_birth: FieldRule = FieldRule(agree=4.0, penalty=2.0, neutral=0.5)
    identifier: FieldRule = FieldRule(agree=5.0, penalty=1.0, neutral=0.5)
    prior: float = -3.0

    strict_key_similarity: float = 0.97
    loose_key_bonus: float = 0.5
    loose_key_min_length: int = 3
    alternative_reading_similarity: float = 0.98
    initial_similarity: float = 0.9
    initial_weight: float = 0.5
    common_token_weight: float = 0.5
    common_tokens: frozenset[str] = COMMON_TOKENS
    unmatched_token_weight: float = 0.5
    token_pair_floor: float = 0.6
    joined_penalty: float = 0.98

    age_half_life_years: float = 2.5
    same_district_similarity: float = 0.8
    different_district_similarity: float = 0.2
    date_typo_similarity: float = 0.8
    identifier_typo_similarity: float = 0.8
    identifier_two_typos_similarity: float = 0.5

    match_threshold: float = 0.9
    review_threshold: float = 0.5

    def __hash__(self) -> int:
        # cached: a config is a key of the similarity caches, looked up for every token pair
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(getattr(self, f.name) for f in dataclasses.fields(self)))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __post_init__(self):
        for name in ("name", "relative_name", "age", "sex", "place", "date_of_birth", "identifier"):
            rule = getattr(self, name)
            if rule.agree < 0 or rule.penalty < 0 or not 0 < rule.neutral < 1:
                raise ValueError(f"MatchConfig.{name}: agree and penalty must be ≥ 0 and neutral in (0, 1)")
        if not 0 <= self.review_threshold <= self.match_threshold <= 1:
            raise ValueError("MatchConfig: need 0 ≤ review_threshold ≤ match_threshold ≤ 1")


DEFAULT_CONFIG = MatchConfig()

MATCH = "match"
REVIEW = "review"
NO_MATCH = "no_match"


@dataclass(frozen=True)
class FieldComparison:
    """One field compared.

    ``field``: ``"name"``, ``"relative_name"``, ``"age"``, ``"sex"``, ``"place"`` (or a
    caller's own). ``score``: similarity 0..1. ``weight``: log-odds added at full agreement;
    ``penalty``: log-odds removed at score 0; ``neutral``: the score that adds nothing (a
    comparison with ``weight == penalty == 0`` is informational: an unknown value).
    ``detail``: what agreed, human-readable.
    """

    field: str
    score: float
    weight: float
    detail: str
    penalty: float = 0.0
    neutral: float = 0.5

    @property
    def evidence(self) -> float:
        """Signed log-odds this comparison contributes."""
        s = min(1.0, max(0.0, self.score))
        if s >= self.neutral:
            return self.weight * (s - self.neutral) / (1 - self.neutral)
        return -self.penalty * (self.neutral - s) / self.neutral

    @property
    def agrees(self) -> bool:
        """At or above the neutral point (never lowers a total)."""
        return self.score >= self.neutral


def field_comparison(field_name: str, score: float, rule: FieldRule, detail: str) -> FieldComparison:
    """A :class:`FieldComparison` weighted by ``rule``."""
    return FieldComparison(field_name, round(min(1.0, max(0.0, score)), 4), rule.agree, detail,
                           rule.penalty, rule.neutral)


@dataclass(frozen=True)
class MatchResult:
    """The total: ``score`` (0..1, the logistic of ``log_odds``), the ``comparisons`` it came
    from, ``decision`` (``"match"``, ``"review"`` or ``"no_match"``) and a human-readable
    ``explanation``."""

    score: float
    comparisons: tuple[FieldComparison, ...]
    explanation: str
    log_odds: float = 0.0
    decision: str = NO_MATCH

    def comparison(self, field_name: str) -> FieldComparison | None:
        """The comparison of ``field_name``, or ``None``."""
        return next((c for c in self.comparisons if c.field == field_name), None)


def _label(field_name: str) -> str:
    labels = {"name": _("name"), "relative_name": _("relative"), "age": _("age"), "sex": _("sex"),
              "place": _("place"), "date_of_birth": _("date of birth"), "identifier": _("number")}
    return labels.get(field_name, field_name)


def combine(comparisons: Iterable[FieldComparison], config: MatchConfig = DEFAULT_CONFIG) -> MatchResult:
    """The total of ``comparisons``: logistic of ``config.prior`` plus their evidence."""
    comparisons = tuple(comparisons)
    log_odds = config.prior + sum(c.evidence for c in comparisons)
    score = 1.0 / (1.0 + math.exp(-log_odds))
    if score >= config.match_threshold:
        decision = MATCH
    elif score >= config.review_threshold:
        decision = REVIEW
    else:
        decision = NO_MATCH
    parts = []
    for c in comparisons:
        sign = "+" if c.evidence >= 0 else "−"
        parts.append(_("{field}: {score} ({detail}) {sign}{evidence}").format(
            field=_label(c.field), score=f"{c.score:.2f}", detail=c.detail, sign=sign,
            evidence=f"{abs(c.evidence):.1f}"))
    explanation = _("score {score}").format(score=f"{score:.2f}")
    if parts:
        explanation += " — " + "; ".join(parts)
    return MatchResult(round(score, 6), comparisons, explanation, round(log_odds, 4), decision)


# ----------------------------------------------------------------------------- names


@dataclass(frozen=True, eq=False)
class _Tok:
    """A token as the aligner sees it (a name token, or two joined). Compared and hashed by
    identity: instances come from the caches of ``_tok`` and ``_join``."""

    latin: str
    readings: tuple[str, ...]
    strict: frozenset[str]
    loose: frozenset[str]
    initials: frozenset[str]
    is_initial: bool
    original: str
    weight: float
    joined: bool = False


@functools.lru_cache(maxsize=65536)
def _tok(t: NameToken, config: MatchConfig) -> _Tok:
    if t.is_initial:
        weight = config.initial_weight
    elif t.latin in config.common_tokens:
        weight = config.common_token_weight
    else:
        weight = 1.0
    pairs = t.key_pairs()
    return _Tok(t.latin, t.readings, frozenset(k[0] for k in pairs), frozenset(k[1] for k in pairs),
                t.initials, t.is_initial, t.original, weight)


@functools.lru_cache(maxsize=65536)
def _join(a: _Tok, b: _Tok) -> _Tok:
    latin = a.latin + b.latin
    readings = tuple(dict.fromkeys(x + y for x in a.readings for y in b.readings))
    return _Tok(latin, readings, frozenset(strict_key(r) for r in readings),
                frozenset(loose_key(r) for r in readings), a.initials, False,
                f"{a.original} {b.original}", max(a.weight, b.weight), joined=True)


_INITIAL_FOLD = {"w": "v", "z": "j", "q": "k"}


@functools.lru_cache(maxsize=262144)
def token_similarity(a: _Tok, b: _Tok, config: MatchConfig = DEFAULT_CONFIG) -> tuple[float, str]:
    """Similarity of two tokens and the symbol that explains it: ``=`` identical, ``↔``
    identical canonical forms written differently (abbreviation, script, spelling), ``≈``
    equal phonetic keys, ``~`` similar, ``·`` an initial."""
    if a.is_initial or b.is_initial:
        if a.is_initial and b.is_initial:
            return (1.0, "=") if a.latin == b.latin else (0.0, "")
        initial, word = (a, b) if a.is_initial else (b, a)
        letters = {initial.latin, _INITIAL_FOLD.get(initial.latin, initial.latin)}
        if letters & word.initials:
            return config.initial_similarity, "·"
        return 0.0, ""
    if a.latin and a.latin == b.latin:
        same = a.original.casefold() == b.original.casefold()
        return 1.0, "=" if same else "↔"
    if set(a.readings) & set(b.readings):
        return config.alternative_reading_similarity, "↔"
    if a.strict & b.strict:
        return config.strict_key_similarity, "≈"
    fuzzy = 0.0
    for ra in a.readings:
        for rb in b.readings:
            fuzzy = max(fuzzy, Indel.normalized_similarity(ra, rb))
    for sa in a.strict:
        for sb in b.strict:
            fuzzy = max(fuzzy, Indel.normalized_similarity(sa, sb))
    if any(len(k) >= config.loose_key_min_length for k in a.loose & b.loose):
        fuzzy = min(config.strict_key_similarity, fuzzy + (1 - fuzzy) * config.loose_key_bonus)
    return fuzzy, "~"


def _pair_floor(x: _Tok, y: _Tok, config: MatchConfig) -> float:
    if x.is_initial or y.is_initial:
        return config.initial_similarity
    if x.joined or y.joined:
        return config.strict_key_similarity  # a join must spell the same name
    return config.token_pair_floor


def _segmentations(tokens: list[_Tok], others: list[_Tok], config: MatchConfig) -> list[tuple[list[_Tok], bool]]:
    """``tokens`` as written, and with two neighbours joined where the join spells a word of
    ``others`` ("Ram Kumar" against "Ramkumar")."""
    out = [(tokens, False)]
    for i in range(len(tokens) - 1):
        if tokens[i].is_initial or tokens[i + 1].is_initial:
            continue
        joined = _join(tokens[i], tokens[i + 1])
        if any(not o.is_initial and token_similarity(joined, o, config)[0] >= config.strict_key_similarity
               for o in others):
            out.append((tokens[:i] + [joined] + tokens[i + 2:], True))
    return out


def _align(a: list[_Tok], b: list[_Tok], config: MatchConfig):
    pairs = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim, symbol = token_similarity(x, y, config)
            if sim > 0 and sim >= _pair_floor(x, y, config):
                pairs.append((sim, (x.weight + y.weight), i, j, symbol))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2], p[3]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    numerator = denominator = 0.0
    for sim, weight, i, j, symbol in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        chosen.append((i, j, sim, symbol))
        numerator += weight * sim
        denominator += weight
    unmatched = sum(x.weight for k, x in enumerate(a) if k not in used_a)
    unmatched += sum(y.weight for k, y in enumerate(b) if k not in used_b)
    denominator += config.unmatched_token_weight * unmatched
    score = numerator / denominator if denominator else 0.0
    return score, chosen, used_a, used_b


def _name_score(a: AnalysedName, b: AnalysedName, config: MatchConfig) -> tuple[float, str]:
    ta = [_tok(t, config) for t in a.tokens if t.latin]
    tb = [_tok(t, config) for t in b.tokens if t.latin]
    if not ta or not tb:
        return 0.0, ""
    best = None
    for sa, joined_a in _segmentations(ta, tb, config):
        for sb, joined_b in _segmentations(tb, ta, config):
            score, chosen, used_a, used_b = _align(sa, sb, config)
            if joined_a or joined_b:
                score *= config.joined_penalty
            if best is None or score > best[0]:
                best = (score, sa, sb, chosen, used_a, used_b)
    score, sa, sb, chosen, used_a, used_b = best
    return score, _describe(sa, sb, chosen, used_a, used_b)


def _describe(a: list[_Tok], b: list[_Tok], chosen, used_a: set[int], used_b: set[int]) -> str:
    parts = []
    for i, j, _sim, symbol in sorted(chosen, key=lambda c: c[0]):
        parts.append(f"{a[i].original} {symbol} {b[j].original}")
    for k, x in enumerate(a):
        if k not in used_a:
            parts.append(_("{token} only in the first").format(token=x.original))
    for k, y in enumerate(b):
        if k not in used_b:
            parts.append(_("{token} only in the second").format(token=y.original))
    return ", ".join(parts)


def _name_variants(name: AnalysedName) -> list[tuple[AnalysedName, bool]]:
    return [(name, False)] + [(alias, True) for alias in name.aliases if alias.tokens]


def name_similarity(a: AnalysedName, b: AnalysedName, config: MatchConfig = DEFAULT_CONFIG) -> tuple[float, str]:
    """Similarity (0..1) of two analysed names, the best over their aliases, and its detail."""
    best = (0.0, "")
    for va, alias_a in _name_variants(a):
        for vb, alias_b in _name_variants(b):
            score, detail = _name_score(va, vb, config)
            if alias_a or alias_b:
                detail = _("alias: {detail}").format(detail=detail)
            if score > best[0]:
                best = (score, detail)
    return best


def compare_names(a: AnalysedName | str, b: AnalysedName | str, config: MatchConfig = DEFAULT_CONFIG,
                  field_name: str = "name") -> FieldComparison | None:
    """Compare two names (analysed or as text); ``None`` if either has no readable token.
    ``field_name`` ``"relative_name"`` uses the relative's weights."""
    a = analyse_name(a) if isinstance(a, str) else a
    b = analyse_name(b) if isinstance(b, str) else b
    if not any(t.latin for t in a.tokens) or not any(t.latin for t in b.tokens):
        return None
    score, detail = name_similarity(a, b, config)
    rule = config.relative_name if field_name == "relative_name" else config.name
    return field_comparison(field_name, score, rule, detail)


# ----------------------------------------------------------------------------- other fields

AgeRange = tuple[float, float]

SEX_UNKNOWN = {"", "u", "unknown", "x", "?"}
SEX_OTHER = {"t", "o", "other", "transgender"}


def shift_age_range(age: AgeRange, recorded_on: datetime.date, on: datetime.date) -> AgeRange:
    """An age range estimated on ``recorded_on`` as it stands on ``on`` (years are 365.25
    days)."""
    years = (on - recorded_on).days / 365.25
    return (age[0] + years, age[1] + years)


def age_range_from_birth_date(born: datetime.date, on: datetime.date) -> AgeRange:
    """The exact age in years on ``on`` as a zero-width range."""
    years = (on - born).days / 365.25
    return (years, years)


def compare_age(a: AgeRange | None, b: AgeRange | None, config: MatchConfig = DEFAULT_CONFIG) -> FieldComparison | None:
    """Age ranges ``(low, high)`` in years, on the same date: overlapping → 1; a gap of
    ``g`` years → 0.5 ** (g / ``age_half_life_years``). ``None`` if either is unknown.
    Raises ``ValueError`` for a range with low > high or a negative age."""
    if a is None or b is None:
        return None
    for low, high in (a, b):
        if low > high or low < 0:
            raise ValueError(_("An age range needs 0 ≤ low ≤ high."))
    gap = max(a[0] - b[1], b[0] - a[1], 0.0)
    text_a = _format_range(a)
    text_b = _format_range(b)
    if gap == 0:
        return field_comparison("age", 1.0, config.age,
                                _("{a} and {b} overlap").format(a=text_a, b=text_b))
    score = 0.5 ** (gap / config.age_half_life_years)
    return field_comparison("age", score, config.age, _("{a} and {b}: {gap} years apart").format(
        a=text_a, b=text_b, gap=f"{gap:.0f}" if gap >= 1 else f"{gap:.1f}"))


def _format_range(r: AgeRange) -> str:
    low, high = round(r[0]), round(r[1])
    return str(low) if low == high else f"{low}–{high}"


def _sex_code(value: str | None) -> str | None:
    if value is None:
        return None
    v = str(value).strip().casefold()
    if v in SEX_UNKNOWN:
        return None
    if v in ("m", "male", "पुरुष"):
        return "m"
    if v in ("f", "female", "महिला", "स्त्री"):
        return "f"
    if v in SEX_OTHER:
        return "t"
    return None


def compare_sex(a: str | None, b: str | None, config: MatchConfig = DEFAULT_CONFIG) -> FieldComparison | None:
    """Sex codes (``M``, ``F``, ``T``; unknown: ``None``/``""``/``U``). Equal → 1, different
    → 0 (a strong negative), unknown on one side → neutral (no evidence); transgender against
    male or female is neutral too, because the person may be recorded either way. ``None`` if
    both are unknown."""
    ca, cb = _sex_code(a), _sex_code(b)
    if ca is None and cb is None:
        return None
    if ca is None or cb is None:
        return FieldComparison("sex", 0.5, 0.0, _("unknown on one side: neutral"), 0.0, 0.5)
    if ca == cb:
        return field_comparison("sex", 1.0, config.sex, _("same"))
    if "t" in (ca, cb):
        return FieldComparison("sex", 0.5, 0.0, _("transgender on one side: neutral"), 0.0, 0.5)
    return field_comparison("sex", 0.0, config.sex, _("different"))


@dataclass(frozen=True)
class Place:
    """Where a record belongs: police station and district unit codes, and/or place text
    (village, locality), any of them optional."""

    station: str | None = None
    district: str | None = None
    text: str | None = None


def compare_place(a: Place | None, b: Place | None, config: MatchConfig = DEFAULT_CONFIG) -> FieldComparison | None:
    """Same police station → 1; same district → ``same_district_similarity``; otherwise the
    similarity of the place texts (in any script), or ``different_district_similarity`` when
    only districts are known. ``None`` when nothing comparable is known."""
    if a is None or b is None:
        return None
    if a.station and b.station and a.station == b.station:
        return field_comparison("place", 1.0, config.place, _("same police station"))
    if a.district and b.district and a.district == b.district:
        return field_comparison("place", config.same_district_similarity, config.place, _("same district"))
    if a.text and b.text:
        from rapidfuzz import fuzz

        la = " ".join(sorted(strict_key(w) for w in to_latin(a.text).split()))
        lb = " ".join(sorted(strict_key(w) for w in to_latin(b.text).split()))
        score = fuzz.token_set_ratio(la, lb) / 100 if la and lb else 0.0
        score = max(score, text_similarity(a.text, b.text))
        return field_comparison("place", score, config.place, _("{a} / {b}").format(a=a.text, b=b.text))
    if a.district and b.district:
        return field_comparison("place", config.different_district_similarity, config.place,
                                _("different districts"))
    return None


# ----------------------------------------------------------------------------- dates, numbers, text

DateLike = datetime.date | str


def _date_digits(value: DateLike) -> tuple[str, datetime.date | None]:
    """``(eight digits YYYYMMDD, the date or None if it is no real date)`` of a date, an ISO
    ``"1990-01-31"`` or a compact ``"19900131"``; ``("", None)`` for anything else."""
    if isinstance(value, datetime.date):
        return value.strftime("%Y%m%d"), value
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) != 8:
        return "", None
    try:
        return digits, datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return digits, None  # a typing error can make an impossible date: still comparable


def date_similarity(a: DateLike, b: DateLike, config: MatchConfig = DEFAULT_CONFIG) -> tuple[float, str]:
    """Similarity (0..1) of two dates of birth, and why.

    The same date → 1; one typing error apart (one digit wrong, two adjacent digits swapped —
    compared as YYYYMMDD — or day and month swapped) → ``config.date_typo_similarity``; other
    real dates → that times 0.5 per ``config.age_half_life_years`` of gap; two impossible
    date strings (a typing error can make 31 February) that are not one typing error apart → 0.
    Unreadable input (not eight digits) → 0 with the reason.
    """
    from rapidfuzz.distance import OSA

    da, real_a = _date_digits(a)
    db, real_b = _date_digits(b)
    if not da or not db:
        return 0.0, _("unreadable date")
    if da == db:
        return 1.0, _("same date")
    swapped = da[:4] + da[6:] + da[4:6]
    if OSA.distance(da, db) == 1 or swapped == db:
        return config.date_typo_similarity, _("{a} / {b}: one typing error").format(a=_date_text(da), b=_date_text(db))
    if real_a is None or real_b is None:
        return 0.0, _("{a} / {b}: different").format(a=_date_text(da), b=_date_text(db))
    gap = abs((real_a - real_b).days) / 365.25
    score = config.date_typo_similarity * 0.5 ** (gap / config.age_half_life_years)
    return score, _("{a} / {b}: {gap} years apart").format(
        a=_date_text(da), b=_date_text(db), gap=f"{gap:.0f}" if gap >= 1 else f"{gap:.1f}")


def _date_text(digits: str) -> str:
    return f"{digits[6:]}-{digits[4:6]}-{digits[:4]}"


def compare_date(a: DateLike | None, b: DateLike | None, config: MatchConfig = DEFAULT_CONFIG, *,
                 field_name: str = "date_of_birth", rule: FieldRule | None = None) -> FieldComparison | None:
    """Compare two dates of birth (:func:`date_similarity`) weighted by ``rule`` (default
    ``config.date_of_birth``); ``None`` when either is unknown (``None`` or blank)."""
    if a is None or b is None or (isinstance(a, str) and not a.strip()) or (isinstance(b, str) and not b.strip()):
        return None
    score, detail = date_similarity(a, b, config)
    return field_comparison(field_name, score, rule or config.date_of_birth, detail)


def normalise_identifier(value: str) -> str:
    """A number as compared: letters and digits only, case-folded (``"AB-12 34"`` → ``"ab1234"``)."""
    return "".join(ch for ch in str(value).casefold() if ch.isalnum())


def identifier_similarity(a: str, b: str, config: MatchConfig = DEFAULT_CONFIG) -> tuple[float, str]:
    """Similarity (0..1) of two numbers written in clear (phone, vehicle or document numbers,
    house numbers, postcodes), and why: the same → 1; one typing error apart (optimal string
    alignment distance 1: a character wrong, missing or added, or two adjacent ones swapped) →
    ``config.identifier_typo_similarity``; two → ``config.identifier_two_typos_similarity``
    (only for numbers of at least five characters); otherwise 0. Compared after
    :func:`normalise_identifier`."""
    from rapidfuzz.distance import OSA

    na, nb = normalise_identifier(a), normalise_identifier(b)
    if not na or not nb:
        return 0.0, _("unreadable number")
    if na == nb:
        return 1.0, _("same number")
    distance = OSA.distance(na, nb, score_cutoff=2)
    if distance == 1:
        return config.identifier_typo_similarity, _("{a} / {b}: one typing error").format(a=a, b=b)
    if distance == 2 and min(len(na), len(nb)) >= 5:
        return config.identifier_two_typos_similarity, _("{a} / {b}: two typing errors").format(a=a, b=b)
    return 0.0, _("{a} / {b}: different").format(a=a, b=b)


def compare_identifier(a: str | None, b: str | None, config: MatchConfig = DEFAULT_CONFIG, *,
                       field_name: str = "identifier", rule: FieldRule | None = None) -> FieldComparison | None:
    """Compare two numbers (:func:`identifier_similarity`) weighted by ``rule`` (default
    ``config.identifier``); ``None`` when either is blank. Hashed identity documents are compared
    by their hash (equal or not), never with this."""
    if not a or not b or not normalise_identifier(a) or not normalise_identifier(b):
        return None
    score, detail = identifier_similarity(a, b, config)
    return field_comparison(field_name, score, rule or config.identifier, detail)


def _text_words(text: str) -> list[str]:
    latin = to_latin(text).casefold()
    return "".join(ch if ch.isalnum() else " " for ch in latin).split()


def text_similarity(a: str, b: str) -> float:
    """Typo-tolerant similarity (0..1) of two short texts (addresses, localities) in any script:
    the better of the words compared in any order (``fuzz.token_sort_ratio``) and the texts
    compared with their spaces removed (Indel), so that a space moved or lost costs nothing
    ("coglin place" / "coglinp lace") and a letter typed for it costs one letter ("stanley
    street" / "stanleykstreet")."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    wa, wb = _text_words(a), _text_words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    joined = Indel.normalized_similarity("".join(wa), "".join(wb))
    return max(joined, fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)) / 100)


def compare_text(a: str | None, b: str | None, rule: FieldRule, *, field_name: str) -> FieldComparison | None:
    """Compare two texts (:func:`text_similarity`) weighted by ``rule``; ``None`` when either
    has no word."""
    if not a or not b or not _text_words(a) or not _text_words(b):
        return None
    return field_comparison(field_name, text_similarity(a, b), rule, _("{a} / {b}").format(a=a, b=b))


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class MatchRecord:
    """What the matcher knows of one person record. Build with :meth:`build` from text.
    ``age`` is the age range on the day of comparison; ``birth_date``, when known, is compared
    to the day instead of the age when the other record has one too."""

    name: AnalysedName
    relative_name: AnalysedName | None = None
    sex: str | None = None
    age: AgeRange | None = None
    place: Place | None = None
    birth_date: datetime.date | None = None

    @classmethod
    def build(cls, name: str, relative_name: str | None = None, sex: str | None = None,
              age: AgeRange | None = None, place: Place | None = None,
              birth_date: datetime.date | None = None) -> MatchRecord:
        """A record from text. A relative written into the name (``"Ram S/o Shyam"``) is used
        when ``relative_name`` is not given."""
        analysed = analyse_name(name)
        relative = analyse_name(relative_name) if relative_name else analysed.relative
        return cls(analysed, relative, sex, age, place, birth_date)


def compare_fields(a: MatchRecord, b: MatchRecord, config: MatchConfig = DEFAULT_CONFIG) -> list[FieldComparison]:
    """The field comparisons of two records, on every field both know, in a fixed order (name,
    relative's name, age or date of birth, sex, place), without totalling them: search scores
    every candidate with these and explains only the results it shows. Two records that both
    have a birth date compare it to the day (:func:`compare_date`) instead of their ages."""
    comparisons: list[FieldComparison] = []
    name = compare_names(a.name, b.name, config)
    if name is not None:
        comparisons.append(name)
    if a.relative_name is not None and b.relative_name is not None:
        relative = compare_names(a.relative_name, b.relative_name, config, field_name="relative_name")
        if relative is not None:
            comparisons.append(relative)
    if a.birth_date is not None and b.birth_date is not None:
        born = compare_date(a.birth_date, b.birth_date, config)
    else:
        born = compare_age(a.age, b.age, config)
    for comparison in (born, compare_sex(a.sex, b.sex, config), compare_place(a.place, b.place, config)):
        if comparison is not None:
            comparisons.append(comparison)
    return comparisons


def compare(a: MatchRecord, b: MatchRecord, config: MatchConfig = DEFAULT_CONFIG) -> MatchResult:
    """Compare two records on every field both know, and total the evidence."""
    return combine(compare_fields(a, b, config), config)


def rank(query: MatchRecord, records: Sequence[tuple[object, MatchRecord]],
         config: MatchConfig = DEFAULT_CONFIG, limit: int | None = None) -> list[tuple[object, MatchResult]]:
    """Score ``records`` (``(id, record)`` pairs) against ``query``, best first (ties by
    input order)."""
    scored = [(rid, compare(query, rec, config)) for rid, rec in records]
    scored.sort(key=lambda p: -p[1].score)
    return scored[:limit] if limit is not None else scored


def one_to_one(pairs: Iterable[tuple[float, Hashable, Hashable]], threshold: float = 0.0) -> list[tuple[float, Hashable, Hashable]]:
    """One-to-one links from scored pairs ``(score, left id, right id)``, for linking two lists
    in which each person appears at most once (a missing-person list against unidentified
    bodies; FEBRL 4): the best-scoring pair is linked first, then the best pair of two records
    still unlinked, and so on, keeping pairs scoring at least ``threshold``. Ties keep the input
    order. Returns the links, best first."""
    ranked = sorted(enumerate(pairs), key=lambda p: (-p[1][0], p[0]))
    used_left: set = set()
    used_right: set = set()
    out = []
    for _i, (score, left, right) in ranked:
        if score < threshold:
            break
        if left in used_left or right in used_right:
            continue
        used_left.add(left)
        used_right.add(right)
        out.append((score, left, right))
    return out
