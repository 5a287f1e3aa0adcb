import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_checks_database(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json()["database"] == "ok"


def test_home_requires_login(client):
    resp = client.get(reverse("home"))
    assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_home_shows_role_and_jurisdiction(client, org, password):
    client.force_login(org.sp_a)
    resp = client.get(reverse("home"))
    assert resp.status_code == 200
    assert "District A" in resp.content.decode()


def test_unit_detail_of_another_district_is_404(client, org, password):
    client.force_login(org.writer_a1)
    assert client.get(reverse("core:unit_detail", args=["28-A-1"])).status_code == 200
    assert client.get(reverse("core:unit_detail", args=["28-B-1"])).status_code == 404


def test_api_units_scoped(client, org, password):
    client.force_login(org.sp_b)
    data = client.get("/api/v1/units/").json()
    assert {u["code"] for u in data["results"]} == {"28-B", "28-B-1"}
    assert client.get("/api/v1/units/28-A-1/").status_code == 404
