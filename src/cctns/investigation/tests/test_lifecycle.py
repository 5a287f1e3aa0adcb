"""The case lifecycle state machine: legal moves, who may make them, GD and event rows; a
property test that no sequence of attempts by any user reaches an illegal state."""

import datetime

import pytest
import rules
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cctns.investigation.constants import CaseEventKind, DisposalOutcome
from cctns.investigation.lifecycle import (
    TRANSITIONS,
    allowed_transitions,
    transfer_investigation,
    transition,
)
from cctns.investigation.models import CaseEvent, FinalReport
from cctns.investigation.services.final_report import (
    approve_final_report,
    prepare_final_report,
    submit_final_report,
)
from cctns.registration.constants import FIRStatus as S
from cctns.registration.constants import GDKind
from cctns.registration.models import FIR, GDEntry

from .conftest import closure_data, file_report


def filed(fir, approver):
    file_report(fir, approver)
    return FIR.objects.get(pk=fir.pk)

pytestmark = pytest.mark.django_db


def test_io_takes_up_investigation_with_gd_and_event(org, case):
    fir = transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="Visited the scene")
    assert fir.status == S.UNDER_INVESTIGATION
    assert FIR.objects.get(pk=case.pk).status == S.UNDER_INVESTIGATION
    event = CaseEvent.objects.get(fir=case)
    assert (event.from_status, event.to_status, event.by, event.kind) == (
        S.REGISTERED, S.UNDER_INVESTIGATION, org.io_a1, CaseEventKind.TRANSITION)
    assert event.gd_entry.kind == GDKind.STATUS_CHANGE
    assert "Visited the scene" in event.gd_entry.text
    assert event.gd_entry.police_station == org.ps_a1


def test_illegal_move_is_refused_with_a_reason(org, case):
    with pytest.raises(ValidationError) as exc:
        transition(case, S.DISPOSED, by=org.sho_a1, reason="x", outcome=DisposalOutcome.CONVICTED)
    assert "cannot be moved" in str(exc.value.message_dict["to_status"])
    assert FIR.objects.get(pk=case.pk).status == S.REGISTERED
    assert not CaseEvent.objects.exists()


def test_writer_and_other_station_may_not_take_up(org, case, officers):
    for user in (org.writer_a1, officers.io_b1, officers.sho_b1, org.sp_a, org.admin, org.scrb):
        with pytest.raises(ValidationError) as exc:
            transition(case, S.UNDER_INVESTIGATION, by=user, reason="x")
        assert "to_status" in exc.value.message_dict
    assert FIR.objects.get(pk=case.pk).status == S.REGISTERED


def test_no_io_no_investigation(org, law, make_fir_data):
    from cctns.registration.services.fir import register_fir

    fir = register_fir(org.ps_a1, org.sho_a1, make_fir_data())
    with pytest.raises(ValidationError) as exc:
        transition(fir, S.UNDER_INVESTIGATION, by=org.sho_a1, reason="x")
    assert "io" in exc.value.message_dict


def test_reason_and_outcome_rules(org, case, officers):
    with pytest.raises(ValidationError) as exc:
        transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="  ")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x", outcome=DisposalOutcome.CONVICTED)
    assert "outcome" in exc.value.message_dict
    fir = transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x")
    fir = filed(fir, officers.dsp_a)
    fir = transition(fir, S.PENDING_TRIAL, by=org.writer_a1, reason="cognizance taken")
    with pytest.raises(ValidationError) as exc:
        transition(fir, S.DISPOSED, by=org.writer_a1, reason="judgment")
    assert "outcome" in exc.value.message_dict
    fir = transition(fir, S.DISPOSED, by=org.writer_a1, reason="judgment", outcome=DisposalOutcome.CONVICTED)
    fir = transition(fir, S.APPEAL, by=org.sho_a1, reason="appeal by the accused")
    fir = transition(fir, S.DISPOSED, by=org.sho_a1, reason="appeal dismissed", outcome=DisposalOutcome.CONVICTED)
    assert [e.to_status for e in CaseEvent.objects.filter(fir=case)] == [
        S.UNDER_INVESTIGATION, S.FINAL_REPORT_FILED, S.PENDING_TRIAL, S.DISPOSED, S.APPEAL, S.DISPOSED]
    assert GDEntry.objects.filter(kind=GDKind.STATUS_CHANGE, object_id=case.pk).count() == 6


