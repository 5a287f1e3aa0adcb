"""The investigation pages through the Django test client: jurisdiction, roles, forms that keep
their input on error, the Case Diary hidden from outsiders, the timeline, PDFs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cctns.investigation.lifecycle import transition
from cctns.investigation.models import CaseDiaryEntry, CrimeDetails, FinalReport
from cctns.investigation.services.case_diary import write_case_diary_entry
from cctns.registration.constants import FIRStatus as S
from cctns.registration.models import FIR

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def login(client, user):
    client.force_login(user)
    return client


def test_fir_detail_links_to_the_case_page(client, org, case):
    page = login(client, org.io_a1).get(f"/registration/firs/{case.pk}/").content.decode()
    assert f'href="/investigation/{case.pk}/"' in page


def test_case_page_scoped_by_jurisdiction(client, org, case, officers):
    assert login(client, org.io_a1).get(f"/investigation/{case.pk}/").status_code == 200
    assert login(client, officers.io_b1).get(f"/investigation/{case.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/investigation/{case.pk}/").status_code == 302


def test_io_takes_up_investigation_from_the_page(client, org, case):
    login(client, org.io_a1)
    page = client.get(f"/investigation/{case.pk}/").content.decode()
    assert 'data-testid="transition-form"' in page
    r = client.post(f"/investigation/{case.pk}/", {"action": "transition", "to_status": S.UNDER_INVESTIGATION, "reason": ""})
    assert r.status_code == 400  # reason required; nothing changed
    assert FIR.objects.get(pk=case.pk).status == S.REGISTERED
    r = client.post(f"/investigation/{case.pk}/", {"action": "transition", "to_status": S.UNDER_INVESTIGATION, "reason": "Scene visited"})
    assert r.status_code == 302
    assert FIR.objects.get(pk=case.pk).status == S.UNDER_INVESTIGATION


def test_writer_sees_no_move(client, org, case):
    page = login(client, org.writer_a1).get(f"/investigation/{case.pk}/").content.decode()
    assert 'data-testid="transition-form"' not in page
    r = client.post(f"/investigation/{case.pk}/", {"action": "transition", "to_status": S.UNDER_INVESTIGATION, "reason": "x"})
    assert r.status_code == 400
    assert FIR.objects.get(pk=case.pk).status == S.REGISTERED


def test_case_diary_page_write_and_visibility(client, org, case, officers):
    login(client, org.io_a1)
    r = client.post(f"/investigation/{case.pk}/case-diary/", {"steps_taken": "", "places_visited": "Bus stand"})
    assert r.status_code == 400 and "Bus stand" in r.content.decode()  # input kept
    r = client.post(f"/investigation/{case.pk}/case-diary/", {"steps_taken": "Recorded W1", "files": [SimpleUploadedFile("w1.png", PNG)]})
    assert r.status_code == 302
    entry = CaseDiaryEntry.objects.get(fir=case)
    f = entry.files.get()
    assert client.get(f"/investigation/{case.pk}/files/{f.pk}/").status_code == 200
    assert "Recorded W1" in client.get(f"/investigation/{case.pk}/case-diary/").content.decode()
    for user in (org.writer_a1, org.admin):
        login(client, user)
        assert client.get(f"/investigation/{case.pk}/case-diary/").status_code == 403
        assert client.get(f"/investigation/{case.pk}/files/{f.pk}/").status_code == 403
        assert "Recorded W1" not in client.get(f"/investigation/{case.pk}/timeline/").content.decode()
    login(client, officers.io_b1)
    assert client.get(f"/investigation/{case.pk}/case-diary/").status_code == 404
    login(client, org.sp_a)
    page = client.get(f"/investigation/{case.pk}/case-diary/").content.decode()
    assert "Recorded W1" in page and 'data-testid="cd-form"' not in page  # supervisors read, do not write


def test_crime_details_page(client, org, case):
    login(client, org.io_a1)
    r = client.post(f"/investigation/{case.pk}/crime-details/", {"motive": "gain", "place_type": "", "scene_description": "",
                                                                 "file_kind": "photo", "mo_codes": ["TH-SNATCH"]})
    assert r.status_code == 400
    r = client.post(f"/investigation/{case.pk}/crime-details/", {
        "motive": "gain", "place_type": "road", "scene_description": "Bus stand", "file_kind": "sketch",
        "mo_codes": ["TH-SNATCH"], "panch_witnesses": "Mohan Lal; Ram Lal; 45; Ward 4; 99999",
        "files": [SimpleUploadedFile("plan.png", PNG)]})
    assert r.status_code == 302
    row = CrimeDetails.objects.get(fir=case)
    assert row.panch_witnesses[0]["name"] == "Mohan Lal" and row.files.get().kind == "sketch"
    page = client.get(f"/investigation/{case.pk}/crime-details/").content.decode()
    assert "TH-SNATCH" in page
    for language in ("en", "hi"):
        r = client.get(f"/investigation/{case.pk}/crime-details/pdf/{language}/")
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
    login(client, org.scrb)
    assert client.get(f"/investigation/{case.pk}/crime-details/pdf/en/").status_code == 403


def test_final_report_pages_from_draft_to_filing(client, org, case):
    transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x")
    login(client, org.io_a1)
    r = client.post(f"/investigation/{case.pk}/final-report/", {"action": "save", "kind": "closure", "reasons": "Not traced"})
    assert r.status_code == 302
    r = client.post(f"/investigation/{case.pk}/final-report/", {"action": "submit"})
    assert r.status_code == 400  # closure class missing
    client.post(f"/investigation/{case.pk}/final-report/", {"action": "save", "kind": "closure", "closure_class": "untraced",
                                                            "reasons": "Not traced"})
    assert client.post(f"/investigation/{case.pk}/final-report/", {"action": "submit"}).status_code == 302
    assert client.post(f"/investigation/{case.pk}/final-report/", {"action": "approve"}).status_code == 400  # the IO may not
    login(client, org.sho_a1)
    page = client.get(f"/investigation/{case.pk}/final-report/").content.decode()
    assert 'data-testid="report-approve"' in page
    r = client.post(f"/investigation/{case.pk}/final-report/", {"action": "approve", "remarks": "ok", "communicated_mode": "sms"})
    assert r.status_code == 302
    report = FinalReport.objects.get(fir=case)
    assert report.status == "filed" and FIR.objects.get(pk=case.pk).status == S.FINAL_REPORT_FILED
    r = client.get(f"/investigation/{case.pk}/final-report/{report.pk}/pdf/hi/")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    timeline = client.get(f"/investigation/{case.pk}/timeline/").content.decode()
    assert "Closure report" in timeline and "Final report filed" in timeline


def test_timeline_lists_events_in_order_with_who(client, org, case):
    transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="taken up")
    write_case_diary_entry(case, org.io_a1, {"steps_taken": "Visited the scene"})
    page = login(client, org.sho_a1).get(f"/investigation/{case.pk}/timeline/").content.decode()
    assert page.index("registered") < page.index("taken up") < page.index("Visited the scene")
    assert str(org.io_a1.get_full_name() or org.io_a1.username) in page or "Test Officer" in page
