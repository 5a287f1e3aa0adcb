"""The FIR copy (IIF-1) as PDF, in English and Hindi: contents read back with poppler's pdftotext,
shaped Devanagari, the verification QR and its page, masking of protected identities, inert
markup, and who may download it."""

import re

import pytest
from django.utils import translation

from cctns.documents.models import DocumentIssue
from cctns.documents.services import token_for
from cctns.documents.tests.utils import pdf_text
from cctns.registration.documents import FIR_COPY_TEMPLATE, fir_copy_context
from cctns.registration.models import FIR
from cctns.registration.services import approve_fir, assign_io, mark_sensitive, register_fir

from .conftest import fir_data, ist

pytestmark = pytest.mark.django_db

HINDI_NARRATIVE = "मेरी मोटरसाइकिल घर के सामने से चोरी हो गई।"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def named_station(org):
    """PS A1 with Hindi names, as reference data gives them."""
    org.state.name_hi = "आंध्र प्रदेश"
    org.state.save()
    org.dist_a.name, org.dist_a.name_hi = "Guntur", "गुंटूर"
    org.dist_a.save()
    org.ps_a1.name, org.ps_a1.name_hi = "Arundelpet PS", "अरुंडेलपेट थाना"
    org.ps_a1.save()
    return org


def issued(org, law, **overrides):
    return register_fir(None, org.sho_a1, fir_data(law, **overrides), now=ist(2025, 7, 11, 10, 0))


def download(client, user, fir, language):
    client.force_login(user)
    return client.get(f"/registration/firs/{fir.pk}/copy/{language}/")


def flat(text: str) -> str:
    """pdftotext's layout text with runs of spaces and line breaks collapsed."""
    return re.sub(r"\s+", " ", text)


