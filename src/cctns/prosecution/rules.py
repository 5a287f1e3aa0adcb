"""Who may do what in court records (the ``rules`` package; autodiscovered as ``<app>.rules``).

Reading is gated by jurisdiction (``for_user``: the FIR's police station); these permissions
decide who may write:

| permission | who |
|---|---|
| ``prosecution.view_court`` | any active police user with a posting (rows scoped by jurisdiction) |
| ``prosecution.record_court`` (court case, hearings, orders, process, disposals, appeals) | a station officer (writer, IO, SHO) posted at the FIR's station, or an ICJS court-system account whose jurisdiction covers the station |
| ``prosecution.correct_court`` (a correction of a hearing, disposal or appeal result already recorded) | the station's SHO |

An ICJS account is a user in the Django group named by ``CCTNS_ICJS_GROUP`` (default ``"icjs"``),
posted at the unit whose stations' courts it serves (a district or the state): the courts post
hearings, orders and disposals through the API (DOMAIN.md "Exchange with the other justice
pillars").
"""

import rules
from django.conf import settings

from cctns.registration.rules import is_sho, is_station_role, posted_at_station, supervises_station


def icjs_group() -> str:
    return getattr(settings, "CCTNS_ICJS_GROUP", "icjs")


@rules.predicate
def is_police(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "unit_id", None))


@rules.predicate
def is_icjs_account(user) -> bool:
    """A court system's integration account (member of the ICJS group) with a posting."""
    return is_police(user) and user.groups.filter(name=icjs_group()).exists()


rules.add_perm("prosecution.view_court", is_police)
rules.add_perm("prosecution.record_court", (is_station_role & posted_at_station) | (is_icjs_account & supervises_station))
rules.add_perm("prosecution.correct_court", is_sho & posted_at_station)
