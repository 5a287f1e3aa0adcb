"""Normalisation of registration marks, serial numbers and IMEIs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cctns.property import normalise as n


@pytest.mark.parametrize("raw", ["MH 12 AB 123", "mh-12-ab-0123", "MH12AB0123", "MH.12.AB.123", "MHI2AB0I23",
                                 "MH 12 AB 0123 ", "M H 1 2 A B 1 2 3"])
def test_registration_forms_of_one_mark_agree(raw):
    assert n.normalise_registration(raw) == "MH12AB0123"


def test_registration_rto_padded_and_parts():
    reg = n.parse_registration("KA 5 MN 7")
    assert (reg.normalised, reg.head, reg.tail, reg.parsed) == ("KA05MN0007", "KA05MN", "KA0007", True)


def test_registration_state_code_zero_read_as_letter():
    assert n.normalise_registration("0D 02 AB 1234") == "OD02AB1234"


def test_bharat_series_keeps_its_order():
    assert n.normalise_registration("22 BH 1234 AA") == "22BH1234AA"


def test_unparsed_text_kept_as_letters_and_digits():
    reg = n.parse_registration("temp/reg-xyz")
    assert (reg.normalised, reg.parsed, reg.head) == ("TEMPREGXYZ", False, "")


@given(st.text(max_size=30))
def test_registration_normalisation_is_idempotent(text):
    once = n.normalise_registration(text)
    assert n.normalise_registration(once) == once


@given(st.from_regex(r"[A-Za-z]{2}[ -]?[0-9]{1,2}[ -]?[A-Za-z]{0,3}[ -]?[0-9]{1,4}", fullmatch=True))
def test_plate_shaped_text_is_idempotent_and_parsed(text):
    reg = n.parse_registration(text)
    assert n.normalise_registration(reg.normalised) == reg.normalised


@given(st.text(max_size=30))
def test_serial_normalisation_is_idempotent(text):
    once = n.normalise_serial(text)
    assert n.normalise_serial(once) == once
    assert "O" not in once and "I" not in once and "Q" not in once


def test_serial_misreadings():
    assert n.normalise_serial("ma3-ewde 1s00I234O") == "MA3EWDE1S0012340"


def test_serial_windows_are_disjoint_tail_blocks():
    assert n.serial_windows("MA3EWDE1S00123456") == ("3456", "0012", "DE1S")
    assert n.serial_windows("12345") == ("2345", "", "")


@pytest.mark.parametrize("imei,valid", [
    ("490154203237518", True), ("35-209900-176148-1", True), ("490154203237519", False),
    ("49015420323751", False), ("4901542032375180", False),
])
def test_imei_check_digit(imei, valid):
    assert n.imei_is_valid(n.normalise_imei(imei)) is valid


def test_luhn_check_digit():
    assert n.luhn_check_digit("49015420323751") == 8
    assert n.luhn_check_digit("35209900176148") == 1
    with pytest.raises(ValueError):
        n.luhn_check_digit("123")


@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_every_body_with_its_check_digit_is_valid_and_others_not(body):
    good = n.luhn_check_digit(body)
    assert n.imei_is_valid(body + str(good))
    assert not n.imei_is_valid(body + str((good + 1) % 10))


def test_imei_body():
    assert n.imei_body("490154203237518") == "49015420323751"
    assert n.imei_body("1234") == ""
