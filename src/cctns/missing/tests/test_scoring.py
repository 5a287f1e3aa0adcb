import datetime

import pytest

from cctns.missing import scoring as s

D = datetime.date


def desc(**kw):
    kw.setdefault("event_date", D(2025, 1, 1))
    return s.Descriptor(**kw)


def test_found_before_last_seen_is_no_match():
    assert s.date_possible(D(2025, 3, 10), D(2025, 3, 9))  # one day of slack
    assert not s.date_possible(D(2025, 3, 10), D(2025, 3, 8))
    assert s.score_pair(desc(event_date=D(2025, 3, 10)), desc(event_date=D(2025, 1, 1))) is None
    assert s.score_pair(desc(event_date=D(2025, 3, 10)), desc(event_date=D(2025, 4, 1))) is not None


def test_age_ranges_overlap_within_tolerance_and_decay_beyond():
    assert s.compare_age((1990, 1995), (1994, 2000)).score == 1.0
    assert s.compare_age((1990, 1995), (2001, 2005)).score == 1.0  # gap 6 = 2 × tolerance: edge
    assert s.compare_age((1990, 1995), (2004, 2008)).score == pytest.approx(0.5)
    assert s.compare_age(None, (1990, 1991)) is None
    with pytest.raises(ValueError):
        s.compare_age((1995, 1990), (1990, 1991))


def test_height_tolerance_edges():
    assert s.compare_height((160, 165), (170, 172)).score == 1.0  # 5 cm: agrees
    assert s.compare_height((160, 165), (175, 180)).score == pytest.approx(0.5)
    assert s.compare_height((160, 165), (171, 172)).score < 1.0


def test_sex_mismatch_is_a_strong_negative_and_unknown_is_neutral():
    assert s.compare_sex("M", "F").evidence < -5
    assert s.compare_sex("M", "U") is None


def test_places_by_distance_then_district_then_state():
    delhi, agra = (28.61, 77.21), (27.18, 78.01)
    near = s.compare_place(desc(lat=delhi[0], lon=delhi[1]), desc(lat=agra[0], lon=agra[1]))
    assert 170 < s.haversine_km(*delhi, *agra) < 190
    assert 0.3 < near.score < 0.5
    assert s.compare_place(desc(district="d1", state="s"), desc(district="d1", state="s")).score == 0.8
    assert s.compare_place(desc(district="d1", state="s"), desc(district="d2", state="t")).score == 0.2


def test_marks_type_location_then_text_in_any_script():
    same = s.mark_similarity(("scar", "left_arm", "cut scar"), ("scar", "left_arm", "old cut scar"))
    other_side = s.mark_similarity(("scar", "left_arm", ""), ("scar", "right_arm", ""))
    unrelated = s.mark_similarity(("tattoo", "chest", "om"), ("mole", "face", "black mole"))
    assert same > other_side > unrelated
    assert s.text_similarity("टैटू ओम", "tattoo om") > 0.6


def test_a_true_pair_outscores_a_different_person():
    missing = desc(sex="M", born_from=1990, born_to=1995, height_min=165, height_max=170,
                   marks=[("tattoo", "right_arm", "om")], items=["blue shirt", "black trousers"])
    body = desc(event_date=D(2025, 2, 1), sex="M", born_from=1988, born_to=1998, height_min=168, height_max=168,
                marks=[("tattoo", "right_arm", "om written")], items=["blue checked shirt"])
    stranger = desc(event_date=D(2025, 2, 1), sex="M", born_from=1960, born_to=1965, height_min=180,
                    height_max=182, marks=[("mole", "face", "")])
    good, bad = s.score_pair(missing, body), s.score_pair(missing, stranger)
    assert good.score > 0.9 > bad.score
    assert {f["field"] for f in s.explanation(good)} >= {"sex", "age", "height", "marks", "items"}
