"""A generated set of Indian-name variants, for tests and the accuracy benchmark.

Base names come from the demo name lists (:mod:`cctns.core.demo.names`: Latin and Devanagari
forms of given and family names), with a middle name (Kumar, Prasad, Chand, Lal) or a leading
Mohammad added to some, as Indian names have them. Each base name yields variants of these
kinds (``KINDS``), each labelled with its kind and the rule used:

- ``script``: the name in Devanagari, as the lists write it;
- ``spelling``: one or two phonetic respellings (``RESPELLINGS``: sh/s, v/w, ee/i, th/t,
  doubled letters, a final a…);
- ``abbreviation``: Kumar → Kr., Prasad → Pd., Chand → Ch., Mohammad → Md./Mohd, Sheikh →
  Sk. (only names holding such a word);
- ``initials``: every word but the family name as an initial (``R. K. Sharma``, ``RK Sharma``);
- ``order``: family name first (``Sharma Ram Kumar``, ``Sharma, Ram Kumar``);
- ``joined``: two words written as one (``Ramkumar Sharma``);
- ``split``: a compound given name written as two words (``Siva Kumar`` for ``Sivakumar``);
- ``honorific``: Shri / Smt. / Mr. / Late before the name.

:func:`evaluate_variants` measures, per kind, how well the engine scores each variant against
its original and how well blocking and ranking retrieve the original among all base names.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .blocking import KeyIndex, record_keys
from .names import analyse_name
from .score import DEFAULT_CONFIG, MatchConfig, combine, compare_names

KINDS = ("script", "spelling", "abbreviation", "initials", "order", "joined", "split", "honorific")

# (name, pattern, replacement): respellings officers actually produce. Applied to one word.
RESPELLINGS: tuple[tuple[str, str, str], ...] = (
    ("sh_to_s", r"sh", "s"),
    ("s_to_sh", r"(?<!s)s(?=[aeiou])", "sh"),
    ("v_to_w", r"v", "w"),
    ("w_to_v", r"w", "v"),
    ("ee_to_i", r"ee", "i"),
    ("i_to_ee", r"(?<=[^aeiou])i(?=[^aeiou])", "ee"),
    ("oo_to_u", r"oo", "u"),
    ("u_to_oo", r"(?<=[^aeiou])u(?=[^aeiou])", "oo"),
    ("th_to_t", r"th", "t"),
    ("t_to_th", r"(?<![th])t(?=[aeiou])", "th"),
    ("dh_to_d", r"dh", "d"),
    ("double_consonant", r"(?<=[aeiou])([bdgklmnprt])(?=[aeiou])", r"\1\1"),
    ("single_consonant", r"([bdgklmnprst])\1", r"\1"),
    ("final_a_added", r"(?<=[^aeiouy])$", "a"),
    ("final_a_dropped", r"(?<=[^aeiou][^aeiou])a$", ""),
    ("long_a", r"(?<=[^aeiou])a(?=[^aeiou])", "aa"),
    ("y_to_i", r"y$", "i"),
    ("ay_to_ai", r"ay$", "ai"),
    ("ey_to_e", r"ey$", "e"),
    ("au_to_ou", r"au", "ou"),
    ("ou_to_au", r"ou", "au"),
    ("ksh_to_x", r"ksh", "x"),
    ("ph_to_f", r"ph", "f"),
    ("z_to_j", r"z", "j"),
    ("q_to_k", r"q", "k"),
    ("mohammad_spelling", r"^mohamm?ad$|^mohammed$", "muhammed"),
)

MIDDLE_NAMES: tuple[tuple[str, str], ...] = (("Kumar", "कुमार"), ("Prasad", "प्रसाद"), ("Chand", "चंद"),
                                              ("Lal", "लाल"))
ABBREVIATION_FORMS: dict[str, tuple[str, ...]] = {
    "kumar": ("Kr.", "Kr", "KR."),
    "prasad": ("Pd.", "Prd."),
    "chand": ("Ch.",),
    "mohammad": ("Md.", "Mohd.", "Mohd", "MD"),
    "mohammed": ("Md.", "Mohd."),
    "muhammad": ("Md.", "Mohd"),
    "sheikh": ("Sk.",),
    "shaikh": ("Sk.",),
    "syed": ("Syd.",),
}
SPLIT_SUFFIXES = ("krishnan", "krishna", "lakshmi", "kumar", "prasad", "chand", "lal", "preet", "winder",
                  "inder", "deep", "jit", "nath", "raj", "devi", "babu", "prakash", "mohan", "swamy",
                  "sree", "jith")


@dataclass(frozen=True)
class BaseName:
    """A generated full name: Latin words, the same words in Devanagari, and the person's sex."""

    latin: tuple[str, ...]
    devanagari: tuple[str, ...]
    sex: str

    @property
    def text(self) -> str:
        return " ".join(self.latin)


