"""Who may do what in the person index (the ``rules`` package; autodiscovered).

Reading is gated by jurisdiction and sensitivity (``Person.objects.for_user``); these permissions
decide who may act:

| permission | who |
|---|---|
| ``persons.view_person`` | any active police user with a posting (rows are then scoped) |
| ``persons.add_person`` | a station officer (writer, IO, SHO) recording at their own station (or an outpost under it) |
| ``persons.change_person`` | a station officer whose jurisdiction holds the person's recording unit |
| ``persons.merge_persons``, ``persons.decide_duplicate`` | the SHO, a supervisory officer, or an SCRB/NCRB analyst, with the person in their jurisdiction |

The object is a :class:`~cctns.core.models.Unit` or a :class:`~cctns.persons.models.Person`;
with no object (menus) only the role is checked.
"""

import rules

from cctns.core.constants import STATION_ROLES, Rank, Role, UnitKind


def _unit_of(obj):
    if obj is None:
        return None
    return getattr(obj, "unit", None) if hasattr(obj, "merged_into_id") else obj


@rules.predicate
def is_police(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "unit_id", None))


@rules.predicate
def is_station_officer(user) -> bool:
    return is_police(user) and user.role in STATION_ROLES


@rules.predicate
def may_decide_identity(user) -> bool:
    """SHO (role, or a station officer of Inspector rank), supervisors and analysts."""
    if not is_police(user):
        return False
    if user.role in {Role.SHO, Role.SUPERVISOR, Role.SCRB_ANALYST, Role.NCRB_ANALYST}:
        return True
    return user.role in STATION_ROLES and user.rank >= Rank.INSPECTOR


@rules.predicate
def records_at_own_station(user, obj) -> bool:
    unit = _unit_of(obj)
    if unit is None:
        return True
    if user.unit_id == unit.pk:
        return True
    return user.unit.kind == UnitKind.OUTPOST and user.unit.parent_id == unit.pk


@rules.predicate
def within_jurisdiction(user, obj) -> bool:
    unit = _unit_of(obj)
    if unit is None:
        return True
    root = user.jurisdiction_root()
    return root is not None and unit.path.startswith(root.path)


rules.add_perm("persons.view_person", is_police)
rules.add_perm("persons.add_person", is_station_officer & records_at_own_station)
rules.add_perm("persons.change_person", is_station_officer & within_jurisdiction)
rules.add_perm("persons.merge_persons", may_decide_identity & within_jurisdiction)
rules.add_perm("persons.decide_duplicate", may_decide_identity & within_jurisdiction)
