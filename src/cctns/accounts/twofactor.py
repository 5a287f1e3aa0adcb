"""Two-factor sign-in (TOTP, RFC 6238) with django-otp: who must use it, enrolment, verification."""

from django.conf import settings
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from cctns.audit.constants import Kind
from cctns.audit.services import record_event


def required_roles() -> set[str]:
    """Roles that must use two-factor sign-in: ``CCTNS_2FA_REQUIRED_ROLES`` (comma-separated,
    default ``supervisor,admin,scrb,ncrb``; empty turns enforcement off, as for the demo)."""
    value = getattr(settings, "CCTNS_2FA_REQUIRED_ROLES", "")
    return {r.strip() for r in value.split(",") if r.strip()}


def is_required(user) -> bool:
    """Two-factor is required for ``user``: a required role, or superuser when ``admin`` is one."""
    roles = required_roles()
    return bool(user.role in roles or (user.is_superuser and "admin" in roles))


#: Session key: whether the signed-in user had a confirmed authenticator at sign-in (or enrolled since).
ENROLLED_KEY = "cctns_otp_enrolled"


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def must_verify(user, session=None) -> bool:
    """The signed-in ``user`` must pass the second factor before going on: it is required for
    them, or they enrolled a device of their own accord. With a ``session``, enrolment is read
    from it (set at sign-in) instead of the database."""
    if is_required(user):
        return True
    if session is not None and ENROLLED_KEY in session:
        return bool(session[ENROLLED_KEY])
    return has_device(user)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed TOTP device for enrolment (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def confirm(request, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment with the first code; mark the session verified. False if the code is wrong."""
    if not device.verify_token((token or "").strip()):
        record_event(Kind.TWO_FACTOR, request.user, user=request.user, reason="enrolment code rejected")
        return False
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()  # one authenticator a user
    otp_login(request, device)
    request.session[ENROLLED_KEY] = True
    record_event(Kind.TWO_FACTOR, request.user, user=request.user, reason="enrolled")
    return True


def verify(request, token: str) -> bool:
    """Check a code against the user's confirmed devices; on success mark the session verified."""
    token = (token or "").strip()
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            record_event(Kind.TWO_FACTOR, request.user, user=request.user, reason="verified")
            return True
    record_event(Kind.TWO_FACTOR, request.user, user=request.user, reason="code rejected")
    return False


def verify_for_user(user, token: str) -> bool:
    """Check a code for ``user`` without a session (the API token endpoint)."""
    token = (token or "").strip()
    return any(d.verify_token(token) for d in TOTPDevice.objects.filter(user=user, confirmed=True))
