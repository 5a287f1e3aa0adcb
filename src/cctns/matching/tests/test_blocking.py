"""Blocking keys and candidate generation."""

import pytest

from cctns.matching.blocking import (
    KEY_KINDS,
    KEY_WEIGHTS,
    KeyIndex,
    candidates,
    key_kind,
    key_weight,
    name_keys,
    record_keys,
    search_text,
)
from cctns.matching.names import analyse_name


def test_key_kinds_for_a_name():
    keys = record_keys("Ram Kumar Sharma")
    assert {"s:ram", "s:kumar", "s:sarm", "l:rm", "l:kmr", "l:srm"} <= keys
    assert "t:kumar|ram|sarm" in keys
    assert {"i:r:srm", "i:k:srm", "i:s:rm"} <= keys
    assert {"s:ramkumar", "l:rmkmr"} <= keys  # joined neighbours
    assert {key_kind(k) for k in keys} <= set(KEY_KINDS)


def test_keys_are_order_free():
    assert record_keys("Sharma Ram Kumar") & {"t:kumar|ram|sarm"}


@pytest.mark.parametrize("query,record", [
    ("R K Sharma", "Ram Kumar Sharma"),
    ("Ramkumar Sharma", "Ram Kumar Sharma"),
    ("Ram Kumar Sharma", "Ramkumar Sharma"),
    ("Sharma Ram", "Ram Sharma"),
    ("राम शर्मा", "Ram Sharma"),
    ("Mohd Salim", "Muhammed Salim"),
    ("Chaudhary Rakesh", "Rakesh Choudhury"),
    ("கணேசன்", "Ganesan"),
])
def test_variants_share_keys(query, record):
    assert record_keys(query) & record_keys(record)


def test_initials_alone_make_no_keys():
    assert name_keys(analyse_name("R K")) == frozenset()


def test_relative_keys():
    keys = record_keys("Ram S/o Shyam Lal")
    assert {"r:sym", "r:l"} <= keys
    assert "r:sym" in record_keys("Ram", relative_name="श्याम")
    assert not any(k.startswith("r:") for k in record_keys("Ram", kinds=("s", "l")))


def test_kinds_filter():
    keys = record_keys("Ram Kumar Sharma", kinds=("t",))
    assert keys == {"t:kumar|ram|sarm"}


def test_aliases_are_keyed():
    assert "s:papu" in record_keys("Ramesh @ Pappu")


def test_key_weight_uses_kind_and_frequency():
    assert key_weight("t:a|b") == KEY_WEIGHTS["t"]
    assert key_weight("l:kmr", frequency=900, total=1000) < key_weight("l:kmr", frequency=2, total=1000)


def test_candidates_ranked_by_shared_weight():
    postings = {"s:ram": [1, 2], "t:ram|sarm": [1], "l:srm": [1, 3]}
    found = candidates(["s:ram", "t:ram|sarm", "l:srm", "s:nothing"], postings)
    assert [c.id for c in found] == [1, 2, 3]
    assert found[0].shared == {"s:ram", "t:ram|sarm", "l:srm"}
    assert found[0].weight == KEY_WEIGHTS["s"] + KEY_WEIGHTS["t"] + KEY_WEIGHTS["l"]


def test_candidates_limit_and_stop_keys():
    postings = {"l:kmr": list(range(100)), "s:ram": [7]}
    assert [c.id for c in candidates(["l:kmr", "s:ram"], postings, max_postings=10)] == [7]
    # a query whose every key is common still finds something
    assert len(candidates(["l:kmr"], postings, max_postings=10, limit=5)) == 5


def test_key_index():
    index = KeyIndex()
    index.add("a", record_keys("Ram Kumar Sharma"))
    index.add("b", record_keys("Shyam Verma"))
    index.add("c", record_keys("Sita Devi"))
    assert len(index) == 3
    assert index.candidates(record_keys("R. K. Sharma"))[0].id == "a"
    index.add("a", record_keys("Gita Devi"))  # re-adding replaces
    assert "a" not in [c.id for c in index.candidates(record_keys("Ram Kumar Sharma"))]


def test_search_text():
    assert search_text("Mohd Salim @ Pappu") == "mohamad mohammad pappu papu salim"
    assert search_text("R K") == ""


def test_pair_keys_join_the_name_with_each_relative_word():
    from cctns.matching.blocking import pair_keys

    keys = pair_keys(analyse_name("Ram Sharma"), analyse_name("Suresh Sharma"))
    assert keys == {"p:ram|sarm>sures", "p:ram|sarm>sarm"}
    # order-free, any script, spelling variants; initials make none
    assert pair_keys(analyse_name("शर्मा राम"), analyse_name("सुरेश शर्मा")) == keys
    assert pair_keys(analyse_name("Raam Sarma"), analyse_name("Suresh Sharma")) == keys
    assert pair_keys(analyse_name("R. Sharma"), analyse_name("S. K.")) == frozenset()
    # only the relative's first three words
    assert len(pair_keys(analyse_name("Ram"), analyse_name("Suresh Chandra Prasad Sharma"))) == 3


def test_record_keys_include_pair_keys_with_a_relative():
    with_relative = record_keys("Ram Sharma", "Suresh Sharma")
    assert "p:ram|sarm>sures" in with_relative
    assert not any(k.startswith("p:") for k in record_keys("Ram Sharma"))
    assert "p:ram|sarm>sures" in record_keys("Ram Sharma S/o Suresh Sharma")
    assert not any(k.startswith("p:") for k in record_keys("Ram Sharma", "Suresh", kinds=("s", "t")))
