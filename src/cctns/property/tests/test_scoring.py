"""Field comparisons and totals of the property matcher."""

from cctns.property.services import scoring as s

VIN = "MBLHA10AMGHB12345"


def test_same_serial():
    assert s.serial_similarity(VIN, "mblha10amghb-12345")[:2] == (1.0, "same")


def test_partial_read_matches_by_suffix():
    score, rule, params = s.serial_similarity("HB12345", VIN)
    assert (score, rule, params["n"]) == (0.95, "suffix", 7)


def test_partial_read_too_short_is_not_a_suffix_match():
    assert s.serial_similarity("2345", VIN)[1] == "different"


def test_tampered_two_characters():
    score, rule, params = s.serial_similarity("MBLHA10AMGHB18348", VIN)
    assert (score, rule, params["n"]) == (0.8, "edits", 2)


def test_missing_characters():
    score, rule, params = s.serial_similarity("MBLHA10AMGB12345", VIN)
    assert rule in {"missing", "edits"} and score >= 0.9


def test_last_six_agree_as_police_practice():
    score, rule, _ = s.serial_similarity("XYZ99999QWB12345", VIN)
    assert rule in {"last6", "substring"} and 0.7 <= score < 0.9


def test_unrelated_serials():
    assert s.serial_similarity("KA01XX0000987654", VIN) == (0.0, "different", {})


def test_registration_similarity():
    assert s.registration_similarity("AP09BX4521", "ap 9 bx 4521")[:2] == (1.0, "same")
    assert s.registration_similarity("AP09BX4521", "AP09BX4527")[1] == "one_typo"
    assert s.registration_similarity("AP09BX4521", "TS01CC9999")[1] == "different"


def test_imei_body_matches_without_check_digit():
    assert s.imei_similarity(["490154203237518"], ["49015420323751"])[:2] == (0.95, "body")
    assert s.imei_similarity(["490154203237518"], ["111111111111116", "490154203237518"])[0] == 1.0


def test_chassis_and_engine_together_are_a_match():
    total = s.score_vehicles({"chassis_number": VIN, "engine_number": "HA10EFGHB54321"},
                             {"chassis_number": VIN, "engine_number": "HA10EFGHB54321", "registration_number": "X"})
    assert total.decision == "match"
    assert [f.field for f in total.fields] == ["chassis_number", "engine_number"]


def test_different_chassis_lowers_the_score_of_a_same_plate():
    same_plate = s.score_vehicles({"registration_number": "AP09BX4521"}, {"registration_number": "AP09BX4521"})
    with_other_chassis = s.score_vehicles({"registration_number": "AP09BX4521", "chassis_number": "KA01XX0000987654"},
                                          {"registration_number": "AP09BX4521", "chassis_number": VIN})
    assert with_other_chassis.score < same_plate.score


def test_describe_renders_each_field():
    total = s.score_vehicles({"chassis_number": "HB12345"}, {"chassis_number": VIN})
    text = s.describe(total.explanation()[0])
    assert "chassis number" in text and "7" in text and VIN in text
