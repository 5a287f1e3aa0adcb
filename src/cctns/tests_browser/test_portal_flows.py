"""Browser tests of the citizen portal in headless Chromium at a phone's viewport (390×844).

1. A citizen signs in with a one-time password (read from the console SMS backend), files a
   complaint with a PDF attachment (first with a fake "image", refused beside the field, nothing
   lost), gets the acknowledgement number and downloads the acknowledgement PDF with its QR link;
   the station writer finds the complaint in the station's complaints.
2. A citizen files an e-FIR for a stolen scooter; the SHO opens it from the e-FIR list, records
   the informant's signature and the FIR is registered; the citizen sees the FIR number and the
   90-day progress date, and downloads the free FIR copy.
3. In Hindi: a citizen switches the language, signs in, reports a lost document and downloads
   the Hindi receipt.

Screenshots: ``docs/screenshots/portal-*.png`` (with ``CCTNS_UPDATE_DOC_SCREENSHOTS=1``) and
``var/screenshots/``. Every request goes to the application itself.
"""

import datetime
import re

import pytest
from django.utils import timezone

from cctns.documents.tests.utils import pdf_text
from cctns.legal.models import Act, ActKind, Section
from cctns.portal import sms
from cctns.portal.models import EFIR, ComplaintFiling
from cctns.registration.models import Complaint

from .test_fir_flow import log_in
from .test_login_flow import only_same_origin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
MOBILE = "9876543210"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def station(named_org, settings):
    settings.CCTNS_FIR_REQUIRES_APPROVAL = True
    bns = Act.objects.create(code="BNS", short_name="BNS 2023", name="Bharatiya Nyaya Sanhita, 2023",
                             name_hi="भारतीय न्याय संहिता, 2023", year=2023, kind=ActKind.PENAL_CODE,
                             in_force_from=datetime.date(2024, 7, 1))
    Section.objects.create(act=bns, number="303", title="Theft", title_hi="चोरी", is_offence=True,
                           cognizable=True, bailable=False, max_punishment_years=3)
    sms.outbox.clear()
    return named_org


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(viewport=PHONE, locale="en-IN", device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def sign_in(page, origin, shot=None, name="portal-signin"):
    page.goto(f"{origin}/citizen/login/")
    page.locator("#id_mobile").fill(MOBILE)
    if shot:
        shot(page, name, docs=True)
    page.locator("[data-testid=send-code]").click()
    page.wait_for_url(re.compile(r".*/citizen/login/code/.*"))
    code = next(m["text"].split()[0] for m in reversed(sms.outbox) if m["mobile"] == MOBILE and m["kind"].startswith("otp"))
    page.locator("#id_code").fill(code)
    page.locator("[data-testid=verify]").click()
    page.wait_for_url(re.compile(r".*/citizen/my/$"))


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_complaint_with_attachment_to_acknowledgement(phone, live_server, station, shot, tmp_path, chromium, password):
    origin = live_server.url
    page = phone
    sign_in(page, origin, shot)
    page.goto(f"{origin}/citizen/complaints/new/")
    page.locator("#id_district").select_option(label="Guntur")
    page.locator("#id_place").fill("Arundelpet")
    page.locator("[data-testid=suggest]").click()
    assert "Arundelpet PS" in page.locator(".ok-box").inner_text()
    page.locator("#id_police_station").select_option(label="Arundelpet PS")
    page.locator("#id_complainant_name").fill("Asha Rani")
    page.locator("#id_complainant_address").fill("12 Gandhi Road, Guntur")
    page.locator("#id_narrative").fill("My neighbour threatens me every night.")
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"MZ not really a picture")
    page.locator("#id_attachments").set_input_files(str(fake))
    page.locator("[data-testid=submit]").click()
    error = page.locator("[data-testid=error-attachments]")
    assert "not an accepted file" in error.inner_text()
    assert page.locator("#id_attachments").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_narrative").input_value() == "My neighbour threatens me every night."
    assert no_horizontal_scroll(page)
    shot(page, "portal-complaint-error", docs=True)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)
    page.locator("#id_attachments").set_input_files(str(letter))
    page.locator("[data-testid=submit]").click()
    page.wait_for_url(re.compile(r".*/citizen/my/CP-.*"))
    filing = ComplaintFiling.objects.get()
    assert page.locator("[data-testid=reference]").inner_text() == filing.reference
    assert no_horizontal_scroll(page)
    shot(page, "portal-complaint-acknowledgement", docs=True)
    href = page.locator("[data-testid=ack-pdf]").get_attribute("href")
    response = page.request.get(origin + href)
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert filing.reference in text and "/verify/" in text
    assert Complaint.objects.get().attachments.count() == 1
    # the station's writer finds it among the station's complaints
    officer = chromium.new_context(viewport=PHONE).new_page()
    log_in(officer, origin, "writer_a1", password)
    officer.goto(f"{origin}/registration/complaints/")
    assert "Asha Rani" in officer.content()
    officer.context.close()
    assert only_same_origin(page.requested, origin) == []