@dataclass(frozen=True)
class Variant:
    """One variant of a base name: ``kind`` (see ``KINDS``), the ``original`` and ``variant``
    texts, and the ``rule`` that made it."""

    kind: str
    original: str
    variant: str
    rule: str


MIDDLE = "middle"
JOINED_MIDDLE = "joined_middle"
MOHAMMAD = "mohammad"
STRUCTURES = (MIDDLE, JOINED_MIDDLE, MOHAMMAD)
"""Shapes a base name can be forced into: a middle name (Ram Kumar Sharma), a middle name
joined to the given name (Ramkumar Sharma), a leading Mohammad (Mohammad Salim Khan)."""


def _draw(gen, rng: random.Random, structure: str | None) -> BaseName | None:
    if structure == MOHAMMAD:
        p = gen.person(region="muslim", sex="M")
    elif structure in (MIDDLE, JOINED_MIDDLE):
        p = gen.person(region=rng.choice(("hindi", "hindi", "telugu", "bengali")), sex="M")
    else:
        p = gen.person()
    latin = [p.given, p.surname]
    deva = [p.given_hi, p.surname_hi]
    if structure is None:
        roll = rng.random()
        if p.region == "muslim" and p.sex == "M" and roll < 0.4:
            structure = MOHAMMAD
        elif p.region in ("hindi", "telugu", "bengali") and p.sex == "M" and roll < 0.45:
            structure = MIDDLE if roll < 0.3 else JOINED_MIDDLE
    if structure == MOHAMMAD:
        if p.given.lower().startswith(("mo", "mu")):
            return None
        latin.insert(0, "Mohammad")
        deva.insert(0, "मोहम्मद")
    elif structure in (MIDDLE, JOINED_MIDDLE):
        if p.surname in ("Kumar", "Prasad") or len(p.given.split()) > 1:
            return None
        middle, middle_hi = MIDDLE_NAMES[rng.randrange(len(MIDDLE_NAMES))]
        if structure == MIDDLE:
            latin.insert(1, middle)
            deva.insert(1, middle_hi)
        else:
            latin[0] += middle.lower()
            deva[0] += middle_hi
    if latin[-1] == latin[-2]:
        return None
    return BaseName(tuple(latin), tuple(deva), p.sex)


def base_names(count: int = 300, seed: int = 20260101, structure: str | None = None) -> list[BaseName]:
    """``count`` distinct base names drawn from the demo lists (national mix); about one in
    three has a middle name (separate or joined to the given name) or a leading Mohammad, or
    every one has ``structure`` (see ``STRUCTURES``)."""
    from cctns.core.demo.names import PersonNameGenerator

    rng = random.Random(f"{seed}:{structure}")
    gen = PersonNameGenerator(seed=seed if structure is None else seed + 1 + STRUCTURES.index(structure))
    seen: set[str] = set()
    out: list[BaseName] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        name = _draw(gen, rng, structure)
        if name is None or name.text in seen:
            continue
        seen.add(name.text)
        out.append(name)
    return out


