"""Template filters shared by every app."""

from babel.numbers import format_decimal
from django import template
from django.utils.translation import get_language

register = template.Library()


def indian_number_format(value, language: str | None = None) -> str:
    """Format a number with Indian digit grouping: ``1234567`` → ``"12,34,567"``.

    Uses Babel's ``en_IN``/``hi_IN`` locale patterns (Hindi keeps Latin digits, as government
    forms do). Non-numbers are returned unchanged as text.
    """
    if value is None or value == "":
        return ""
    try:
        number = float(value) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        return str(value)
    locale = "hi_IN" if (language or get_language() or "en").startswith("hi") else "en_IN"
    return format_decimal(number, locale=locale)


@register.filter
def indian_number(value) -> str:
    """``{{ n|indian_number }}``: ``1234567`` → ``12,34,567``."""
    return indian_number_format(value)
