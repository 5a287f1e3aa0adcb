"""Blocking: the keys to store for a record, and candidate generation from a query's keys.

Everything here is a pure function over key sets, so that the persons app can keep the keys in
a key table (``(key, person_id)`` rows with an index on ``key``; SQLite) or feed
:func:`search_text` to a ``pg_trgm`` index (PostgreSQL) and still rank candidates the same way.

Keys are short strings ``"<kind>:<value>"``; the kinds (``KEY_KINDS``) and their weights in
candidate ranking (``KEY_WEIGHTS``):

- ``s`` — the strict phonetic key of each word (and of each two adjacent words joined, so that
  "Ramkumar" meets "Ram Kumar");
- ``l`` — the loose phonetic key of the same;
- ``t`` — the sorted strict keys of all words: the whole name, order-free ("Sharma Ram" =
  "Ram Sharma");
- ``i`` — an initial with a word's loose key (``i:r:srm`` for "R. Sharma" and for "Ram
  Sharma"), for every other token's first letter and every word, so that initials meet the
  words they stand for;
- ``r`` — the loose keys of the relative's words (when the record has a relative's name);
- ``p`` — the name with its relative (:func:`pair_keys`): the whole name's sorted strict keys
  with the strict key of each of the relative's first three words ("Ram Sharma" s/o "Suresh
  Sharma" → ``p:ram|sarm>sures``, ``p:ram|sarm>sarm``). Rare by nature, so that among ten
  million records the thousands of namesakes of a common name do not crowd out the one whose
  father is also named in the query.

Initials alone make no keys; a name of initials only (``"R K"``) makes ``i`` keys of nothing
and is found only through its relative or other attributes.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .names import AnalysedName, NameToken, analyse_name
from .phonetic import loose_key, strict_key

STRICT = "s"
LOOSE = "l"
SORTED = "t"
INITIAL = "i"
RELATIVE = "r"
PAIR = "p"
KEY_KINDS = (STRICT, LOOSE, SORTED, INITIAL, RELATIVE, PAIR)

KEY_WEIGHTS: dict[str, float] = {SORTED: 4.0, PAIR: 4.0, STRICT: 2.0, INITIAL: 1.5, LOOSE: 1.0, RELATIVE: 0.5}
"""How much sharing one key of each kind counts when ranking candidates."""

_INITIAL_FOLD = {"w": "v", "z": "j", "q": "k"}


def _initial_letters(token: NameToken) -> set[str]:
    letters = set(token.initials) if not token.is_initial else {token.latin}
    return {_INITIAL_FOLD.get(x, x) for x in letters if x}


def _word_keys(words: list[NameToken]) -> tuple[set[str], set[str]]:
    strict: set[str] = set()
    loose: set[str] = set()
    for t in words:
        for s, lo in t.key_pairs():
            if s:
                strict.add(s)
            if lo:
                loose.add(lo)
    for a, b in zip(words, words[1:], strict=False):
        for ra in a.readings:
            for rb in b.readings:
                strict.add(strict_key(ra + rb))
                loose.add(loose_key(ra + rb))
    return strict, loose


def name_keys(name: AnalysedName, kinds: Iterable[str] = KEY_KINDS) -> frozenset[str]:
    """Blocking keys of one name (its aliases' keys included; the relative's under ``r``).

    >>> sorted(name_keys(analyse_name("R. Sharma")))
    ['i:r:srm', 'l:srm', 's:sarm']
    """
    kinds = set(kinds)
    keys: set[str] = set()
    for variant in (name, *name.aliases):
        tokens = [t for t in variant.tokens if t.latin]
        words = [t for t in tokens if not t.is_initial]
        strict, loose = _word_keys(words)
        if STRICT in kinds:
            keys.update(f"{STRICT}:{k}" for k in strict)
        if LOOSE in kinds:
            keys.update(f"{LOOSE}:{k}" for k in loose)
        if SORTED in kinds and len(words) > 1:
            keys.add(f"{SORTED}:" + "|".join(sorted(t.strict for t in words if t.strict)))
        if INITIAL in kinds:
            for i, other in enumerate(tokens):
                letters = _initial_letters(other)
                for j, word in enumerate(tokens):
                    if i == j or word.is_initial or not word.loose:
                        continue
                    keys.update(f"{INITIAL}:{x}:{word.loose}" for x in letters)
    if RELATIVE in kinds and name.relative is not None:
        keys.update(relative_keys(name.relative))
    if PAIR in kinds and name.relative is not None:
        keys.update(pair_keys(name, name.relative))
    return frozenset(keys)


def relative_keys(relative: AnalysedName) -> frozenset[str]:
    """``r`` keys of a relative's name: the loose key of each of its words."""
    out = set()
    for t in relative.tokens:
        if not t.is_initial:
            out.update(f"{RELATIVE}:{lo}" for _s, lo in t.key_pairs() if lo)
    return frozenset(out)


PAIR_RELATIVE_WORDS = 3
"""How many of the relative's words make ``p`` keys."""


def pair_prefix(name: AnalysedName) -> str:
    """The name part of a ``p`` key: the sorted strict keys of the name's words (initials left
    out), ``|``-joined; ``""`` when the name has no word."""
    return "|".join(sorted(t.strict for t in name.tokens if t.latin and not t.is_initial and t.strict))