def test_efir_signed_at_the_station_becomes_an_fir(phone, live_server, station, shot, chromium, password):
    origin = live_server.url
    page = phone
    sign_in(page, origin)
    page.goto(f"{origin}/citizen/efir/new/")
    page.locator("#id_police_station").select_option(label="Arundelpet PS")
    page.locator("#id_offence").select_option("vehicle_theft")
    page.locator("#id_accused_unknown").check()
    page.locator("#id_occurrence_from").fill((timezone.localtime() - datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_place_address").fill("Market parking, Arundelpet")
    page.locator("#id_property_description").fill("Black Honda Activa scooter")
    page.locator("#id_vehicle_registration").fill("AP07AB1234")
    page.locator("#id_narrative").fill("Parked at 9 in the morning, gone at 10.")
    page.locator("#id_informant_name").fill("Asha Rani")
    page.locator("#id_informant_address").fill("12 Gandhi Road, Guntur")
    shot(page, "portal-efir-form", docs=True)
    page.locator("[data-testid=submit]").click()
    page.wait_for_url(re.compile(r".*/citizen/my/EF-.*"))
    efir = EFIR.objects.get()
    assert "Sign it at the police station" in page.content()
    shot(page, "portal-efir-submitted", docs=True)
    # the SHO records the signature
    sho = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(sho, origin, "sho_a1", password)
    sho.goto(f"{origin}/citizen/police/efirs/")
    sho.get_by_role("link", name=efir.reference).click()
    sho.locator("#id_confirm").check()
    shot(sho, "portal-efir-police-sign", docs=True)
    sho.locator("[data-testid=sign]").click()
    sho.wait_for_url(re.compile(r".*/registration/firs/\d+/$"))
    sho.context.close()
    efir.refresh_from_db()
    assert efir.fir.number
    page.reload()
    assert page.locator("[data-testid=fir-number]").inner_text() == efir.fir.number
    assert "BNSS s.193(3)(ii)" in page.locator("[data-testid=progress-due]").inner_text()
    shot(page, "portal-efir-fir", docs=True)
    response = page.request.get(origin + page.locator("[data-testid=fir-copy]").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert efir.fir.number in pdf_text(response.body())
    assert only_same_origin(page.requested, origin) == []


def test_hindi_lost_article_report_with_receipt(phone, live_server, station, shot):
    origin = live_server.url
    page = phone
    page.goto(f"{origin}/citizen/")
    page.locator("[data-testid=lang-select]").select_option("hi")
    page.locator("[data-testid=lang-submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "hi"
    assert "नागरिक सेवाएँ" in page.locator("h1").inner_text()
    shot(page, "portal-home-hi", docs=True)
    sign_in(page, origin)
    page.goto(f"{origin}/citizen/lost/new/")
    assert page.locator("h1").inner_text() == "गुम होने की सूचना दें"
    page.locator("[data-testid=submit]").click()  # empty: errors in Hindi beside the fields
    assert "यह फ़ील्ड" in page.locator("[data-testid=error-description]").inner_text()
    page.locator("#id_police_station").select_option(label="Arundelpet PS")
    page.locator("#id_category").select_option("document")
    page.locator("#id_description").fill("पैन कार्ड")
    page.locator("#id_identifier").fill("ABCDE1234F")
    page.locator("#id_lost_on").fill(timezone.localdate().isoformat())
    page.locator("#id_lost_place").fill("बस संख्या 12")
    page.locator("#id_reporter_name").fill("आशा रानी")
    page.locator("#id_reporter_address").fill("12 गांधी रोड, गुंटूर")
    page.locator("[data-testid=submit]").click()
    page.wait_for_url(re.compile(r".*/citizen/my/LA-.*"))
    assert "खोई वस्तु की रिपोर्ट" in page.locator("h1").inner_text()
    assert no_horizontal_scroll(page)
    shot(page, "portal-lost-receipt-hi", docs=True)
    response = page.request.get(origin + page.locator("[data-testid=document-pdf]").get_attribute("href"))
    text = pdf_text(response.body())
    assert "पैन कार्ड" in text and "खोई वस्तु" in text
    assert only_same_origin(page.requested, origin) == []


def test_verification_police_result_certificate(phone, live_server, station, shot, chromium, tmp_path, password):
    from cctns.portal.models import VerificationRequest

    origin = live_server.url
    page = phone
    sign_in(page, origin)
    page.goto(f"{origin}/citizen/verification/new/")
    page.locator("#id_police_station").select_option(label="Arundelpet PS")
    page.locator("#id_kind").select_option("tenant")
    page.locator("#id_subject_name").fill("Ravi Teja")
    page.locator("#id_subject_age").fill("30")
    page.locator("#id_subject_address").fill("4 Lake Road, Arundelpet")
    page.locator("#id_purpose").fill("Tenant of my house")
    page.locator("#id_subject_mobile").fill("9000000001")
    page.get_by_role("button", name="Send consent code to this mobile").click()
    assert page.locator("[data-testid=consent-sent]").is_visible()
    code = next(m["text"].split()[0] for m in reversed(sms.outbox) if m["mobile"] == "9000000001")
    page.locator("#id_consent_code").fill(code)
    assert page.locator("#id_subject_name").input_value() == "Ravi Teja"  # nothing lost
    shot(page, "portal-verification-form", docs=True)
    page.locator("[data-testid=submit]").click()
    page.wait_for_url(re.compile(r".*/citizen/my/PV-.*"))
    req = VerificationRequest.objects.get()
    officer = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(officer, origin, "writer_a1", password)
    officer.goto(f"{origin}/citizen/police/verifications/{req.pk}/")
    assert officer.locator("[data-testid=no-records]").is_visible()
    officer.get_by_label("Nothing adverse found in police records").check()
    shot(officer, "portal-verification-police", docs=True)
    officer.locator("[data-testid=complete]").click()
    assert "Completed" in officer.locator("[data-testid=verification-status]").inner_text()
    officer.context.close()
    page.reload()
    response = page.request.get(origin + page.locator("[data-testid=document-pdf]").get_attribute("href"))
    text = pdf_text(response.body())
    assert req.reference in text and "Nothing adverse" in text
    shot(page, "portal-verification-certificate", docs=True)
    assert only_same_origin(page.requested, origin) == []


def test_vehicle_noc_clean_and_hit(phone, live_server, station, shot, password):
    from cctns.property.constants import PropertyState
    from cctns.property.models import Vehicle
    from cctns.property.services import register_item

    register_item(Vehicle(state=PropertyState.STOLEN, registration_number="AP 09 BX 4521",
                          chassis_number="MBLHA10AMGHB12345", make="Hero", model="Splendor"), by=station.writer_a1)
    origin = live_server.url
    page = phone
    sign_in(page, origin)
    for number, expect_clean in (("AP07CD9999", True), ("AP09BX4521", False)):
        page.goto(f"{origin}/citizen/noc/vehicle/")
        page.locator("#id_police_station").select_option(label="Arundelpet PS")
        page.locator("#id_registration_number").fill(number)
        page.locator("#id_purpose").fill("Sale")
        page.locator("[data-testid=submit]").click()
        page.wait_for_url(re.compile(r".*/citizen/my/NV-.*"))
        if expect_clean:
            response = page.request.get(origin + page.locator("[data-testid=document-pdf]").get_attribute("href"))
            assert number in pdf_text(response.body())
            shot(page, "portal-noc-clean", docs=True)
        else:
            assert page.locator("[data-testid=noc-refused]").is_visible()
            assert page.locator("[data-testid=document-pdf]").count() == 0
            assert "Splendor" not in page.content()
            shot(page, "portal-noc-hit", docs=True)
    assert only_same_origin(page.requested, origin) == []
