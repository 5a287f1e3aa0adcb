"""The police menu item of the portal's station pages (one: "Citizen requests", which links the
e-FIR list too): what citizens filed online (e-FIRs awaiting
signature; verification, permission and NOC requests; lost-article reports). Shown to station
and supervisory officers (``registration.view_station_registers``); each page is scoped by
jurisdiction."""

from django.utils.translation import gettext_lazy as _

from cctns.core.navigation import MenuItem, register

register(MenuItem(_("Citizen requests"), "portal:police_requests", permission="registration.view_station_registers", order=26))