def pair_relative_words(relative: AnalysedName) -> list[str]:
    """The relative part of ``p`` keys: the strict keys of the relative's first
    :data:`PAIR_RELATIVE_WORDS` words (initials left out), without repeats."""
    words = [t.strict for t in relative.tokens if t.latin and not t.is_initial and t.strict]
    return list(dict.fromkeys(words[:PAIR_RELATIVE_WORDS]))


def pair_keys(name: AnalysedName, relative: AnalysedName) -> frozenset[str]:
    """``p`` keys of a name (and each of its aliases) with a relative's name.

    >>> sorted(pair_keys(analyse_name("Ram Sharma"), analyse_name("Suresh Sharma")))
    ['p:ram|sarm>sarm', 'p:ram|sarm>sures']
    """
    words = pair_relative_words(relative)
    out = set()
    for variant in (name, *name.aliases):
        prefix = pair_prefix(variant)
        if prefix:
            out.update(f"{PAIR}:{prefix}>{w}" for w in words)
    return frozenset(out)


def record_keys(name: AnalysedName | str, relative_name: AnalysedName | str | None = None,
                kinds: Iterable[str] = KEY_KINDS) -> frozenset[str]:
    """Keys to store for a record: its name's keys and, under ``r``, its relative's (given
    separately, or written into the name as ``"… S/o …"``). The same function gives a query's
    keys."""
    name = analyse_name(name) if isinstance(name, str) else name
    keys = set(name_keys(name, kinds))
    if relative_name is not None:
        relative = analyse_name(relative_name) if isinstance(relative_name, str) else relative_name
        if RELATIVE in set(kinds):
            keys.update(relative_keys(relative))
        if PAIR in set(kinds):
            keys.update(pair_keys(name, relative))
    return frozenset(keys)


def key_kind(key: str) -> str:
    """The kind of a key (``"s:ram"`` → ``"s"``)."""
    return key.split(":", 1)[0]


def key_weight(key: str, frequency: int | None = None, total: int | None = None) -> float:
    """A shared key's weight in ranking: its kind's weight, times an inverse document frequency
    ``log(1 + total / frequency)`` when the key's frequency among ``total`` records is known."""
    weight = KEY_WEIGHTS.get(key_kind(key), 1.0)
    if frequency and total:
        weight *= math.log1p(total / frequency)
    return weight


def search_text(name: AnalysedName | str) -> str:
    """Text for a trigram index (``pg_trgm``): canonical Latin words and their strict keys,
    space-separated, sorted and without repeats."""
    name = analyse_name(name) if isinstance(name, str) else name
    words = set()
    for variant in (name, *name.aliases):
        for t in variant.tokens:
            if t.latin and not t.is_initial:
                words.add(t.latin)
                if t.strict:
                    words.add(t.strict)
    return " ".join(sorted(words))


@dataclass(frozen=True)
class Candidate:
    """A record found by blocking: its ``id``, ranking ``weight`` and the ``shared`` keys."""

    id: Hashable
    weight: float
    shared: frozenset[str]


def candidates(
    query_keys: Iterable[str],
    postings: Mapping[str, Iterable[Hashable]],
    *,
    total: int | None = None,
    limit: int = 100,
    max_postings: int | None = None,
) -> list[Candidate]:
    """Rank the records sharing keys with a query.

    ``postings`` maps a key to the ids of records holding it (a key table grouped by key).
    Each shared key adds :func:`key_weight` (with inverse frequency when ``total``, the number
    of records, is given). Keys held by more than ``max_postings`` records are skipped (stop
    keys, such as the loose key of "Kumar") unless every key of the query is that common.
    Returns at most ``limit`` candidates, heaviest first, ties by id order of first appearance.
    """
    query_keys = list(dict.fromkeys(query_keys))
    lists = {k: list(postings.get(k, ())) for k in query_keys}
    usable = [k for k in query_keys if lists[k]]
    if max_postings is not None:
        narrow = [k for k in usable if len(lists[k]) <= max_postings]
        usable = narrow or usable
    weights: dict[Hashable, float] = defaultdict(float)
    shared: dict[Hashable, set[str]] = defaultdict(set)
    order: dict[Hashable, int] = {}
    for key in usable:
        w = key_weight(key, len(lists[key]), total)
        for rid in lists[key]:
            if rid not in order:
                order[rid] = len(order)
            weights[rid] += w
            shared[rid].add(key)
    best = heapq.nsmallest(limit, weights, key=lambda rid: (-weights[rid], order[rid]))
    return [Candidate(rid, round(weights[rid], 6), frozenset(shared[rid])) for rid in best]


class KeyIndex:
    """An in-memory key table (for tests, benchmarks and small batches): ``add`` records'
    keys, then ask for :meth:`candidates`."""

    def __init__(self):
        self.postings: dict[str, list[Hashable]] = defaultdict(list)
        self.keys: dict[Hashable, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, record_id: Hashable, keys: Iterable[str]) -> None:
        """Index ``keys`` under ``record_id`` (re-adding an id replaces its keys)."""
        if record_id in self.keys:
            for key in self.keys[record_id]:
                self.postings[key].remove(record_id)
        keys = frozenset(keys)
        self.keys[record_id] = keys
        for key in keys:
            self.postings[key].append(record_id)

    def candidates(self, query_keys: Iterable[str], limit: int = 100,
                   max_postings: int | None = None) -> list[Candidate]:
        """:func:`candidates` over this index."""
        return candidates(query_keys, self.postings, total=len(self), limit=limit,
                          max_postings=max_postings)
