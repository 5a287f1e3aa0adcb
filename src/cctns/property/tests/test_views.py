"""Property pages through the Django test client."""

import pytest
from django.urls import reverse

from cctns.property.constants import CandidateStatus, PropertyState
from cctns.property.models import MatchCandidate, Vehicle

from .conftest import STOLEN_IMEI

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_register_a_seized_vehicle_and_see_the_candidate(client, org, stolen_vehicle):
    login(client, org.writer_b1)
    r = client.post(reverse("property:item_create", args=["vehicle"]), {
        "registration_number": "", "chassis_number": "HB12345", "engine_number": "", "vehicle_type": "motorcycle",
        "state": "seized", "seizure_reference": "SZ-1", "remarks": "Found abandoned"})
    assert r.status_code == 302
    found = Vehicle.objects.get(seizure_reference="SZ-1")
    page = client.get(found.get_absolute_url())
    assert page.status_code == 200 and b"HB12345" in page.content
    cand = MatchCandidate.objects.get()
    detail = client.get(reverse("property:candidate_detail", args=[cand.pk]))
    assert b"chassis number 0.95" in detail.content and b"MBLHA10AMGHB12345" in detail.content


def test_bad_imei_shows_a_field_error_and_keeps_the_input(client, org):
    login(client, org.writer_a1)
    r = client.post(reverse("property:item_create", args=["phone"]), {"imei": "490154203237519", "state": "stolen",
                                                                      "make": "Nokia"})
    assert r.status_code == 400
    assert b'data-testid="error-imei"' in r.content and b"Nokia" in r.content


def test_review_through_the_page_closes_the_theft(client, org, stolen_vehicle):
    login(client, org.writer_b1)
    client.post(reverse("property:item_create", args=["vehicle"]), {
        "chassis_number": "MBLHA10AMGHB12345", "vehicle_type": "motorcycle", "state": "recovered"})
    cand = MatchCandidate.objects.get()
    url = reverse("property:candidate_detail", args=[cand.pk])
    assert client.post(url, {"decision": "confirm", "remark": ""}).status_code == 400
    assert client.post(url, {"decision": "confirm", "remark": "Verified"}).status_code == 302
    cand.refresh_from_db()
    stolen_vehicle.refresh_from_db()
    assert cand.status == CandidateStatus.CONFIRMED and stolen_vehicle.state == PropertyState.RECOVERED


def test_other_station_gets_404(client, org, stolen_vehicle):
    login(client, org.writer_a2)
    assert client.get(stolen_vehicle.get_absolute_url()).status_code == 404
    assert b"AP 09 BX 4521" not in client.get(reverse("property:item_list")).content
    login(client, org.writer_a1)
    assert b"AP 09 BX 4521" in client.get(reverse("property:item_list")).content


def test_state_change_page(client, org, stolen_vehicle):
    login(client, org.writer_a1)
    url = reverse("property:item_state", args=[stolen_vehicle.pk])
    assert client.post(url, {"to_state": "unclaimed", "reason": "x"}).status_code == 400
    assert client.post(url, {"to_state": "recovered", "reason": "Found by owner"}).status_code == 302
    assert b"Found by owner" in client.get(stolen_vehicle.get_absolute_url()).content


def test_check_page_for_a_beat_officer_of_another_station(client, org, stolen_vehicle, stolen_phone):
    login(client, org.writer_b1)
    r = client.get(reverse("property:check"), {"registration_number": "AP-09-BX-4521", "imei": STOLEN_IMEI[:14]})
    assert r.status_code == 200
    assert r.content.count(b'data-testid="vehicle-hit"') == 1 and r.content.count(b'data-testid="phone-hit"') == 1
    assert b"PS A1" in r.content
    assert client.get(reverse("property:check"), {"imei": "123"}).status_code == 400
    assert client.get(reverse("property:check"), {}).status_code == 200


def test_pages_need_sign_in(client):
    assert client.get(reverse("property:check")).status_code == 302
