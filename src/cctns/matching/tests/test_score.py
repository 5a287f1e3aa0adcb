"""Scoring: name comparison, the other fields, configuration, monotonicity and explanations."""

import dataclasses
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cctns.matching.score import (
    DEFAULT_CONFIG,
    MATCH,
    NO_MATCH,
    FieldComparison,
    FieldRule,
    MatchConfig,
    MatchRecord,
    Place,
    age_range_from_birth_date,
    combine,
    compare,
    compare_age,
    compare_date,
    compare_fields,
    compare_identifier,
    compare_names,
    compare_place,
    compare_sex,
    compare_text,
    date_similarity,
    identifier_similarity,
    normalise_identifier,
    one_to_one,
    rank,
    shift_age_range,
    text_similarity,
)


def name_score(a, b, config=DEFAULT_CONFIG):
    return compare_names(a, b, config).score


class TestNames:
    def test_identical(self):
        assert name_score("Ram Kumar Sharma", "Ram Kumar Sharma") == 1.0

    def test_order_free(self):
        assert name_score("Sharma Ram Kumar", "Ram Kumar Sharma") == 1.0
        assert name_score("Sharma, Ram Kumar", "Ram Kumar Sharma") == 1.0

    def test_abbreviation_is_identity(self):
        assert name_score("Mohd. Salim", "Mohammad Salim") == 1.0
        assert name_score("Md Salim", "Muhammed Salim") == 1.0

    def test_initials_agree_but_less_than_words(self):
        initials = name_score("R K Sharma", "Ram Kumar Sharma")
        assert 0.9 <= initials < 1.0
        assert name_score("R K Sharma", "R K Sharma") == 1.0
        assert name_score("R K Sharma", "S K Sharma") < initials

    def test_joined_and_split(self):
        assert name_score("Ramkumar Sharma", "Ram Kumar Sharma") >= 0.95
        assert name_score("Siva Kumar", "Sivakumar") >= 0.95

    def test_join_must_spell_the_same_name(self):
        # "ramkumar" ~ "shyamkumar" is no evidence: the shared "kumar" is common
        assert name_score("Ram Kumar", "Shyam Kumar") < 0.6

    def test_phonetic_spellings(self):
        assert name_score("Anil Shrivastav", "Anil Srivastava") >= 0.97
        assert name_score("Rakesh Chaudhary", "Rakesh Choudhury") >= 0.9

    def test_scripts(self):
        assert name_score("सुरेश कुमार", "Suresh Kumar") == 1.0
        assert name_score("ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "Gurpreet Singh") >= 0.95

    def test_missing_middle_name_costs_less_than_a_wrong_one(self):
        missing = name_score("Ram Sharma", "Ram Kumar Sharma")
        wrong = name_score("Ram Mohan Sharma", "Ram Kumar Sharma")
        assert 0.85 < missing < 1.0
        assert wrong < missing

    def test_different_names(self):
        assert name_score("Ram", "Shyam") == 0.0
        assert name_score("Sita", "Gita") <= 0.75

    def test_aliases(self):
        comparison = compare_names("Ramesh @ Pappu", "Pappu")
        assert comparison.score == 1.0 and "alias" in comparison.detail

    def test_unreadable_names_are_not_compared(self):
        assert compare_names("", "Ram") is None
        assert compare_names("رام", "Ram") is None

    def test_symmetric(self):
        for a, b in [("R K Sharma", "Ram Kumar Sharma"), ("कमला देवी", "Kamala Devi"),
                     ("Ramkumar", "Ram Kumar"), ("Mohd Irfan", "Mohammad Salim")]:
            assert name_score(a, b) == name_score(b, a)


class TestFields:
    def test_age_overlap(self):
        c = compare_age((30, 35), (33, 40))
        assert c.score == 1.0 and "overlap" in c.detail

    def test_age_gap_halves_per_half_life(self):
        assert compare_age((30, 30), (32.5, 35)).score == pytest.approx(0.5)
        assert compare_age((20, 20), (40, 40)).score < 0.01

    def test_age_gap_is_negative_evidence(self):
        assert compare_age((20, 20), (40, 40)).evidence < -2.5

    def test_bad_age_range(self):
        with pytest.raises(ValueError):
            compare_age((40, 30), (30, 40))
        with pytest.raises(ValueError):
            compare_age((-1, 3), (1, 2))

    def test_unknown_age_not_compared(self):
        assert compare_age(None, (1, 2)) is None

    def test_shift_age_range(self):
        low, high = shift_age_range((30, 35), datetime.date(2020, 1, 1), datetime.date(2026, 1, 1))
        assert round(low) == 36 and round(high) == 41

    def test_age_from_birth_date(self):
        low, high = age_range_from_birth_date(datetime.date(1990, 1, 1), datetime.date(2020, 1, 1))
        assert low == high and round(low) == 30

    def test_sex(self):
        assert compare_sex("M", "m").evidence > 0
        assert compare_sex("M", "F").evidence == -DEFAULT_CONFIG.sex.penalty
        unknown = compare_sex("M", None)
        assert unknown.evidence == 0 and "unknown" in unknown.detail
        assert compare_sex("T", "F").evidence == 0
        assert compare_sex(None, "") is None

    def test_sex_mismatch_is_a_strong_negative(self):
        same = compare(MatchRecord.build("Ram Kumar", sex="M"), MatchRecord.build("Ram Kumar", sex="M"))
        other = compare(MatchRecord.build("Ram Kumar", sex="M"), MatchRecord.build("Ram Kumar", sex="F"))
        assert same.decision == MATCH
        assert other.decision == NO_MATCH

    def test_place(self):
        assert compare_place(Place("28-A-1", "28-A"), Place("28-A-1", "28-A")).score == 1.0
        assert compare_place(Place("28-A-1", "28-A"), Place("28-A-2", "28-A")).score == 0.8
        assert compare_place(Place("28-A-1", "28-A"), Place("28-B-1", "28-B")).score == 0.2
        text = compare_place(Place(text="रामपुर"), Place(text="Rampur"))
        assert text.score == 1.0
        assert compare_place(Place(), Place()) is None
        assert compare_place(None, Place("1")) is None


class TestDates:
    def test_same_date_in_any_form(self):
        assert date_similarity("1990-01-31", "19900131")[0] == 1.0
        assert date_similarity(datetime.date(1990, 1, 31), "1990-01-31")[0] == 1.0

    @pytest.mark.parametrize("other", [
        "19900132",  # one digit wrong (an impossible date is still comparable)
        "19900113",  # two adjacent digits swapped
        "19910131",  # one digit of the year wrong
    ])
    def test_one_typing_error(self, other):
        score, detail = date_similarity("19900131", other)
        assert score == DEFAULT_CONFIG.date_typo_similarity
        assert "typing error" in detail

    def test_day_and_month_swapped(self):
        assert date_similarity("1990-03-04", "1990-04-03")[0] == DEFAULT_CONFIG.date_typo_similarity

    def test_gap_halves_the_score_per_half_life(self):
        near = date_similarity("1990-06-15", "1991-09-20")[0]
        far = date_similarity("1990-06-15", "1994-11-20")[0]
        typo = DEFAULT_CONFIG.date_typo_similarity
        assert typo > near > far > 0
        years = (datetime.date(1994, 11, 20) - datetime.date(1990, 6, 15)).days / 365.25
        assert far == pytest.approx(typo * 0.5 ** (years / DEFAULT_CONFIG.age_half_life_years))

    def test_two_impossible_dates_far_apart_are_different(self):
        assert date_similarity("19105412", "19207799")[0] == 0.0

    def test_unreadable(self):
        assert date_similarity("31/1/90", "1990-01-31") == (0.0, "unreadable date")

    def test_compare_date_weights_and_unknowns(self):
        same = compare_date("1990-01-31", "1990-01-31")
        assert same.field == "date_of_birth" and same.evidence == DEFAULT_CONFIG.date_of_birth.agree
        assert compare_date("1990-01-31", "1960-05-01").evidence < 0
        assert compare_date(None, "1990-01-31") is None and compare_date("1990-01-31", " ") is None
        rule = FieldRule(agree=9.0, penalty=1.0, neutral=0.5)
        assert compare_date("1990-01-31", "1990-01-31", rule=rule, field_name="dob").evidence == 9.0

    def test_records_with_birth_dates_compare_them_instead_of_ages(self):
        born = datetime.date(1990, 1, 31)
        a = MatchRecord.build("Ram Kumar", age=(35, 35), birth_date=born)
        b = MatchRecord.build("Ram Kumar", age=(35, 35), birth_date=datetime.date(1990, 1, 13))
        fields = [c.field for c in compare_fields(a, b)]
        assert "date_of_birth" in fields and "age" not in fields
        only_age = dataclasses.replace(b, birth_date=None)
        assert [c.field for c in compare_fields(a, only_age)] == ["name", "age"]

    def test_the_same_birth_date_is_stronger_than_the_same_age(self):
        born = datetime.date(1990, 1, 31)
        by_age = compare(MatchRecord.build("Ram Kumar", age=(35, 35)), MatchRecord.build("Ram Kumar", age=(35, 35)))
        by_date = compare(MatchRecord.build("Ram Kumar", age=(35, 35), birth_date=born),
                          MatchRecord.build("Ram Kumar", age=(35, 35), birth_date=born))
        assert by_date.score > by_age.score


class TestIdentifiers:
    def test_normalised(self):
        assert normalise_identifier(" AB-12 34/x ") == "ab1234x"
        assert identifier_similarity("98480 22338", "9848022338")[0] == 1.0

    def test_one_typing_error(self):
        for other in ("9574946", "9579447", "957944", "95794461"):
            assert identifier_similarity("9579446", other)[0] == DEFAULT_CONFIG.identifier_typo_similarity, other

    def test_two_typing_errors_only_for_long_numbers(self):
        assert identifier_similarity("9579446", "9574947")[0] == DEFAULT_CONFIG.identifier_two_typos_similarity
        assert identifier_similarity("1234", "2143")[0] == 0.0

    def test_different(self):
        score, detail = identifier_similarity("9579446", "1234567")
        assert score == 0.0 and "different" in detail

    def test_compare_identifier(self):
        same = compare_identifier("9579446", "9579446")
        assert same.field == "identifier" and same.evidence == DEFAULT_CONFIG.identifier.agree
        assert compare_identifier("9579446", "1234567").evidence == -DEFAULT_CONFIG.identifier.penalty
        assert compare_identifier("", "1") is None and compare_identifier("--", "1") is None


class TestText:
    def test_a_moved_or_lost_space_costs_nothing(self):
        assert text_similarity("coglin place", "coglinp lace") == 1.0
        assert text_similarity("stanley street", "stanleystreet") == 1.0

    def test_a_typo_costs_a_little_and_order_nothing(self):
        assert 0.9 < text_similarity("stanley street", "stanleykstreet") < 1.0
        assert text_similarity("hawker place chippendale", "chippendale hawker place") == 1.0

    def test_unrelated_and_scripts(self):
        assert text_similarity("maccallum circuit", "feathertop street") < 0.5
        assert text_similarity("रामपुर", "Rampur") == 1.0
        assert text_similarity("", "Rampur") == 0.0

    def test_compare_text(self):
        rule = FieldRule(agree=2.0, penalty=1.0, neutral=0.5)
        assert compare_text("Rampur", "Rampur", rule, field_name="address").evidence == 2.0
        assert compare_text("...", "Rampur", rule, field_name="address") is None

    def test_place_text_is_typo_tolerant(self):
        assert compare_place(Place(text="Gandhi Nagar"), Place(text="Gandhinagar")).score == 1.0


class TestOneToOne:
    def test_best_first_each_record_once(self):
        pairs = [(0.9, "a", "x"), (0.8, "a", "y"), (0.7, "b", "y"), (0.6, "b", "x"), (0.3, "c", "z")]
        assert one_to_one(pairs, 0.5) == [(0.9, "a", "x"), (0.7, "b", "y")]

    def test_threshold_and_ties(self):
        assert one_to_one([(0.4, "a", "x")], 0.5) == []
        assert one_to_one([(0.8, "a", "x"), (0.8, "b", "x")]) == [(0.8, "a", "x")]


class TestConfig:
    def test_defaults_are_documented(self):
        doc = MatchConfig.__doc__
        for f in dataclasses.fields(MatchConfig):
            if f.name != "common_tokens":
                assert f"``{f.name}``" in doc, f.name

    def test_frozen(self):
        with pytest.raises(dataclasses.FrozenInstanceError):
            DEFAULT_CONFIG.prior = 0

    @pytest.mark.parametrize("kwargs", [
        {"name": FieldRule(-1, 1, 0.5)}, {"sex": FieldRule(1, 1, 1.0)},
        {"review_threshold": 0.95, "match_threshold": 0.9},
    ])
    def test_invalid(self, kwargs):
        with pytest.raises(ValueError):
            MatchConfig(**kwargs)

    def test_weights_come_from_the_config(self):
        lenient = MatchConfig(sex=FieldRule(agree=0.5, penalty=0.0, neutral=0.5))
        a, b = MatchRecord.build("Ram Kumar", sex="M"), MatchRecord.build("Ram Kumar", sex="F")
        assert compare(a, b, lenient).score > compare(a, b).score
        strict_initials = MatchConfig(initial_similarity=0.95)
        assert name_score("R Sharma", "Ram Sharma", strict_initials) > name_score("R Sharma", "Ram Sharma")


class TestExplanation:
    def test_name_detail(self):
        result = compare(MatchRecord.build("Mohd Salim Sharma"), MatchRecord.build("Mohammad Salim Sharma"))
        assert "name: 1.00 (Mohd ↔ Mohammad, Salim = Salim, Sharma = Sharma)" in result.explanation

    def test_every_field_and_its_evidence(self):
        a = MatchRecord.build("Mohd. Salim S/o Abdul Rahman", sex="M", age=(30, 35),
                              place=Place("28-A-1", "28-A"))
        b = MatchRecord.build("मोहम्मद सलीम", relative_name="अब्दुल रहमान", sex="M", age=(33, 40),
                              place=Place("28-A-2", "28-A"))
        result = compare(a, b)
        text = result.explanation
        assert text.startswith(f"score {result.score:.2f} — ")
        assert "Mohd ↔ मोहम्मद" in text and "Salim ↔ सलीम" in text
        assert "relative: 1.00 (Abdul ↔ अब्दुल, Rahman ↔ रहमान) +3.0" in text
        assert "age: 1.00 (30–35 and 33–40 overlap) +1.5" in text
        assert "sex: 1.00 (same) +0.5" in text
        assert "place: 0.80 (same district) +0.6" in text
        assert [c.field for c in result.comparisons] == ["name", "relative_name", "age", "sex", "place"]

    def test_disagreement_is_shown_with_a_minus(self):
        result = compare(MatchRecord.build("Ram", sex="M"), MatchRecord.build("Ram", sex="F"))
        assert "sex: 0.00 (different) −6.0" in result.explanation

    def test_unmatched_tokens_and_initials(self):
        detail = compare_names("R Kumar Sharma", "Ram Sharma").detail
        assert "R · Ram" in detail and "Kumar only in the first" in detail

    def test_phonetic_and_fuzzy_symbols(self):
        assert "Shrivastav ≈ Srivastava" in compare_names("Shrivastav", "Srivastava").detail
        assert "Ramesh ~ Rajesh" in compare_names("Ramesh", "Rajesh").detail


# ----------------------------------------------------------------- monotonicity

comparisons = st.builds(
    FieldComparison,
    field=st.sampled_from(["name", "relative_name", "age", "sex", "place", "other"]),
    score=st.floats(0, 1),
    weight=st.floats(0, 10),
    detail=st.just(""),
    penalty=st.floats(0, 10),
    neutral=st.floats(0.05, 0.95),
)


@given(st.lists(comparisons, max_size=6), comparisons)
def test_adding_an_agreeing_comparison_never_lowers_the_total(existing, extra):
    extra = dataclasses.replace(extra, score=max(extra.score, extra.neutral))
    assert extra.agrees and extra.evidence >= 0
    assert combine([*existing, extra]).score >= combine(existing).score


@given(st.lists(comparisons, min_size=1, max_size=6), st.data())
def test_raising_a_field_score_never_lowers_the_total(existing, data):
    i = data.draw(st.integers(0, len(existing) - 1))
    raised = dataclasses.replace(existing[i], score=data.draw(st.floats(existing[i].score, 1)))
    assert combine([*existing[:i], raised, *existing[i + 1:]]).score >= combine(existing).score


NAMES = ["Ram Kumar Sharma", "R K Sharma", "राम कुमार शर्मा", "Mohd Salim", "Mohammad Salim Khan",
         "Sita Devi", "Gita Devi", "Gurpreet Singh", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "Anil Srivastava", "Shrivastav Anil"]
RELATIVES = ["Shyam Lal", "श्याम लाल", "Abdul Rahman", "Mohan Singh"]


@st.composite
def records(draw):
    return MatchRecord.build(
        draw(st.sampled_from(NAMES)),
        relative_name=draw(st.none() | st.sampled_from(RELATIVES)),
        sex=draw(st.sampled_from([None, "M", "F"])),
        age=draw(st.none() | st.tuples(st.integers(15, 60), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1]))),
        place=draw(st.none() | st.sampled_from([Place("28-A-1", "28-A"), Place("28-B-1", "28-B"),
                                                Place(text="Rampur")])),
    )


