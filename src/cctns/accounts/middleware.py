"""Session middleware: idle expiry and the two-factor gate."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import twofactor

LAST_SEEN_KEY = "cctns_last_seen"


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def mark_seen_at_login(sender, request, user, **kwargs) -> None:
    """At sign-in: start the idle clock, and note in the session whether the user has enrolled
    an authenticator (so pages need no query to know whether to ask for the code)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_SEEN_KEY] = int(time.time())
        session[twofactor.ENROLLED_KEY] = twofactor.has_device(user)


class IdleTimeoutMiddleware:
    """Sign out a session idle for more than ``CCTNS_IDLE_MINUTES`` (default 30) minutes.

    The last activity is kept in the session (rewritten at most once a minute). An expired page
    request goes to the sign-in page with a message; an expired API request gets 401 JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        minutes = getattr(settings, "CCTNS_IDLE_MINUTES", 30)
        if user is not None and user.is_authenticated and minutes:
            now = int(time.time())
            last = request.session.get(LAST_SEEN_KEY)
            if last is not None and now - int(last) > minutes * 60:
                logout(request)
                text = _("You were signed out after %(minutes)s minutes without activity.") % {"minutes": minutes}
                if _is_api(request):
                    return JsonResponse({"detail": text, "code": "session_expired"}, status=401)
                messages.info(request, text)
                return redirect(f"{reverse('login')}?next={request.path}")
            if last is None or now - int(last) >= 60:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


#: Paths a signed-in user may reach before passing the second factor.
OPEN_PREFIXES = ("/accounts/2fa/", "/logout/", "/static/", "/i18n/", "/healthz", "/verify/", "/login/")


class TwoFactorMiddleware:
    """After the password, users who must use two-factor (``twofactor.must_verify``) reach only
    the enrolment/verification pages until the session is verified (django-otp's
    ``OTPMiddleware`` sets ``user.is_verified()``). API calls on such a session get 403 JSON;
    API tokens are checked at issue (the token endpoint asks for the code)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES)
                and hasattr(user, "is_verified") and not user.is_verified()
                and twofactor.must_verify(user, request.session)):
            if _is_api(request):
                return JsonResponse({"detail": _("Complete two-factor sign-in first."), "code": "otp_required"},
                                    status=403)
            from django_otp import user_has_device

            target = "accounts:2fa_verify" if user_has_device(user) else "accounts:2fa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
