"""Court services: each rule and workflow (court case, hearings, orders, process, IIF-6 disposal
of every accused disposes the case, IIF-7 appeal, corrections as new rows), and who may write."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cctns.prosecution import services
from cctns.prosecution.constants import (
    AgeCategory,
    AppealResult,
    CourtCaseStatus,
    HearingOutcome,
    ProcessStatus,
    SentenceKind,
    Verdict,
)
from cctns.prosecution.models import Disposal, Hearing

from .conftest import TODAY

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
D = datetime.date


def errors_of(exc) -> set[str]:
    return set(exc.value.message_dict)


# ---- court case --------------------------------------------------------------------------------

def test_court_case_takes_every_known_accused_and_the_station_jurisdiction(case, fir, accused):
    assert set(case.accused.all()) == set(accused)
    assert case.status == CourtCaseStatus.PENDING
    assert case.police_station == fir.police_station
    assert case.version == 1 and case.global_id


def test_court_case_refuses_a_duplicate_cnr_and_a_future_cognizance(case, fir, org):
    with pytest.raises(ValidationError) as exc:
        services.register_court_case(fir, org.io_a1, court_name="X", case_number="1", cnr_number="apab010000122026",
                                     cognizance_on=D(2026, 3, 3), now=NOW)
    assert errors_of(exc) == {"cnr_number", "cognizance_on"}


def test_court_case_refuses_a_malformed_cnr(fir, org):
    with pytest.raises(ValidationError) as exc:
        services.register_court_case(fir, org.io_a1, court_name="X", case_number="1", cnr_number="ABC")
    assert "cnr_number" in errors_of(exc)


def test_court_case_refuses_accused_of_another_fir(fir, org, make_fir_data):
    from django.test import override_settings

    from cctns.registration.services import register_fir
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        other = register_fir(org.ps_a1, org.writer_a1, make_fir_data(accused=[{"known": True, "name": "Ram"}]))
    with pytest.raises(ValidationError) as exc:
        services.register_court_case(fir, org.io_a1, court_name="X", case_number="1", accused=list(other.accused.all()))
    assert errors_of(exc) == {"accused"}


def test_other_station_and_analysts_cannot_register_or_record(fir, case, org, accused):
    for user in (org.writer_a2, org.writer_b1, org.scrb, org.sp_a, org.admin):
        with pytest.raises(PermissionDenied):
            services.register_court_case(fir, user, court_name="X", case_number="2")
        with pytest.raises(PermissionDenied):
            services.schedule_hearing(case, user, date=D(2026, 3, 10))


def test_icjs_account_over_the_district_may_record_but_not_elsewhere(case, icjs, org, make_fir_data):
    hearing = services.schedule_hearing(case, icjs, date=D(2026, 3, 10))
    assert hearing.created_by == icjs
    from django.test import override_settings

    from cctns.registration.services import register_fir
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        far = register_fir(org.ps_b1, org.writer_b1, make_fir_data(accused=[{"known": True, "name": "Ram"}]))
    with pytest.raises(PermissionDenied):
        services.register_court_case(far, icjs, court_name="X", case_number="3")


def test_cognizance_is_recorded_once_and_not_before_the_fir(case, org):
    with pytest.raises(ValidationError) as exc:
        services.record_cognizance(case, org.io_a1, cognizance_on=D(2020, 1, 1), now=NOW)
    assert errors_of(exc) == {"cognizance_on"}
    services.record_cognizance(case, org.io_a1, cognizance_on=D(2026, 2, 1), now=NOW)
    with pytest.raises(ValidationError):
        services.record_cognizance(case, org.io_a1, cognizance_on=D(2026, 2, 2), now=NOW)


# ---- hearings ----------------------------------------------------------------------------------

def test_recording_a_hearing_schedules_the_next_date(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 3, 1), purpose="charge")
    held, nxt = services.record_hearing(h, org.writer_a1, outcome=HearingOutcome.ADJOURNED, proceedings="Accused absent",
                                        next_date=D(2026, 3, 20), next_purpose="prosecution_evidence", now=NOW)
    assert held.outcome == "adjourned" and held.recorded_by == org.writer_a1
    assert nxt.date == D(2026, 3, 20) and nxt.outcome == HearingOutcome.SCHEDULED and nxt.purpose == "prosecution_evidence"
    assert services.next_hearing(case) == nxt


def test_a_hearing_is_recorded_once_and_not_before_its_date(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(h, org.writer_a1, outcome="held", now=NOW)
    assert errors_of(exc) == {"date"}
    h2 = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 5))
    services.record_hearing(h2, org.writer_a1, outcome="held", now=NOW)
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(h2, org.writer_a1, outcome="held", now=NOW)
    assert errors_of(exc) == {"outcome"}


def test_adjournment_needs_a_later_next_date(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 5))
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(h, org.writer_a1, outcome="adjourned", now=NOW)
    assert errors_of(exc) == {"next_date"}
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(h, org.writer_a1, outcome="held", next_date=D(2026, 2, 5), now=NOW)
    assert errors_of(exc) == {"next_date"}
    with pytest.raises(ValidationError):
        services.record_hearing(h, org.writer_a1, outcome="scheduled", now=NOW)


def test_same_date_listed_twice_is_refused(case, org):
    services.schedule_hearing(case, org.writer_a1, date=D(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        services.schedule_hearing(case, org.writer_a1, date=D(2026, 3, 5))
    assert errors_of(exc) == {"date"}


def test_correcting_a_hearing_keeps_the_old_row(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 5))
    services.record_hearing(h, org.writer_a1, outcome="held", proceedings="PW1 examined", now=NOW)
    with pytest.raises(PermissionDenied):
        services.correct_hearing(h, org.writer_a1, reason="typo", proceedings="PW2 examined")
    with pytest.raises(ValidationError):
        services.correct_hearing(h, org.sho_a1, reason=" ", proceedings="PW2 examined")
    new = services.correct_hearing(h, org.sho_a1, reason="Wrong witness noted", proceedings="PW2 examined")
    old = Hearing.objects.get(pk=h.pk)
    assert old.proceedings == "PW1 examined" and old.superseded_at is not None
    assert new.corrects == old and new.proceedings == "PW2 examined" and new.correction_reason == "Wrong witness noted"
    with pytest.raises(ValidationError):
        services.correct_hearing(old, org.sho_a1, reason="again", proceedings="x")


def test_calendar_lists_upcoming_scheduled_hearings_of_pending_cases(case, org):
    a = services.schedule_hearing(case, org.writer_a1, date=D(2026, 3, 5))
    services.schedule_hearing(case, org.writer_a1, date=D(2026, 5, 5))
    rows = list(services.hearings_calendar(Hearing.objects.for_user(org.writer_a1), start=TODAY, days=30))
    assert rows == [a]
    assert list(services.hearings_calendar(Hearing.objects.for_user(org.writer_b1), start=TODAY)) == []


# ---- orders and process -------------------------------------------------------------------------

def test_bail_and_remand_orders_check_the_accused_and_dates(case, org, accused, fir):
    bail = services.record_bail_order(case, org.writer_a1, accused=accused[0], order_date=D(2026, 2, 1), decision="granted",
                                      bond_amount=Decimal("25000"), sureties=2, terms="Appear on each date", now=NOW)
    assert bail.accused == accused[0]
    with pytest.raises(ValidationError) as exc:
        services.record_bail_order(case, org.writer_a1, accused=accused[0], order_date=D(2026, 4, 1), decision="granted", now=NOW)
    assert errors_of(exc) == {"order_date"}
    with pytest.raises(ValidationError) as exc:
        services.record_remand_order(case, org.writer_a1, accused=accused[1], order_date=D(2026, 2, 1), kind="judicial",
                                     from_date=D(2026, 2, 10), to_date=D(2026, 2, 5), now=NOW)
    assert errors_of(exc) == {"to_date"}
    r = services.record_remand_order(case, org.writer_a1, accused=accused[1], order_date=D(2026, 2, 1), kind="judicial",
                                     from_date=D(2026, 2, 1), to_date=D(2026, 2, 14), now=NOW)
    assert r.kind == "judicial"
    case.accused.remove(accused[1])
    with pytest.raises(ValidationError) as exc:
        services.record_bail_order(case, org.writer_a1, accused=accused[1], order_date=D(2026, 2, 1), decision="rejected", now=NOW)
    assert errors_of(exc) == {"accused"}


def test_other_orders_need_terms(case, org):
    with pytest.raises(ValidationError) as exc:
        services.record_court_order(case, org.writer_a1, order_date=D(2026, 2, 1), kind="property_release", terms="", now=NOW)
    assert errors_of(exc) == {"terms"}
    o = services.record_court_order(case, org.writer_a1, order_date=D(2026, 2, 1), kind="property_release",
                                    terms="Release the phone to the owner on a bond", comply_by=D(2026, 2, 15), now=NOW)
    assert o.get_kind_display() == "Release of property"


def test_warrant_pending_until_executed_and_then_final(case, org, accused):
    w = services.issue_warrant(case, org.writer_a1, kind="non_bailable", person_name="Mohan Lal", accused=accused[0],
                               issued_on=D(2026, 2, 1), returnable_on=D(2026, 3, 1), now=NOW)
    assert w.status == ProcessStatus.PENDING
    with pytest.raises(ValidationError) as exc:
        services.record_process_return(w, org.writer_a1, status="executed", now=NOW)
    assert errors_of(exc) == {"executed_on"}
    with pytest.raises(ValidationError) as exc:
        services.record_process_return(w, org.writer_a1, status="executed", executed_on=D(2026, 1, 1), now=NOW)
    assert errors_of(exc) == {"executed_on"}
    w = services.record_process_return(w, org.writer_a1, status="executed", executed_on=D(2026, 2, 10),
                                       returned_on=D(2026, 2, 11), now=NOW)
    assert w.status == "executed" and w.executed_on == D(2026, 2, 10)
    with pytest.raises(ValidationError):
        services.record_process_return(w, org.writer_a1, status="recalled", now=NOW)


def test_summons_cannot_be_returnable_before_issue(case, org):
    with pytest.raises(ValidationError) as exc:
        services.issue_summons(case, org.writer_a1, person_name="PW1", issued_on=D(2026, 2, 1), appear_on=D(2026, 1, 1), now=NOW)
    assert errors_of(exc) == {"appear_on"}
    s = services.issue_summons(case, org.writer_a1, person_name="PW1", issued_on=D(2026, 2, 1), appear_on=D(2026, 3, 1), now=NOW)
    assert s.returnable_on == D(2026, 3, 1)


# ---- disposal (IIF-6) --------------------------------------------------------------------------

def convict(case, user, accused, law, **kw):
    values = dict(accused=accused, verdict=Verdict.CONVICTED, decided_on=D(2026, 2, 20), convicted_sections=[law.bns_303],
                  sentence_kind=SentenceKind.RIGOROUS, sentence_years=2, fine_amount=Decimal("5000"), now=NOW)
    values.update(kw)
    return services.record_disposal(case, user, **values)


def test_disposing_every_accused_disposes_the_case(case, org, accused, law):
    d1 = convict(case, org.writer_a1, accused[0], law)
    case.refresh_from_db()
    assert case.status == CourtCaseStatus.PENDING
    assert list(services.undisposed_accused(case)) == [accused[1]]
    services.record_disposal(case, org.writer_a1, accused=accused[1], verdict=Verdict.ACQUITTED, decided_on=D(2026, 2, 25), now=NOW)
    case.refresh_from_db()
    assert case.status == CourtCaseStatus.DISPOSED and case.disposed_on == D(2026, 2, 25)
    assert d1.age_category == AgeCategory.ADULT and d1.term_display == "2 y"
    with pytest.raises(ValidationError):
        services.schedule_hearing(case, org.writer_a1, date=D(2026, 4, 1))


def test_a_second_disposal_for_the_same_accused_is_refused(case, org, accused, law):
    convict(case, org.writer_a1, accused[0], law)
    with pytest.raises(ValidationError) as exc:
        convict(case, org.writer_a1, accused[0], law)
    assert errors_of(exc) == {"accused"}


@pytest.mark.parametrize(("values", "fields"), [
    (dict(verdict="convicted", convicted_sections=[], sentence_kind="rigorous", sentence_years=1), {"convicted_sections"}),
    (dict(verdict="convicted", convicted_sections=["s"], sentence_kind="none"), {"sentence_kind"}),
    (dict(verdict="convicted", convicted_sections=["s"], sentence_kind="simple"), {"sentence_years"}),
    (dict(verdict="convicted", convicted_sections=["s"], sentence_kind="life", sentence_years=10), {"sentence_years"}),
    (dict(verdict="convicted", convicted_sections=["s"], sentence_kind="simple", sentence_months=12), {"sentence_months"}),
    (dict(verdict="convicted", convicted_sections=["s"], sentence_kind="none", fine_amount=Decimal("0")), {"fine_amount"}),
    (dict(verdict="acquitted", sentence_kind="simple", sentence_years=1), {"sentence_kind"}),
    (dict(verdict="acquitted", convicted_sections=["s"]), {"convicted_sections"}),
    (dict(verdict="nonsense"), {"verdict"}),
])
def test_disposal_rules(values, fields):
    assert set(services.check_disposal(values)) == fields


@pytest.mark.parametrize("values", [
    dict(verdict="convicted", convicted_sections=["s"], sentence_kind="none", fine_amount=Decimal("100")),
    dict(verdict="convicted", convicted_sections=["s"], sentence_kind="life"),
    dict(verdict="convicted", convicted_sections=["s"], sentence_kind="simple", sentence_days=15),
    dict(verdict="discharged"), dict(verdict="compounded"), dict(verdict="abated"),
])
def test_valid_disposals(values):
    assert services.check_disposal(values) == {}


def test_disposal_date_not_future_nor_before_cognizance(case, org, accused, law):
    services.record_cognizance(case, org.io_a1, cognizance_on=D(2026, 2, 1), now=NOW)
    with pytest.raises(ValidationError) as exc:
        convict(case, org.writer_a1, accused[0], law, decided_on=D(2026, 1, 20))
    assert errors_of(exc) == {"decided_on"}
    with pytest.raises(ValidationError) as exc:
        convict(case, org.writer_a1, accused[0], law, decided_on=D(2026, 3, 3))
    assert errors_of(exc) == {"decided_on"}


def test_juvenile_accused_defaults_to_juvenile(org, make_fir_data, law):
    from django.test import override_settings

    from cctns.registration.services import register_fir
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        fir = register_fir(org.ps_a1, org.writer_a1, make_fir_data(accused=[{"known": True, "name": "Child", "age": 15}]))
    case = services.register_court_case(fir, org.writer_a1, court_name="Juvenile Justice Board", case_number="JJB 1/2026")
    d = services.record_disposal(case, org.writer_a1, accused=fir.accused.get(), verdict="discharged", decided_on=D(2026, 2, 1), now=NOW)
    assert d.age_category == AgeCategory.JUVENILE
    assert not services.can_see_accused(org.scrb, case, fir.accused.get())
    assert services.can_see_accused(org.io_a1, case, fir.accused.get())


def test_correcting_a_disposal_is_a_new_row_by_the_sho(case, org, accused, law):
    d = convict(case, org.writer_a1, accused[0], law)
    with pytest.raises(PermissionDenied):
        services.correct_disposal(d, org.writer_a1, reason="x", sentence_years=3)
    with pytest.raises(ValidationError) as exc:
        services.correct_disposal(d, org.sho_a1, reason="wrong sentence", sentence_kind="life", now=NOW)
    assert errors_of(exc) == {"sentence_years"}
    new = services.correct_disposal(d, org.sho_a1, reason="Term misread from the judgment", sentence_years=3, now=NOW)
    assert new.sentence_years == 3 and list(new.convicted_sections.all()) == [law.bns_303]
    assert Disposal.objects.get(pk=d.pk).sentence_years == 2
    assert case.disposals.filter(superseded_at__isnull=True).count() == 1


# ---- appeal (IIF-7) ----------------------------------------------------------------------------

def test_appeal_follows_the_disposal_and_gets_one_result(case, org, accused, law):
    with pytest.raises(ValidationError) as exc:
        services.record_appeal(case, org.writer_a1, accused=accused[0], appellant="accused", appellate_court="Sessions Court",
                               appeal_number="CrA 5/2026", filed_on=D(2026, 2, 25), now=NOW)
    assert errors_of(exc) == {"accused"}
    convict(case, org.writer_a1, accused[0], law)
    with pytest.raises(ValidationError) as exc:
        services.record_appeal(case, org.writer_a1, accused=accused[0], appellant="accused", appellate_court="Sessions Court",
                               appeal_number="CrA 5/2026", filed_on=D(2026, 2, 10), now=NOW)
    assert errors_of(exc) == {"filed_on"}
    appeal = services.record_appeal(case, org.writer_a1, accused=accused[0], appellant="accused", appellate_court="Sessions Court",
                                    appeal_number="CrA 5/2026", filed_on=D(2026, 2, 25), now=NOW)
    assert appeal.result == AppealResult.PENDING and appeal.disposal.verdict == "convicted"
    with pytest.raises(ValidationError) as exc:
        services.record_appeal_result(appeal, org.writer_a1, result="pending", result_on=D(2026, 2, 20), now=NOW)
    assert errors_of(exc) == {"result", "result_on"}
    appeal = services.record_appeal_result(appeal, org.writer_a1, result=AppealResult.MODIFIED, result_on=D(2026, 3, 1),
                                           result_remarks="Sentence reduced to 1 year", now=NOW)
    assert appeal.result == "modified"
    with pytest.raises(ValidationError):
        services.record_appeal_result(appeal, org.writer_a1, result="upheld", result_on=D(2026, 3, 1), now=NOW)
    fixed = services.correct_appeal_result(appeal, org.sho_a1, reason="Result was set aside", result="set_aside",
                                           result_on=D(2026, 3, 1), now=NOW)
    assert fixed.corrects_id == appeal.pk and fixed.result == "set_aside"


def test_duplicate_appeal_refused(case, org, accused, law):
    convict(case, org.writer_a1, accused[0], law)
    kw = dict(accused=accused[0], appellant="state", appellate_court="High Court", appeal_number="CrA 9/2026",
              filed_on=D(2026, 2, 25), now=NOW)
    services.record_appeal(case, org.writer_a1, **kw)
    with pytest.raises(ValidationError) as exc:
        services.record_appeal(case, org.writer_a1, **kw)
    assert errors_of(exc) == {"appeal_number"}


def test_records_are_never_deleted(case):
    with pytest.raises(ValidationError):
        case.delete()
