"""Template tags for printed documents: ``{% load documents %}``."""

from django import template
from django.utils.safestring import mark_safe

from ..pdf import page_of_pages_css

register = template.Library()


@register.simple_tag
def page_of_pages() -> str:
    """The CSS ``content`` value for "Page x of y" in the active language (for ``@page`` rules)."""
    return mark_safe(page_of_pages_css())  # noqa: S308 - built from escaped CSS strings and counters
