"""Role predicates and the organisation's permissions (the ``rules`` package, autodiscovered).

Roles map to permissions here; each app's ``rules.py`` builds its own permissions from these
predicates. Row visibility is not a permission: it is the jurisdiction gate ``for_user()``.

| permission | who |
|---|---|
| ``core.view_unit`` | any active police user with a posting (rows scoped by jurisdiction) |
| ``core.manage_personnel`` | administrators |
| ``core.view_statistics`` | supervisory officers, SCRB and NCRB analysts, administrators |
| ``legal.view_reference`` | any active police user |
| ``legal.change_reference`` | administrators |
"""

import rules

from .constants import STATION_ROLES, Role


@rules.predicate
def is_police(user) -> bool:
    """An active signed-in user with a posting."""
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "unit_id", None))


def has_role(*roles: str):
    """A predicate true for police users holding one of ``roles``."""
    wanted = {str(r) for r in roles}

    @rules.predicate(name=f"has_role({','.join(sorted(wanted))})")
    def _has_role(user) -> bool:
        return is_police(user) and user.role in wanted

    return _has_role


is_station_officer = has_role(*STATION_ROLES)
is_supervisor = has_role(Role.SUPERVISOR)
is_analyst = has_role(Role.SCRB_ANALYST, Role.NCRB_ANALYST)


@rules.predicate
def is_administrator(user) -> bool:
    """Administrators by role, or Django superusers."""
    return bool(user and user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMIN))


rules.add_perm("core.view_unit", is_police | is_administrator)
rules.add_perm("core.manage_personnel", is_administrator)
rules.add_perm("core.view_statistics", is_supervisor | is_analyst | is_administrator)
rules.add_perm("legal.view_reference", is_police | is_administrator)
rules.add_perm("legal.change_reference", is_administrator)
