"""The generated Indian-name variant set: every kind scores above the review threshold against
its original and blocking retrieves it (recall ≥ 0.98 per kind, both directions).

The figures are printed (``pytest -s``) so they can be quoted; the benchmark in ``bench/`` runs
the same evaluation on a larger set.
"""

import pytest

from cctns.matching.variants import (
    JOINED_MIDDLE,
    KINDS,
    MIDDLE,
    MOHAMMAD,
    base_names,
    evaluate_variants,
    variant_set,
    variants_of,
)

COUNT = 300
MIN_PER_KIND = 100


@pytest.fixture(scope="module")
def dataset():
    return variant_set(COUNT, min_per_kind=MIN_PER_KIND)


@pytest.fixture(scope="module")
def metrics(dataset):
    names, variants = dataset
    result = evaluate_variants(names, variants)
    print("\nkind          pairs  score≥review  mean  keys   r@1    r@10   reverse r@10")
    for kind in KINDS:
        m = result[kind]
        print(f"{kind:13} {m.pairs:5}  {m.score_pass:.3f}         {m.mean_score:.2f}  {m.key_recall:.3f}  "
              f"{m.recall_at_1:.3f}  {m.recall_at_10:.3f}  {m.reverse_recall_at_10:.3f}")
    return result


def test_forced_structures():
    assert all(len(n.latin) == 3 for n in base_names(10, structure=MIDDLE))
    assert all(n.latin[0] == "Mohammad" for n in base_names(10, structure=MOHAMMAD))
    joined = base_names(10, structure=JOINED_MIDDLE)
    assert all(len(n.latin) == 2 and n.latin[0].endswith(("kumar", "prasad", "chand", "lal")) for n in joined)


def test_deterministic():
    assert variant_set(20) == variant_set(20)
    assert variant_set(20, seed=1) != variant_set(20, seed=2)


def test_base_names_are_distinct_and_bilingual(dataset):
    names, _ = dataset
    assert len(names) >= COUNT and len(names) == len({n.text for n in names})
    assert all(len(n.latin) == len(n.devanagari) for n in names)


def test_every_kind_is_generated_and_labelled(dataset):
    _, variants = dataset
    kinds = {v.kind for v in variants}
    assert kinds == set(KINDS)
    assert all(sum(v.kind == kind for v in variants) >= MIN_PER_KIND for kind in KINDS)
    assert all(v.rule and v.variant != v.original for v in variants)
    assert len(variants) >= 1000


def test_variants_of_one_name():
    import random

    name = next(n for n in base_names(50, structure=MIDDLE) if n.latin[1] == "Kumar")
    variants = {v.kind: v for v in variants_of(name, random.Random(1))}
    assert variants["abbreviation"].variant.split()[1] in ("Kr.", "Kr", "KR.")
    assert variants["order"].variant.startswith(name.latin[-1])
    assert variants["script"].variant == " ".join(name.devanagari)


@pytest.mark.parametrize("kind", KINDS)
def test_scores_above_review_threshold(metrics, kind):
    assert metrics[kind].score_pass >= 0.98


@pytest.mark.parametrize("kind", KINDS)
def test_blocking_retrieves_the_original(metrics, kind):
    m = metrics[kind]
    assert m.key_recall >= 0.98
    assert m.recall_at_10 >= 0.98
    assert m.reverse_recall_at_10 >= 0.98


def test_unrelated_names_rarely_reach_the_review_threshold(dataset):
    """Precision on the same names: random pairs of different base names, name only."""
    import random

    from cctns.matching.names import analyse_name
    from cctns.matching.score import DEFAULT_CONFIG, combine, compare_names

    names, _ = dataset
    analysed = [analyse_name(n.text) for n in names]
    rng = random.Random(7)
    pairs = [rng.sample(range(len(analysed)), 2) for _ in range(3000)]
    high = sum(combine([compare_names(analysed[i], analysed[j])]).score >= DEFAULT_CONFIG.review_threshold
               for i, j in pairs)
    print(f"\nunrelated pairs at or above review: {high} of {len(pairs)}")
    assert high / len(pairs) <= 0.005
