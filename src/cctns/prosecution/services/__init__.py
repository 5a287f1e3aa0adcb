"""Court services: the only place the rules of court cases, hearings, orders, process,
disposals (IIF-6) and appeals (IIF-7) live. Views, the API and commands call these functions."""

from .court import (
    can_see_accused,
    check_disposal,
    correct_appeal_result,
    correct_disposal,
    correct_hearing,
    default_age_category,
    hearings_calendar,
    issue_summons,
    issue_warrant,
    next_hearing,
    record_appeal,
    record_appeal_result,
    record_bail_order,
    record_cognizance,
    record_court_order,
    record_disposal,
    record_hearing,
    record_process_return,
    record_remand_order,
    register_court_case,
    schedule_hearing,
    undisposed_accused,
)

__all__ = [
    "can_see_accused", "check_disposal", "correct_appeal_result", "correct_disposal", "correct_hearing",
    "default_age_category", "hearings_calendar", "issue_summons", "issue_warrant", "next_hearing", "record_appeal",
    "record_appeal_result", "record_bail_order", "record_cognizance", "record_court_order", "record_disposal",
    "record_hearing", "record_process_return", "record_remand_order", "register_court_case", "schedule_hearing",
    "undisposed_accused",
]
