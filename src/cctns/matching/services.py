"""Django side of the matching engine: storing blocking keys and finding candidates by them.

The library (:mod:`cctns.matching.blocking`) says which keys a record has and how much a shared
key weighs; this module keeps them in the key tables (:mod:`cctns.matching.models`) and reads
them back, on SQLite and PostgreSQL alike:

1. the query's keys' frequencies are read from :class:`PersonKeyFrequency` (one indexed query);
2. keys held by more than ``max_postings`` persons are skipped (stop keys: the loose key of
   Kumar); when every key is that common, the ``FALLBACK_KEYS`` rarest are read, capped;
3. the postings of the remaining keys are read from :class:`PersonKey` (its ``(key, person)``
   index), optionally restricted to a jurisdiction;
4. persons are ranked by the summed :func:`cctns.matching.blocking.key_weight` of the keys they
   share (inverse frequency over ``total``), ties by person id — deterministic on both
   databases.

On PostgreSQL :func:`trigram_candidates` adds persons whose ``search_text`` is trigram-similar
(``pg_trgm``), an extra source for spellings that break every key.

Named limits (tested on their own): ``MAX_POSTINGS``, ``FALLBACK_KEYS``, ``CANDIDATE_LIMIT``,
``TRIGRAM_LIMIT``, ``TRIGRAM_MIN_SIMILARITY``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from .blocking import key_kind, key_weight
from .models import PersonKey, PersonKeyFrequency

MAX_POSTINGS = 1000
"""A key held by more persons than this is a stop key for candidate generation."""
FALLBACK_KEYS = 3
"""When every query key is a stop key, this many of the rarest are read anyway (capped)."""
CANDIDATE_LIMIT = 100
"""Candidates handed to scoring."""
TRIGRAM_LIMIT = 50
"""Extra candidates from ``pg_trgm`` at most."""
TRIGRAM_MIN_SIMILARITY = 0.3
"""``pg_trgm`` similarity (0..1) below which a person is not a trigram candidate."""
TOTAL_KEY = "#persons"
"""The frequency row that counts indexed persons (the ``total`` of inverse frequency)."""


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


@transaction.atomic
def store_keys(person_id: int, keys: Iterable[str]) -> tuple[int, int]:
    """Make ``person_id``'s stored keys exactly ``keys``; keep frequencies in step.

    Returns ``(added, removed)`` key counts. An empty ``keys`` removes the person from the index
    (a merged person). Frequencies are updated with ``count = count ± 1`` in the database, so
    concurrent writers do not lose updates (a key first seen by two writers at once may be
    under-counted by one; :func:`rebuild_frequencies` recounts).
    """
    keys = set(keys)
    old = set(PersonKey.objects.filter(person_id=person_id).values_list("key", flat=True))
    added, removed = keys - old, old - keys
    if removed:
        PersonKey.objects.filter(person_id=person_id, key__in=removed).delete()
        for chunk in _chunks(sorted(removed)):
            PersonKeyFrequency.objects.filter(key__in=chunk).update(count=F("count") - 1)
    if added:
        PersonKey.objects.bulk_create(
            [PersonKey(person_id=person_id, key=k, kind=key_kind(k)) for k in sorted(added)], batch_size=500,
        )
        _increment(sorted(added))
    if not old and keys:
        _increment([TOTAL_KEY])
    elif old and not keys:
        PersonKeyFrequency.objects.filter(key=TOTAL_KEY).update(count=F("count") - 1)
    return len(added), len(removed)


def _increment(keys: list[str]) -> None:
    for chunk in _chunks(keys):
        existing = set(PersonKeyFrequency.objects.filter(key__in=chunk).values_list("key", flat=True))
        if existing:
            PersonKeyFrequency.objects.filter(key__in=existing).update(count=F("count") + 1)
        missing = [k for k in chunk if k not in existing]
        if missing:
            PersonKeyFrequency.objects.bulk_create(
                [PersonKeyFrequency(key=k, count=1) for k in missing], ignore_conflicts=True,
            )


@transaction.atomic
def rebuild_frequencies() -> int:
    """Recount every key's frequency (and the persons total) from :class:`PersonKey`; returns
    the number of distinct keys. For batch loads and after interrupted writes."""
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {PersonKeyFrequency._meta.db_table}")
        cur.execute(
            f"INSERT INTO {PersonKeyFrequency._meta.db_table} (key, count) "
            f"SELECT key, COUNT(*) FROM {PersonKey._meta.db_table} GROUP BY key"
        )
        cur.execute(
            f"INSERT INTO {PersonKeyFrequency._meta.db_table} (key, count) "
            f"SELECT %s, COUNT(DISTINCT person_id) FROM {PersonKey._meta.db_table}",
            [TOTAL_KEY],
        )
    return PersonKeyFrequency.objects.exclude(key=TOTAL_KEY).count()


def frequencies(keys: Iterable[str]) -> dict[str, int]:
    """``{key: persons holding it}`` for ``keys`` (absent keys are left out)."""
    out: dict[str, int] = {}
    for chunk in _chunks(sorted(set(keys))):
        out.update(PersonKeyFrequency.objects.filter(key__in=chunk).values_list("key", "count"))
    return out


def indexed_total() -> int:
    """How many persons have keys."""
    row = PersonKeyFrequency.objects.filter(key=TOTAL_KEY).values_list("count", flat=True).first()
    return row or 0


@dataclass(frozen=True)
class KeyCandidate:
    """A person found through the key table: ``weight`` (summed key weights) and ``shared`` keys."""

    person_id: int
    weight: float
    shared: frozenset[str]


def key_candidates(
    query_keys: Iterable[str],
    *,
    limit: int = CANDIDATE_LIMIT,
    max_postings: int = MAX_POSTINGS,
    person_filter: dict | None = None,
) -> list[KeyCandidate]:
    """Persons sharing keys with the query, heaviest first (ties by person id).

    ``person_filter``: extra lookups on :class:`PersonKey` (``{"person_id__in": <subquery of a
    jurisdiction's persons>}``) to read only one jurisdiction's postings. The steps are in the module docstring.
    """
    query_keys = sorted(set(query_keys))
    if not query_keys:
        return []
    freq = frequencies([*query_keys, TOTAL_KEY])
    total = max(freq.pop(TOTAL_KEY, 0), 1)
    present = [k for k in query_keys if freq.get(k)]
    if not present:
        return []
    usable = [k for k in present if freq[k] <= max_postings]
    capped = False
    if not usable:
        usable = sorted(present, key=lambda k: (freq[k], k))[:FALLBACK_KEYS]
        capped = True
    postings: dict[str, list[int]] = defaultdict(list)
    qs = PersonKey.objects.filter(key__in=usable)
    if person_filter:
        qs = qs.filter(**person_filter)
    if capped:
        for key in usable:
            ids = (PersonKey.objects.filter(key=key, **(person_filter or {}))
                   .order_by("person_id").values_list("person_id", flat=True)[:max_postings])
            postings[key] = list(ids)
    else:
        for key, pid in qs.values_list("key", "person_id"):
            postings[key].append(pid)
    weights: dict[int, float] = defaultdict(float)
    shared: dict[int, set[str]] = defaultdict(set)
    for key in usable:
        w = key_weight(key, freq[key], total)
        for pid in postings.get(key, ()):
            weights[pid] += w
            shared[pid].add(key)
    ranked = sorted(weights, key=lambda pid: (-round(weights[pid], 9), pid))[:limit]
    return [KeyCandidate(pid, round(weights[pid], 6), frozenset(shared[pid])) for pid in ranked]


def load_postings(max_postings: int = MAX_POSTINGS) -> dict[str, list[int]]:
    """Every key held by 2 to ``max_postings`` persons, with its persons' ids (ascending): the
    in-memory key index of batch duplicate detection (keys held by one person pair nobody;
    commoner keys are stop keys, as in :func:`key_candidates`)."""
    postings: dict[str, list[int]] = defaultdict(list)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT k.key, k.person_id FROM {PersonKey._meta.db_table} k "
            f"JOIN {PersonKeyFrequency._meta.db_table} f ON f.key = k.key "
            f"WHERE f.count BETWEEN 2 AND %s",
            [max_postings],
        )
        while rows := cur.fetchmany(10000):
            for key, pid in rows:
                postings[key].append(pid)
    for ids in postings.values():
        ids.sort()
    return dict(postings)


def trigram_available() -> bool:
    """Whether the database can answer :func:`trigram_candidates` (PostgreSQL with pg_trgm)."""
    return connection.vendor == "postgresql"


def trigram_candidates(text: str, *, limit: int | None = None, min_similarity: float = TRIGRAM_MIN_SIMILARITY,
                       unit_ids: Iterable[int] | None = None) -> list[tuple[int, float]]:
    """On PostgreSQL: ``[(person id, similarity)]`` of active persons whose ``search_text`` is
    trigram-similar to ``text`` (best first, ties by id), at most ``limit`` (default
    :data:`TRIGRAM_LIMIT`); ``[]`` elsewhere or for empty text. ``unit_ids``: only persons recorded by these units (a station officer's jurisdiction), so
    that the limit is spent on persons the officer may see.

    Uses the GIN index on ``(unit_id, search_text gin_trgm_ops)`` (``btree_gin``) through the
    ``%`` operator (threshold set per transaction with ``set_limit``): with ``unit_ids`` one
    index scan intersects the units' entries with the trigrams'.
    """
    if not text or not trigram_available():
        return []
    limit = TRIGRAM_LIMIT if limit is None else limit
    where, params = "", []
    if unit_ids is not None:
        units = sorted(set(unit_ids))
        if not units:
            return []
        where, params = " AND unit_id = ANY(%s)", [units]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT set_limit(%s)", [min_similarity])
        cur.execute(
            "SELECT id, similarity(search_text, %s) AS sim FROM persons_person "
            f"WHERE search_text %% %s AND merged_into_id IS NULL{where} ORDER BY sim DESC, id LIMIT %s",
            [text, text, *params, limit],
        )
        return [(int(pid), float(sim)) for pid, sim in cur.fetchall()]