def test_only_sho_or_dsp_files_and_orders_reinvestigation(org, case, officers):
    fir = transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x")
    for user in (org.io_a1, org.writer_a1, officers.sho_a2):
        with pytest.raises(ValidationError):
            transition(fir, S.FINAL_REPORT_FILED, by=user, reason="x")
    with pytest.raises(ValidationError):  # no report: the guard refuses even the SHO
        transition(fir, S.FINAL_REPORT_FILED, by=org.sho_a1, reason="approved")
    fir = filed(fir, org.sho_a1)
    with pytest.raises(ValidationError):
        transition(fir, S.UNDER_INVESTIGATION, by=org.io_a1, reason="more to find")
    with pytest.raises(ValidationError):
        transition(fir, S.UNDER_INVESTIGATION, by=org.sp_b, reason="not my district")
    fir = transition(fir, S.UNDER_INVESTIGATION, by=org.sp_a, reason="further investigation, s.193(9)")
    assert CaseEvent.objects.filter(fir=case).last().kind == CaseEventKind.REINVESTIGATION


def test_time_of_step_is_checked(org, case):
    with pytest.raises(ValidationError) as exc:
        transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x",
                   at=timezone.now() + datetime.timedelta(hours=1))
    assert "at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x",
                   at=case.registered_at - datetime.timedelta(minutes=1))
    assert "at" in exc.value.message_dict


def test_allowed_transitions_per_user(org, case, officers):
    assert allowed_transitions(case, org.io_a1) == [S.UNDER_INVESTIGATION]
    assert allowed_transitions(case, org.writer_a1) == []
    assert allowed_transitions(case, officers.io_b1) == []
    fir = transition(case, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x")
    fir = filed(fir, org.sho_a1)
    assert allowed_transitions(fir, org.sho_a1) == [S.UNDER_INVESTIGATION, S.PENDING_TRIAL, S.DISPOSED]
    assert allowed_transitions(fir, org.writer_a1) == [S.PENDING_TRIAL, S.DISPOSED]


def test_transfer_within_station_by_sho(org, case, officers):
    from cctns.core.constants import Rank, Role
    from cctns.core.tests.factories import UserFactory

    io2 = UserFactory(username="io2_a1", unit=org.ps_a1, role=Role.IO, rank=Rank.SI)
    fir = transfer_investigation(case, by=org.sho_a1, to_io=io2, reason="IO on leave")
    assert fir.io == io2
    event = CaseEvent.objects.get(fir=case, kind=CaseEventKind.TRANSFER)
    assert (event.from_io, event.to_io) == (org.io_a1, io2)
    assert event.gd_entry.kind == GDKind.IO_ASSIGNED
    with pytest.raises(ValidationError):  # the SHO cannot send it to another station
        transfer_investigation(fir, by=org.sho_a1, to_io=officers.io_b1, reason="x")
    with pytest.raises(ValidationError):  # an IO cannot transfer
        transfer_investigation(fir, by=io2, to_io=org.io_a1, reason="x")
    with pytest.raises(ValidationError):  # a constable cannot investigate
        transfer_investigation(fir, by=org.sho_a1, to_io=officers.constable_a1, reason="x")


def test_transfer_to_another_station_by_supervisor(org, case, officers):
    from cctns.core.constants import Rank, Role
    from cctns.core.tests.factories import UserFactory

    io_a2 = UserFactory(username="io_a2", unit=org.ps_a2, role=Role.IO, rank=Rank.SI)
    with pytest.raises(ValidationError):  # outside district A
        transfer_investigation(case, by=officers.dsp_a, to_io=officers.io_b1, reason="x")
    fir = transfer_investigation(case, by=officers.dsp_a, to_io=io_a2, reason="complaint against the local IO")
    assert fir.io == io_a2
    assert rules.has_perm("investigation.start_investigation", io_a2, fir)
    assert not rules.has_perm("investigation.start_investigation", org.io_a1, fir)


# ---- property test ---------------------------------------------------------------------------

USERS = ["io_a1", "sho_a1", "writer_a1", "writer_a2", "writer_b1", "sp_a", "sp_b", "scrb", "admin",
         "dsp_a", "io_b1", "sho_b1", "sho_a2", "constable_a1"]
STATUSES = [s for s in S.values]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(USERS), st.sampled_from(STATUSES),
                                st.sampled_from([None, *DisposalOutcome.values])), max_size=12))
