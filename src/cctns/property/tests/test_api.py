"""Property API through DRF's APIClient."""

import pytest
from rest_framework.test import APIClient

from cctns.property.constants import PropertyState
from cctns.property.models import MatchCandidate

from .conftest import STOLEN_IMEI

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_vehicle_check_in_one_round_trip(org, stolen_vehicle):
    r = client_for(org.writer_b1).get("/api/v1/vehicles/check", {"registration_number": "ap09bx4521",
                                                                  "engine_number": "GHB54321"})
    assert r.status_code == 200, r.content
    [hit] = r.json()
    assert hit["station"] == "28-A-1" and hit["item"]["id"] == stolen_vehicle.pk and hit["score"] > 0.95
    assert {e["field"] for e in hit["explanation"]} == {"registration_number", "engine_number"}
    assert all(e["text"] for e in hit["explanation"])
    assert client_for(org.writer_b1).get("/api/v1/vehicles/check/", {"chassis_number": "ZZZZZZZZ"}).json() == []
    assert client_for(org.writer_b1).get("/api/v1/vehicles/check").status_code == 400


def test_phone_check_and_bad_imei(org, stolen_phone):
    c = client_for(org.writer_b1)
    assert c.get("/api/v1/phones/check", {"imei": STOLEN_IMEI}).json()[0]["item"]["id"] == stolen_phone.pk
    r = c.get("/api/v1/phones/check", {"imei": "490154203237519"})
    assert r.status_code == 400 and "imei" in r.json()


def test_checks_need_a_police_user():
    assert APIClient().get("/api/v1/vehicles/check", {"registration_number": "x"}).status_code in (401, 403)


def test_create_phone_with_bad_imei_is_a_field_error(org):
    r = client_for(org.writer_a1).post("/api/v1/phones/", {"imei": "490154203237519", "state": "stolen"}, format="json")
    assert r.status_code == 400 and "imei" in r.json()


def test_create_seized_vehicle_then_confirm_candidate(org, stolen_vehicle):
    c = client_for(org.writer_b1)
    r = c.post("/api/v1/vehicles/", {"chassis_number": "MBLHA10AMGHB12345", "state": "seized",
                                     "seizure_reference": "SZ-9"}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["police_station"] == "28-B-1" and r.json()["state_changes"][0]["to_state"] == "seized"
    cand = MatchCandidate.objects.get()
    listed = c.get("/api/v1/property-candidates/", {"status": "proposed"}).json()
    assert listed["results"][0]["id"] == cand.pk if isinstance(listed, dict) else listed[0]["id"] == cand.pk
    assert c.post(f"/api/v1/property-candidates/{cand.pk}/confirm/", {}, format="json").status_code == 400
    r = c.post(f"/api/v1/property-candidates/{cand.pk}/confirm/", {"remark": "Engine verified"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    stolen_vehicle.refresh_from_db()
    assert stolen_vehicle.state == PropertyState.RECOVERED
    assert client_for(org.writer_a2).post(f"/api/v1/property-candidates/{cand.pk}/reject/", {"remark": "x"},
                                          format="json").status_code == 404


def test_items_scoped_and_state_moves(org, stolen_vehicle):
    assert client_for(org.writer_a2).get(f"/api/v1/vehicles/{stolen_vehicle.pk}/").status_code == 404
    c = client_for(org.writer_a1)
    assert c.get(f"/api/v1/vehicles/{stolen_vehicle.pk}/").json()["registration_normalised"] == "AP09BX4521"
    r = c.post(f"/api/v1/vehicles/{stolen_vehicle.pk}/state/", {"to_state": "unclaimed", "reason": "x"}, format="json")
    assert r.status_code == 400 and "to_state" in r.json()
    r = c.post(f"/api/v1/vehicles/{stolen_vehicle.pk}/state/", {"to_state": "returned", "reason": "Owner"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "returned"
    assert c.delete(f"/api/v1/vehicles/{stolen_vehicle.pk}/").status_code == 405
    assert client_for(org.writer_b1).post(f"/api/v1/vehicles/{stolen_vehicle.pk}/state/",
                                          {"to_state": "recovered", "reason": "x"}, format="json").status_code == 404