def test_english_copy_has_the_iif1_contents(client, named_station, law):
    org = named_station
    fir = issued(org, law, narrative="My motorcycle was stolen from in front of my house.")
    assign_io(fir, org.sho_a1, org.io_a1, now=ist(2025, 7, 11, 11, 0))
    response = download(client, org.writer_a1, fir, "en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="FIR-0001-2025-28-A-1-en.pdf"'
    text = flat(pdf_text(response.content))
    for expected in [
        "First Information Report", "Under section 173 of the Bharatiya Nagarik Suraksha Sanhita, 2023",
        "Andhra Pradesh Police", "Arundelpet PS", "Guntur", "0001/2025", "28-A-1-2025-0001",
        "BNS 303(2) Theft IPC 379",  # the section and the corresponding section of the other code
        "10-07-2025 22:00", "11-07-2025 09:15", "1.50 km, North-east", "Beat 3",
        "Ramesh Kumar", "Aadhaar XXXXXXXX9012", "Two men on a black motorcycle", "15,000",
        "My motorcycle was stolen from in front of my house.", "Case registered and taken up for investigation.",
        "Signature or thumb impression of the informant", "Page 1 of",
    ]:
        assert expected in text, expected
    assert re.search(rf"Investigating officer {org.io_a1.get_full_name()}, Sub-\s*Inspector", text)
    assert "1234 5678 9012" not in text  # the full identity number is never stored, never printed


def test_hindi_copy_is_shaped_and_translated(client, named_station, law):
    org = named_station
    fir = issued(org, law, narrative=HINDI_NARRATIVE)
    response = download(client, org.writer_a1, fir, "hi")
    assert response.status_code == 200
    text = pdf_text(response.content)
    with translation.override("hi"):
        labels = [translation.gettext("First Information Report"), translation.gettext("Acts and sections"),
                  translation.gettext("First information contents")]
    assert labels[0] == "प्रथम सूचना रिपोर्ट"
    for expected in [*labels, HINDI_NARRATIVE, "आंध्र प्रदेश पुलिस", "अरुंडेलपेट थाना", "गुंटूर", "0001/2025",
                     "भारतीय नागरिक सुरक्षा संहिता"]:
        assert expected in text, expected
    assert "पु लस" not in text and "मोटरसा इकल" not in text  # not the scrambled glyph order


def test_copy_carries_a_qr_that_verifies_it(client, org, law):
    fir = issued(org, law)
    response = download(client, org.writer_a1, fir, "hi")
    issue = DocumentIssue.objects.get(kind="fir_copy")
    assert issue.record_global_id == fir.global_id and issue.language == "hi" and issue.record_version == fir.version
    token = token_for(issue)
    text = flat(pdf_text(response.content))
    assert token.split(".")[0] in text.replace(" ", "")  # the verify URL is printed beside the QR
    assert issue.summary["fir_number"] == "0001/2025" and "Ramesh Kumar" not in str(issue.summary)
    page = client.get(f"/verify/{token}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "0001/2025" in body and "Ramesh Kumar" not in body


def test_sensitive_copy_masks_identity_outside_the_case(client, org, law):
    fir = issued(org, law, sections=["BNS 64"], victims=[{"name": "Protected Victim", "sex": "F", "age": 24}],
                 informant_name="Her Mother", narrative="Statement naming Protected Victim.")
    assert fir.is_sensitive
    outside = flat(pdf_text(download(client, org.scrb, fir, "en").content))
    assert "Protected Victim" not in outside and "Her Mother" not in outside
    assert "[protected]" in outside and "0001/2025" in outside
    hindi = flat(pdf_text(download(client, org.scrb, fir, "hi").content))
    assert "Protected Victim" not in hindi and "[संरक्षित]" in hindi
    inside = flat(pdf_text(download(client, org.sho_a1, fir, "en").content))
    assert "Protected Victim" in inside and "Her Mother" in inside


def test_child_victim_masked_even_when_not_sensitive(client, org, law):
    fir = issued(org, law, victims=[{"name": "Child Victim", "sex": "M", "age": 9}, {"name": "Adult Victim", "sex": "M", "age": 40}])
    assert not fir.is_sensitive
    text = flat(pdf_text(download(client, org.scrb, fir, "en").content))
    assert "Child Victim" not in text and "Adult Victim" in text and "[protected]" in text


def test_marked_sensitive_by_the_sho_masks_too(client, org, law):
    fir = issued(org, law, victims=[{"name": "Witness Victim", "sex": "M", "age": 30}])
    mark_sensitive(fir, org.sho_a1, "Threats to the family")
    text = flat(pdf_text(download(client, org.scrb, fir, "en").content))
    assert "Witness Victim" not in text and "Ramesh Kumar" not in text


def test_markup_in_the_narrative_prints_as_text(client, org, law):
    fir = issued(org, law, narrative=XSS)
    text = flat(pdf_text(download(client, org.writer_a1, fir, "en").content))
    assert '<script>alert("x")</script><img src=x onerror=alert(1)>' in text  # shown literally: inert
    fir = FIR.objects.get(pk=fir.pk)
    from cctns.documents.pdf import render_html
    from cctns.documents.services import document_context, prepare_issue

    issue = prepare_issue("fir_copy", fir, language="en", summary={}, template_name=FIR_COPY_TEMPLATE)
    html = render_html(FIR_COPY_TEMPLATE, {**fir_copy_context(fir, org.writer_a1, "en"),
                                           "document": document_context(issue), "letterhead": {}}, language="en")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_ipc_case_prints_the_bns_counterpart(client, org, law):
    fir = register_fir(None, org.sho_a1, fir_data(
        law, sections=["IPC 379"], occurrence_from=ist(2024, 6, 20, 22, 0), occurrence_to=ist(2024, 6, 20, 23, 0),
        information_received_at=ist(2024, 6, 21, 9, 0)), now=ist(2024, 6, 21, 10, 0))
    text = flat(pdf_text(download(client, org.writer_a1, fir, "en").content))
    assert "IPC 379 Punishment for theft BNS 303(2)" in text
    assert "Under section 154 of the Code of Criminal Procedure, 1973" in text  # registered before 1 July 2024


def test_copy_only_for_issued_firs_within_jurisdiction(client, org, law, settings):
    settings.CCTNS_FIR_REQUIRES_APPROVAL = True
    pending = register_fir(None, org.writer_a1, fir_data(law), now=ist(2025, 7, 11, 10, 0))
    assert download(client, org.writer_a1, pending, "en").status_code == 404
    approve_fir(pending, org.sho_a1, now=ist(2025, 7, 11, 10, 30))
    assert download(client, org.writer_a1, pending, "en").status_code == 200
    assert download(client, org.writer_a1, pending, "fr").status_code == 404
    assert download(client, org.writer_b1, pending, "en").status_code == 404
    assert download(client, org.sp_b, pending, "hi").status_code == 404
    client.logout()
    assert client.get(f"/registration/firs/{pending.pk}/copy/en/").status_code == 302
