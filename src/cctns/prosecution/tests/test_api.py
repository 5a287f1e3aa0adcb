"""The court API through DRF's APIClient: same rules as the pages (jurisdiction, permissions,
coded errors), and a court system (ICJS) posting hearings and disposals."""

import datetime

import pytest
from rest_framework.test import APIClient

from cctns.prosecution import services
from cctns.prosecution.models import CourtCase, Hearing
from cctns.prosecution.services.common import today
from cctns.registration.constants import FIRStatus

from .conftest import file_chargesheet

pytestmark = pytest.mark.django_db
D = datetime.date


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_court_cases_list_is_scoped_and_found_by_cnr(case, org):
    r = api(org.writer_a1).get("/api/v1/court-cases/", {"cnr": "apab010000122026"})
    assert r.status_code == 200 and [c["case_number"] for c in r.json()["results"]] == ["CC 12/2026"]
    assert r.json()["results"][0]["accused"] == ["A1", "A2"]
    assert api(org.writer_b1).get("/api/v1/court-cases/").json()["results"] == []
    assert api(org.writer_b1).get(f"/api/v1/court-cases/{case.pk}/").status_code == 404


def test_create_court_case_with_coded_errors(fir, org):
    r = api(org.io_a1).post("/api/v1/court-cases/", {"fir": fir.pk, "court_name": "JMFC", "case_number": "CC 2/2026",
                                                    "cnr_number": "APAB010000022026", "cognizance_on": "2099-01-01"},
                            format="json")
    assert r.status_code == 400 and r.json()["cognizance_on"][0]["code"] == "invalid"
    r = api(org.io_a1).post("/api/v1/court-cases/", {"fir": fir.pk, "court_name": "JMFC", "case_number": "CC 2/2026",
                                                    "cnr_number": "APAB010000022026"}, format="json")
    assert r.status_code == 201 and r.json()["fir_number"] == fir.number
    r = api(org.writer_b1).post("/api/v1/court-cases/", {"fir": fir.pk, "court_name": "X", "case_number": "1"}, format="json")
    assert r.status_code == 400 and r.json()["fir"][0]["code"] == "does_not_exist"


def test_supervisor_may_read_but_not_write(case, org):
    assert api(org.sp_a).get(f"/api/v1/court-cases/{case.pk}/").status_code == 200
    r = api(org.sp_a).post("/api/v1/hearings/", {"court_case": case.pk, "date": "2026-12-20"}, format="json")
    assert r.status_code == 403
    assert not Hearing.objects.exists()


def test_other_station_cannot_write_to_the_case(case, org, accused):
    r = api(org.writer_b1).post("/api/v1/hearings/", {"court_case": case.pk, "date": "2026-12-20"}, format="json")
    assert r.status_code == 400 and r.json()["court_case"][0]["code"] == "does_not_exist"
    r = api(org.writer_b1).post("/api/v1/disposals/", {"court_case": case.pk, "accused": accused[0].pk, "verdict": "acquitted",
                                                       "decided_on": "2026-02-01"}, format="json")
    assert r.status_code == 400


def test_icjs_posts_hearings_and_disposals_and_the_station_confirms_status(case, fir, org, accused, icjs, law):
    fir = file_chargesheet(fir, org)
    court = api(icjs)
    r = court.post(f"/api/v1/court-cases/{case.pk}/cognizance/", {"cognizance_on": "2026-02-01"}, format="json")
    assert r.status_code == 200 and r.json()["cognizance_on"] == "2026-02-01"
    r = court.post("/api/v1/hearings/", {"court_case": case.pk, "date": "2026-02-10", "purpose": "charge"}, format="json")
    assert r.status_code == 201
    hid = r.json()["id"]
    r = court.post(f"/api/v1/hearings/{hid}/record/", {"outcome": "adjourned"}, format="json")
    assert r.status_code == 400 and r.json()["next_date"][0]["message"]
    soon = (today() + datetime.timedelta(days=30)).isoformat()
    r = court.post(f"/api/v1/hearings/{hid}/record/", {"outcome": "adjourned", "next_date": soon,
                                                        "next_purpose": "arguments"}, format="json")
    assert r.status_code == 200 and r.json()["outcome"] == "adjourned"
    upcoming = court.get("/api/v1/hearings/", {"court_case": case.pk, "upcoming": "1"}).json()["results"]
    assert [h["date"] for h in upcoming] == [soon]
    r = court.post("/api/v1/disposals/", {"court_case": case.pk, "accused": accused[0].pk, "verdict": "convicted",
                                          "decided_on": "2026-02-20", "sentence_kind": "simple"}, format="json")
    assert r.status_code == 400 and {"convicted_sections", "sentence_years"} <= set(r.json())
    for a, verdict in ((accused[0], "convicted"), (accused[1], "acquitted")):
        body = {"court_case": case.pk, "accused": a.pk, "verdict": verdict, "decided_on": "2026-02-20"}
        if verdict == "convicted":
            body.update(convicted_sections=[law.bns_303.pk], sentence_kind="simple", sentence_months=6)
        r = court.post("/api/v1/disposals/", body, format="json")
        assert r.status_code == 201, r.json()
        assert "name" not in r.json() and r.json()["accused_code"] == a.code
    case = CourtCase.objects.get(pk=case.pk)
    fir.refresh_from_db()
    assert case.status == "disposed" and fir.status == FIRStatus.FINAL_REPORT_FILED  # ICJS may not move the status
    r = api(org.writer_a1).post(f"/api/v1/court-cases/{case.pk}/status/", format="json")
    fir.refresh_from_db()
    assert r.status_code == 200 and fir.status == FIRStatus.DISPOSED


