"""Synthetic Indian people for the demo state, tests and benchmarks: names in Latin script and
Devanagari, sex, age and the father's or husband's name.

The names come from curated lists in ``cctns/core/data/names/`` (see its ``SOURCES.md``):

- ``given_names.csv``: ``name, name_hi, sex, regions`` — one row per (Latin name, sex); ``regions``
  is a ``|``-separated list of name groups the name is common in;
- ``surnames.csv``: ``name, name_hi, sex, regions`` — ``sex`` is empty for a family name both
  sexes carry, ``M`` or ``F`` for one carried by one sex only (Kumar / Kumari, Singh / Kaur among
  Sikhs, Devi, Begum); ``regions`` is ``region:weight|region:weight``, the weight (an integer)
  saying how common the name is within that group relative to its other names.

Name groups (``REGIONS``): ``hindi`` (North Indian Hindu names), ``telugu``, ``tamil``,
``malayalam``, ``punjabi``, ``bengali``, ``muslim`` and ``christian`` (names common among
Indian Muslims and Christians anywhere in the country).

Everything is deterministic: a :class:`PersonNameGenerator` draws from its own
``random.Random(seed)``, never from the global generator, and the lists are read in file order,
so the same seed gives the same people, in the same order, on every machine.

Example::

    gen = PersonNameGenerator(seed=7, mix=mix_for_state("28"))
    p = gen.person()
    p.full_name, p.full_name_hi, p.relation_label, p.father   # "Srinivas Reddy", "श्रीनिवास रेड्डी", "S/o", …
"""

from __future__ import annotations

import bisect
import csv
import functools
import itertools
import random
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

NAMES_DIR = Path(__file__).resolve().parent.parent / "data" / "names"

MALE = "M"
FEMALE = "F"
SEXES = (MALE, FEMALE)
"""Sex codes the generator produces. The lists hold names by male and female only; a caller that
needs transgender persons (a category police forms record) sets ``sex`` itself."""

RELATION_FATHER = "father"
RELATION_HUSBAND = "husband"

REGIONS = ("hindi", "telugu", "tamil", "malayalam", "punjabi", "bengali", "muslim", "christian")

# Rough shares of each name group among the people of a state, keyed by LGD state code. They are
# loosely guided by the Census of India 2011 religion tables (e.g. Kerala about 55 % Hindu, 27 %
# Muslim, 18 % Christian; West Bengal about 27 % Muslim) and by the state's main language. They
# make the demo look plausible; they are not a statistic and nothing should be computed from them.
STATE_MIX: dict[str, dict[str, float]] = {
    "28": {"telugu": 0.84, "muslim": 0.10, "christian": 0.02, "hindi": 0.02, "tamil": 0.02},  # Andhra Pradesh
    "36": {"telugu": 0.80, "muslim": 0.14, "christian": 0.02, "hindi": 0.04},  # Telangana
    "33": {"tamil": 0.84, "muslim": 0.06, "christian": 0.06, "telugu": 0.03, "malayalam": 0.01},  # Tamil Nadu
    "34": {"tamil": 0.84, "muslim": 0.06, "christian": 0.07, "telugu": 0.02, "malayalam": 0.01},  # Puducherry
    "32": {"malayalam": 0.54, "muslim": 0.27, "christian": 0.18, "tamil": 0.01},  # Kerala
    "3": {"punjabi": 0.70, "hindi": 0.27, "muslim": 0.02, "christian": 0.01},  # Punjab
    "4": {"hindi": 0.55, "punjabi": 0.40, "muslim": 0.05},  # Chandigarh
    "19": {"bengali": 0.70, "muslim": 0.27, "hindi": 0.02, "christian": 0.01},  # West Bengal
    "16": {"bengali": 0.85, "muslim": 0.09, "christian": 0.04, "hindi": 0.02},  # Tripura
}
DEFAULT_STATE_MIX: dict[str, float] = {"hindi": 0.80, "muslim": 0.15, "punjabi": 0.03, "christian": 0.02}
NATIONAL_MIX: dict[str, float] = {
    "hindi": 0.50, "muslim": 0.14, "bengali": 0.08, "telugu": 0.07, "tamil": 0.06,
    "malayalam": 0.03, "punjabi": 0.03, "christian": 0.03,
}


