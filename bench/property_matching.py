"""Benchmark: vehicle matching accuracy and speed — one check (registration, chassis, engine
numbers, with partial, tampered and mistyped reads) against N stolen vehicles on PostgreSQL.

Run::

    .venv/bin/python bench/property_matching.py --n 1000000 [--queries 1000] [--keep] [--reuse]

What it does, in a private database (``cctns_bench_property``, dropped at the end unless
``--keep``; ``--reuse`` checks against an existing one without reloading):

1. migrates, makes a state with 10 districts and 100 police stations;
2. generates N vehicles reported stolen (registration marks of 20 state codes written in mixed
   styles, 17-character VINs of 12 makers' model codes with 6-digit serials, engine numbers of a
   5-character engine code and a 7-digit serial), derives their normal forms and index columns
   with the app's own functions (:mod:`cctns.property.normalise`) and bulk-loads both tables with
   ``COPY`` (secondary indexes dropped during the load and rebuilt after, timed);
3. draws Q ground-truth queries from random vehicles, each of one noise kind: registration
   written differently (spaces, hyphens, leading zeros, O/0 and I/1), registration mistyped (one
   character wrong or two adjacent swapped), chassis partial (only the last 6–9 characters
   legible), chassis tampered (1–2 characters over-punched), chassis with 1–2 characters
   missing, engine partial, engine tampered, and registration mistyped plus chassis tampered;
4. runs ``cctns.property.services.check_vehicle`` for each (the same call as the check page and
   ``GET /api/v1/vehicles/check``) and reports precision@1, recall@10 and the rank of the true
   vehicle per kind, and the time of one check (median, p95, max, in ms).

Writes ``bench/results/property_matching.json``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import string
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

PG = "postgres://postgres@127.0.0.1:5432"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1_000_000, help="stolen vehicles")
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--db", default="cctns_bench_property")
    p.add_argument("--keep", action="store_true", help="keep the database")
    p.add_argument("--reuse", action="store_true", help="check against an existing database (no load)")
    p.add_argument("--seed", type=int, default=20260701)
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

from bench.common import median, percentile, write_result  # noqa: E402
from cctns.core.constants import UnitKind  # noqa: E402
from cctns.core.models import Unit  # noqa: E402
from cctns.property import normalise as n  # noqa: E402
from cctns.property.services import check_vehicle  # noqa: E402

STATES = ["AP", "TS", "KA", "TN", "MH", "DL", "UP", "BR", "WB", "GJ", "RJ", "MP", "KL", "OD", "PB", "HR", "JH",
          "CG", "AS", "UK"]
SERIES_LETTERS = [c for c in string.ascii_uppercase if c not in "IO"]
#: (maker, model, WMI, VDS + check digit (6), engine code (5), type)
MODELS = [
    ("Hero", "Splendor", "MBL", "HA10AM", "HA10E", "motorcycle"), ("Hero", "Passion", "MBL", "JA05EZ", "JA05E", "motorcycle"),
    ("Honda", "Activa", "ME4", "JF50EA", "JF50E", "motorcycle"), ("Honda", "Shine", "ME4", "JC65EB", "JC65E", "motorcycle"),
    ("Bajaj", "Pulsar", "MD2", "A11CZ9", "DHZCF", "motorcycle"), ("TVS", "Apache", "MD6", "25ACX3", "AE4AC", "motorcycle"),
    ("Maruti", "Swift", "MA3", "EWDE1S", "K12MN", "car"), ("Maruti", "Alto", "MA3", "FBB1S0", "F8DN4", "car"),
    ("Hyundai", "i20", "MAL", "BM51BL", "G4LAB", "car"), ("Tata", "Ace", "MAT", "445032", "275ID", "truck"),
    ("Mahindra", "Bolero", "MA1", "TA2GLK", "M2DIC", "car"), ("Bajaj", "RE", "MD2", "AAE1Z2", "AZYCE", "auto"),
]
PLANTS = "ABCDEFGHJK"
YEARS = {2014: "E", 2015: "F", 2016: "G", 2017: "H", 2018: "J", 2019: "K", 2020: "L", 2021: "M", 2022: "N", 2023: "P",
         2024: "R", 2025: "S"}
COLOURS = ["Black", "Red", "Blue", "Silver", "White", "Grey"]

ITEM_COLUMNS = ["id", "global_id", "origin_state", "origin_unit_id", "version", "created_at", "updated_at", "kind",
                "police_station_id", "state", "state_changed_at", "seizure_reference", "occurred_on", "place",
                "owner_name", "owner_mobile", "reported_by_public", "remarks"]
VEHICLE_COLUMNS = ["propertyitem_ptr_id", "registration_number", "chassis_number", "engine_number", "make", "model",
                   "colour", "vehicle_type", "year", "registration_normalised", "registration_head", "registration_tail",
                   "chassis_normalised", "chassis_reversed", "chassis_w1", "chassis_w2", "chassis_w3",
                   "engine_normalised", "engine_reversed", "engine_w1", "engine_w2", "engine_w3"]


def make_units():
    national = Unit.objects.create(code="IN", name="India", kind=UnitKind.NATIONAL)
    state = Unit.objects.create(code="28", name="Andhra Pradesh", kind=UnitKind.STATE, parent=national)
    stations = []
    for d in range(10):
        district = Unit.objects.create(code=f"28-D{d:02d}", name=f"District {d}", kind=UnitKind.DISTRICT, parent=state)
        for s in range(10):
            stations.append(Unit.objects.create(code=f"28-D{d:02d}-PS{s:02d}", name=f"PS {d}-{s}",
                                                kind=UnitKind.POLICE_STATION, parent=district))
    return stations


def write_registration(state: str, rto: int, series: str, number: int, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{state} {rto:02d} {series} {number:04d}"
    if style < 0.7:
        return f"{state}{rto:02d}{series}{number:04d}"
    if style < 0.9:
        return f"{state}-{rto:02d}-{series}-{number}"
    return f"{state} {rto} {series} {number}"


def vehicle(rng: random.Random) -> dict:
    maker, model, wmi, vds, engine_code, vtype = rng.choice(MODELS)
    year = rng.choice(list(YEARS))
    serial = rng.randrange(1_000_000)
    chassis = f"{wmi}{vds}{YEARS[year]}{rng.choice(PLANTS)}{serial:06d}"
    engine = f"{engine_code}{rng.randrange(10_000_000):07d}"
    series = "".join(rng.choice(SERIES_LETTERS) for _ in range(rng.choice([1, 2, 2, 2, 3])))
    reg = write_registration(rng.choice(STATES), rng.randrange(1, 60), series, rng.randrange(1, 10000), rng)
    return {"registration_number": reg, "chassis_number": chassis, "engine_number": engine, "make": maker,
            "model": model, "colour": rng.choice(COLOURS), "vehicle_type": vtype, "year": year}


def derived(v: dict) -> list:
    reg = n.parse_registration(v["registration_number"])
    out = [reg.normalised, reg.head, reg.tail]
    for raw in (v["chassis_number"], v["engine_number"]):
        norm = n.normalise_serial(raw)
        out += [norm, n.reverse(norm), *n.serial_windows(norm)]
    return out


def _secondary_indexes(cur, tables: list[str]) -> list[tuple[str, str]]:
    cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [tables])
    return [(name, sql) for name, sql in cur.fetchall() if not name.endswith(("_pkey", "_key", "_uniq"))]


def load(count: int, stations: list, seed: int) -> tuple[dict, list]:
    """Bulk-load ``count`` stolen vehicles; returns (timings, sample of (id, fields))."""
    timings: dict = {}
    rng = random.Random(seed)
    tables = ["property_propertyitem", "property_vehicle"]
    with connection.cursor() as cur:
        indexes = _secondary_indexes(cur, tables)
        for name, _sql in indexes:
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
    url = os.environ["DATABASE_URL"]
    conns = [psycopg.connect(url) for _ in range(2)]
    now = datetime.datetime.now(datetime.UTC)
    samples = []
    started = time.perf_counter()
    with conns[0].cursor() as c0, conns[1].cursor() as c1, \
            c0.copy(f"COPY property_propertyitem ({', '.join(ITEM_COLUMNS)}) FROM STDIN") as cp_i, \
            c1.copy(f"COPY property_vehicle ({', '.join(VEHICLE_COLUMNS)}) FROM STDIN") as cp_v:
        for pk in range(1, count + 1):
            v = vehicle(rng)
            station = stations[pk % len(stations)]
            occurred = datetime.date(2025, 1, 1) + datetime.timedelta(days=pk % 500)
            cp_i.write_row((pk, uuid.UUID(int=rng.getrandbits(128), version=4), "28", station.pk, 1, now, now, "vehicle",
                            station.pk, "stolen", now, "", occurred, "", "", "", False, ""))
            cp_v.write_row((pk, v["registration_number"], v["chassis_number"], v["engine_number"], v["make"], v["model"],
                            v["colour"], v["vehicle_type"], v["year"], *derived(v)))
            if rng.random() < 0.01 and len(samples) < 20000:
                samples.append((pk, v))
    with conns[0].cursor() as c0:
        c0.execute("SELECT setval(pg_get_serial_sequence('property_propertyitem', 'id'), %s)", [count])
    for conn in conns:
        conn.commit()
        conn.close()
    timings["load_s"] = round(time.perf_counter() - started, 1)
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        for _name, sql in indexes:
            cur.execute(sql)
        cur.execute("ANALYZE property_propertyitem")
        cur.execute("ANALYZE property_vehicle")
    timings["index_build_s"] = round(time.perf_counter() - t0, 1)
    return timings, samples


def sample_from_db(rng: random.Random, count: int) -> list:
    from cctns.property.models import Vehicle

    top = Vehicle.objects.order_by("-pk").values_list("pk", flat=True).first()
    ids = sorted(rng.sample(range(1, top + 1), min(count, top)))
    return [(v["pk"], v) for v in Vehicle.objects.filter(pk__in=ids).values(
        "pk", "registration_number", "chassis_number", "engine_number")]


# ----------------------------------------------------------------------------- noise

DIGIT_CONFUSION = {"0": "O", "1": "I"}


def rewrite_registration(raw: str, rng: random.Random) -> str:
    """The same mark written differently: other separators, leading zeros dropped or added, a
    0 read as O or a 1 as I in a digit position."""
    reg = n.parse_registration(raw)
    norm = reg.normalised
    state, rest = norm[:2], norm[2:]
    rto, tail = rest[:2], rest[2:]
    series = "".join(ch for ch in tail if ch.isalpha())
    number = tail[len(series):]
    if rng.random() < 0.5:
        rto = rto.lstrip("0") or "0"
        number = number.lstrip("0") or "0"
    text = rng.choice([" ", "-", "", "."]).join([state, rto, series, number])
    chars = list(text)
    digit_pos = [i for i, ch in enumerate(chars) if ch in DIGIT_CONFUSION and i >= 2]
    if digit_pos and rng.random() < 0.6:
        i = rng.choice(digit_pos)
        chars[i] = DIGIT_CONFUSION[chars[i]]
    return "".join(chars).lower() if rng.random() < 0.3 else "".join(chars)


def mistype(text: str, rng: random.Random, alphabet: str) -> str:
    """One typing error: a character of ``alphabet`` wrong, or two adjacent characters swapped."""
    chars = list(n.alnum(text))
    if rng.random() < 0.3 and len(chars) > 3:
        i = rng.randrange(2, len(chars) - 1)
        if chars[i] != chars[i + 1]:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
            return "".join(chars)
    positions = [i for i, ch in enumerate(chars) if ch.isdigit()] or list(range(len(chars)))
    i = rng.choice(positions)
    chars[i] = rng.choice([d for d in alphabet if d != chars[i]])
    return "".join(chars)


def tamper(serial: str, rng: random.Random, k: int) -> str:
    """``k`` characters over-punched or misread (different characters, distinct positions)."""
    chars = list(serial)
    for i in rng.sample(range(len(chars)), k):
        pool = string.digits if chars[i].isdigit() else string.ascii_uppercase
        chars[i] = rng.choice([c for c in pool if c != chars[i] and c not in "IOQ"])
    return "".join(chars)


def drop_chars(serial: str, rng: random.Random, k: int) -> str:
    chars = list(serial)
    for _ in range(k):
        del chars[rng.randrange(len(chars))]
    return "".join(chars)


KINDS = ["registration_rewritten", "registration_mistyped", "chassis_partial", "chassis_tampered",
         "chassis_missing", "engine_partial", "engine_tampered", "registration_mistyped+chassis_tampered"]


def make_query(kind: str, v: dict, rng: random.Random) -> dict:
    if kind == "registration_rewritten":
        return {"registration_number": rewrite_registration(v["registration_number"], rng)}
    if kind == "registration_mistyped":
        return {"registration_number": mistype(v["registration_number"], rng, string.digits)}
    if kind == "chassis_partial":
        return {"chassis_number": v["chassis_number"][-rng.randint(6, 9):]}
    if kind == "chassis_tampered":
        return {"chassis_number": tamper(v["chassis_number"], rng, rng.choice([1, 2]))}
    if kind == "chassis_missing":
        return {"chassis_number": drop_chars(v["chassis_number"], rng, rng.choice([1, 2]))}
    if kind == "engine_partial":
        return {"engine_number": v["engine_number"][-rng.randint(6, 9):]}
    if kind == "engine_tampered":
        return {"engine_number": tamper(v["engine_number"], rng, rng.choice([1, 2]))}
    return {"registration_number": mistype(v["registration_number"], rng, string.digits),
            "chassis_number": tamper(v["chassis_number"], rng, 2)}


def evaluate(samples: list, count: int, seed: int) -> tuple[dict, dict, list[float]]:
    rng = random.Random(seed + 1)
    per_kind: dict[str, list[int | None]] = defaultdict(list)
    times: list[float] = []
    check_vehicle(registration_number="AP09BX0001")  # warm the connection
    for i in range(count):
        pk, v = rng.choice(samples)
        kind = KINDS[i % len(KINDS)]
        q = make_query(kind, v, rng)
        t0 = time.perf_counter()
        hits = check_vehicle(**q)
        times.append((time.perf_counter() - t0) * 1000)
        ranks = [h.vehicle.pk for h in hits]
        per_kind[kind].append(ranks.index(pk) + 1 if pk in ranks else None)
    kinds = {}
    all_ranks = []
    for kind, ranks in per_kind.items():
        all_ranks += ranks
        kinds[kind] = {"queries": len(ranks), "precision_at_1": round(sum(r == 1 for r in ranks) / len(ranks), 4),
                       "recall_at_10": round(sum(r is not None and r <= 10 for r in ranks) / len(ranks), 4),
                       "ranks_histogram": {str(k): sum(r == k for r in ranks) for k in range(1, 11)}
                       | {"missed": sum(r is None for r in ranks)}}
    overall = {"queries": len(all_ranks),
               "precision_at_1": round(sum(r == 1 for r in all_ranks) / len(all_ranks), 4),
               "recall_at_10": round(sum(r is not None and r <= 10 for r in all_ranks) / len(all_ranks), 4)}
    return overall, kinds, times


def main():
    timings: dict = {}
    if ARGS.reuse:
        samples = sample_from_db(random.Random(ARGS.seed), 5000)
    else:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        timings["migrate_s"] = round(time.perf_counter() - t0, 1)
        stations = make_units()
        load_timings, samples = load(ARGS.n, stations, ARGS.seed)
        timings.update(load_timings)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM property_vehicle")
        total = cur.fetchone()[0]
        cur.execute("SELECT pg_total_relation_size('property_vehicle') + pg_total_relation_size('property_propertyitem')")
        size_mb = round(cur.fetchone()[0] / 2**20, 1)
    overall, kinds, times = evaluate(samples, ARGS.queries, ARGS.seed)
    metrics = {
        "vehicles": total,
        "queries": overall["queries"],
        "precision_at_1": overall["precision_at_1"],
        "recall_at_10": overall["recall_at_10"],
        "check_median_ms": round(median(times), 1),
        "check_p95_ms": round(percentile(times, 95), 1),
        "check_max_ms": round(max(times), 1),
        "tables_and_indexes_mb": size_mb,
        **timings,
    }
    path = write_result(f"property_matching{'' if ARGS.n == 1_000_000 else f'_{ARGS.n}'}", metrics,
                        baseline={"recall_at_10_target": 0.99, "check_ms_target": 200},
                        extra={"kinds": kinds})
    print(path)
    for k, v in metrics.items():
        print(f"{k:28} {v}")
    for kind, m in kinds.items():
        print(f"{kind:42} p@1 {m['precision_at_1']:.3f}  r@10 {m['recall_at_10']:.3f}  missed {m['ranks_histogram']['missed']}")
    if not ARGS.keep and not ARGS.reuse:
        drop_database(ARGS.db)


if __name__ == "__main__":
    main()
