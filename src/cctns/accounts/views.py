"""Two-factor pages: enrolment (QR code of the authenticator key) and verification after the
password; the rate-limited answer (HTTP 429)."""

import base64

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cctns.core.auth import wants_json
from cctns.documents.qr import qr_svg

from . import twofactor


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """``/accounts/2fa/setup/``: show the key as a QR code (inline SVG, nothing external) and as
    text; the first code from the authenticator app confirms the enrolment."""
    device = twofactor.pending_device(request.user)
    error = ""
    if request.method == "POST":
        if twofactor.confirm(request, device, request.POST.get("token", "")):
            return redirect(_next(request))
        error = _("That code is not right. Check the time on your phone and try the current code.")
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "qr": mark_safe(qr_svg(device.config_url).decode("ascii")),  # noqa: S308 - our own SVG markup
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "required": twofactor.is_required(request.user),
        "error": error, "next": _next(request),
    }
    return render(request, "accounts/2fa_setup.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """``/accounts/2fa/verify/``: the second step of sign-in: the current code from the app."""
    error = ""
    if request.method == "POST":
        if twofactor.verify(request, request.POST.get("token", "")):
            return redirect(_next(request))
        error = _("That code is not right. Try the current code.")
    return render(request, "accounts/2fa_verify.html", {"error": error, "next": _next(request)},
                  status=400 if error else 200)


def ratelimited(request, exception=None) -> HttpResponse:
    """``RATELIMIT_VIEW``: 429 Too Many Requests, JSON for the API, a short page otherwise."""
    text = _("Too many requests. Wait a minute and try again.")
    if wants_json(request):
        response: HttpResponse = JsonResponse({"detail": text, "code": "rate_limited"}, status=429)
    else:
        response = render(request, "accounts/ratelimited.html", {"text": text}, status=429)
    response["Retry-After"] = "60"
    return response
