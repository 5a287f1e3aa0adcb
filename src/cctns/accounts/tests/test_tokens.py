"""Scoped API tokens with expiry: issued by the token endpoint, stored hashed, limited by scope,
refused when expired or revoked; HTTP Basic is not an API login; lockout covers the API."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from cctns.accounts.models import ApiToken
from cctns.accounts.tokens import hash_token, issue_token, revoke
from cctns.audit.constants import Kind
from cctns.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
TOKEN = "/api/v1/auth/token/"


def auth(token, scheme="Token"):
    return {"HTTP_AUTHORIZATION": f"{scheme} {token}"}


def test_token_endpoint_issues_scoped_expiring_token_stored_hashed(client, org, password):
    resp = client.post(TOKEN, {"username": "writer_a1", "password": password, "scopes": '["firs:read", "firs:write"]',
                               "expires_in_days": 7})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    token = body["token"]
    row = ApiToken.objects.get(user=org.writer_a1)
    assert body["scopes"] == ["firs:read", "firs:write"] == row.scopes
    assert row.key_hash == hash_token(token) and token not in str(ApiToken.objects.values().get())
    assert abs((row.expires_at - timezone.now()) - datetime.timedelta(days=7)) < datetime.timedelta(minutes=1)
    assert AuditEntry.objects.filter(kind=Kind.TOKEN, actor=org.writer_a1).exists()


@pytest.mark.parametrize(("field", "value"), [("scopes", "firs:delete"), ("scopes", "nothing:read"),
                                              ("expires_in_days", 366), ("expires_in_days", 0)])
def test_bad_scope_or_expiry_is_a_field_error(client, org, password, field, value):
    resp = client.post(TOKEN, {"username": "writer_a1", "password": password, field: value})
    assert resp.status_code == 400 and field in resp.json()
    assert not ApiToken.objects.exists()


def test_read_scope_reads_but_cannot_write(client, org):
    _row, token = issue_token(org.writer_a1, scopes=["firs:read"])
    assert client.get("/api/v1/firs/", **auth(token)).status_code == 200
    assert client.post("/api/v1/firs/", {}, content_type="application/json", **auth(token)).status_code == 403
    assert client.get("/api/v1/ncrs/", **auth(token)).status_code == 403  # another resource
    assert client.get("/api/v1/me/", **auth(token)).json()["username"] == "writer_a1"


def test_write_scope_reaches_validation(client, org):
    _row, token = issue_token(org.writer_a1, scopes=["firs:write"])
    resp = client.post("/api/v1/firs/", {}, content_type="application/json", **auth(token))
    assert resp.status_code == 400  # past the scope check, stopped by the FIR's own validation
    assert client.get("/api/v1/firs/", **auth(token)).status_code == 403  # write does not imply read


def test_wildcard_read_scope_and_bearer_scheme(client, org):
    _row, token = issue_token(org.sp_a)  # default scope *:read
    for url in ("/api/v1/firs/", "/api/v1/units/", "/api/v1/gd/"):
        assert client.get(url, **auth(token, "Bearer")).status_code == 200, url


def test_expired_revoked_and_unknown_tokens_are_refused(client, org):
    row, token = issue_token(org.writer_a1)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/me/", **auth(token)).status_code in (401, 403)
    row2, token2 = issue_token(org.writer_a1)
    assert client.get("/api/v1/me/", **auth(token2)).status_code == 200
    revoke(row2, by=org.admin)
    assert client.get("/api/v1/me/", **auth(token2)).status_code in (401, 403)
    assert client.get("/api/v1/me/", **auth("cctns_" + "x" * 40)).status_code in (401, 403)
    assert ApiToken.objects.count() == 2  # revoked, not deleted


def test_token_of_a_deactivated_user_is_refused(client, org):
    _row, token = issue_token(org.writer_a1)
    org.writer_a1.is_active = False
    org.writer_a1.save()
    assert client.get("/api/v1/me/", **auth(token)).status_code in (401, 403)


def test_http_basic_is_not_an_api_login(client, org, password):
    import base64

    basic = base64.b64encode(f"writer_a1:{password}".encode()).decode()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Basic {basic}").status_code in (401, 403)


def test_lockout_covers_the_token_endpoint_and_then_the_session_api(client, org, password):
    for _ in range(5):
        client.post(TOKEN, {"username": "writer_a1", "password": "wrong"})
    resp = client.post(TOKEN, {"username": "writer_a1", "password": password})
    assert resp.status_code == 429 and resp.json()["code"] == "locked_out"
    # the web sign-in that would give a session for the browsable API is locked too
    assert client.post("/login/", {"username": "writer_a1", "password": password}).status_code == 429
    assert client.get("/api/v1/me/").status_code in (401, 403)
    assert not ApiToken.objects.exists()


@override_settings(CCTNS_SEARCH_RATE="3/m")
def test_api_search_is_rate_limited_per_user(client, org):
    client.force_login(org.writer_a1)
    for _ in range(3):
        assert client.get("/api/v1/firs/?q=phone").status_code == 200
    limited = client.get("/api/v1/firs/?q=phone")
    assert limited.status_code == 429 and "Retry-After" in limited
    assert client.get("/api/v1/firs/").status_code == 200  # listing without a search is not limited
    client.force_login(org.writer_a2)
    assert client.get("/api/v1/firs/?q=phone").status_code == 200  # another user has their own count
