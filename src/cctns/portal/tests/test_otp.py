"""Citizen sign-in by one-time password: codes, expiry, rate limits, lockout, separate session."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cctns.portal.auth import SESSION_KEY
from cctns.portal.models import Citizen, OTPChallenge, SMSMessage
from cctns.portal.services import otp

from .conftest import last_code

MOBILE = "9876543210"


@pytest.mark.django_db
def test_code_is_sent_and_only_its_hash_is_stored():
    challenge = otp.request_code("+91 98765-43210")
    code = last_code(MOBILE)
    assert len(code) == 6 and code.isdigit()
    assert code not in challenge.code_hash
    assert SMSMessage.objects.get().text.startswith("******")
    assert otp.check_code(MOBILE, code) is True
    assert otp.check_code(MOBILE, code) is False  # spent


@pytest.mark.django_db
def test_expired_code_is_refused():
    now = timezone.now()
    otp.request_code(MOBILE, now=now)
    code = last_code(MOBILE)
    assert otp.check_code(MOBILE, code, now=now + datetime.timedelta(minutes=11)) is False


@pytest.mark.django_db
def test_malformed_mobile_is_refused():
    with pytest.raises(Exception) as exc:
        otp.request_code("12345")
    assert "mobile" in exc.value.message_dict


@pytest.mark.django_db
def test_resend_too_soon_and_hourly_limit():
    now = timezone.now()
    otp.request_code(MOBILE, now=now)
    with pytest.raises(otp.OTPLimitError) as exc:
        otp.request_code(MOBILE, now=now + datetime.timedelta(seconds=5))
    assert exc.value.error_dict["mobile"][0].code == "otp_resend"
    for i in range(1, 5):
        otp.request_code(MOBILE, now=now + datetime.timedelta(minutes=i))
    with pytest.raises(otp.OTPLimitError) as exc:
        otp.request_code(MOBILE, now=now + datetime.timedelta(minutes=10))
    assert exc.value.error_dict["mobile"][0].code == "otp_rate"
    # an hour after the first, one more may be sent
    otp.request_code(MOBILE, now=now + datetime.timedelta(minutes=61))
    assert OTPChallenge.objects.filter(mobile=MOBILE).count() == 6


@pytest.mark.django_db
def test_five_wrong_tries_spend_a_code():
    now = timezone.now()
    otp.request_code(MOBILE, now=now)
    code = last_code(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert otp.check_code(MOBILE, wrong, now=now) is False
    assert otp.check_code(MOBILE, code, now=now) is False


@pytest.mark.django_db
def test_lockout_after_ten_failures_then_released():
    now = timezone.now()
    for i in range(2):
        otp.request_code(MOBILE, now=now + datetime.timedelta(minutes=i))
        for _ in range(5):
            otp.check_code(MOBILE, "999999" if last_code(MOBILE) != "999999" else "888888", now=now + datetime.timedelta(minutes=i))
    assert otp.lockout_remaining(MOBILE, now + datetime.timedelta(minutes=2)) > 0
    with pytest.raises(otp.OTPLimitError) as exc:
        otp.request_code(MOBILE, now=now + datetime.timedelta(minutes=3))
    assert exc.value.error_dict["mobile"][0].code == "otp_locked"
    # released once the first challenge's failures leave the 60-minute window
    assert otp.lockout_remaining(MOBILE, now + datetime.timedelta(minutes=61)) == 0
    otp.request_code(MOBILE, now=now + datetime.timedelta(minutes=61))


@pytest.mark.django_db
def test_sign_in_pages_make_an_account_and_a_citizen_session_only(client):
    r = client.post(reverse("portal:login"), {"mobile": MOBILE})
    assert r.status_code == 302
    r = client.post(reverse("portal:verify_code"), {"code": "000000" if last_code(MOBILE) != "000000" else "111111"})
    assert r.status_code == 200 and "code" in r.context["form"].errors
    r = client.post(reverse("portal:verify_code"), {"code": last_code(MOBILE)})
    assert r.status_code == 302 and r.url == reverse("portal:my")
    citizen = Citizen.objects.get(mobile=MOBILE)
    assert client.session[SESSION_KEY] == citizen.pk
    assert "_auth_user_id" not in client.session  # not a police user
    # police pages stay closed to the citizen session
    assert client.get(reverse("registration:complaint_list")).status_code == 302
    assert client.get("/api/v1/complaints/").status_code in (401, 403)
    assert client.get(reverse("portal:police_efirs")).status_code == 302


@pytest.mark.django_db
def test_citizen_sign_in_signs_a_police_user_out(client, org):
    client.force_login(org.writer_a1)
    client.post(reverse("portal:login"), {"mobile": MOBILE})
    client.post(reverse("portal:verify_code"), {"code": last_code(MOBILE)})
    assert "_auth_user_id" not in client.session
    assert SESSION_KEY in client.session


@pytest.mark.django_db
@override_settings(CCTNS_PORTAL_OTP_IP_RATE="3/h")
def test_requests_per_address_are_rate_limited(client):
    codes = [client.post(reverse("portal:login"), {"mobile": f"98765432{i:02d}"}).status_code for i in range(4)]
    assert codes[:3] == [302, 302, 302] and codes[3] == 429


@pytest.mark.django_db
def test_rate_limit_message_is_tied_to_the_field(client):
    client.post(reverse("portal:login"), {"mobile": MOBILE})
    r = client.post(reverse("portal:login"), {"mobile": MOBILE})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'aria-describedby="id_mobile_error' in html and 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_http_backend_posts_to_the_gateway(monkeypatch):
    from cctns.portal import sms

    seen = {}

    class FakeResponse:
        status = 200

        def read(self, n):
            return b"msg-123"

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def fake_urlopen(request, timeout):
        seen["url"], seen["data"], seen["auth"] = request.full_url, request.data.decode(), request.get_header("Authorization")
        return FakeResponse()

    monkeypatch.setattr(sms.urllib.request, "urlopen", fake_urlopen)
    with override_settings(CCTNS_SMS_BACKEND="cctns.portal.sms.HTTPBackend", CCTNS_SMS_HTTP_URL="https://sms.example/send",
                           CCTNS_SMS_HTTP_TOKEN="t0k", CCTNS_SMS_SENDER="CCTNSP", CCTNS_SMS_TEMPLATE_IDS="otp_login=110"):
        assert sms.send_sms(MOBILE, "hello", kind="otp_login") is True
    assert seen["url"] == "https://sms.example/send" and "to=919876543210" in seen["data"]
    assert "template_id=110" in seen["data"] and seen["auth"] == "Bearer t0k"
    assert SMSMessage.objects.get().gateway_reference == "msg-123"


@pytest.mark.django_db
def test_gateway_failure_is_recorded_not_raised():
    from cctns.portal import sms

    with override_settings(CCTNS_SMS_BACKEND="cctns.portal.sms.HTTPBackend", CCTNS_SMS_HTTP_URL=""):
        assert sms.send_sms(MOBILE, "hello", kind="x") is False
    row = SMSMessage.objects.get()
    assert not row.ok and "CCTNS_SMS_HTTP_URL" in row.error
