"""Error pages: a page in the user's language for people, JSON for the API.

Django calls these for errors raised outside DRF's own handling (``urls.handler400`` …
``handler500``): unknown URLs under ``/api/``, a ``PermissionDenied`` from a page, an
unhandled exception. API clients always get ``{"detail": str, "code": str}`` with the status,
never an HTML page; people get ``400.html``/``403.html``/``404.html``/``500.html``.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from .auth import wants_json


def _json(status: int, detail: str, code: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """400: a request the server cannot read (a malformed query, a suspicious operation)."""
    if wants_json(request):
        return _json(400, _("Bad request."), "bad_request")
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """403: signed in, but this page is not for your role or jurisdiction."""
    if wants_json(request):
        return _json(403, _("You do not have permission to perform this action."), "permission_denied")
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: no such page, or a record outside the user's jurisdiction (never confirmed to exist)."""
    if wants_json(request):
        return _json(404, _("Not found."), "not_found")
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500: an unexpected fault. The page is rendered without context processors or the
    database, since either may be what failed."""
    if wants_json(request):
        return _json(500, _("Server error. The fault has been logged."), "server_error")
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request_path": request.path}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form posted from an expired or foreign page (403)."""
    if wants_json(request):
        return _json(403, _("CSRF check failed. Reload the page and try again."), "csrf_failed")
    return render(request, "403_csrf.html", status=403)
