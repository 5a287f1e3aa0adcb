"""Accuracy of missing ↔ UIDB matching on a generated ground-truth set (issue 7, item 7).

Generates ``--missing`` missing persons and ``--bodies`` unidentified bodies, ``--true`` of them
the same people with realistic noise (age estimated ±5–8 years, height ±5 cm, marks described
in other words, clothing partly recorded, names unknown), scores every body against each true
missing person after the same blocking the service uses (sex, date, birth years), and reports
precision@1, recall@10 and the rank of each true match. Pure scoring (:mod:`cctns.missing.scoring`),
no database; the PostgreSQL speed benchmark is not written yet.

    PYTHONPATH=$PWD/src .venv/bin/python bench/missing_matching.py [--missing 20000 --bodies 3000 --true 600]
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import time
from pathlib import Path

from cctns.missing import scoring

MARK_WORDS = {"scar": ["cut scar", "old wound mark", "stitch mark"], "mole": ["black mole", "dark til"],
              "tattoo": ["om tattoo", "tattoo of om", "name tattoo ram"], "birthmark": ["brown patch", "birth mark"]}
LOCS = ["left_arm", "right_arm", "face", "chest", "back", "neck", "left_leg", "right_leg"]
CLOTHES = ["blue shirt", "red saree", "black trousers", "white kurta", "green t-shirt", "grey jeans", "brown sweater",
           "yellow salwar", "checked shirt", "rubber slippers", "sports shoes", "silver ring", "wrist watch"]


def person(rng, day):
    age = rng.randint(5, 80)
    born = scoring.Descriptor(event_date=day).event_date.year - age
    h = rng.randint(120, 185)
    marks = [(t, rng.choice(LOCS), rng.choice(MARK_WORDS[t])) for t in rng.sample(list(MARK_WORDS), rng.randint(0, 2))]
    return dict(sex=rng.choice("MF"), age=age, born=born, height=h, marks=marks,
                items=rng.sample(CLOTHES, rng.randint(2, 4)), state=f"s{rng.randint(1, 5)}",
                district=f"d{rng.randint(1, 60)}", build=rng.choice(["thin", "medium", "stout"]))


def missing_desc(p, day):
    return scoring.Descriptor(event_date=day, sex=p["sex"], born_from=p["born"] - 2.0, born_to=p["born"] + 1.0,
                              height_min=p["height"] - 3, height_max=p["height"] + 3, district=p["district"],
                              state=p["state"], build=p["build"], marks=p["marks"], items=p["items"])


def body_desc(rng, p, day, last_seen):
    elapsed = (day - last_seen).days / 365.25
    est = p["age"] + elapsed + rng.choice([-1, 1]) * rng.uniform(5, 8)
    h = p["height"] + rng.uniform(-5, 5)
    marks = [(t, loc, rng.choice(MARK_WORDS[t])) for t, loc, _ in p["marks"] if rng.random() < 0.8]
    items = [c for c in p["items"] if rng.random() < 0.5]
    district = p["district"] if rng.random() < 0.6 else f"d{rng.randint(1, 60)}"
    at = day.year + 0.5
    return scoring.Descriptor(event_date=day, sex=p["sex"], born_from=at - est - 5, born_to=at - est + 5,
                              height_min=h - 2, height_max=h + 2, district=district, state=p["state"],
                              build=p["build"] if rng.random() < 0.7 else "", marks=marks, items=items)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--missing", type=int, default=20000)
    ap.add_argument("--bodies", type=int, default=3000)
    ap.add_argument("--true", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="bench/results/missing_matching.json")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    start = datetime.date(2020, 1, 1)
    missing = []
    for _ in range(args.missing):
        day = start + datetime.timedelta(days=rng.randint(0, 1500))
        missing.append((day, person(rng, day)))
    bodies, truth = [], {}
    for i in range(args.true):
        day, p = missing[i]
        found = day + datetime.timedelta(days=rng.randint(0, 300))
        truth[i] = len(bodies)
        bodies.append(body_desc(rng, p, found, day))
    while len(bodies) < args.bodies:
        day = start + datetime.timedelta(days=rng.randint(0, 1800))
        bodies.append(body_desc(rng, person(rng, day), day, day))
    t0 = time.perf_counter()
    ranks = []
    for i, b_idx in truth.items():
        day, p = missing[i]
        m = missing_desc(p, day)
        scored = []
        for j, b in enumerate(bodies):  # the service's blocking: sex, date, birth years
            if b.sex != m.sex or b.event_date < day - datetime.timedelta(days=1):
                continue
            if b.born_from > m.born_to + 12 or b.born_to < m.born_from - 12:
                continue
            r = scoring.score_pair(m, b)
            if r is not None:
                scored.append((r.score, j))
        scored.sort(reverse=True)
        order = [j for _, j in scored]
        ranks.append(order.index(b_idx) + 1 if b_idx in order else None)
    elapsed = time.perf_counter() - t0
    found = [r for r in ranks if r is not None]
    result = {"missing": args.missing, "bodies": args.bodies, "true_matches": args.true,
              "precision_at_1": round(sum(1 for r in found if r == 1) / len(ranks), 4),
              "recall_at_10": round(sum(1 for r in found if r <= 10) / len(ranks), 4),
              "not_retrieved": len(ranks) - len(found), "seconds": round(elapsed, 1),
              "ms_per_query": round(1000 * elapsed / len(ranks), 1), "ranks": ranks}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print({k: v for k, v in result.items() if k != "ranks"})


if __name__ == "__main__":
    main()
