"""The investigation API over HTTP (APIClient): same rules as the pages, jurisdiction as 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cctns.registration.constants import FIRStatus as S
from cctns.registration.models import FIR

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
BASE = "/api/v1/investigation"


def api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_case_and_transition(org, case, officers):
    r = api(org.io_a1).get(f"{BASE}/cases/{case.pk}/")
    assert r.status_code == 200
    assert r.json()["allowed_transitions"] == [S.UNDER_INVESTIGATION]
    assert api(officers.io_b1).get(f"{BASE}/cases/{case.pk}/").status_code == 404
    r = api(org.writer_a1).post(f"{BASE}/cases/{case.pk}/transition/", {"to_status": S.UNDER_INVESTIGATION, "reason": "x"}, format="json")
    assert r.status_code == 400 and r.json()["to_status"][0]["code"] == "not_permitted"
    r = api(org.io_a1).post(f"{BASE}/cases/{case.pk}/transition/", {"to_status": S.DISPOSED, "reason": "x"}, format="json")
    assert r.status_code == 400 and r.json()["to_status"][0]["code"] == "illegal_transition"
    r = api(org.io_a1).post(f"{BASE}/cases/{case.pk}/transition/", {"to_status": S.UNDER_INVESTIGATION, "reason": "taken up"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == S.UNDER_INVESTIGATION
    assert r.json()["events"][0]["by"]["username"] == "io_a1"
    r = api(org.sho_a1).get(f"{BASE}/cases/{case.pk}/timeline/")
    assert r.status_code == 200 and any(i["kind"] == "lifecycle" for i in r.json())


def test_case_diary_over_http(org, case, officers):
    r = api(org.io_a1).post(f"{BASE}/case-diary/", {"fir": case.pk, "steps_taken": "Visited", "files": [SimpleUploadedFile("s.png", PNG)]},
                            format="multipart")
    assert r.status_code == 201, r.json()
    assert r.json()["serial"] == 1 and len(r.json()["files"]) == 1
    r = api(officers.io_b1).post(f"{BASE}/case-diary/", {"fir": case.pk, "steps_taken": "x"}, format="json")
    assert r.status_code == 404  # another station's case does not exist for them
    r = api(org.writer_a1).post(f"{BASE}/case-diary/", {"fir": case.pk, "steps_taken": "x"}, format="json")
    assert r.status_code == 400 and r.json()["fir"][0]["code"] == "not_permitted"
    r = api(org.io_a1).post(f"{BASE}/case-diary/", {"fir": case.pk, "steps_taken": ""}, format="json")
    assert r.status_code == 400 and "steps_taken" in r.json()
    assert len(api(org.sp_a).get(f"{BASE}/case-diary/?fir={case.pk}").json()["results"] if isinstance(
        api(org.sp_a).get(f"{BASE}/case-diary/").json(), dict) else api(org.sp_a).get(f"{BASE}/case-diary/").json()) == 1
    for outsider in (org.writer_a1, org.admin, org.scrb):
        body = api(outsider).get(f"{BASE}/case-diary/").json()
        rows = body["results"] if isinstance(body, dict) else body
        assert rows == []


def test_crime_details_over_http(org, case):
    r = api(org.io_a1).post(f"{BASE}/crime-details/", {"fir": case.pk, "mo_codes": ["XX"], "place_type": "road",
                                                       "scene_description": "s"}, format="json")
    assert r.status_code == 400 and "mo_codes" in r.json()
    r = api(org.io_a1).post(f"{BASE}/crime-details/", {"fir": case.pk, "mo_codes": ["TH-SNATCH"], "place_type": "road",
                                                       "scene_description": "Bus stand",
                                                       "panch_witnesses": [{"name": "Mohan", "address": "Ward 4"}]}, format="json")
    assert r.status_code == 201 and r.json()["revision"] == 1
    r = api(org.io_a1).post(f"{BASE}/crime-details/", {"fir": case.pk, "mo_codes": ["TH-PICK"], "place_type": "road",
                                                       "scene_description": "Bus stand", "file_kind": "photo",
                                                       "reason": "New facts", "files": [SimpleUploadedFile("p.png", PNG)]},
                            format="multipart")
    assert r.status_code == 201, r.json()
    assert r.json()["mo_codes"] == ["TH-PICK"] and len(r.json()["files"]) == 1


def test_final_report_over_http(org, case, officers):
    api(org.io_a1).post(f"{BASE}/cases/{case.pk}/transition/", {"to_status": S.UNDER_INVESTIGATION, "reason": "x"}, format="json")
    io = api(org.io_a1)
    r = io.post(f"{BASE}/final-reports/", {"fir": case.pk, "kind": "closure", "closure_class": "untraced",
                                           "reasons": "Not traced"}, format="json")
    assert r.status_code == 201, r.json()
    rid = r.json()["id"]
    assert io.post(f"{BASE}/final-reports/{rid}/submit/").status_code == 200
    assert io.post(f"{BASE}/final-reports/{rid}/approve/", {}, format="json").status_code == 400
    assert api(officers.io_b1).post(f"{BASE}/final-reports/{rid}/approve/", {}, format="json").status_code == 404
    r = api(officers.dsp_a).post(f"{BASE}/final-reports/{rid}/approve/", {"remarks": "ok", "communicated_mode": "email"}, format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == "filed" and r.json()["number"]
    assert FIR.objects.get(pk=case.pk).status == S.FINAL_REPORT_FILED
    r = api(org.writer_a1).post(f"{BASE}/cases/{case.pk}/informant-communications/", {"kind": "progress", "mode": "sms"}, format="json")
    assert r.status_code == 201


def test_schema_builds(org):
    r = api(org.admin).get("/api/schema/")
    assert r.status_code == 200
    assert b"/api/v1/investigation/cases/" in r.content
