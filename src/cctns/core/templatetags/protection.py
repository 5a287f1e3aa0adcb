"""Template side of :mod:`cctns.core.protection`.

``{% load protection %}``, then:

- ``{% protected obj "name" %}``: the field's value when the request's user may see it, else
  the mask ``[protected]`` with the legal basis as its title (escaped like any variable);
- ``{% protected obj "name" user=other %}``: the same for another user (PDFs rendered outside a
  request pass ``user``);
- ``{% if obj|hidden_for:request.user %}``: true when something of ``obj`` is hidden from the user.
"""

from django import template
from django.utils.html import format_html

from cctns.core import protection

register = template.Library()


def _user(context, user):
    if user is not None:
        return user
    if context.get("protection_user") is not None:
        return context["protection_user"]
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def protected(context, obj, name, user=None, default="—"):
    """``obj.<name>`` or the mask (see the module docstring); ``default`` for an empty value."""
    who = _user(context, user)
    hidden = protection.hidden_fields(who, obj)
    if name in hidden:
        return format_html('<span class="protected" title="{}">{}</span>', hidden[name].basis, protection.PROTECTED)
    val = getattr(obj, name, None)
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display) and val not in (None, ""):
        val = display()
    return default if val in (None, "") else val


@register.filter
def hidden_for(obj, user) -> bool:
    """Whether any protected field of ``obj`` is hidden from ``user``."""
    return bool(protection.hidden_fields(user, obj))
