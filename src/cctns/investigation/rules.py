"""Who may act on a case after registration (the ``rules`` package; autodiscovered as ``<app>.rules``).

The object is always the FIR. Reading is gated by jurisdiction (``for_user``) and, for the Case
Diary, by :func:`can_read_case_diary`.

| permission | who |
|---|---|
| ``investigation.start_investigation`` | the case's IO, or the SHO of the FIR's station |
| ``investigation.write_case_diary`` | the case's IO, or the SHO of the FIR's station |
| ``investigation.record_crime_details`` | the case's IO, or the SHO of the FIR's station |
| ``investigation.prepare_final_report`` | the case's IO, or the SHO of the FIR's station |
| ``investigation.approve_final_report`` | the SHO of the FIR's station, or a supervisory officer of DSP rank or above over it |
| ``investigation.order_reinvestigation`` | the SHO of the FIR's station (recording the court's order), or a supervisory officer of DSP rank or above over it |
| ``investigation.transfer_investigation`` | the SHO of the FIR's station (to another IO of the station), or a supervisory officer of DSP rank or above over it (any station under them) |
| ``investigation.record_court_result`` | any station officer posted at the FIR's station (the court clerk is a station writer), or a supervisory officer of DSP rank or above over it |
| ``investigation.inform_informant`` | the case's IO, any station officer posted at the FIR's station, or a supervisory officer of DSP rank or above over it |
| ``investigation.view_case_diary`` | the case's IO, the SHO of the FIR's station, supervisory officers over the station |
"""

import rules

from cctns.core.constants import STATION_ROLES, Role
from cctns.registration.rules import (
    is_police,
    is_senior_supervisor,
    is_station_role,
    posted_at_station,
    station_sho,
    supervises_station,
)


@rules.predicate
def is_case_io(user, fir) -> bool:
    """The FIR's investigating officer (an active station officer)."""
    return bool(fir is not None and is_police(user) and user.role in STATION_ROLES and fir.io_id == user.pk)


@rules.predicate
def is_supervisor_over(user, fir) -> bool:
    """A supervisory officer (any rank) in whose jurisdiction the FIR's station lies."""
    return is_police(user) and user.role == Role.SUPERVISOR and supervises_station(user, fir)


io_or_sho = is_case_io | station_sho
sho_or_senior = station_sho | (is_senior_supervisor & supervises_station)

rules.add_perm("investigation.start_investigation", io_or_sho)
rules.add_perm("investigation.write_case_diary", io_or_sho)
rules.add_perm("investigation.record_crime_details", io_or_sho)
rules.add_perm("investigation.prepare_final_report", io_or_sho)
rules.add_perm("investigation.approve_final_report", sho_or_senior)
rules.add_perm("investigation.order_reinvestigation", sho_or_senior)
rules.add_perm("investigation.transfer_investigation", sho_or_senior)
rules.add_perm("investigation.record_court_result", (is_station_role & posted_at_station) | (is_senior_supervisor & supervises_station))
rules.add_perm("investigation.view_case_diary", is_case_io | station_sho | is_supervisor_over)

# Used by lifecycle.transfer_investigation: a transfer to another station needs a senior supervisor.
rules.add_rule("investigation._senior_over", is_senior_supervisor & supervises_station)
rules.add_perm("investigation.inform_informant", io_or_sho | (is_station_role & posted_at_station)
               | (is_senior_supervisor & supervises_station))
