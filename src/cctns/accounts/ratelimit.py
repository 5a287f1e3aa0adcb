"""Rate limits (django-ratelimit over the Django cache: local memory by default, Redis when
``CCTNS_REDIS_URL`` is set, which several server processes need to share the counts)."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from rest_framework.throttling import BaseThrottle


def login_ratelimit(view):
    """Sign-in POSTs per client address: ``CCTNS_LOGIN_RATE`` (default ``20/m``)."""
    return ratelimit(key="ip", rate=lambda _g, _r: settings.CCTNS_LOGIN_RATE, method="POST", block=True)(view)


def search_ratelimit(view):
    """Searches (GET with ``q``) per signed-in user (else address): ``CCTNS_SEARCH_RATE`` (``60/m``).
    For page views; the API uses :class:`SearchRateThrottle`."""
    return ratelimit(key=_user_or_ip, rate=_search_rate, method="GET", block=True)(view)


def _user_or_ip(group, request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return request.META.get("REMOTE_ADDR", "")


def _search_rate(group, request):
    return settings.CCTNS_SEARCH_RATE if request.GET.get("q") else None


class SearchRateThrottle(BaseThrottle):
    """DRF throttle: API list requests with a search (``?q=``) share the ``search`` rate limit."""

    def allow_request(self, request, view) -> bool:
        if not request.query_params.get("q"):
            return True
        return not is_ratelimited(request._request, group="search", key=_user_or_ip,
                                  rate=settings.CCTNS_SEARCH_RATE, method=request._request.method, increment=True)

    def wait(self) -> float:
        return 60.0
