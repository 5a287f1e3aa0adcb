"""Deadlines: BNSS s.193(2) two months and s.193(3)(ii) ninety days, at their edges (month ends,
leap years, the IST day boundary), and the alerts that follow the facts."""

import datetime

import pytest

from cctns.core.jobs import jobs
from cctns.core.models import Alert
from cctns.core.numbering import IST
from cctns.investigation.lifecycle import transition
from cctns.investigation.services.deadlines import (
    add_months,
    end_of_day,
    investigation_last_day,
    is_two_month_case,
    progress_last_day,
    recorded_on,
    refresh_all_deadlines,
    refresh_deadlines,
)
from cctns.registration.constants import FIRStatus as S
from cctns.registration.models import FIR

from .conftest import file_report

D = datetime.date


@pytest.mark.parametrize(("recorded", "last"), [
    (D(2026, 1, 10), D(2026, 3, 10)),    # same day two months on (General Clauses Act s.9: first day excluded)
    (D(2025, 12, 31), D(2026, 2, 28)),   # no 31 February: the month's last day
    (D(2023, 12, 31), D(2024, 2, 29)),   # leap year
    (D(2023, 12, 29), D(2024, 2, 29)),
    (D(2024, 12, 29), D(2025, 2, 28)),   # not a leap year
    (D(2099, 12, 30), D(2100, 2, 28)),   # 2100 is not a leap year
    (D(2024, 11, 30), D(2025, 1, 30)),   # across the year
    (D(2024, 2, 29), D(2024, 4, 29)),
])
def test_two_month_limit(recorded, last):
    assert investigation_last_day(recorded) == last


@pytest.mark.parametrize(("recorded", "last"), [
    (D(2025, 1, 1), D(2025, 4, 1)),      # 31 + 28 + 31 = 90
    (D(2024, 1, 1), D(2024, 3, 31)),     # leap year: 31 + 29 + 30 = 90
    (D(2024, 12, 1), D(2025, 3, 1)),
    (D(2023, 12, 1), D(2024, 2, 29)),
])
def test_ninety_days(recorded, last):
    assert progress_last_day(recorded) == last
    assert (last - recorded).days == 90


def test_add_months_keeps_days_the_month_has():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2024, 1, 31), 3) == D(2024, 4, 30)
    assert add_months(D(2024, 11, 15), 14) == D(2026, 1, 15)


def test_day_boundary_is_the_ist_day():
    class F:
        registered_at = datetime.datetime(2026, 1, 9, 18, 45, tzinfo=datetime.UTC)  # 00:15 IST on 10 January
        information_received_at = None

    assert recorded_on(F) == D(2026, 1, 10)
    F.registered_at = datetime.datetime(2026, 1, 10, 18, 29, tzinfo=datetime.UTC)  # 23:59 IST, still 10 January
    assert recorded_on(F) == D(2026, 1, 10)
    due = end_of_day(D(2026, 3, 10))
    assert due == datetime.datetime(2026, 3, 11, 0, 0, tzinfo=IST)
    assert due - datetime.timedelta(microseconds=1) < due and (due - datetime.timedelta(seconds=1)).astimezone(IST).date() == D(2026, 3, 10)


@pytest.mark.django_db
def test_two_month_cases_are_rape_and_pocso(org, law, make_case):
    assert not is_two_month_case(make_case())
    assert is_two_month_case(make_case(sections=[{"act": "BNS", "number": "64(1)"}]))
    assert is_two_month_case(make_case(sections=[{"act": "POCSO", "number": "4"}]))
    assert not is_two_month_case(make_case(sections=[{"act": "BNS", "number": "79"}]))


@pytest.mark.django_db
def test_alerts_follow_the_facts(org, make_case):
    fir = make_case(sections=[{"act": "BNS", "number": "64"}], victims=[{"name": "V", "sex": "F", "age": 30}])
    key = f"investigation-2m:{fir.global_id}"
    assert refresh_deadlines(fir) == ["informant_progress_due", "investigation_due"]
    alert = Alert.objects.get(key=key)
    last = investigation_last_day(recorded_on(fir))
    assert (alert.state, alert.user, alert.unit) == (Alert.State.OPEN, org.io_a1, org.ps_a1)
    assert alert.due_at == end_of_day(last)
    assert alert.params["fir"] == fir.number and "V" not in alert.params.values()
    fir = transition(fir, S.UNDER_INVESTIGATION, by=org.io_a1, reason="x")  # recomputed on each change
    assert Alert.objects.get(key=key).state == Alert.State.OPEN
    file_report(fir, org.sho_a1)
    assert Alert.objects.get(key=key).state == Alert.State.CLOSED
    fir = transition(FIR.objects.get(pk=fir.pk), S.UNDER_INVESTIGATION, by=org.sp_a, reason="further investigation")
    assert Alert.objects.get(key=key).state == Alert.State.OPEN  # reopened on re-investigation


@pytest.mark.django_db
def test_daily_job_is_registered_and_recomputes(org, make_case):
    assert "investigation.deadlines" in {j.name for j in jobs()}
    fir = make_case()
    assert not Alert.objects.filter(key=f"informant-progress:{fir.global_id}").exists()
    assert refresh_all_deadlines() >= 1
    assert Alert.objects.get(key=f"informant-progress:{fir.global_id}").state == Alert.State.OPEN


@pytest.mark.django_db
def test_correcting_the_sections_or_the_io_recomputes(org, officers, make_case, django_capture_on_commit_callbacks):
    from cctns.core.constants import Rank, Role
    from cctns.core.tests.factories import UserFactory
    from cctns.registration.services.fir import assign_io, correct_fir

    fir = make_case()
    key = f"investigation-2m:{fir.global_id}"
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"sections": [{"act": "BNS", "number": "64"}]}, "Statement under s.183 discloses rape")
    assert Alert.objects.get(key=key).state == Alert.State.OPEN
    io2 = UserFactory(username="io2_dl", unit=org.ps_a1, role=Role.IO, rank=Rank.SI)
    with django_capture_on_commit_callbacks(execute=True):
        assign_io(FIR.objects.get(pk=fir.pk), org.sho_a1, io2)
    assert Alert.objects.get(key=key).user == io2
