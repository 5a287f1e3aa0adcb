"""Who may do what with property records (the ``rules`` package; autodiscovered).

Reading is gated by jurisdiction (``for_user``); these permissions decide who may act:

| permission | who |
|---|---|
| ``property.view_items`` | any active police user with a posting (rows scoped by jurisdiction) |
| ``property.register_item``, ``property.change_state`` | a station officer (writer, IO, SHO) posted at the item's station |
| ``property.review_candidate`` | a station officer posted at either station of the candidate, or a supervisory officer over one of them |
| ``property.check`` | any active police user with a posting (a beat officer's vehicle or phone check) |
"""

import rules

from cctns.core.constants import STATION_ROLES, Role
from cctns.registration.rules import posted_at_station, supervises_station


@rules.predicate
def is_police(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "unit_id", None))


@rules.predicate
def is_station_role(user) -> bool:
    return is_police(user) and user.role in STATION_ROLES


@rules.predicate
def is_supervisor(user) -> bool:
    return is_police(user) and user.role == Role.SUPERVISOR


@rules.predicate
def at_either_station(user, candidate) -> bool:
    """Posted at the found item's station or the reported item's station."""
    if candidate is None:
        return True
    return any(posted_at_station(user, item) for item in (candidate.found, candidate.reported))


@rules.predicate
def supervises_either_station(user, candidate) -> bool:
    if candidate is None:
        return True
    return any(supervises_station(user, item) for item in (candidate.found, candidate.reported))


rules.add_perm("property.view_items", is_police)
rules.add_perm("property.register_item", is_station_role & posted_at_station)
rules.add_perm("property.change_state", is_station_role & posted_at_station)
rules.add_perm("property.review_candidate", (is_station_role & at_either_station)
               | (is_supervisor & supervises_either_station))
rules.add_perm("property.check", is_police)
