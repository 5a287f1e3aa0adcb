"""Translation for explanations that also works where Django is not configured (benchmarks)."""

from __future__ import annotations

import functools


def gettext(message: str) -> str:
    """``django.utils.translation.gettext`` when settings are configured, else ``message``
    (cached per active language: explanations are built for every candidate of a search)."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import get_language

    return _translated(message, get_language())


@functools.lru_cache(maxsize=4096)
def _translated(message: str, language: str | None) -> str:
    from django.utils.translation import gettext as django_gettext

    return django_gettext(message)
