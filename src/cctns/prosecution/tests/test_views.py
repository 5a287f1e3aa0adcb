"""Court pages through the Django test client: list and calendar scoped by jurisdiction, the case
page, each form (success and a refused entry shown again with its error), the FIR page's court
section, and the IIF-6/IIF-7 PDFs in English and Hindi."""

import datetime

import pytest
from django.urls import reverse

from cctns.prosecution import services
from cctns.prosecution.models import CourtCase, Disposal, Hearing
from cctns.prosecution.services.common import today

pytestmark = pytest.mark.django_db
D = datetime.date


def login(client, user):
    client.force_login(user)
    return client


def test_case_list_is_scoped(client, case, org):
    r = login(client, org.writer_a1).get(reverse("prosecution:case_list"))
    assert r.status_code == 200 and "CC 12/2026" in r.content.decode()
    r = login(client, org.writer_b1).get(reverse("prosecution:case_list"))
    assert r.status_code == 200 and "CC 12/2026" not in r.content.decode()
    r = login(client, org.sp_a).get(reverse("prosecution:case_list") + "?q=APAB010000122026")
    assert "CC 12/2026" in r.content.decode()


def test_other_station_gets_404_on_the_case_and_its_forms(client, case, org):
    c = login(client, org.writer_b1)
    assert c.get(reverse("prosecution:case_detail", args=[case.pk])).status_code == 404
    r = c.post(reverse("prosecution:schedule_hearing", args=[case.pk]), {"hearing-date": "2026-12-20", "hearing-purpose": "charge"})
    assert r.status_code == 404
    assert not Hearing.objects.exists()


def test_supervisor_reads_but_cannot_write(client, case, org):
    c = login(client, org.sp_a)
    r = c.get(reverse("prosecution:case_detail", args=[case.pk]))
    assert r.status_code == 200 and 'data-testid="form-hearing"' not in r.content.decode()
    r = c.post(reverse("prosecution:schedule_hearing", args=[case.pk]), {"hearing-date": "2026-12-20", "hearing-purpose": "charge"})
    assert r.status_code == 403  # in the jurisdiction, but a supervisor does not write court records
    assert not Hearing.objects.exists()


def test_register_a_court_case_from_the_fir_page(client, fir, org):
    c = login(client, org.io_a1)
    page = c.get(reverse("registration:fir_detail", args=[fir.pk])).content.decode()
    assert 'data-testid="court-case-new"' in page
    r = c.post(reverse("prosecution:case_create", args=[fir.pk]), {
        "court_name": "JMFC A", "case_number": "CC 1/2026", "cnr_number": "bad", "cognizance_on": "2026-02-01"})
    assert r.status_code == 400 and 'data-testid="error-cnr_number"' in r.content.decode()
    assert "CC 1/2026" in r.content.decode()  # nothing entered is lost
    r = c.post(reverse("prosecution:case_create", args=[fir.pk]), {
        "court_name": "JMFC A", "case_number": "CC 1/2026", "cnr_number": "APAB010000012026", "cognizance_on": "2026-02-01"})
    case = CourtCase.objects.get()
    assert r.status_code == 302 and r.url == reverse("prosecution:case_detail", args=[case.pk])
    assert case.accused.count() == 2
    page = c.get(reverse("registration:fir_detail", args=[fir.pk])).content.decode()
    assert reverse("prosecution:case_detail", args=[case.pk]) in page


def test_schedule_and_record_a_hearing(client, case, org):
    c = login(client, org.writer_a1)
    r = c.post(reverse("prosecution:schedule_hearing", args=[case.pk]), {"hearing-date": "2026-02-10", "hearing-purpose": "charge"})
    assert r.status_code == 302
    h = Hearing.objects.get()
    r = c.post(reverse("prosecution:record_hearing", args=[h.pk]), {"record-outcome": "adjourned", "record-proceedings": "PW absent"})
    assert r.status_code == 400 and 'data-testid="error-record-next_date"' in r.content.decode()
    r = c.post(reverse("prosecution:record_hearing", args=[h.pk]), {
        "record-outcome": "adjourned", "record-proceedings": "PW absent", "record-next_date": "2027-01-15",
        "record-next_purpose": "prosecution_evidence"})
    assert r.status_code == 302
    page = c.get(reverse("prosecution:case_detail", args=[case.pk])).content.decode()
    assert "15-01-2027" in page and "PW absent" in page


