"""API skeleton: OpenAPI schema and docs, authentication, token auth, and JSON errors that name
the field (never an HTML page, never a 500)."""

import json
import re

import pytest
import yaml

from cctns.core.api import views as core_api_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, org):
    client.force_login(org.sp_a)
    return client


def test_schema_is_openapi_3_with_units_and_sections(client):
    resp = client.get("/api/schema/")
    assert resp.status_code == 200
    schema = yaml.safe_load(resp.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/units/" in schema["paths"]
    assert "/api/v1/sections/" in schema["paths"]
    assert "/api/v1/me/" in schema["paths"]
    as_json = client.get("/api/schema/?format=json")
    assert json.loads(as_json.content)["paths"].keys() == schema["paths"].keys()


def test_schema_documents_the_token_endpoint(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert "post" in schema["paths"]["/api/v1/auth/token/"]


def test_docs_page_uses_only_same_origin_assets(client, org):
    client.force_login(org.admin)
    resp = client.get("/api/docs/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "external asset in /api/docs/"
    assert "/static/drf_spectacular_sidecar/" in html
    # the docs page's own assets are served by the application
    for asset in re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", html):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("url", ["/api/v1/units/", "/api/v1/me/", "/api/v1/sections/", "/api/v1/acts/"])
def test_unauthenticated_calls_get_a_json_refusal(client, url):
    resp = client.get(url)
    assert resp.status_code in (401, 403)
    assert resp["Content-Type"].startswith("application/json")
    assert "detail" in resp.json()


def test_bad_filter_value_is_a_400_naming_the_field(api):
    resp = api.get("/api/v1/units/?kind=galaxy")
    assert resp.status_code == 400
    assert "kind" in resp.json()
    assert "galaxy" in resp.json()["kind"][0]


def test_unknown_unit_code_in_a_filter_is_a_400_naming_the_field(api):
    resp = api.get("/api/v1/units/?within=NO-SUCH-UNIT")
    assert resp.status_code == 400
    assert "NO-SUCH-UNIT" in resp.json()["within"][0]


def test_known_unit_code_in_a_filter_still_scoped(api):
    data = api.get("/api/v1/units/?within=28").json()
    assert {u["code"] for u in data["results"]} == {"28-A", "28-A-1", "28-A-2"}


def test_unknown_unit_code_in_the_path_is_a_json_404(api):
    resp = api.get("/api/v1/units/NO-SUCH-UNIT/")
    assert resp.status_code == 404
    assert resp["Content-Type"].startswith("application/json")


def test_unknown_api_url_is_a_json_404(api):
    resp = api.get("/api/v1/no-such-thing/")
    assert resp.status_code == 404
    assert resp.json()["code"] == "not_found"


def test_bad_json_body_is_a_400_json(client, org):
    resp = client.post("/api/v1/auth/token/", data="{not json", content_type="application/json")
    assert resp.status_code == 400
    assert "JSON parse error" in resp.json()["detail"]


def test_missing_field_in_a_post_is_named(client, org):
    resp = client.post("/api/v1/auth/token/", data={"username": "writer_a1"}, content_type="application/json")
    assert resp.status_code == 400
    assert list(resp.json()) == ["password"]


def test_writing_to_a_read_only_endpoint_is_a_json_405(api):
    resp = api.post("/api/v1/units/", data={"code": "X"}, content_type="application/json")
    assert resp.status_code in (403, 405)
    assert "detail" in resp.json()


def test_token_auth_reaches_me(client, org, password):
    token = client.post("/api/v1/auth/token/", {"username": "io_a1", "password": password}).json()["token"]
    client.logout()
    resp = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert resp.status_code == 200
    body = resp.json()
    assert body["username"] == "io_a1" and body["role"] == "io" and body["unit"]["code"] == "28-A-1"


def test_a_wrong_token_is_refused_in_json(client, org):
    resp = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert resp.status_code in (401, 403)
    assert resp.json()["detail"]


def test_an_api_fault_is_a_json_500_not_a_page(client, org, monkeypatch):
    def boom(self, request, *args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(core_api_views.MeView, "get", boom)
    client.raise_request_exception = False
    client.force_login(org.writer_a1)
    resp = client.get("/api/v1/me/")
    assert resp.status_code == 500
    assert resp.json()["code"] == "server_error"
    assert "simulated" not in resp.content.decode()


def test_api_errors_follow_accept_language(client):
    resp = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="hi")
    assert resp.status_code == 404
    assert resp.json()["detail"] != "Not found."