def mix_for_state(state_code: str | None) -> dict[str, float]:
    """The name-group mix for a state (LGD code, e.g. ``"28"``), or the national mix for ``None``.

    States without their own entry get a North Indian mix (``DEFAULT_STATE_MIX``): the lists do
    not yet hold Marathi, Gujarati, Kannada, Odia or North-Eastern names.
    """
    if state_code is None:
        return dict(NATIONAL_MIX)
    return dict(STATE_MIX.get(str(state_code).strip(), DEFAULT_STATE_MIX))


@dataclass(frozen=True)
class GivenName:
    """A given name: Latin form, Devanagari form, sex (``M``/``F``) and the groups it belongs to."""

    name: str
    name_hi: str
    sex: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Surname:
    """A family name: Latin and Devanagari forms, the sex that carries it (``""`` = both) and its
    weight within each group, as ``((region, weight), …)``."""

    name: str
    name_hi: str
    sex: str
    weights: tuple[tuple[str, int], ...]

    def allows(self, sex: str) -> bool:
        return not self.sex or self.sex == sex


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@functools.cache
def given_names() -> tuple[GivenName, ...]:
    """Every given name of ``given_names.csv``, in file order (read once, then cached)."""
    with open(NAMES_DIR / "given_names.csv", encoding="utf-8", newline="") as f:
        return tuple(
            GivenName(_nfc(r["name"]), _nfc(r["name_hi"]), r["sex"].strip(),
                      tuple(x.strip() for x in r["regions"].split("|") if x.strip()))
            for r in csv.DictReader(f)
        )


