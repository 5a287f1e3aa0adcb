"""Coded vocabularies of the organisation: unit kinds, ranks and roles.

Each is a Django ``TextChoices``/``IntegerChoices`` so forms, the admin, the API schema and
translations all read one list.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """Levels of the police hierarchy, top down (DESIGN.md §3 "Unit").

    The order of declaration is the order of the hierarchy; ``LEVEL`` gives each a number so a
    parent can be checked to sit above its child. Levels may be skipped (not every state has
    zones or circles).
    """

    NATIONAL = "national", _("National")
    STATE = "state", _("State / UT")
    ZONE = "zone", _("Zone")
    RANGE = "range", _("Range")
    DISTRICT = "district", _("District")
    SUBDIVISION = "subdivision", _("Sub-division")
    CIRCLE = "circle", _("Circle")
    POLICE_STATION = "ps", _("Police station")
    OUTPOST = "outpost", _("Outpost")
    OFFICE = "office", _("Office")  # SCRB, NCRB, control rooms: attached to a level, no territory of its own


UNIT_LEVEL = {
    UnitKind.NATIONAL: 0,
    UnitKind.STATE: 1,
    UnitKind.ZONE: 2,
    UnitKind.RANGE: 3,
    UnitKind.DISTRICT: 4,
    UnitKind.SUBDIVISION: 5,
    UnitKind.CIRCLE: 6,
    UnitKind.POLICE_STATION: 7,
    UnitKind.OUTPOST: 8,
    UnitKind.OFFICE: 9,
}


class Rank(models.IntegerChoices):
    """Police ranks, ordered by seniority (value grows with seniority).

    Source: the rank structure common to state police forces (Police Act 1861 and state
    police manuals); DSP and ACP are the same rank in district and commissionerate systems.
    """

    CONSTABLE = 10, _("Constable")
    HEAD_CONSTABLE = 20, _("Head Constable")
    ASI = 30, _("Assistant Sub-Inspector")
    SI = 40, _("Sub-Inspector")
    INSPECTOR = 50, _("Inspector")
    DSP = 60, _("Deputy Superintendent of Police")
    ADDL_SP = 70, _("Additional Superintendent of Police")
    SP = 80, _("Superintendent of Police")
    DIG = 90, _("Deputy Inspector General")
    IG = 100, _("Inspector General")
    ADGP = 110, _("Additional Director General")
    DGP = 120, _("Director General of Police")
    CIVILIAN = 0, _("Civilian staff")


class Role(models.TextChoices):
    """What a user does in the system (DESIGN.md §1). Permissions follow from the role."""

    STATION_WRITER = "writer", _("Station writer / duty officer")
    IO = "io", _("Investigating officer")
    SHO = "sho", _("Station House Officer")
    SUPERVISOR = "supervisor", _("Supervisory officer")
    SCRB_ANALYST = "scrb", _("SCRB analyst")
    NCRB_ANALYST = "ncrb", _("NCRB analyst")
    ADMIN = "admin", _("Administrator")


STATION_ROLES = {Role.STATION_WRITER, Role.IO, Role.SHO}
