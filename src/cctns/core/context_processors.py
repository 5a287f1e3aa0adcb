"""Template context shared by every page: node role, state, and the navigation for the user's role."""

from django.conf import settings

from .navigation import menu_for


def cctns(request) -> dict:
    """Add ``node_role``, ``state_code`` and ``nav_menu`` (the user's role-based menu)."""
    user = getattr(request, "user", None)
    return {
        "node_role": settings.CCTNS_NODE_ROLE,
        "state_code": settings.CCTNS_STATE_CODE,
        "nav_menu": menu_for(user) if user is not None else [],
    }
