"""English and Hindi: the language switch, the Hindi catalogue (complete and compiled), and
Indian digit grouping."""

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize
from django.utils.translation.trans_real import translation as catalogue_for

from cctns.core.templatetags.cctns import indian_number_format

SRC = Path(settings.BASE_DIR)
PO = SRC / "locale" / "hi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}


# ---- Indian digit grouping -------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567, "12,34,567"),
        (100000, "1,00,000"),
        (62_00_000, "62,00,000"),
        (28_00_00_000, "28,00,00,000"),
        (999, "999"),
        (1000, "1,000"),
        (0, "0"),
        (-1234567, "-12,34,567"),
        (1234567.5, "12,34,567.5"),
        ("98765", "98,765"),
    ],
)
def test_indian_number_groups_lakhs_and_crores_in_both_languages(language, value, expected):
    with translation.override(language):
        assert indian_number_format(value) == expected
        assert Template("{% load cctns %}{{ n|indian_number }}").render(Context({"n": value})) == expected


def test_indian_number_leaves_non_numbers_alone():
    assert indian_number_format(None) == ""
    assert indian_number_format("") == ""
    assert indian_number_format("n/a") == "n/a"


# ---- The language switch --------------------------------------------------------------------

def test_anonymous_user_switches_to_hindi_and_the_choice_is_remembered(client, db):
    resp = client.post(reverse("set_language"), {"language": "hi", "next": "/login/"})
    assert resp.status_code == 302 and resp["Location"] == "/login/"
    cookie = resp.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "hi"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600  # remembered, not a session cookie
    page = client.get("/login/").content.decode()
    assert '<html lang="hi">' in page
    assert "लॉग इन करें" in page and "उपयोगकर्ता नाम" in page


def test_signed_in_user_sees_hindi_navigation_and_keeps_it_after_logging_in_again(client, org, password):
    client.post("/login/", {"username": "writer_a1", "password": password})
    client.post(reverse("set_language"), {"language": "hi", "next": "/"})
    home = client.get("/").content.decode()
    assert "मुखपृष्ठ" in home and "अधिनियम और धाराएँ" in home  # menu: Home, Acts and sections
    assert "थाना लेखक / ड्यूटी अधिकारी" in home  # the role
    client.post("/logout/")
    client.post("/login/", {"username": "writer_a1", "password": password})
    assert "मुखपृष्ठ" in client.get("/").content.decode()


def test_switching_back_to_english(client, org):
    client.force_login(org.sp_a)
    client.post(reverse("set_language"), {"language": "hi", "next": "/"})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    home = client.get("/").content.decode()
    assert '<html lang="en">' in home and "मुखपृष्ठ" not in home


def test_language_switch_refuses_an_outside_redirect(client, db):
    resp = client.post(reverse("set_language"), {"language": "hi", "next": "https://example.com/"})
    assert resp.status_code == 302 and not resp["Location"].startswith("https://example.com")


def test_browser_language_is_used_until_the_user_chooses(client, db):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="hi-IN,hi;q=0.9").content.decode()
    assert '<html lang="hi">' in page


def test_local_name_prefers_the_hindi_name_in_hindi(org):
    from cctns.core.templatetags.cctns import local_name

    org.ps_a1.name_hi = "थाना ए1"
    with translation.override("hi"):
        assert local_name(org.ps_a1) == "थाना ए1"
        assert local_name(org.ps_a2) == "PS A2"  # no Hindi name recorded
    with translation.override("en"):
        assert local_name(org.ps_a1) == "PS A1"


# ---- The Hindi catalogue --------------------------------------------------------------------

def test_catalogue_is_complete_and_free_of_fuzzy_entries():
    with PO.open("rb") as fh:
        catalogue = read_po(fh)
    untranslated = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            untranslated.append(message.id)
    assert untranslated == []
    assert len(catalogue) > 300


def test_compiled_catalogue_is_committed_and_current():
    """The .mo ships beside the .po (a fresh machine needs no gettext) and holds every entry."""
    import gettext

    assert MO.exists()
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    with PO.open("rb") as fh:
        catalogue = read_po(fh)
    for message in catalogue:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.context:
            assert compiled.pgettext(message.context, msgid) != msgid or message.string == msgid, msgid
        elif isinstance(message.id, tuple):
            assert compiled.ngettext(message.id[0], message.id[1], 5) == message.string[1], msgid
        else:
            assert compiled.gettext(msgid) == message.string, msgid


def _template_messages():
    for path in sorted((SRC / "templates").rglob("*.html")):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for _lineno, message, _comments, context in extract(
            "python", io.BytesIO(code.encode("utf-8")), keywords=KEYWORDS
        ):
            yield path.relative_to(SRC), message, context


def _python_messages():
    for path in sorted(SRC.rglob("*.py")):
        parts = set(path.relative_to(SRC).parts)
        if parts & {"tests", "migrations", "tests_browser"} or path.name in {"conftest.py", "settings_test.py"}:
            continue
        with path.open("rb") as fh:
            for _lineno, message, _comments, context in extract("python", fh, keywords=KEYWORDS):
                yield path.relative_to(SRC), message, context


def _missing_in_hindi(messages):
    catalogue = catalogue_for("hi")._catalog
    missing = []
    for where, message, context in messages:
        if isinstance(message, tuple):
            message = tuple(m for m in message if m is not None)
            key = (f"{context}\x04{message[0]}" if context else message[0], 1)
        else:
            key = f"{context}\x04{message}" if context else message
        if not key or (isinstance(key, str) and not key.strip()):
            continue
        if catalogue.get(key) is None:
            missing.append(f"{where}: {message!r}")
    return missing


def test_every_template_string_has_a_hindi_translation():
    assert _missing_in_hindi(_template_messages()) == []


def test_every_python_string_has_a_hindi_translation():
    assert _missing_in_hindi(_python_messages()) == []


def test_dates_and_role_names_render_in_hindi(client, org):
    client.force_login(org.io_a1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    home = client.get("/").content.decode()
    assert "जांच अधिकारी" in home  # Investigating officer
    assert "उप-निरीक्षक" in home  # Sub-Inspector
    assert "आज लागू विधि" in home  # Law in force today
    assert "बीएनएस के अंतर्गत" in home  # "under BNS", the law code in Devanagari in running text


# ---- Indian date and number formats (cctns.formats) -----------------------------------------

@pytest.mark.parametrize(("language", "expected"), [("en", "29 November 2026"), ("hi", "29 नवंबर 2026")])
def test_dates_are_day_first_in_both_languages(language, expected):
    import datetime

    day = datetime.date(2026, 11, 29)
    with translation.override(language):
        assert Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": day})) == expected
        assert Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": day})) == "29-11-2026"


@pytest.mark.parametrize("language", ["en", "hi"])
def test_typed_dates_are_read_day_first(language):
    import datetime

    from django import forms

    with translation.override(language):
        field = forms.DateField()
        assert field.clean("03/04/2025") == datetime.date(2025, 4, 3)
        assert field.clean("03-04-2025") == datetime.date(2025, 4, 3)
        assert field.clean("2025-04-03") == datetime.date(2025, 4, 3)


@pytest.mark.parametrize("language", ["en", "hi"])
def test_django_number_grouping_matches_indian_number(language):
    with translation.override(language):
        rendered = Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 1234567}))
    assert rendered == "12,34,567" == indian_number_format(1234567)