def _respell(word: str, rng: random.Random) -> tuple[str, str] | None:
    lower = word.lower()
    options = [(n, p, r) for n, p, r in RESPELLINGS if re.search(p, lower)]
    rng.shuffle(options)
    for name, pattern, replacement in options:
        matches = list(re.finditer(pattern, lower))
        m = matches[rng.randrange(len(matches))]
        new = lower[:m.start()] + m.expand(replacement) + lower[m.end():]
        if new != lower and len(new) >= 3 and re.search("[aeiou]", new):
            return new.capitalize(), name
    return None


def variants_of(name: BaseName, rng: random.Random) -> list[Variant]:
    """Every variant kind that applies to ``name`` (at most one variant per kind)."""
    words = list(name.latin)
    text = name.text
    out = [Variant("script", text, " ".join(name.devanagari), "devanagari")]

    # spelling: one or two respellings of one or two words
    new_words = list(words)
    rules = []
    for index in rng.sample(range(len(words)), k=min(len(words), rng.choice((1, 2)))):
        result = _respell(new_words[index], rng)
        if result:
            new_words[index], rule = result
            rules.append(rule)
    if rules:
        out.append(Variant("spelling", text, " ".join(new_words), "+".join(rules)))

    for i, w in enumerate(words):
        forms = ABBREVIATION_FORMS.get(w.lower())
        if forms:
            form = forms[rng.randrange(len(forms))]
            out.append(Variant("abbreviation", text, " ".join(words[:i] + [form] + words[i + 1:]),
                               f"{w.lower()}→{form}"))
            break

    if len(words) >= 2:
        initials = [w[0].upper() for w in words[:-1]]
        style = rng.choice(("dotted", "spaced", "compact"))
        if style == "dotted":
            lead = " ".join(f"{x}." for x in initials)
        elif style == "spaced":
            lead = " ".join(initials)
        else:
            lead = "".join(initials) if len(initials) > 1 else initials[0] + "."
        out.append(Variant("initials", text, f"{lead} {words[-1]}", f"initials_{style}"))
        comma = rng.random() < 0.5
        rest = " ".join(words[:-1])
        out.append(Variant("order", text, f"{words[-1]}, {rest}" if comma else f"{words[-1]} {rest}",
                           "surname_first_comma" if comma else "surname_first"))

    if len(words) >= 3:
        i = rng.randrange(len(words) - 1)
        joined = words[:i] + [words[i] + words[i + 1].lower()] + words[i + 2:]
        out.append(Variant("joined", text, " ".join(joined), f"join_{i}_{i + 1}"))

    for i, w in enumerate(words[:-1]):
        lw = w.lower()
        suffix = next((s for s in SPLIT_SUFFIXES if lw.endswith(s) and len(lw) - len(s) >= 3), None)
        if suffix:
            split = words[:i] + [w[: len(w) - len(suffix)], suffix.capitalize()] + words[i + 1:]
            out.append(Variant("split", text, " ".join(split), f"split_{suffix}"))
            break

    honorific = {"M": ("Shri", "Mr.", "Sh."), "F": ("Smt.", "Kumari", "Ms")}.get(name.sex, ("Shri",))
    chosen = honorific[rng.randrange(len(honorific))]
    if rng.random() < 0.2:
        chosen = f"Late {chosen}"
    out.append(Variant("honorific", text, f"{chosen} {text}", chosen.lower().replace(" ", "_")))
    return out


