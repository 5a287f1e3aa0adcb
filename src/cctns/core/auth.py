"""Sign-in protection: the answer given when django-axes locks an account (DESIGN.md §6).

Axes counts failed sign-ins per username and client address (``AXES_LOCKOUT_PARAMETERS``) on
every path that calls ``django.contrib.auth.authenticate(request=...)``: the login page, the
admin login and the API token endpoint. After ``AXES_FAILURE_LIMIT`` failures the pair is
locked for ``AXES_COOLOFF_TIME`` hours, even with the right password.
"""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKOUT_STATUS = 429  # Too Many Requests (RFC 6585 §4)


def cooloff_minutes() -> int:
    """The lockout period in whole minutes, from ``AXES_COOLOFF_TIME`` (hours, a number)."""
    hours = getattr(settings, "AXES_COOLOFF_TIME", 0.5) or 0
    return max(1, math.ceil(float(hours) * 60))


def wants_json(request: HttpRequest) -> bool:
    """True for API calls (``/api/…``) and clients that ask for JSON rather than a page."""
    accept = request.META.get("HTTP_ACCEPT", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def lockout_response(request: HttpRequest, credentials: dict | None = None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: HTTP 429 with a ``Retry-After`` header, in the active language.

    API calls get ``{"detail": str, "code": "locked_out", "retry_after_minutes": int}``;
    pages get ``registration/locked_out.html`` with ``minutes`` and ``failure_limit``.
    The language is the one LocaleMiddleware activated (cookie, then Accept-Language).
    """
    minutes = cooloff_minutes()
    if wants_json(request):
        detail = _(
            "Too many failed sign-in attempts. This account is locked for %(minutes)s minutes."
        ) % {"minutes": minutes}
        response: HttpResponse = JsonResponse(
            {"detail": detail, "code": "locked_out", "retry_after_minutes": minutes},
            status=LOCKOUT_STATUS,
        )
    else:
        context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
        response = render(request, "registration/locked_out.html", context, status=LOCKOUT_STATUS)
    response["Retry-After"] = str(minutes * 60)
    return response
