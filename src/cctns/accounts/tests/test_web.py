"""Two-factor sign-in, idle expiry, sign-in rate limit, CSP and other security headers."""

import time

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cctns.accounts.middleware import LAST_SEEN_KEY
from cctns.audit.constants import Kind
from cctns.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
PRODUCTION_ROLES = override_settings(CCTNS_2FA_REQUIRED_ROLES="supervisor,admin,scrb,ncrb", OTP_TOTP_THROTTLE_FACTOR=0)


def code(device, offset=0) -> str:
    """The device's TOTP code ``offset`` steps from now (replay protection refuses reuse)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0 - offset * device.step, digits=device.digits)
    return str(value).zfill(device.digits)


def sign_in(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


@PRODUCTION_ROLES
def test_supervisor_must_enrol_then_verify_every_sign_in(client, org, password):
    sign_in(client, "sp_a", password)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith("/accounts/2fa/setup/")
    page = client.get(home["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'data-testid="otp-secret"' in html
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org/2000/svg", "")
    device = TOTPDevice.objects.get(user=org.sp_a, confirmed=False)
    wrong = client.post("/accounts/2fa/setup/", {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and 'role="alert"' in wrong.content.decode()
    ok = client.post("/accounts/2fa/setup/", {"token": code(device), "next": "/units/"})
    assert ok.status_code == 302 and ok["Location"] == "/units/"
    assert client.get("/").status_code == 200
    # next sign-in: the code is asked again
    client.post("/logout/")
    sign_in(client, "sp_a", password)
    again = client.get("/")
    assert again.status_code == 302 and again["Location"].startswith("/accounts/2fa/verify/")
    device.refresh_from_db()
    assert client.post("/accounts/2fa/verify/", {"token": "12345"}).status_code == 400
    assert client.post("/accounts/2fa/verify/", {"token": code(device, 1)}).status_code == 302
    assert client.get("/").status_code == 200
    reasons = set(AuditEntry.objects.filter(kind=Kind.TWO_FACTOR, actor=org.sp_a).values_list("reason", flat=True))
    assert {"enrolled", "verified", "code rejected", "enrolment code rejected"} <= reasons


@PRODUCTION_ROLES
def test_unverified_session_cannot_use_the_api_or_admin(client, org, password):
    sign_in(client, "admin", password)
    api = client.get("/api/v1/me/")
    assert api.status_code == 403 and api.json()["code"] == "otp_required"
    assert client.get("/admin/").status_code == 302


@PRODUCTION_ROLES
def test_station_users_are_not_forced_but_may_enrol(client, org, password):
    sign_in(client, "writer_a1", password)
    assert client.get("/").status_code == 200
    client.get("/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=org.writer_a1)
    client.post("/accounts/2fa/setup/", {"token": code(device)})
    client.post("/logout/")
    sign_in(client, "writer_a1", password)
    assert client.get("/")["Location"].startswith("/accounts/2fa/verify/")  # enrolled: now asked


@PRODUCTION_ROLES
def test_token_endpoint_asks_for_the_code(client, org, password):
    TOTPDevice.objects.create(user=org.sp_a, name="phone", confirmed=True)
    device = TOTPDevice.objects.get(user=org.sp_a)
    resp = client.post("/api/v1/auth/token/", {"username": "sp_a", "password": password})
    assert resp.status_code == 400 and "otp" in resp.json()
    resp = client.post("/api/v1/auth/token/", {"username": "sp_a", "password": password, "otp": code(device)})
    assert resp.status_code == 200 and resp.json()["token"].startswith("cctns_")


def test_with_no_required_roles_nobody_is_forced(client, org, password):
    sign_in(client, "admin", password)
    assert client.get("/").status_code == 200


@override_settings(CCTNS_IDLE_MINUTES=30)
def test_idle_session_is_signed_out(client, org, password):
    sign_in(client, "writer_a1", password)
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/").status_code == 200  # 29 minutes: still signed in (and the clock restarts)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    resp = client.get("/units/")
    assert resp.status_code == 302 and resp["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(kind=Kind.LOGOUT, actor=org.writer_a1).exists()


def test_idle_api_session_gets_json_401(client, org):
    client.force_login(org.writer_a1)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 3600
    session.save()
    resp = client.get("/api/v1/me/")
    assert resp.status_code == 401 and resp.json()["code"] == "session_expired"


@override_settings(CCTNS_LOGIN_RATE="3/m")
def test_sign_in_posts_are_rate_limited_per_address(client, org, password):
    for _ in range(3):
        client.post("/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.5.5.5")
    limited = client.post("/login/", {"username": "writer_a1", "password": password}, REMOTE_ADDR="10.5.5.5")
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    ok = client.post("/login/", {"username": "writer_a1", "password": password}, REMOTE_ADDR="10.6.6.6")
    assert ok.status_code == 302
    assert client.get("/login/", REMOTE_ADDR="10.5.5.5").status_code in (200, 302)  # only POSTs count


def test_strict_csp_and_security_headers_on_pages(client, org):
    client.force_login(org.writer_a1)
    for url in ("/", "/login/", "/api/docs/", "/accounts/2fa/setup/"):
        resp = client.get(url)
        csp = resp["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
        assert resp["X-Frame-Options"] == "DENY" and resp["X-Content-Type-Options"] == "nosniff"
        assert len(resp["X-Request-ID"]) == 32


def test_api_docs_page_has_no_inline_script(client, org):
    client.force_login(org.writer_a1)
    html = client.get("/api/docs/").content.decode()
    import re

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)


def test_hsts_and_secure_cookies_follow_the_environment(monkeypatch):
    import importlib

    import cctns.settings as production

    monkeypatch.setenv("CCTNS_HSTS_SECONDS", "31536000")
    monkeypatch.setenv("CCTNS_SSL_REDIRECT", "true")
    monkeypatch.setenv("CCTNS_SECURE_COOKIES", "true")
    try:
        reloaded = importlib.reload(production)
        assert reloaded.SECURE_HSTS_SECONDS == 31536000 and reloaded.SECURE_SSL_REDIRECT
        assert reloaded.SESSION_COOKIE_SECURE and reloaded.CSRF_COOKIE_SECURE
    finally:
        monkeypatch.undo()
        importlib.reload(production)


def test_two_factor_forms_need_csrf(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.writer_a1)
    assert client.post("/accounts/2fa/setup/", {"token": "123456"}).status_code == 403
    assert client.post("/accounts/2fa/verify/", {"token": "123456"}).status_code == 403
