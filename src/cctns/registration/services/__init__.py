"""Registration services: the only place the rules of complaints, FIRs, NCRs and the General
Diary live. Views, the API, commands, bulk import and the seed call these functions."""

from .common import national_key, parse_section_ref, resolve_sections, station_for
from .complaints import (
    add_complaint_attachment,
    add_enquiry_note,
    close_complaint,
    extend_enquiry,
    find_related_complaints,
    receive_complaint,
    record_communication,
    start_preliminary_enquiry,
)
from .fir import (
    accept_transfer,
    accused_code,
    approve_fir,
    assign_io,
    can_see_victim_identity,
    case_officer_q,
    check_fir_data,
    correct_fir,
    fir_input_data,
    fir_snapshot,
    identity_visible_q,
    is_case_officer,
    mark_sensitive,
    register_fir,
    requires_approval,
    resubmit_fir,
    return_fir,
    transfer_zero_fir,
)
from .gd import add_gd_entry, gd_entries_for
from .ncr import fortnight_bounds, mark_ncr_list_sent, ncr_fortnightly_list, register_ncr

__all__ = [
    "accept_transfer", "accused_code", "add_complaint_attachment", "add_enquiry_note", "add_gd_entry",
    "approve_fir", "assign_io", "can_see_victim_identity", "case_officer_q", "check_fir_data", "close_complaint",
    "correct_fir", "extend_enquiry", "find_related_complaints", "fir_input_data", "fir_snapshot",
    "fortnight_bounds", "gd_entries_for", "identity_visible_q", "is_case_officer", "mark_ncr_list_sent",
    "mark_sensitive", "national_key", "ncr_fortnightly_list", "parse_section_ref", "receive_complaint",
    "record_communication", "register_fir", "register_ncr", "requires_approval", "resolve_sections",
    "resubmit_fir", "return_fir", "start_preliminary_enquiry", "station_for", "transfer_zero_fir",
]
