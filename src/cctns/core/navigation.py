"""Navigation by role: each app registers menu items here instead of a central template knowing them.

An item is shown when the user has its permission (``rules``) or, with no permission named,
to every signed-in police user. A permission defined with ``rules`` is asked of its predicate
even for a superuser (Django's ``has_perm`` says yes to a superuser for everything, and the menu
would then offer pages the page itself refuses, e.g. "Register FIR" to an administrator with no
station); other permissions go through ``user.has_perm``.
"""

from dataclasses import dataclass

import rules
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    permission: str | None = None
    order: int = 100


_ITEMS: list[MenuItem] = []


def register(item: MenuItem) -> None:
    """Add a menu item (called from an app's ``ready()`` or module import)."""
    if item not in _ITEMS:
        _ITEMS.append(item)


def may_see(user, permission: str | None) -> bool:
    """Whether ``user`` is offered an item guarded by ``permission`` (see the module docstring)."""
    if not permission:
        return True
    if rules.perm_exists(permission):
        return rules.has_perm(permission, user)
    return user.has_perm(permission)


def menu_for(user) -> list[dict]:
    """The menu items ``user`` may see, as ``[{"label", "url"}]`` in display order."""
    if user is None or not user.is_authenticated:
        return []
    out = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if not may_see(user, item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"label": item.label, "url": url, "name": item.url_name})
    return out


register(MenuItem(_("Home"), "home", order=0))
register(MenuItem(_("Inbox"), "inbox:list", order=1))
register(MenuItem(_("Units"), "core:unit_list", order=80))
register(MenuItem(_("Acts and sections"), "legal:act_list", order=90))
register(MenuItem(_("API"), "api-docs", order=200))
register(MenuItem(_("Administration"), "admin:index", permission="core.view_user", order=190))
