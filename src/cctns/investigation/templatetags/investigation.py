"""Template filters of the investigation pages."""

from django import template

from ..vocabulary import mo_label as _mo_label

register = template.Library()


@register.filter
def mo_label(code: str) -> str:
    """The label of a modus operandi code in the active language."""
    return _mo_label(code)
