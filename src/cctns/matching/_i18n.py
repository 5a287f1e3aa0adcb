"""Translation for explanations that also works where Django is not configured (benchmarks)."""

from __future__ import annotations


def gettext(message: str) -> str:
    """``django.utils.translation.gettext`` when settings are configured, else ``message``."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext as django_gettext

    return django_gettext(message)
