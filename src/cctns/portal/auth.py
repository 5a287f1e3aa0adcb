"""The citizen's session: separate from police sign-in.

A signed-in citizen is remembered by :data:`SESSION_KEY` (the :class:`~cctns.portal.models.Citizen`
id) in the session. ``request.user`` is never set for a citizen, so every police page, API call
and permission (all of which read ``request.user``) treats the citizen as anonymous. Signing a
citizen in signs out any police user of the same browser first (one identity per session) and
rotates the session key (no fixation).
"""

from functools import wraps

from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .models import Citizen

SESSION_KEY = "cctns_portal_citizen"


def login_citizen(request, citizen: Citizen) -> None:
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        auth_logout(request)
    request.session.cycle_key()
    request.session[SESSION_KEY] = citizen.pk
    citizen.last_login_at = timezone.now()
    citizen.save(update_fields=["last_login_at"])


def logout_citizen(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current_citizen(request) -> Citizen | None:
    """The signed-in citizen of ``request`` (cached on it), or ``None``."""
    if hasattr(request, "_portal_citizen"):
        return request._portal_citizen
    citizen = None
    pk = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if pk is not None:
        citizen = Citizen.objects.filter(pk=pk, is_active=True).first()
    request._portal_citizen = citizen
    return citizen


def citizen_required(view):
    """Send a visitor who is not signed in as a citizen to the portal's sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        citizen = current_citizen(request)
        if citizen is None:
            return redirect(f"{reverse('portal:login')}?next={request.path}")
        request.citizen = citizen
        return view(request, *args, **kwargs)

    return wrapper
