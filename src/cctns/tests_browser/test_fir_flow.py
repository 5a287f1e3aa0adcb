"""Browser test of registering an FIR in headless Chromium (DESIGN.md §7, issue 3).

A station writer logs in, opens "Register FIR", first submits without the first information
(the registry's FIR-017 appears next to the field, everything typed is kept), then writes a Hindi
narrative under BNS 303(2) and submits it for approval. The SHO logs in, finds it first in the FIR
list, approves it, and the FIR takes the number 0001/<year>; the SHO switches to Hindi and
downloads the Hindi copy, whose text (read with pdftotext) holds the shaped Hindi narrative.
Every request goes to the application itself.
"""

import datetime
import os
import re

import pytest
from django.utils import timezone

from cctns.documents.tests.utils import pdf_text
from cctns.legal.models import Act, ActKind, Section

from .test_login_flow import only_same_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HINDI_NARRATIVE = "मेरी मोटरसाइकिल घर के सामने से चोरी हो गई।"


@pytest.fixture
def station(named_org, settings):
    """The ``org`` fixture with readable names and the law the FIR cites."""
    org = named_org
    settings.CCTNS_FIR_REQUIRES_APPROVAL = True
    bns = Act.objects.create(code="BNS", short_name="BNS 2023", name="Bharatiya Nyaya Sanhita, 2023",
                             name_hi="भारतीय न्याय संहिता, 2023", year=2023, kind=ActKind.PENAL_CODE,
                             in_force_from=datetime.date(2024, 7, 1))
    Section.objects.create(act=bns, number="303", title="Theft", title_hi="चोरी", is_offence=True,
                           cognizable=True, bailable=False, max_punishment_years=3)
    Section.objects.create(act=bns, number="305", title="Theft in a dwelling house, or means of transportation or place of worship, etc.",
                           is_offence=True, cognizable=True, bailable=False, max_punishment_years=7)
    return org


def log_in(page, origin, username, password):
    page.goto(f"{origin}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{origin}/")


def local(hours_ago: float) -> str:
    return (timezone.localtime() - datetime.timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M")


def test_writer_registers_sho_approves_and_the_hindi_copy_downloads(page, live_server, station, password, shot):
    origin = live_server.url
    year = timezone.localdate().year

    # --- the station writer fills in the IIF-1 form -------------------------------------------
    log_in(page, origin, "writer_a1", password)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Register FIR").click()
    page.wait_for_url(f"{origin}/registration/firs/new/")
    page.fill("#id_occurrence_from", local(9))
    page.fill("#id_occurrence_to", local(8))
    page.fill("#id_information_received_at", local(1))
    page.fill("#id_place_address", "In front of house no. 12-4, Kothapet, Guntur")
    page.select_option("#id_direction_from_ps", "NE")
    page.fill("#id_distance_km", "1.2")
    ref = page.locator("#id_sections-0-ref")
    ref.fill("BNS 30")
    page.locator("#section-options option").nth(1).wait_for(state="attached")  # htmx filled the suggestions
    assert "BNS 303" in page.locator("#section-options").inner_html()
    ref.fill("BNS 303(2)")
    page.fill("#id_informant_name", "Venkata Rao")
    page.fill("#id_informant_relative_name", "Subba Rao")
    page.select_option("#id_informant_sex", "M")
    page.fill("#id_informant_age", "46")
    page.fill("#id_informant_phone", "9848012345")
    page.fill("#id_victims-0-name", "Venkata Rao")
    page.select_option("#id_victims-0-sex", "M")
    page.select_option("#id_accused-0-known", "0")
    page.fill("#id_accused-0-description", "Unknown person(s)")
    page.select_option("#id_properties-0-category", "vehicle")
    page.fill("#id_properties-0-description", "Hero Splendor motorcycle AP 07 BK 4521")
    page.fill("#id_properties-0-value", "55000")
    # a second victim row, added in the page (no reload)
    page.get_by_role("button", name="Add a victim").click()
    assert page.locator("#id_victims-1-name").is_visible()
    assert page.locator("#id_victims-TOTAL_FORMS").input_value() == "2"

    # first without the first information: the coded error, next to the field, nothing lost
    page.get_by_test_id("submit-fir").click()
    page.wait_for_load_state()
    error = page.get_by_test_id("error-narrative")
    assert "FIR-017" in error.inner_text()
    assert page.locator("#id_informant_name").input_value() == "Venkata Rao"
    assert page.locator("#id_sections-0-ref").input_value() == "BNS 303(2)"
    page.locator("#id_narrative").scroll_into_view_if_needed()
    shot(page, "fir-form-error", docs=True, full_page=False)

    page.fill("#id_narrative", HINDI_NARRATIVE)
    shot(page, "fir-form")
    page.get_by_test_id("submit-fir").click()
    page.wait_for_url(re.compile(r".*/registration/firs/\d+/$"))
    assert page.get_by_test_id("fir-status").inner_text() == "Pending approval"
    assert HINDI_NARRATIVE in page.get_by_test_id("fir-narrative").inner_text()
    assert page.get_by_test_id("form-approve").count() == 0  # a writer does not approve
    fir_url = page.url
    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r".*/login/$"))

    # --- the SHO approves ------------------------------------------------------------------------
    log_in(page, origin, "sho_a1", password)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="FIRs", exact=True).click()
    first_row = page.get_by_test_id("fir-table").locator("tbody tr").first
    assert "Pending approval" in first_row.inner_text()
    first_row.get_by_role("link").first.click()
    page.wait_for_url(fir_url)
    page.get_by_test_id("form-approve").get_by_label("Remarks").fill("Checked with the informant.")
    page.get_by_test_id("approve").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("fir-number").inner_text() == f"0001/{year}"
    assert page.get_by_test_id("fir-status").inner_text() == "Registered"
    shot(page, "fir-detail-approved")

    # --- in Hindi: the page and the Hindi copy -----------------------------------------------------
    page.select_option("#lang-select", "hi")
    page.get_by_test_id("lang-submit").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "hi"
    assert page.get_by_test_id("fir-status").inner_text() == "दर्ज"
    shot(page, "fir-detail-hi", docs=True)
    with page.expect_download() as info:
        page.get_by_test_id("copy-hi").click()
    download = info.value
    assert download.suggested_filename == f"FIR-0001-{year}-28-A-1-hi.pdf"
    pdf = open(download.path(), "rb").read()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert HINDI_NARRATIVE in text
    assert "प्रथम सूचना रिपोर्ट" in text and f"0001/{year}" in text and "अरुंडेलपेट थाना" in text
    assert "पु लस" not in text  # shaped, not the scrambled glyph order

    # the PDF's first page, for the eye (rendered by poppler when it is there)
    _save_pdf_page(pdf, shot)
    assert only_same_origin(page.requested, origin) == []