def variant_set(count: int = 300, seed: int = 20260101, min_per_kind: int = 100) -> tuple[list[BaseName], list[Variant]]:
    """Base names and all their variants, deterministic for ``seed``: ``count`` names from the
    national mix, then names of the shapes the rarer kinds need (abbreviation, joined, split)
    until every kind has at least ``min_per_kind`` variants."""
    rng = random.Random(seed + 1)
    names = base_names(count, seed)
    seen = {n.text for n in names}
    variants = [v for name in names for v in variants_of(name, rng)]
    needs = {"abbreviation": (MIDDLE, MOHAMMAD), "joined": (MIDDLE,), "split": (JOINED_MIDDLE,)}
    for offset, (kind, structures) in enumerate(needs.items(), start=1):
        have = sum(v.kind == kind for v in variants)
        missing = max(0, min_per_kind - have)
        if not missing:
            continue
        pools = [iter(base_names(4 * missing, seed + 1000 * offset, structure)) for structure in structures]
        while have < min_per_kind and pools:
            for pool in list(pools):
                name = next(pool, None)
                if name is None:
                    pools.remove(pool)
                    continue
                if name.text in seen:
                    continue
                seen.add(name.text)
                names.append(name)
                new = variants_of(name, rng)
                variants.extend(new)
                have += sum(v.kind == kind for v in new)
    return names, variants


@dataclass(frozen=True)
class KindMetrics:
    """Accuracy on one variant kind.

    ``pairs``: variants of this kind. ``score_pass``: share whose name-only score against the
    original is at least ``config.review_threshold``; ``mean_score``: mean of those scores.
    ``key_recall``: share sharing at least one blocking key with the original.
    ``recall_at_1`` / ``recall_at_10``: share whose original is first / in the first ten when the
    variant is searched among all base names (blocking, then scoring); ``reverse_recall_at_10``:
    the same with the original searched among all variants of the kind.
    """

    pairs: int
    score_pass: float
    mean_score: float
    key_recall: float
    recall_at_1: float
    recall_at_10: float
    reverse_recall_at_10: float


def _search(index: KeyIndex, texts: dict, query: str, config: MatchConfig, limit: int = 10) -> list:
    query_name = analyse_name(query)
    found = index.candidates(record_keys(query_name), limit=100)
    scored = []
    for c in found:
        comparison = compare_names(query_name, analyse_name(texts[c.id]), config)
        score = combine([comparison], config).score if comparison else 0.0
        scored.append((score, c.weight, c.id))
    scored.sort(key=lambda s: (-s[0], -s[1]))
    return [rid for _s, _w, rid in scored[:limit]]


def evaluate_variants(names: Iterable[BaseName], variants: Iterable[Variant],
                      config: MatchConfig = DEFAULT_CONFIG) -> dict[str, KindMetrics]:
    """Per-kind :class:`KindMetrics` of ``variants`` against ``names``."""
    names = list(names)
    variants = list(variants)
    index = KeyIndex()
    texts: dict[int, str] = {}
    id_of: dict[str, int] = {}
    for i, name in enumerate(names):
        texts[i] = name.text
        id_of[name.text] = i
        index.add(i, record_keys(name.text))
    by_kind: dict[str, list[Variant]] = defaultdict(list)
    for v in variants:
        by_kind[v.kind].append(v)
    out: dict[str, KindMetrics] = {}
    for kind, items in by_kind.items():
        reverse = KeyIndex()
        reverse_texts: dict[int, str] = {}
        for j, v in enumerate(items):
            reverse_texts[j] = v.variant
            reverse.add(j, record_keys(v.variant))
        passed = shared = at1 = at10 = rev10 = 0
        total_score = 0.0
        for j, v in enumerate(items):
            comparison = compare_names(v.original, v.variant, config)
            score = combine([comparison], config).score if comparison else 0.0
            total_score += score
            passed += score >= config.review_threshold
            shared += bool(record_keys(v.original) & record_keys(v.variant))
            ranked = _search(index, texts, v.variant, config)
            target = id_of[v.original]
            at1 += bool(ranked[:1] == [target])
            at10 += target in ranked
            rev10 += j in _search(reverse, reverse_texts, v.original, config)
        n = len(items)
        out[kind] = KindMetrics(n, passed / n, total_score / n, shared / n, at1 / n, at10 / n, rev10 / n)
    return out
