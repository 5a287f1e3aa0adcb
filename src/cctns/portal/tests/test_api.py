"""The portal's police-side API: scoped by jurisdiction, the same services as the pages, and
never reachable from a citizen session."""

import pytest
from rest_framework.test import APIClient

from cctns.portal.models import EFIRStatus
from cctns.portal.services.efir import submit_efir
from cctns.portal.services.requests import submit_verification

from .conftest import citizen_client, pdf_upload
from .test_efir import efir_data
from .test_requests import SUBJECT


@pytest.mark.django_db
def test_efir_list_is_scoped_and_sign_registers_the_fir(org, law, citizen):
    efir = submit_efir(citizen, org.ps_a1, efir_data(), accused_unknown=True)
    api = APIClient()
    api.force_authenticate(org.writer_b1)
    assert api.get("/api/v1/efirs/").json()["count"] == 0
    assert api.post(f"/api/v1/efirs/{efir.pk}/sign/", {}, format="json").status_code == 404
    api.force_authenticate(org.sho_a1)
    row = api.get("/api/v1/efirs/").json()["results"][0]
    assert row["reference"] == efir.reference and row["citizen_mobile"] == "98******10"
    r = api.post(f"/api/v1/efirs/{efir.pk}/sign/", {}, format="json")
    assert r.status_code == 201 and r.json()["number"]
    efir.refresh_from_db()
    assert efir.status == EFIRStatus.SIGNED
    r = api.post(f"/api/v1/efirs/{efir.pk}/sign/", {}, format="json")
    assert r.status_code == 400 and "status" in r.json()


@pytest.mark.django_db
def test_verification_complete_by_api(org, citizen):
    req = submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=pdf_upload())
    api = APIClient()
    api.force_authenticate(org.writer_a1)
    r = api.post(f"/api/v1/verification-requests/{req.pk}/complete/", {"result": "adverse"}, format="json")
    assert r.status_code == 400 and "remarks" in r.json()
    r = api.post(f"/api/v1/verification-requests/{req.pk}/complete/", {"result": "clear"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "completed"


@pytest.mark.django_db
def test_citizen_session_cannot_use_the_police_api(org, law, citizen, client):
    submit_efir(citizen, org.ps_a1, efir_data(), accused_unknown=True)
    c = citizen_client(client, citizen)
    for url in ("/api/v1/efirs/", "/api/v1/verification-requests/", "/api/v1/lost-articles/", "/api/v1/vehicle-nocs/"):
        assert c.get(url).status_code in (401, 403)
