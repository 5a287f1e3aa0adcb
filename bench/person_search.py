"""Benchmark: person search latency on PostgreSQL over N synthetic persons, index build time and
size, and batch duplicate detection throughput.

Run::

    .venv/bin/python bench/person_search.py --n 100000 [--queries 400] [--keep] [--reuse]

What it does, in a private database (``cctns_bench_persons``, dropped at the end unless
``--keep``; ``--reuse`` searches an existing one without reloading):

1. migrates, makes a state with 10 districts and 100 police stations;
2. generates N persons from the demo name lists (``cctns.core.demo.names``; a third written in
   Devanagari), analyses them with the matching engine and bulk-loads persons, names and
   blocking keys with ``COPY`` (psycopg 3), with the key table's and the trigram indexes dropped,
   then builds the indexes (timed: ``key_index_build_s``, ``trigram_index_build_s``) and the
   key frequencies;
3. searches Q variants of random persons' names (spelling, Devanagari, initials, order,
   abbreviation, honorific; ``cctns.matching.variants``) as an NCRB analyst (the whole node),
   key candidates only and with trigram candidates forced, and as a station writer; and plain
   ``pg_trgm`` (``search_text % q`` ordered by similarity, top 10) as the peer;
4. runs the batch duplicate detection over a sample of persons (records per second).

Writes ``bench/results/person_search_<N>.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

PG = "postgres://postgres@127.0.0.1:5432"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=100_000, help="synthetic persons")
    p.add_argument("--queries", type=int, default=400)
    p.add_argument("--db", default="cctns_bench_persons")
    p.add_argument("--keep", action="store_true", help="keep the database")
    p.add_argument("--reuse", action="store_true", help="search an existing database (no load)")
    p.add_argument("--dedupe-sample", type=int, default=2000, help="persons in the duplicate-detection run")
    p.add_argument("--seed", type=int, default=20260601)
    return p.parse_args()


ARGS = parse_args()
os.environ["DATABASE_URL"] = f"{PG}/{ARGS.db}"
os.environ.setdefault("CCTNS_ALLOW_DEV_KEY", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cctns.settings")

import psycopg  # noqa: E402


def recreate_database(name: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")


def drop_database(name: str) -> None:
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


if not ARGS.reuse:
    recreate_database(ARGS.db)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.common import percentile, write_result  # noqa: E402
from cctns.core.constants import Rank, Role, UnitKind  # noqa: E402
from cctns.core.demo.names import PersonNameGenerator  # noqa: E402
from cctns.core.models import Unit, User  # noqa: E402
from cctns.matching import services as keystore  # noqa: E402
from cctns.matching.blocking import key_kind, record_keys, relative_keys  # noqa: E402
from cctns.matching.names import analyse_name  # noqa: E402
from cctns.matching.transliterate import detect_script  # noqa: E402
from cctns.matching.variants import BaseName, variants_of  # noqa: E402
from cctns.persons import services  # noqa: E402
from cctns.persons.services import SearchQuery, search_persons, tokens_of  # noqa: E402

PERSON_COLUMNS = [
    "id", "global_id", "origin_state", "origin_unit_id", "version", "created_at", "updated_at", "unit_id", "name",
    "name_latin", "father_name", "mother_name", "husband_name", "sex", "age_min", "age_max", "age_estimated_on",
    "build", "complexion", "occupation", "nationality", "is_proclaimed_offender", "proclamation_reference",
    "proclamation_court", "is_history_sheeter", "history_sheet_reference", "cluster_id", "search_text", "match_data",
]
TODAY = datetime.date(2026, 6, 1)


def make_units():
    national = Unit.objects.create(code="IN", name="India", kind=UnitKind.NATIONAL)
    state = Unit.objects.create(code="28", name="Andhra Pradesh", kind=UnitKind.STATE, parent=national)
    ncrb_office = Unit.objects.create(code="IN-NCRB", name="NCRB", kind=UnitKind.OFFICE, parent=national)
    stations = []
    for d in range(10):
        district = Unit.objects.create(code=f"28-D{d:02d}", name=f"District {d}", kind=UnitKind.DISTRICT, parent=state)
        for s in range(10):
            stations.append(Unit.objects.create(code=f"28-D{d:02d}-PS{s:02d}", name=f"PS {d}-{s}",
                                                kind=UnitKind.POLICE_STATION, parent=district))
    return ncrb_office, stations


def generate(n: int, stations: list, seed: int):
    """Yield ``(person row, name row, keys, base name)`` for ``n`` persons."""
    gen = PersonNameGenerator(seed=seed)
    rng = random.Random(seed)
    now = datetime.datetime.now(datetime.UTC).isoformat()
    station_info = [(u.pk, u.code, u.parent.code) for u in stations]
    for i in range(1, n + 1):
        p = gen.person()
        devanagari = rng.random() < 1 / 3
        name = p.full_name_hi if devanagari else p.full_name
        relative = p.father_hi if devanagari else p.father
        unit_id, station_code, district_code = station_info[rng.randrange(len(station_info))]
        analysed = analyse_name(name)
        rel = analyse_name(relative)
        low = max(p.age - rng.choice((0, 2, 5)), 0)
        high = p.age + rng.choice((0, 3, 5))
        data = {
            "names": [[name, tokens_of(analysed)]], "relative": [relative, tokens_of(rel)], "sex": p.sex,
            "dob": None, "age": [low, high, TODAY.isoformat()], "station": station_code,
            "district": district_code, "place": None,
        }
        keys = set(record_keys(analysed)) | set(relative_keys(rel))
        text = services.search_text_from_match_data(data)
        father, husband = (relative, "") if p.relation == "father" else ("", relative)
        row = (i, str(uuid.uuid4()), "28", unit_id, 1, now, now, unit_id, name, analysed.latin[:300], father, "",
               husband, p.sex, low, high, TODAY.isoformat(), "", "", "", "Indian", False, "", "", False, "", i, text,
               json.dumps(data, ensure_ascii=False))
        name_row = (i, "primary", name, detect_script(name), analysed.latin[:300],
                    json.dumps(tokens_of(analysed), ensure_ascii=False), now)
        base = BaseName(tuple(p.full_name.split()), tuple(p.full_name_hi.split()), p.sex)
        yield row, name_row, keys, base


def load(n: int, stations: list, seed: int) -> tuple[dict, list]:
    """Bulk-load persons, names and keys; returns (timings, sample of (person id, base name))."""
    timings = {}
    samples = []
    with connection.cursor() as cur:
        cur.execute("ALTER TABLE matching_personkey DROP CONSTRAINT IF EXISTS matching_personkey_once")
        cur.execute("DROP INDEX IF EXISTS matching_personkey_key")
        cur.execute("DROP INDEX IF EXISTS persons_person_search_text_trgm")
        for idx in [r[0] for r in _indexes(cur, "matching_personkey") if "pkey" not in r[0]]:
            cur.execute(f'DROP INDEX IF EXISTS "{idx}"')
    # Three connections, three concurrent COPY streams (one connection holds one COPY at a time);
    # persons commit first so that the names' and keys' deferred foreign keys hold at their commit.
    url = os.environ["DATABASE_URL"]
    conns = [psycopg.connect(url) for _ in range(3)]
    started = time.perf_counter()
    gen_time = 0.0
    key_rows = 0
    rng = random.Random(seed + 7)
    it = generate(n, stations, seed)
    with conns[0].cursor() as c0, conns[1].cursor() as c1, conns[2].cursor() as c2, \
            c0.copy(f"COPY persons_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN") as cp_p, \
            c1.copy("COPY persons_personname (person_id, kind, text, script, latin, tokens, created_at) FROM STDIN") as cp_n, \
            c2.copy("COPY matching_personkey (person_id, key, kind) FROM STDIN") as cp_k:
        while True:
            t0 = time.perf_counter()
            item = next(it, None)
            gen_time += time.perf_counter() - t0
            if item is None:
                break
            row, name_row, keys, base = item
            cp_p.write_row(row)
            cp_n.write_row(name_row)
            for k in keys:
                cp_k.write_row((row[0], k, key_kind(k)))
            key_rows += len(keys)
            if rng.random() < 0.02 and len(samples) < 20000:
                samples.append((row[0], base))
    with conns[0].cursor() as c0:
        c0.execute("SELECT setval(pg_get_serial_sequence('persons_person', 'id'), %s)", [n])
    for conn in conns:
        conn.commit()
        conn.close()
    timings["load_s"] = round(time.perf_counter() - started, 1)
    timings["generate_and_analyse_s"] = round(gen_time, 1)
    timings["key_rows"] = key_rows
    with connection.cursor() as cur:
        t0 = time.perf_counter()
        cur.execute("CREATE INDEX matching_personkey_key ON matching_personkey (key, person_id)")
        cur.execute("ALTER TABLE matching_personkey ADD CONSTRAINT matching_personkey_once UNIQUE (person_id, key)")
        timings["key_index_build_s"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        cur.execute("CREATE INDEX persons_person_search_text_trgm ON persons_person USING gin (search_text gin_trgm_ops)")
        timings["trigram_index_build_s"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        keystore.rebuild_frequencies()
        timings["key_frequencies_build_s"] = round(time.perf_counter() - t0, 1)
        cur.execute("ANALYZE")
    return timings, samples


def _indexes(cur, table):
    cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
    return cur.fetchall()


def sizes() -> dict:
    out = {}
    with connection.cursor() as cur:
        for label, rel in [("person_table_mb", "persons_person"), ("person_name_table_mb", "persons_personname"),
                           ("key_table_mb", "matching_personkey"), ("key_index_mb", "matching_personkey_key"),
                           ("key_unique_index_mb", "matching_personkey_once"),
                           ("trigram_index_mb", "persons_person_search_text_trgm"),
                           ("key_frequency_table_mb", "matching_personkeyfrequency")]:
            cur.execute("SELECT pg_relation_size(%s::regclass)", [rel])
            out[label] = round(cur.fetchone()[0] / 2**20, 1)
        cur.execute("SELECT pg_database_size(current_database())")
        out["database_mb"] = round(cur.fetchone()[0] / 2**20, 1)
    return out


def queries(samples: list, count: int, seed: int) -> list[tuple[int, str, str]]:
    rng = random.Random(seed + 11)
    out = []
    for pid, base in rng.sample(samples, min(count, len(samples))):
        variants = [v for v in variants_of(base, rng) if v.kind != "script" or rng.random() < 0.5]
        v = rng.choice(variants)
        out.append((pid, v.kind, v.variant))
    return out


def time_search(user, qs: list, **kwargs) -> tuple[list[float], float]:
    times, found = [], 0
    for _pid, _kind, text in qs:
        t0 = time.perf_counter()
        results = search_persons(user, SearchQuery(name=text, on=TODAY), limit=10, **kwargs)
        times.append((time.perf_counter() - t0) * 1000)
        found += bool(results.hits)
    return times, found / len(qs)


def time_plain_trigram(qs: list) -> list[float]:
    times = []
    with connection.cursor() as cur:
        cur.execute("SELECT set_limit(0.3)")
        for _pid, _kind, text in qs:
            q = services.search_text(analyse_name(text))
            t0 = time.perf_counter()
            cur.execute("SELECT id FROM persons_person WHERE search_text %% %s "
                        "ORDER BY similarity(search_text, %s) DESC LIMIT 10", [q, q])
            cur.fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    return times


def summary(prefix: str, times: list[float]) -> dict:
    return {f"{prefix}_p50_ms": round(percentile(times, 50), 1), f"{prefix}_p95_ms": round(percentile(times, 95), 1),
            f"{prefix}_max_ms": round(max(times), 1)}


def main():
    metrics: dict = {"persons": ARGS.n}
    if ARGS.reuse:
        ncrb_office = Unit.objects.get(code="IN-NCRB")
        stations = list(Unit.objects.filter(kind=UnitKind.POLICE_STATION).select_related("parent").order_by("code"))
        samples = []
        gen = PersonNameGenerator(seed=ARGS.seed)
        rng = random.Random(ARGS.seed)
        for i in range(1, min(ARGS.n, 50000) + 1):
            p = gen.person()
            rng.random(), rng.randrange(len(stations))  # keep the draw order of generate()
            rng.choice((0, 2, 5)), rng.choice((0, 3, 5))
            if i % 50 == 0:
                samples.append((i, BaseName(tuple(p.full_name.split()), tuple(p.full_name_hi.split()), p.sex)))
    else:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        metrics["migrate_s"] = round(time.perf_counter() - t0, 1)
        ncrb_office, stations = make_units()
        stations = list(Unit.objects.filter(pk__in=[s.pk for s in stations]).select_related("parent").order_by("code"))
        timings, samples = load(ARGS.n, stations, ARGS.seed)
        metrics.update(timings)
        metrics["persons_loaded_per_s"] = round(ARGS.n / timings["load_s"], 1)
    metrics.update(sizes())
    ncrb, _ = User.objects.get_or_create(username="bench_ncrb", defaults=dict(role=Role.NCRB_ANALYST, rank=Rank.DSP, unit=ncrb_office))
    writer, _ = User.objects.get_or_create(username="bench_writer", defaults=dict(role=Role.STATION_WRITER, rank=Rank.ASI, unit=stations[0]))
    qs = queries(samples, ARGS.queries, ARGS.seed)
    search_persons(ncrb, SearchQuery(name="warm up"), limit=10)  # imports, caches
    keys_times, keys_found = time_search(ncrb, qs, use_trigram=False)
    metrics.update(summary("search_keys", keys_times))
    metrics["search_keys_nonempty_share"] = round(keys_found, 3)
    default_times, _found = time_search(ncrb, qs)
    metrics.update(summary("search", default_times))
    tri_times, _found = time_search(ncrb, qs[: max(50, len(qs) // 4)], use_trigram=True)
    metrics.update(summary("search_with_trigram", tri_times))
    station_times, _found = time_search(writer, qs[: max(50, len(qs) // 4)])
    metrics.update(summary("search_station_writer", station_times))
    plain = time_plain_trigram(qs[: max(50, len(qs) // 4)])
    baseline = {"engine": "plain pg_trgm: search_text % q ORDER BY similarity LIMIT 10 (no scoring, no explanation)"}
    baseline.update(summary("pg_trgm", plain))
    metrics["queries"] = len(qs)
    if ARGS.dedupe_sample:
        ids = [pid for pid, _base in samples[: ARGS.dedupe_sample]]
        stats = services.batch_candidate_pairs(ids, on=TODAY)
        metrics["dedupe_records"] = stats["records"]
        metrics["dedupe_pairs_scored"] = stats["pairs_scored"]
        metrics["dedupe_records_per_s"] = stats["records_per_s"]
        metrics["dedupe_postings_load_s"] = stats["postings_load_s"]
        metrics["dedupe_records_per_s_after_load"] = stats["records_per_s_after_load"]
    path = write_result(f"person_search_{ARGS.n}", metrics, baseline)
    print(json.dumps(metrics, indent=2))
    print(json.dumps(baseline, indent=2))
    print(f"written: {path}")
    if not ARGS.keep:
        drop_database(ARGS.db)


if __name__ == "__main__":
    main()