def _save_pdf_page(pdf: bytes, shot) -> None:
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    from .conftest import DOC_SCREENSHOTS, SCREENSHOTS

    if shutil.which("pdftoppm") is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "fir.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(source), str(Path(tmp) / "page")], check=True)
        produced = sorted(Path(tmp).glob("page*.png"))
        if produced:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(produced[0], SCREENSHOTS / "fir-copy-hi-page1.png")
            if os.environ.get("CCTNS_UPDATE_DOC_SCREENSHOTS") == "1":
                DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                shutil.copy(produced[0], DOC_SCREENSHOTS / "fir-copy-hi-page1.png")


def test_complaint_with_related_earlier_one_and_the_general_diary(page, live_server, station, password, shot):
    """The writer receives a complaint, sees the earlier complaint from the same phone number,
    and writes a departure in the General Diary; both pages checked by eye in the screenshots."""
    from cctns.registration.services import receive_complaint

    origin = live_server.url
    earlier = receive_complaint(None, station.writer_a1, {
        "complainant_name": "Lakshmi Narayana", "complainant_phone": "9848022222",
        "narrative": "पड़ोसी ने मेरी बकरी चुरा ली।", "place_address": "Kothapet"})
    log_in(page, origin, "writer_a1", password)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Complaints").click()
    page.get_by_test_id("create-link").click()
    page.fill("#id_complainant_name", "Lakshmi Narayana")
    page.fill("#id_complainant_phone", "+91 98480 22222")
    page.fill("#id_subject", "Goat stolen again")
    page.fill("#id_narrative", "मेरी दूसरी बकरी भी चोरी हो गई। Second goat stolen from the shed.")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r".*/registration/complaints/\d+/$"))
    related = page.get_by_test_id("related-complaints")
    assert earlier.number in related.inner_text() and "same phone number" in related.inner_text()
    shot(page, "complaint-detail")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="General Diary").click()
    page.select_option("#id_kind", "departure")
    page.fill("#id_text", "SI Lakshmi Devi left for the scene of the complaint at Kothapet.")
    page.get_by_role("button", name="Add to the General Diary").click()
    page.wait_for_load_state()
    table = page.get_by_test_id("gd-table").inner_text()
    assert "SI Lakshmi Devi left for the scene" in table and "Complaint received" in table
    shot(page, "gd-page")
