"""One-time passwords sent by SMS: sign-in of citizens and the consent of a person verified.

Rules (each a setting, with its default):

- a code has ``CCTNS_PORTAL_OTP_DIGITS`` (6) digits from the OS CSPRNG and is valid for
  ``CCTNS_PORTAL_OTP_MINUTES`` (10) minutes; only its keyed hash is stored;
- at most ``CCTNS_PORTAL_OTP_PER_HOUR`` (5) codes are sent to one number in any hour, and a new
  code is not sent within ``CCTNS_PORTAL_OTP_RESEND_SECONDS`` (30) of the last one;
- a code accepts at most ``CCTNS_PORTAL_OTP_MAX_ATTEMPTS`` (5) tries, then is spent;
- ``CCTNS_PORTAL_OTP_LOCK_FAILURES`` (10) wrong codes for one number within
  ``CCTNS_PORTAL_OTP_LOCK_MINUTES`` (60) minutes lock the number out (no code is sent or
  accepted) until the oldest of those failures is that old.

The counts are read from :class:`~cctns.portal.models.OTPChallenge` rows, so they hold across
server processes and restarts; the per-address limit on requests is django-ratelimit's (views).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from ..models import OTPChallenge, OTPPurpose
from ..sms import send_sms
from .common import normalise_mobile, setting


class OTPLimitError(ValidationError):
    """Too many codes requested, or the number is locked out; ``retry_after`` in seconds."""

    def __init__(self, message, *, code, retry_after: int):
        super().__init__({"mobile": ValidationError(message, code=code)})
        self.retry_after = retry_after


def _hash(challenge_salt: str, mobile: str, code: str) -> str:
    return salted_hmac(f"cctns.portal.otp.{challenge_salt}", f"{mobile}:{code}", secret=settings.SECRET_KEY,
                       algorithm="sha256").hexdigest()


def _failures_since(mobile: str, since: datetime.datetime) -> int:
    total = OTPChallenge.objects.filter(mobile=mobile, created_at__gte=since).aggregate(n=Sum("attempts"))["n"]
    return int(total or 0)


def lockout_remaining(mobile: str, now: datetime.datetime | None = None) -> int:
    """Seconds until ``mobile`` is no longer locked out (0 when it is not)."""
    now = now or timezone.now()
    window = datetime.timedelta(minutes=int(setting("CCTNS_PORTAL_OTP_LOCK_MINUTES", 60)))
    limit = int(setting("CCTNS_PORTAL_OTP_LOCK_FAILURES", 10))
    rows = list(OTPChallenge.objects.filter(mobile=mobile, created_at__gte=now - window, attempts__gt=0)
                .order_by("created_at").values_list("created_at", "attempts"))
    total = sum(a for _c, a in rows)
    if total < limit:
        return 0
    # Locked until enough of the oldest failures leave the window.
    for created, attempts in rows:
        total -= attempts
        if total < limit:
            return max(1, int((created + window - now).total_seconds()))
    return 1  # pragma: no cover


def request_code(mobile: str, *, purpose: str = OTPPurpose.LOGIN, subject: str = "", client_ip: str | None = None,
                 language: str = "en", now: datetime.datetime | None = None) -> OTPChallenge:
    """Send a new one-time password to ``mobile`` by SMS and return its challenge.

    Raises ``ValidationError({"mobile": …})`` for a malformed number and :class:`OTPLimitError`
    (codes ``otp_locked``, ``otp_rate``, ``otp_resend``) when the rules above refuse.
    """
    from django.utils import translation

    mobile = normalise_mobile(mobile)
    now = now or timezone.now()
    locked = lockout_remaining(mobile, now)
    if locked:
        raise OTPLimitError(_("Too many wrong codes for this number. Try again in %(minutes)d minutes.")
                            % {"minutes": max(1, locked // 60)}, code="otp_locked", retry_after=locked)
    recent = OTPChallenge.objects.filter(mobile=mobile, created_at__gte=now - datetime.timedelta(hours=1))
    last = recent.order_by("-created_at").first()
    resend = int(setting("CCTNS_PORTAL_OTP_RESEND_SECONDS", 30))
    if last is not None and (now - last.created_at).total_seconds() < resend:
        wait = resend - int((now - last.created_at).total_seconds())
        raise OTPLimitError(_("A code was just sent. Wait %(seconds)d seconds before asking again.") % {"seconds": wait},
                            code="otp_resend", retry_after=wait)
    per_hour = int(setting("CCTNS_PORTAL_OTP_PER_HOUR", 5))
    if recent.count() >= per_hour:
        oldest = recent.order_by("created_at").first()
        wait = max(1, int((oldest.created_at + datetime.timedelta(hours=1) - now).total_seconds()))
        raise OTPLimitError(_("Too many codes sent to this number. Try again in %(minutes)d minutes.")
                            % {"minutes": max(1, wait // 60)}, code="otp_rate", retry_after=wait)
    digits = int(setting("CCTNS_PORTAL_OTP_DIGITS", 6))
    code = "".join(secrets.choice("0123456789") for _ in range(digits))
    salt = secrets.token_hex(8)
    minutes = int(setting("CCTNS_PORTAL_OTP_MINUTES", 10))
    challenge = OTPChallenge.objects.create(
        mobile=mobile, purpose=purpose, subject=subject[:60], code_hash=f"{salt}${_hash(salt, mobile, code)}",
        created_at=now, expires_at=now + datetime.timedelta(minutes=minutes), client_ip=client_ip or None,
    )
    with translation.override(language):
        if purpose == OTPPurpose.CONSENT:
            text = _("%(code)s is the code to give your consent to police verification. Share it only with the applicant. Valid %(minutes)d minutes.")
        else:
            text = _("%(code)s is your code to sign in to the police citizen portal. Do not share it. Valid %(minutes)d minutes.")
        send_sms(mobile, text % {"code": code, "minutes": minutes}, kind=f"otp_{purpose}",
                 log_text=text % {"code": "******", "minutes": minutes})
    return challenge


def check_code(mobile: str, code: str, *, purpose: str = OTPPurpose.LOGIN, subject: str = "",
               now: datetime.datetime | None = None) -> bool:
    """Whether ``code`` is the current code for ``mobile`` (and ``purpose``/``subject``); a right
    code is spent. A wrong code counts towards the challenge's tries and the lockout.

    Raises :class:`OTPLimitError` (``otp_locked``) when the number is locked out, whatever the
    code. Returns ``False`` for a wrong, expired or spent code.
    """
    mobile = normalise_mobile(mobile)
    now = now or timezone.now()
    code = "".join(ch for ch in str(code or "") if ch.isdigit())
    locked = lockout_remaining(mobile, now)
    if locked:
        raise OTPLimitError(_("Too many wrong codes for this number. Try again in %(minutes)d minutes.")
                            % {"minutes": max(1, locked // 60)}, code="otp_locked", retry_after=locked)
    max_attempts = int(setting("CCTNS_PORTAL_OTP_MAX_ATTEMPTS", 5))
    with transaction.atomic():
        challenge = (OTPChallenge.objects.select_for_update()
                     .filter(mobile=mobile, purpose=purpose, subject=subject[:60], used_at__isnull=True,
                             expires_at__gt=now, attempts__lt=max_attempts)
                     .order_by("-created_at").first())
        if challenge is None:
            return False
        salt, _sep, stored = challenge.code_hash.partition("$")
        if code and constant_time_compare(stored, _hash(salt, mobile, code)):
            challenge.used_at = now
            challenge.save(update_fields=["used_at"])
            return True
        challenge.attempts += 1
        challenge.save(update_fields=["attempts"])
    return False

