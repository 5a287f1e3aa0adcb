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


@register.filter
def local_name(obj) -> str:
    """``{{ unit|local_name }}``: the Hindi name (``name_hi``) when the page is in Hindi and one
    is recorded, else the usual name (``str(obj)`` for units, the full name for users)."""
    if obj is None:
        return ""
    language = get_language() or "en"
    name_hi = getattr(obj, "name_hi", "")
    if language.startswith("hi") and name_hi:
        return name_hi
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name() or obj.get_username()
    return str(obj)