def test_no_sequence_reaches_an_illegal_state_or_bypasses_a_role(org, officers, make_case, steps):
    """Random attempts by random users: each either succeeds — and then it was a legal move by a
    holder of its permission, recorded as one event and one GD entry — or changes nothing."""
    users = {name: getattr(org, name, None) or getattr(officers, name) for name in USERS}
    fir = make_case()
    for name, to, outcome in steps:
        user = users[name]
        before = FIR.objects.get(pk=fir.pk)
        events_before = CaseEvent.objects.filter(fir=fir).count()
        rule = TRANSITIONS.get((before.status, to))
        permitted = rule is not None and rules.has_perm(rule.perm, user, before)
        try:
            if to == S.FINAL_REPORT_FILED and before.status == S.UNDER_INVESTIGATION:
                # the only way in: a report prepared by the IO, approved by someone else
                permitted = permitted and user.pk != before.io_id
                report = FinalReport.objects.filter(fir=fir, status="submitted").first()
                if report is None:
                    report = submit_final_report(prepare_final_report(before, before.io, closure_data()), before.io)
                approve_final_report(report, user)
                outcome = None  # the filing path takes no outcome
            else:
                transition(before, to, by=user, reason="step", outcome=outcome)
            ok = True
        except ValidationError:
            ok = False
        after = FIR.objects.get(pk=fir.pk)
        if ok:
            assert permitted, (name, before.status, to)
            assert after.status == to
            assert CaseEvent.objects.filter(fir=fir).count() == events_before + 1
            assert (outcome is not None) == (to == S.DISPOSED)
        else:
            assert after.status == before.status
            assert CaseEvent.objects.filter(fir=fir).count() == events_before
        assert after.status in {S.REGISTERED, S.UNDER_INVESTIGATION, S.FINAL_REPORT_FILED, S.PENDING_TRIAL,
                                S.DISPOSED, S.APPEAL}
    # the event log replays to the current status through legal moves only
    status = S.REGISTERED
    for event in CaseEvent.objects.filter(fir=fir).order_by("at", "id"):
        assert event.from_status == status
        assert (event.from_status, event.to_status) in TRANSITIONS
        status = event.to_status
    assert status == FIR.objects.get(pk=fir.pk).status


def test_io_of_another_station_given_the_case_opens_it(client, org, case, officers):
    from cctns.core.constants import Rank, Role
    from cctns.core.tests.factories import UserFactory

    io_a2 = UserFactory(username="io_a2b", unit=org.ps_a2, role=Role.IO, rank=Rank.SI)
    client.force_login(io_a2)
    assert client.get(f"/investigation/{case.pk}/").status_code == 404
    transfer_investigation(case, by=officers.dsp_a, to_io=io_a2, reason="transferred by the DSP")
    assert client.get(f"/investigation/{case.pk}/").status_code == 200
    assert client.get(f"/investigation/{case.pk}/case-diary/").status_code == 200
