"""Hearing-date and pending-process alerts: the day the alert opens (edges, leap day), who gets
it, closing when recorded or disposed, and the daily job recomputing without any change."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from cctns.core.alerts import inbox_for
from cctns.core.jobs import jobs, run_job
from cctns.core.models import Alert
from cctns.prosecution import services
from cctns.prosecution.services import alerts

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date, hour=8) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=alerts.IST)


@pytest.mark.parametrize(("hearing", "days", "opens"), [
    (D(2028, 3, 1), 3, D(2028, 2, 27)),   # leap year: 29 Feb counted
    (D(2027, 3, 1), 3, D(2027, 2, 26)),
    (D(2026, 1, 2), 3, D(2025, 12, 30)),  # across the year
    (D(2026, 5, 10), 0, D(2026, 5, 10)),
])
def test_alert_opens_the_configured_days_before(hearing, days, opens):
    assert alerts.hearing_alert_opens_on(hearing, days) == opens


def hearing_alert(h):
    return Alert.objects.filter(key=f"{alerts.HEARING_PREFIX}{h.global_id}").first()


def test_hearing_alert_appears_on_the_day_its_window_opens(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 12, 20))
    assert alerts.alert_days() == 3
    alerts.raise_due_alerts(now=at(D(2026, 12, 16)))
    assert hearing_alert(h) is None or hearing_alert(h).state == "closed"
    out = alerts.raise_due_alerts(now=at(D(2026, 12, 17)))
    alert = hearing_alert(h)
    assert alert.state == "open" and out["hearings"] == 1
    assert alert.user == org.io_a1 and alert.unit == org.ps_a1
    assert alert.due_at == alerts.court_moment(D(2026, 12, 20))
    from cctns.core.alerts import message
    assert "CC 12/2026" in message(alert) and "20-12-2026" in message(alert)
    assert alert in inbox_for(org.io_a1)
    assert alert not in inbox_for(org.writer_b1)
    assert "Mohan" not in str(alert.params)


@override_settings(CCTNS_HEARING_ALERT_DAYS=7)
def test_the_window_is_configurable(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 12, 20))
    alerts.raise_due_alerts(now=at(D(2026, 12, 13)))
    assert hearing_alert(h).state == "open"


def test_recording_the_hearing_closes_its_alert_and_opens_the_next(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 10))
    alerts.raise_due_alerts(now=at(D(2026, 2, 9)))
    assert hearing_alert(h).state == "open"
    _h, nxt = services.record_hearing(h, org.writer_a1, outcome="adjourned", next_date=D(2026, 2, 24),
                                      now=at(D(2026, 2, 10), 12))
    assert hearing_alert(h).state == "closed"
    alerts.raise_due_alerts(now=at(D(2026, 2, 21)))
    assert hearing_alert(nxt).state == "open"


def test_unrecorded_past_hearing_stays_open_until_recorded(case, org):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 10))
    alerts.raise_due_alerts(now=at(D(2026, 2, 15)))
    assert hearing_alert(h).state == "open"


def test_disposal_closes_hearing_and_process_alerts(case, org, accused, law):
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 3, 1))
    w = services.issue_warrant(case, org.writer_a1, kind="bailable", person_name="Sohan", issued_on=D(2026, 2, 1))
    alerts.raise_due_alerts(now=at(D(2026, 2, 27)))
    assert hearing_alert(h).state == "open"
    key = f"{alerts.PROCESS_PREFIX}warrant:{w.global_id}"
    assert Alert.objects.get(key=key).state == "open"
    for a in accused:
        services.record_disposal(case, org.writer_a1, accused=a, verdict="convicted", decided_on=D(2026, 2, 28),
                                 convicted_sections=[law.bns_303], sentence_kind="none", fine_amount=Decimal("1000"),
                                 now=at(D(2026, 3, 2)))
    alerts.raise_due_alerts(now=at(D(2026, 3, 2)))
    assert hearing_alert(h).state == "closed"
    assert Alert.objects.get(key=key).state == "closed"


def test_warrant_alert_opens_at_issue_and_closes_when_executed(case, org, accused):
    w = services.issue_warrant(case, org.writer_a1, kind="non_bailable", person_name="Mohan", accused=accused[0],
                               issued_on=D(2026, 2, 1), returnable_on=D(2026, 3, 15))
    alert = Alert.objects.get(key=f"{alerts.PROCESS_PREFIX}warrant:{w.global_id}")
    assert alert.state == "open" and alert.kind == "court_warrant_pending"
    assert alert.due_at == alerts.court_moment(D(2026, 3, 15))
    services.record_process_return(w, org.writer_a1, status="executed", executed_on=D(2026, 2, 5))
    alert.refresh_from_db()
    assert alert.state == "closed"


def test_daily_job_is_declared_and_runs(case, org):
    assert "prosecution.court_alerts" in {j.name for j in jobs()}
    result = run_job("prosecution.court_alerts")
    assert set(result) == {"hearings", "process", "closed"}