def test_orders_process_and_appeal_endpoints(case, org, accused, law):
    c = api(org.writer_a1)
    assert c.post("/api/v1/bail-orders/", {"court_case": case.pk, "accused": accused[0].pk, "order_date": "2026-02-01",
                                           "decision": "granted", "bond_amount": "20000.00"}, format="json").status_code == 201
    assert c.post("/api/v1/remand-orders/", {"court_case": case.pk, "accused": accused[1].pk, "order_date": "2026-02-01",
                                             "kind": "police", "from_date": "2026-02-01", "to_date": "2026-02-03"},
                  format="json").status_code == 201
    assert c.post("/api/v1/orders/", {"court_case": case.pk, "order_date": "2026-02-01", "kind": "other", "terms": "Produce CDR"},
                  format="json").status_code == 201
    w = c.post("/api/v1/warrants/", {"court_case": case.pk, "kind": "search", "person_name": "House of A1",
                                     "issued_on": "2026-02-01"}, format="json")
    assert w.status_code == 201 and w.json()["status"] == "pending"
    r = c.post(f"/api/v1/warrants/{w.json()['id']}/return/", {"status": "executed", "executed_on": "2026-02-02"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "executed"
    sm = c.post("/api/v1/summons/", {"court_case": case.pk, "person_name": "PW2", "issued_on": "2026-02-01",
                                     "appear_on": "2026-03-01"}, format="json")
    assert sm.status_code == 201
    assert api(org.writer_b1).post(f"/api/v1/summons/{sm.json()['id']}/return/", {"status": "recalled"},
                                   format="json").status_code == 404
    services.record_disposal(case, org.writer_a1, accused=accused[0], verdict="acquitted", decided_on=D(2026, 2, 20))
    r = c.post("/api/v1/appeals/", {"court_case": case.pk, "accused": accused[0].pk, "appellant": "state",
                                    "appellate_court": "High Court", "appeal_number": "CrA 8/2026", "filed_on": "2026-02-25"},
               format="json")
    assert r.status_code == 201 and r.json()["result"] == "pending"
    r = c.post(f"/api/v1/appeals/{r.json()['id']}/result/", {"result": "upheld", "result_on": "2026-03-01"}, format="json")
    assert r.status_code == 200 and r.json()["result"] == "upheld"
    assert len(c.get("/api/v1/disposals/", {"court_case": case.pk}).json()["results"]) == 1


def test_corrections_are_new_rows_by_the_sho(case, org, accused, law):
    d = services.record_disposal(case, org.writer_a1, accused=accused[0], verdict="convicted", decided_on=D(2026, 2, 20),
                                 convicted_sections=[law.bns_303], sentence_kind="simple", sentence_years=1)
    body = {"reason": "Term misread", "sentence_years": 2}
    assert api(org.writer_a1).post(f"/api/v1/disposals/{d.pk}/correct/", body, format="json").status_code == 403
    r = api(org.sho_a1).post(f"/api/v1/disposals/{d.pk}/correct/", body, format="json")
    assert r.status_code == 201 and r.json()["sentence_years"] == 2 and r.json()["corrects"] == d.pk
    old = api(org.sho_a1).get(f"/api/v1/disposals/{d.pk}/").json()
    assert old["sentence_years"] == 1 and old["superseded_at"]
    r = api(org.sho_a1).post(f"/api/v1/disposals/{d.pk}/correct/", body, format="json")
    assert r.status_code == 400 and r.json()["reason"][0]["code"] == "superseded"
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 10))
    r = api(org.sho_a1).post(f"/api/v1/hearings/{h.pk}/correct/", {"reason": "Wrong date", "date": "2026-02-11"}, format="json")
    assert r.status_code == 201 and r.json()["date"] == "2026-02-11"
