"""Normal forms of property identifiers: vehicle registration marks, chassis (VIN) and engine
numbers, firearm serials, and IMEIs.

Every function here is pure (no database) and idempotent: ``f(f(x)) == f(x)`` (tested with
hypothesis). Stored normal forms are what the indexes of :mod:`cctns.property.models` hold; the
matcher compares these forms, never the raw text, and shows the raw text in its explanations.

Registration marks follow the pattern of the Central Motor Vehicles Rules, 1989, r.50 and the
Bharat series notification of 2021: state code (two letters), RTO code (one or two digits, kept as
two), series (none to three letters), number (one to four digits, kept as four); Bharat series
``YY BH NNNN XX``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ALNUM = re.compile(r"[^A-Z0-9]")

#: Letters read as digits (and back) when a position can only hold one kind.
_TO_DIGIT = str.maketrans({"O": "0", "I": "1"})
_TO_LETTER = str.maketrans({"0": "O", "1": "I"})

_REGISTRATION = re.compile(r"^([A-Z01]{2})([0-9OI]{1,2})([A-Z]{0,3}?)([0-9OI]{1,4})$")
_BHARAT = re.compile(r"^([0-9OI]{2})(BH)([0-9OI]{4})([A-Z]{1,2})$")


def alnum(text: str) -> str:
    """``text`` upper-cased with everything but ASCII letters and digits removed
    (``"mh-12 ab/0123"`` → ``"MH12AB0123"``)."""
    return _ALNUM.sub("", str(text or "").upper())


@dataclass(frozen=True)
class Registration:
    """A parsed registration mark. ``normalised`` is the stored form (``"MH12AB0123"``);
    ``head`` the state, RTO and series (``"MH12AB"``), ``tail`` the state and number
    (``"MH0123"``) — the two blocking keys, so that one typing error leaves one of them intact.
    ``parsed`` is False when the text did not fit the pattern (then ``normalised`` is
    :func:`alnum` of it and ``head``/``tail`` are empty)."""

    normalised: str
    head: str
    tail: str
    parsed: bool


def parse_registration(text: str) -> Registration:
    """Parse a vehicle registration mark as written on a plate, an FIR or a seizure memo.

    Spaces, hyphens, dots and slashes are dropped; the RTO code is padded to two digits and the
    number to four (``"MH 12 AB 123"`` = ``"MH-12-AB-0123"``); O and I in a digit position
    are read as 0 and 1, and 0 and 1 in the state code as O and I (``"MHI2AB0I23"`` →
    ``"MH12AB0123"``). Bharat series marks (``"22 BH 1234 AA"``) keep their order. Text that fits
    neither pattern is kept as :func:`alnum` of it, unparsed.
    """
    raw = alnum(text)
    m = _BHARAT.match(raw)
    if m:
        year, _bh, number, series = m.groups()
        year, number = year.translate(_TO_DIGIT), number.translate(_TO_DIGIT)
        norm = f"{year}BH{number}{series}"
        return Registration(norm, f"{year}BH{series}", f"BH{number}", True)
    m = _REGISTRATION.match(raw)
    if not m:
        return Registration(raw, "", "", False)
    state, rto, series, number = m.groups()
    state = state.translate(_TO_LETTER)
    rto = rto.translate(_TO_DIGIT).rjust(2, "0")
    number = number.translate(_TO_DIGIT).rjust(4, "0")
    if number == "0000":
        return Registration(raw, "", "", False)
    return Registration(f"{state}{rto}{series}{number}", f"{state}{rto}{series}", f"{state}{number}", True)


def normalise_registration(text: str) -> str:
    """The stored form of a registration mark (:func:`parse_registration`); ``""`` for blank."""
    return parse_registration(text).normalised


def normalise_serial(text: str) -> str:
    """The compared form of a chassis (VIN), engine or firearm serial number: :func:`alnum`, with
    O and Q read as 0 and I as 1 — VINs never use I, O or Q (ISO 3779), and on stamped or
    over-punched numbers these are the usual misreadings (``"ma3-ewde 1s00I234O"`` →
    ``"MA3EWDE1S0012340"``)."""
    return alnum(text).translate(str.maketrans({"O": "0", "Q": "0", "I": "1"}))


#: The number of characters of a serial's tail that the windows cover, and the window width.
WINDOW_SPAN = 12
WINDOW_WIDTH = 4


def serial_windows(normalised: str) -> tuple[str, str, str]:
    """The three disjoint 4-character windows of the last 12 characters of a normalised serial,
    last first (``""`` where the serial is too short). Two characters misread or over-punched
    in the last 12 leave at least one window intact (pigeonhole), so looking a number up by
    each window finds a tampered number's record."""
    out = []
    for i in range(WINDOW_SPAN // WINDOW_WIDTH):
        end = len(normalised) - i * WINDOW_WIDTH
        start = end - WINDOW_WIDTH
        out.append(normalised[start:end] if start >= 0 else "")
    return tuple(out)  # type: ignore[return-value]


def reverse(text: str) -> str:
    """``text`` reversed: a suffix search becomes an indexed prefix search on the reversed form."""
    return text[::-1]


# ----------------------------------------------------------------------------- IMEI


def digits(text: str) -> str:
    """The ASCII digits of ``text``, in order (``"35-209900 176148/1"`` → ``"352099001761481"``)."""
    return "".join(ch for ch in str(text or "") if "0" <= ch <= "9")


def luhn_check_digit(first14: str) -> int:
    """The Luhn check digit of a 14-digit IMEI body (TAC + serial), per 3GPP TS 23.003 Annex B:
    double every second digit from the right of the body, sum the digits, and take what brings
    the sum to a multiple of 10. Raises ``ValueError`` unless ``first14`` is 14 digits."""
    if len(first14) != 14 or not first14.isdigit():
        raise ValueError("an IMEI body is 14 digits")
    total = 0
    for i, ch in enumerate(reversed(first14)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def imei_is_valid(imei: str) -> bool:
    """True when ``imei`` (digits only) is 15 digits whose last is the Luhn check digit."""
    return len(imei) == 15 and imei.isdigit() and luhn_check_digit(imei[:14]) == int(imei[14])


def normalise_imei(text: str) -> str:
    """An IMEI as stored: its digits only (spaces, hyphens and slashes dropped)."""
    return digits(text)


def imei_body(text: str) -> str:
    """The first 14 digits of an IMEI (TAC and serial, without the check digit): what a phone
    is matched on, since the check digit is often omitted or misread; ``""`` when fewer than 14
    digits were given."""
    d = digits(text)
    return d[:14] if len(d) >= 14 else ""
