"""The public verify page that every document's QR code opens."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services import verify_token


@never_cache
@require_GET
def verify(request, token: str):
    """``GET /verify/<token>/``: public (no login), in English or Hindi.

    Shows whether the document is genuine and current, superseded, revoked or not genuine,
    with the minimal summary stored at issue. Status 200 for a genuine token (in any state),
    404 for anything else; never 500 for any token text. Writes nothing (no session, no
    database row), makes at most two indexed queries and none for a malformed token, so a
    reverse proxy can rate-limit ``/verify/`` freely. ``X-Robots-Tag: noindex`` keeps
    search engines from listing documents.
    """
    result = verify_token(token)
    response = render(
        request, "documents/verify.html", {"result": result}, status=200 if result.is_genuine else 404
    )
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response