def test_calendar_shows_upcoming_hearings_of_the_station(client, case, org):
    soon = today() + datetime.timedelta(days=5)
    services.schedule_hearing(case, org.writer_a1, date=soon, purpose="arguments")
    page = login(client, org.writer_a1).get(reverse("prosecution:calendar")).content.decode()
    assert soon.strftime("%d-%m-%Y") in page and "CC 12/2026" in page
    page = login(client, org.writer_b1).get(reverse("prosecution:calendar")).content.decode()
    assert "CC 12/2026" not in page and 'data-testid="calendar-empty"' in page


def test_orders_process_and_disposal_forms(client, case, org, accused, law):
    c = login(client, org.writer_a1)
    a1, a2 = accused
    assert c.post(reverse("prosecution:bail", args=[case.pk]), {
        "bail-accused": a1.pk, "bail-order_date": "2026-02-01", "bail-decision": "granted", "bail-bond_amount": "10000"}).status_code == 302
    assert c.post(reverse("prosecution:remand", args=[case.pk]), {
        "remand-accused": a2.pk, "remand-order_date": "2026-02-01", "remand-kind": "judicial",
        "remand-from_date": "2026-02-01", "remand-to_date": "2026-02-14"}).status_code == 302
    assert c.post(reverse("prosecution:order", args=[case.pk]), {
        "order-order_date": "2026-02-01", "order-kind": "property_release", "order-terms": "Release the phone"}).status_code == 302
    assert c.post(reverse("prosecution:warrant", args=[case.pk]), {
        "warrant-kind": "bailable", "warrant-person_name": "Sohan Lal", "warrant-accused": a2.pk,
        "warrant-issued_on": "2026-02-01"}).status_code == 302
    assert c.post(reverse("prosecution:summons", args=[case.pk]), {
        "summons-person_role": "witness", "summons-person_name": "PW1", "summons-issued_on": "2026-02-01"}).status_code == 302
    w = case.warrants.get()
    assert c.post(reverse("prosecution:process_return", args=["warrant", w.pk]), {
        "return-status": "executed", "return-executed_on": "2026-02-03"}).status_code == 302
    r = c.post(reverse("prosecution:disposal", args=[case.pk]), {
        "disposal-accused": a1.pk, "disposal-verdict": "convicted", "disposal-decided_on": "2026-02-20",
        "disposal-sentence_kind": "simple"})
    assert r.status_code == 400
    body = r.content.decode()
    assert 'data-testid="error-disposal-convicted_sections"' in body and 'data-testid="error-disposal-sentence_years"' in body
    assert c.post(reverse("prosecution:disposal", args=[case.pk]), {
        "disposal-accused": a1.pk, "disposal-verdict": "convicted", "disposal-decided_on": "2026-02-20",
        "disposal-convicted_sections": [law.bns_303.pk], "disposal-sentence_kind": "simple", "disposal-sentence_years": "1",
        "disposal-fine_amount": "2000"}).status_code == 302
    assert c.post(reverse("prosecution:disposal", args=[case.pk]), {
        "disposal-accused": a2.pk, "disposal-verdict": "acquitted", "disposal-decided_on": "2026-02-21"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "disposed" and Disposal.objects.count() == 2
    page = c.get(reverse("prosecution:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="iif6-en"' in page and "Release the phone" in page
    assert c.post(reverse("prosecution:appeal", args=[case.pk]), {
        "appeal-accused": a1.pk, "appeal-appellant": "accused", "appeal-appellate_court": "Sessions Court A",
        "appeal-appeal_number": "CrA 3/2026", "appeal-filed_on": "2026-02-25"}).status_code == 302
    appeal = case.appeals.get()
    assert c.post(reverse("prosecution:appeal_result", args=[appeal.pk]), {
        "result-result": "upheld", "result-result_on": "2026-03-01"}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.result == "upheld"


@pytest.mark.parametrize("language", ["en", "hi"])
def test_iif6_and_iif7_pdfs(client, case, org, accused, law, language):
    for a in accused:
        services.record_disposal(case, org.writer_a1, accused=a, verdict="acquitted", decided_on=D(2026, 2, 20))
    services.record_appeal(case, org.writer_a1, accused=accused[0], appellant="state", appellate_court="High Court",
                           appeal_number="CrA 7/2026", filed_on=D(2026, 2, 25))
    c = login(client, org.writer_a1)
    for form in ("iif6", "iif7"):
        r = c.get(reverse("prosecution:document", args=[case.pk, form, language]))
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
        assert r.content.startswith(b"%PDF")
    assert login(client, org.writer_b1).get(reverse("prosecution:document", args=[case.pk, "iif6", language])).status_code == 404


def test_iif7_without_an_appeal_is_404(client, case, org):
    assert login(client, org.writer_a1).get(reverse("prosecution:document", args=[case.pk, "iif7", "en"])).status_code == 404


def test_case_list_queries_do_not_grow_with_the_cases(client, case, fir, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = login(client, org.writer_a1)
    with CaptureQueriesContext(connection) as one:
        c.get(reverse("prosecution:case_list"))
    for n in range(3):
        services.register_court_case(fir, org.writer_a1, court_name="JMFC", case_number=f"CC {20 + n}/2026")
    with CaptureQueriesContext(connection) as four:
        assert "CC 22/2026" in c.get(reverse("prosecution:case_list")).content.decode()
    assert len(four) == len(one)


def test_pages_in_hindi(client, case, org):
    c = login(client, org.writer_a1)
    c.post(reverse("set_language"), {"language": "hi", "next": "/"})
    assert "न्यायालय के मामले" in c.get(reverse("prosecution:case_list")).content.decode()
    page = c.get(reverse("prosecution:case_detail", args=[case.pk])).content.decode()
    assert "सुनवाई सूचीबद्ध करें" in page and "लोक अभियोजक" in page


def test_sho_corrects_a_disposal_on_the_case_page(client, case, org, accused, law):
    d = services.record_disposal(case, org.writer_a1, accused=accused[0], verdict="convicted", decided_on=D(2026, 2, 20),
                                 convicted_sections=[law.bns_303], sentence_kind="simple", sentence_years=1)
    assert 'data-testid="action-correct-A1"' not in login(client, org.writer_a1).get(
        reverse("prosecution:case_detail", args=[case.pk])).content.decode()
    c = login(client, org.sho_a1)
    assert 'data-testid="action-correct-A1"' in c.get(reverse("prosecution:case_detail", args=[case.pk])).content.decode()
    p = f"correct-{d.pk}-"
    body = {p + "verdict": "convicted", p + "decided_on": "2026-02-20", p + "convicted_sections": [law.bns_303.pk],
            p + "sentence_kind": "simple", p + "sentence_years": "2"}
    r = c.post(reverse("prosecution:correct_disposal", args=[d.pk]), body)
    assert r.status_code == 400 and f'data-testid="error-{p}reason"' in r.content.decode()
    r = c.post(reverse("prosecution:correct_disposal", args=[d.pk]), {**body, p + "reason": "Term misread"})
    assert r.status_code == 302
    current = Disposal.objects.get(accused=accused[0], superseded_at__isnull=True)
    assert current.sentence_years == 2 and current.corrects_id == d.pk
    q = f"correct-{current.pk}-"
    again = {k.replace(p, q): v for k, v in body.items()} | {q + "reason": "x"}
    assert login(client, org.writer_a1).post(reverse("prosecution:correct_disposal", args=[current.pk]), again).status_code == 403
