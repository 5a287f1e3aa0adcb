"""Who may do what in registration (the ``rules`` package; autodiscovered as ``<app>.rules``).

Reading is gated by jurisdiction (``for_user``); these permissions decide who may act:

| permission | who |
|---|---|
| ``registration.register_fir``, ``register_ncr``, ``receive_complaint``, ``transfer_fir``, ``accept_transfer``, ``resubmit_fir`` | station writer or SHO posted at the station |
| ``registration.approve_fir``, ``return_fir``, ``assign_io``, ``correct_fir``, ``decide_complaint`` | the SHO of the station: posted there with role SHO or rank Inspector or above |
| ``registration.mark_sensitive`` | the station's SHO, or a supervisory officer of DSP rank or above over the station |
| ``registration.add_gd_entry`` | any station officer (writer, IO, SHO) posted at the station |
| ``registration.view_records`` | any active police user with a posting (rows are then scoped by jurisdiction) |

The object is the police station (a ``Unit``) or a record carrying ``police_station``; with no object
(menus) only the role is checked. Services test these with ``rules.has_perm`` so that Django's
superuser shortcut never lets an administrator approve or register FIRs.
"""

import rules

from cctns.core.constants import STATION_ROLES, Rank, Role, UnitKind


def station_of(obj):
    """The police station a permission object belongs to: the unit itself or ``obj.police_station``."""
    if obj is None:
        return None
    if hasattr(obj, "police_station"):
        return obj.police_station
    if hasattr(obj, "to_station") and hasattr(obj, "from_fir"):  # a Transfer: the receiving station acts
        return obj.to_station
    return obj


@rules.predicate
def is_police(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "unit_id", None))


@rules.predicate
def is_registering_role(user) -> bool:
    return is_police(user) and user.role in {Role.STATION_WRITER, Role.SHO}


@rules.predicate
def is_station_role(user) -> bool:
    return is_police(user) and user.role in STATION_ROLES


@rules.predicate
def is_sho(user) -> bool:
    """The station's SHO: role SHO, or a station officer of Inspector rank or above."""
    return is_police(user) and (user.role == Role.SHO or (user.role in STATION_ROLES and user.rank >= Rank.INSPECTOR))


@rules.predicate
def is_senior_supervisor(user) -> bool:
    return is_police(user) and user.role == Role.SUPERVISOR and user.rank >= Rank.DSP


@rules.predicate
def posted_at_station(user, obj) -> bool:
    """The user is posted at the object's police station (or at an outpost under it)."""
    station = station_of(obj)
    if station is None:
        return True
    unit = user.unit
    if unit is None:
        return False
    if unit.pk == station.pk:
        return True
    return unit.kind == UnitKind.OUTPOST and unit.parent_id == station.pk


@rules.predicate
def supervises_station(user, obj) -> bool:
    """The object's station lies within the user's jurisdiction."""
    station = station_of(obj)
    if station is None:
        return True
    root = user.jurisdiction_root()
    return root is not None and station.path.startswith(root.path)


station_writer_or_sho = is_registering_role & posted_at_station
station_sho = is_sho & posted_at_station

rules.add_perm("registration.view_records", is_police)
rules.add_perm("registration.register_fir", station_writer_or_sho)
rules.add_perm("registration.resubmit_fir", station_writer_or_sho)
rules.add_perm("registration.transfer_fir", station_writer_or_sho)
rules.add_perm("registration.accept_transfer", station_writer_or_sho)
rules.add_perm("registration.register_ncr", station_writer_or_sho)
rules.add_perm("registration.receive_complaint", station_writer_or_sho)
rules.add_perm("registration.approve_fir", station_sho)
rules.add_perm("registration.return_fir", station_sho)
rules.add_perm("registration.assign_io", station_sho)
rules.add_perm("registration.correct_fir", station_sho)
rules.add_perm("registration.decide_complaint", station_sho)
rules.add_perm("registration.mark_sensitive", station_sho | (is_senior_supervisor & supervises_station))
rules.add_perm("registration.add_gd_entry", is_station_role & posted_at_station)