@functools.cache
def surnames() -> tuple[Surname, ...]:
    """Every family name of ``surnames.csv``, in file order (read once, then cached)."""
    out = []
    with open(NAMES_DIR / "surnames.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            weights = []
            for part in r["regions"].split("|"):
                region, _, weight = part.strip().partition(":")
                weights.append((region, int(weight or 1)))
            out.append(Surname(_nfc(r["name"]), _nfc(r["name_hi"]), r["sex"].strip(), tuple(weights)))
    return tuple(out)


@dataclass(frozen=True)
class SyntheticPerson:
    """One synthetic person.

    ``father`` / ``father_hi`` hold the full name of the father or, for a married woman, the
    husband — the "Father's/Husband's name" of Indian police forms; ``relation`` says which
    (``"father"`` or ``"husband"``). ``age`` is in completed years. ``region`` is the name group
    the person was drawn from.
    """

    given: str
    surname: str
    sex: str
    age: int
    father: str
    relation: str
    given_hi: str
    surname_hi: str
    father_hi: str
    region: str

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def full_name_hi(self) -> str:
        return f"{self.given_hi} {self.surname_hi}"

    @property
    def relation_label(self) -> str:
        """``S/o``, ``D/o`` or ``W/o``, as police forms write it."""
        if self.relation == RELATION_HUSBAND:
            return "W/o"
        return "S/o" if self.sex == MALE else "D/o"


class _Pool:
    """Names of one (group, sex), with cumulative weights for weighted draws."""

    def __init__(self, items: list, weights: list[int]):
        if not items:
            raise ValueError("empty name pool")
        self.items = items
        self.cum = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


@functools.cache
def _pools() -> dict[tuple[str, str, str], _Pool]:
    """``(kind, region, sex) → pool`` with ``kind`` ``"given"`` or ``"surname"``."""
    pools: dict[tuple[str, str, str], _Pool] = {}
    for region in REGIONS:
        for sex in SEXES:
            given = [g for g in given_names() if g.sex == sex and region in g.regions]
            pools[("given", region, sex)] = _Pool(given, [1] * len(given))
            fam = [(s, w) for s in surnames() if s.allows(sex) for r, w in s.weights if r == region]
            pools[("surname", region, sex)] = _Pool([s for s, _ in fam], [w for _, w in fam])
    return pools


class PersonNameGenerator:
    """Deterministic generator of :class:`SyntheticPerson` s.

    ``seed`` (an int) fixes the sequence; ``mix`` maps name groups (see ``REGIONS``) to relative
    weights, default :data:`NATIONAL_MIX` (use :func:`mix_for_state` for one state). Raises
    ``ValueError`` for an unknown group or a mix with no positive weight.
    """

    def __init__(self, seed: int, mix: Mapping[str, float] | None = None):
        self.rng = random.Random(seed)
        mix = dict(NATIONAL_MIX if mix is None else mix)
        unknown = set(mix) - set(REGIONS)
        if unknown:
            raise ValueError(f"unknown name groups: {sorted(unknown)}")
        regions = [r for r in REGIONS if mix.get(r, 0) > 0]  # REGIONS order, not dict order
        if not regions:
            raise ValueError("the mix gives no name group a positive weight")
        self._regions = _Pool(regions, [mix[r] for r in regions])
        self._pools = _pools()

    def region(self) -> str:
        """Draw a name group from the mix."""
        return self._regions.draw(self.rng)

    def given(self, sex: str, region: str) -> GivenName:
        """Draw a given name of ``sex`` common in ``region``."""
        return self._pools[("given", region, sex)].draw(self.rng)

    def surname(self, sex: str, region: str) -> Surname:
        """Draw a family name ``sex`` may carry, weighted by how common it is in ``region``."""
        return self._pools[("surname", region, sex)].draw(self.rng)

    def person(
        self,
        region: str | None = None,
        sex: str | None = None,
        min_age: int = 18,
        max_age: int = 70,
        female_share: float = 0.5,
    ) -> SyntheticPerson:
        """Draw one person.

        ``region``: a name group, or ``None`` to draw one from the mix. ``sex``: ``"M"``, ``"F"``
        or ``None`` to draw (female with probability ``female_share``). The age is drawn between
        ``min_age`` and ``max_age`` inclusive, younger ages more likely. A woman of 21 or more is
        married (named with her husband) three times in four; she then carries her husband's family
        name unless hers is one only women carry (Kaur, Devi, Begum…), in which case the husband
        gets a family name of the same group. Raises ``ValueError`` for bad arguments.
        """
        if region is not None and region not in REGIONS:
            raise ValueError(f"unknown name group: {region!r}")
        if sex is not None and sex not in SEXES:
            raise ValueError(f"sex must be one of {SEXES}, not {sex!r}")
        if not 0 <= min_age <= max_age:
            raise ValueError("need 0 <= min_age <= max_age")
        rng = self.rng
        region = region or self.region()
        sex = sex or (FEMALE if rng.random() < female_share else MALE)
        mode = min_age + (max_age - min_age) * 0.3
        age = min(max_age, int(rng.triangular(min_age, max_age + 1, mode)))
        given = self.given(sex, region)
        family = self.surname(sex, region)
        married = sex == FEMALE and age >= 21 and rng.random() < 0.75
        relative = self.given(MALE, region)
        relative_family = family if family.allows(MALE) else self.surname(MALE, region)
        return SyntheticPerson(
            given=given.name, surname=family.name, sex=sex, age=age,
            father=f"{relative.name} {relative_family.name}",
            relation=RELATION_HUSBAND if married else RELATION_FATHER,
            given_hi=given.name_hi, surname_hi=family.name_hi,
            father_hi=f"{relative.name_hi} {relative_family.name_hi}",
            region=region,
        )

    def people(self, count: int, **kwargs) -> list[SyntheticPerson]:
        """``count`` people drawn one after another with :meth:`person` (same keyword arguments)."""
        return [self.person(**kwargs) for _ in range(count)]
