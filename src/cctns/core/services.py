"""Services of the organisation: unit codes, jurisdiction summaries."""

from django.utils.translation import gettext as _

from .constants import Role, UnitKind
from .models import Unit, User


def unit_code(*parts: str | int) -> str:
    """A unit code from its ancestors' local codes: ``unit_code(28, 502, 11)`` → ``"28-502-11"``."""
    return "-".join(str(p) for p in parts)


def landing_summary(user: User) -> dict:
    """What the role landing page shows: posting, jurisdiction root and counts within it.

    Returns ``{"posting", "jurisdiction", "counts": {"stations", "districts", "personnel"},
    "role_tasks": [str]}``.
    """
    root = user.jurisdiction_root()
    units = Unit.objects.for_user(user)
    counts = {
        "stations": units.filter(kind=UnitKind.POLICE_STATION).count(),
        "districts": units.filter(kind=UnitKind.DISTRICT).count(),
        "personnel": User.objects.for_user(user).count(),
    }
    tasks = {
        Role.STATION_WRITER: [_("Receive complaints"), _("Register FIRs and NCRs"), _("Keep the General Diary")],
        Role.IO: [_("Case Diary"), _("Arrests and seizures"), _("Final reports")],
        Role.SHO: [_("Approve FIRs"), _("Assign investigating officers"), _("Watch deadlines")],
        Role.SUPERVISOR: [_("Pendency across the jurisdiction"), _("IO workload"), _("Crime trends")],
        Role.SCRB_ANALYST: [_("State statistics"), _("State-wide search")],
        Role.NCRB_ANALYST: [_("National statistics"), _("Cross-state matching")],
        Role.ADMIN: [_("Users and postings"), _("Reference data"), _("Administration")],
    }.get(user.role, [])
    return {"posting": user.unit, "jurisdiction": root, "counts": counts, "role_tasks": tasks}