@settings(max_examples=200, deadline=None)
@given(records(), records(), st.sampled_from(["relative_name", "sex", "age", "place", "birth_date"]), st.data())
def test_adding_an_agreeing_field_to_both_records_never_lowers_the_score(a, b, field, data):
    """The property officers rely on: telling the matcher one more thing on which both records
    agree can only make it more sure they are one person. The field is first removed from both
    records, then added back with agreeing values."""
    a, b = dataclasses.replace(a, **{field: None}), dataclasses.replace(b, **{field: None})
    if field == "relative_name":
        relative = MatchRecord.build(data.draw(st.sampled_from(RELATIVES))).name
        a2, b2 = dataclasses.replace(a, relative_name=relative), dataclasses.replace(b, relative_name=relative)
    elif field == "sex":
        sex = data.draw(st.sampled_from(["M", "F"]))
        a2, b2 = dataclasses.replace(a, sex=sex), dataclasses.replace(b, sex=sex)
    elif field == "age":
        low = data.draw(st.integers(15, 60))
        a2, b2 = dataclasses.replace(a, age=(low, low + 5)), dataclasses.replace(b, age=(low + 2, low + 8))
    elif field == "birth_date":
        # a birth date known on both sides replaces the age comparison: compared without ages
        a, b = dataclasses.replace(a, age=None), dataclasses.replace(b, age=None)
        born = datetime.date(1990, 1, 1) + datetime.timedelta(days=data.draw(st.integers(0, 9000)))
        a2, b2 = dataclasses.replace(a, birth_date=born), dataclasses.replace(b, birth_date=born)
    else:
        place = Place("28-A-1", "28-A")
        a2, b2 = dataclasses.replace(a, place=place), dataclasses.replace(b, place=place)
    before, after = compare(a, b), compare(a2, b2)
    assert after.score >= before.score
    assert len(after.comparisons) == len(before.comparisons) + 1


def test_rank_orders_best_first():
    query = MatchRecord.build("Mohd Salim", sex="M")
    pool = [(1, MatchRecord.build("Sita Devi", sex="F")), (2, MatchRecord.build("Mohammad Salim", sex="M")),
            (3, MatchRecord.build("Mohammad Saleem"))]
    ranked = rank(query, pool)
    assert [rid for rid, _r in ranked] == [2, 3, 1]
    assert rank(query, pool, limit=1)[0][0] == 2


_NAME_TEXT = st.text(alphabet="RamKuSharmDvi .@/राम कुमार शर्मा०", max_size=25)


@settings(max_examples=200, deadline=None)
@given(_NAME_TEXT, _NAME_TEXT)
def test_any_two_names_compare_within_bounds_and_symmetrically(a, b):
    forward, backward = compare_names(a, b), compare_names(b, a)
    assert (forward is None) == (backward is None)
    if forward is not None:
        assert 0.0 <= forward.score <= 1.0
        assert forward.score == backward.score
