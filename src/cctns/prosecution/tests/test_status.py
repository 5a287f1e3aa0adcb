"""The case status follows the court through the lifecycle service: cognizance → pending trial,
every accused disposed → disposed (with the case outcome), appeal → appeal, decided → disposed,
remanded → pending trial again; an ICJS account's records wait for a station officer to confirm
the status; and a property test that no order of court actions leaves the records inconsistent."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cctns.core.models import Alert
from cctns.investigation.models import CaseEvent
from cctns.prosecution import services
from cctns.prosecution.constants import AppealResult, CourtCaseStatus
from cctns.prosecution.services import status
from cctns.registration.constants import FIRStatus

from .conftest import file_chargesheet

pytestmark = pytest.mark.django_db
D = datetime.date
DECIDED = D(2026, 2, 20)


@pytest.fixture
def charged(fir, org):
    """The fixture FIR with its final report filed."""
    return file_chargesheet(fir, org)


def register(fir, user, **kw):
    return services.register_court_case(fir, user, court_name="JMFC A", case_number="CC 4/2026", **kw)


def dispose(case, user, accused, verdict, law, day=DECIDED):
    kw = {}
    if verdict == "convicted":
        kw = dict(convicted_sections=[law.bns_303], sentence_kind="rigorous", sentence_years=1, fine_amount=Decimal("500"))
    return services.record_disposal(case, user, accused=accused, verdict=verdict, decided_on=day, **kw)


def test_cognizance_moves_the_case_to_pending_trial(charged, org):
    case = register(charged, org.writer_a1, cognizance_on=D(2026, 2, 1))
    charged.refresh_from_db()
    assert charged.status == FIRStatus.PENDING_TRIAL
    event = CaseEvent.objects.filter(fir=charged).latest("at")
    assert event.to_status == FIRStatus.PENDING_TRIAL and event.by == org.writer_a1 and "CC 4/2026" in event.reason
    assert case.status == CourtCaseStatus.PENDING


def test_a_court_case_before_the_final_report_leaves_the_status(fir, org):
    register(fir, org.writer_a1, cognizance_on=D(2026, 2, 1))
    fir.refresh_from_db()
    assert fir.status == FIRStatus.REGISTERED


def test_disposal_of_every_accused_disposes_the_fir_with_the_case_outcome(charged, org, accused, law):
    case = register(charged, org.writer_a1, cognizance_on=D(2026, 2, 1))
    dispose(case, org.writer_a1, accused[0], "acquitted", law)
    charged.refresh_from_db()
    assert charged.status == FIRStatus.PENDING_TRIAL
    dispose(case, org.writer_a1, accused[1], "convicted", law)
    charged.refresh_from_db()
    assert charged.status == FIRStatus.DISPOSED
    assert CaseEvent.objects.filter(fir=charged, to_status=FIRStatus.DISPOSED).get().outcome == "convicted"


def test_appeal_and_its_result_move_the_case(charged, org, accused, law):
    case = register(charged, org.writer_a1, cognizance_on=D(2026, 2, 1))
    for a in accused:
        dispose(case, org.writer_a1, a, "convicted", law)
    appeal = services.record_appeal(case, org.writer_a1, accused=accused[0], appellant="accused", appellate_court="Sessions",
                                    appeal_number="CrA 1/2026", filed_on=D(2026, 2, 25))
    charged.refresh_from_db()
    assert charged.status == FIRStatus.APPEAL
    services.record_appeal_result(appeal, org.writer_a1, result=AppealResult.SET_ASIDE, result_on=D(2026, 3, 1))
    charged.refresh_from_db()
    assert charged.status == FIRStatus.DISPOSED
    last = CaseEvent.objects.filter(fir=charged, to_status=FIRStatus.DISPOSED).latest("id")
    assert last.outcome == "convicted"  # A2's conviction stands
    assert status.accused_verdicts(charged) == {accused[0].pk: "acquitted", accused[1].pk: "convicted"}


def test_retrial_on_appeal_reopens_the_court_case(charged, org, accused, law):
    case = register(charged, org.writer_a1, cognizance_on=D(2026, 2, 1))
    for a in accused:
        dispose(case, org.writer_a1, a, "acquitted", law)
    appeal = services.record_appeal(case, org.writer_a1, accused=accused[1], appellant="state", appellate_court="High Court",
                                    appeal_number="CrA 2/2026", filed_on=D(2026, 2, 25))
    services.record_appeal_result(appeal, org.writer_a1, result=AppealResult.REMANDED, result_on=D(2026, 3, 1))
    charged.refresh_from_db()
    case.refresh_from_db()
    assert charged.status == FIRStatus.PENDING_TRIAL and case.status == CourtCaseStatus.PENDING
    assert list(services.undisposed_accused(case)) == [accused[1]]
    dispose(case, org.writer_a1, accused[1], "convicted", law, day=D(2026, 3, 1))
    charged.refresh_from_db()
    assert charged.status == FIRStatus.DISPOSED


def test_icjs_disposal_waits_for_the_station_to_confirm_the_status(client, charged, org, accused, law, icjs):
    case = register(charged, org.writer_a1, cognizance_on=D(2026, 2, 1))
    for a in accused:
        dispose(case, icjs, a, "acquitted", law)
    charged.refresh_from_db()
    case.refresh_from_db()
    assert case.status == CourtCaseStatus.DISPOSED and charged.status == FIRStatus.PENDING_TRIAL
    alert = Alert.objects.get(key=f"court-status:{charged.global_id}")
    assert alert.state == "open" and alert.unit == org.ps_a1
    client.force_login(org.writer_a1)
    page = client.get(reverse("prosecution:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="confirm-status"' in page
    assert client.post(reverse("prosecution:confirm_status", args=[case.pk])).status_code == 302
    charged.refresh_from_db()
    alert.refresh_from_db()
    assert charged.status == FIRStatus.DISPOSED and alert.state == "closed"


ACTIONS = st.lists(st.tuples(st.sampled_from(["dispose", "appeal", "result", "correct"]), st.integers(0, 1),
                             st.sampled_from(["convicted", "acquitted", "discharged", "compounded"]),
                             st.sampled_from(["upheld", "set_aside", "modified", "remanded"])), max_size=8)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actions=ACTIONS)
def test_no_order_of_court_actions_leaves_the_records_inconsistent(org, make_fir_data, law, actions):
    """After any sequence of (possibly refused) actions: the court case is disposed exactly when
    every accused has a current disposal; at most one current disposal per accused; and the FIR's
    status is the one the court records call for (no move left undone)."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.test import override_settings

    from cctns.registration.services import assign_io, register_fir

    with transaction.atomic():
        sid = transaction.savepoint()
        with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
            fir = register_fir(org.ps_a1, org.writer_a1, make_fir_data(accused=[
                {"known": True, "name": "A"}, {"known": True, "name": "B"}]),
                now=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
        fir = assign_io(fir, org.sho_a1, org.io_a1)
        fir = file_chargesheet(fir, org)
        case = services.register_court_case(fir, org.writer_a1, court_name="C", case_number="CC 9/2026",
                                            cognizance_on=D(2026, 2, 1))
        people = list(fir.accused.order_by("order"))
        day = D(2026, 2, 10)
        for n, (kind, who, verdict, result) in enumerate(actions):
            a = people[who]
            day = day + datetime.timedelta(days=1)
            try:
                if kind == "dispose":
                    dispose(case, org.writer_a1, a, verdict, law, day=day)
                elif kind == "appeal":
                    services.record_appeal(case, org.writer_a1, accused=a, appellant="state", appellate_court="HC",
                                           appeal_number=f"CrA {n}/2026", filed_on=day)
                elif kind == "result":
                    pending = case.appeals.filter(accused=a, result="pending", superseded_at__isnull=True).first()
                    if pending:
                        services.record_appeal_result(pending, org.writer_a1, result=result, result_on=day)
                else:
                    current = case.disposals.filter(accused=a, superseded_at__isnull=True).first()
                    if current:
                        services.correct_disposal(current, org.sho_a1, reason="misread", remarks=f"fix {n}")
            except ValidationError:
                pass
            case.refresh_from_db()
            fir.refresh_from_db()
            current = case.disposals.filter(superseded_at__isnull=True)
            assert current.count() == len(set(current.values_list("accused_id", flat=True)))
            all_disposed = not services.undisposed_accused(case).exists()
            assert (case.status == CourtCaseStatus.DISPOSED) == all_disposed
            assert status.wanted_status(fir) is None
            assert fir.status in {FIRStatus.PENDING_TRIAL, FIRStatus.DISPOSED, FIRStatus.APPEAL}
        transaction.savepoint_rollback(sid)


def test_the_accused_sent_up_in_the_charge_sheet_face_trial(fir, org, accused):
    fir = file_chargesheet(fir, org, sent_up=("A1",))
    case = register(fir, org.writer_a1)
    assert list(case.accused.all()) == [accused[0]]
