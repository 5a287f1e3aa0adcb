"""Menu items of the registration pages (``core.navigation``), by role.

| item | shown to |
|---|---|
| Complaints, NCRs, General Diary | station officers (writer, IO, SHO) and supervisory officers: the station registers |
| FIRs | every police user with a posting (rows are scoped by jurisdiction) |
| Register FIR | station writers and SHOs (``registration.register_fir``) |

The menu only decides what is offered; each page and service checks its own permission.
"""

import rules
from django.utils.translation import gettext_lazy as _

from cctns.core.constants import Role
from cctns.core.navigation import MenuItem, register

from .rules import is_police, is_station_role


@rules.predicate
def is_supervisor(user) -> bool:
    return is_police(user) and user.role == Role.SUPERVISOR


rules.add_perm("registration.view_station_registers", is_station_role | is_supervisor)

register(MenuItem(_("Complaints"), "registration:complaint_list", permission="registration.view_station_registers", order=20))
register(MenuItem(_("FIRs"), "registration:fir_list", permission="registration.view_records", order=30))
register(MenuItem(_("Register FIR"), "registration:fir_create", permission="registration.register_fir", order=31))
register(MenuItem(_("NCRs"), "registration:ncr_list", permission="registration.view_station_registers", order=40))
register(MenuItem(_("General Diary"), "registration:gd", permission="registration.view_station_registers", order=50))
