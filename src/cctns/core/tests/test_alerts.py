"""The inbox: alerts raised and closed by key, addressed to an officer or a unit, shown in the
reader's language, scoped by jurisdiction; periodic jobs declared by apps."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cctns.core import alerts, jobs
from cctns.core.models import Alert

TEST_KIND = alerts.register_kind(alerts.AlertKind(
    "test_deadline", _("Inbox"), "Report in case %(case)s is due by %(due)s.",
))


def _raise(org, **kw):
    values = {"key": "test:1", "kind": TEST_KIND, "unit": org.ps_a1, "params": {"case": "0001/2026", "due": "31 March"}}
    values.update(kw)
    return alerts.raise_alert(**values)


def test_raising_twice_with_one_key_updates_the_same_alert(org):
    due = timezone.now() + timedelta(days=10)
    first = _raise(org, due_at=due)
    again = _raise(org, due_at=due + timedelta(days=5), params={"case": "0002/2026"})
    assert first.pk == again.pk and Alert.objects.count() == 1
    again.refresh_from_db()
    assert again.due_at == due + timedelta(days=5) and again.params == {"case": "0002/2026"}


def test_close_then_raise_reopens_and_forgets_that_it_was_seen(org):
    alert = _raise(org, user=org.io_a1)
    alerts.acknowledge(alert, org.io_a1)
    assert alerts.close_alerts(key="test:1", by=org.io_a1, reason="report filed") == 1
    alert.refresh_from_db()
    assert alert.state == Alert.State.CLOSED and alert.close_reason == "report filed"
    assert alerts.close_alerts(key="test:1") == 0  # closing again is harmless
    reopened = _raise(org, user=org.io_a1)
    assert reopened.state == Alert.State.OPEN and reopened.acknowledged_at is None and reopened.closed_at is None


def test_close_by_prefix_closes_only_matching_open_alerts(org):
    _raise(org, key="case:7:cs")
    _raise(org, key="case:7:cd")
    _raise(org, key="case:8:cs")
    assert alerts.close_alerts(prefix="case:7:") == 2
    assert list(Alert.objects.filter(state="open").values_list("key", flat=True)) == ["case:8:cs"]
    with pytest.raises(ValueError):
        alerts.close_alerts()


def test_unknown_kind_is_refused(org):
    with pytest.raises(ValueError):
        alerts.raise_alert(key="x", kind="no_such_kind", unit=org.ps_a1)


def test_a_kind_code_cannot_be_taken_twice():
    with pytest.raises(ValueError):
        alerts.register_kind(alerts.AlertKind("test_deadline", "Other", "other"))


def test_inbox_holds_own_and_unit_alerts_but_not_a_colleagues(org):
    _raise(org, key="to-io", user=org.io_a1)
    _raise(org, key="to-station")
    _raise(org, key="to-writer", user=org.writer_a1)
    _raise(org, key="other-station", unit=org.ps_b1)
    assert {a.key for a in alerts.inbox_for(org.io_a1)} == {"to-io", "to-station"}
    assert {a.key for a in alerts.inbox_for(org.writer_b1)} == {"other-station"}
    # the district SP's pendency view: every open alert of district A, none of B
    assert {a.key for a in alerts.open_alerts_within(org.sp_a)} == {"to-io", "to-station", "to-writer"}


def test_urgency_follows_the_due_time(org):
    now = timezone.now()
    assert alerts.urgency(_raise(org, key="a", due_at=now - timedelta(minutes=1)), now) == "overdue"
    assert alerts.urgency(_raise(org, key="b", due_at=now + timedelta(days=2)), now) == "soon"
    assert alerts.urgency(_raise(org, key="c", due_at=now + timedelta(days=30)), now) == "later"
    assert alerts.urgency(_raise(org, key="d"), now) == "later"


def test_message_fills_parameters_and_shows_dates_locally(org):
    due = timezone.now().replace(year=2026, month=3, day=9, hour=10, minute=0)
    alert = _raise(org, params={"case": "0042/2026", "due": due})
    with translation.override("en"):
        text = alerts.message(alert)
    assert text.startswith("Report in case 0042/2026 is due by") and "2026" in text and "T" not in text.split("by")[1]
    alert.params = {}
    assert alerts.message(alert) == "Inbox"  # a missing parameter falls back to the label


def test_alerts_are_never_deleted(org):
    with pytest.raises(ValidationError):
        _raise(org).delete()


def test_inbox_page_lists_and_marks_seen(client, org):
    alert = _raise(org, user=org.io_a1, url="/registration/")
    client.force_login(org.io_a1)
    page = client.get("/inbox/").content.decode()
    assert "Report in case 0001/2026" in page and 'href="/registration/"' in page
    assert client.post(f"/inbox/{alert.pk}/seen/").status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_by == org.io_a1
    client.force_login(org.writer_b1)
    assert client.post(f"/inbox/{alert.pk}/seen/").status_code == 404
    assert "Report in case" not in client.get("/inbox/").content.decode()


def test_inbox_page_in_hindi(client, org):
    _raise(org, user=org.io_a1)
    client.force_login(org.io_a1)
    client.cookies["django_language"] = "hi"
    page = client.get("/inbox/").content.decode()
    assert "इनबॉक्स" in page and "देखा गया चिह्नित करें" in page


def test_alerts_api_lists_the_inbox_and_marks_seen(client, org):
    alert = _raise(org, user=org.io_a1)
    _raise(org, key="elsewhere", unit=org.ps_b1)
    client.force_login(org.io_a1)
    data = client.get("/api/v1/alerts/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [r["key"] for r in rows] == ["test:1"]
    assert rows[0]["message"].startswith("Report in case 0001/2026") and rows[0]["urgency"] == "later"
    assert client.post(f"/api/v1/alerts/{alert.pk}/seen/").json()["acknowledged_at"]
    other = Alert.objects.get(key="elsewhere")
    assert client.post(f"/api/v1/alerts/{other.pk}/seen/").status_code == 404


COUNTER = {"n": 0}


def count_job():
    COUNTER["n"] += 1
    return COUNTER["n"]


def test_jobs_install_into_the_schedule_idempotently_and_run(db):
    from django_q.models import Schedule

    job = jobs.register_job(jobs.Job("test.count", "cctns.core.tests.test_alerts.count_job", "*/5 * * * *"))
    assert dict(jobs.install_schedules())["test.count"] == "created"
    assert dict(jobs.install_schedules())["test.count"] == "unchanged"
    row = Schedule.objects.get(name="cctns:test.count")
    assert (row.func, row.cron, row.schedule_type) == (job.func, "*/5 * * * *", Schedule.CRON)
    before = COUNTER["n"]
    call_command("schedule_jobs", "--run", "test.count")
    assert COUNTER["n"] == before + 1
    with pytest.raises(ValueError):
        jobs.register_job(jobs.Job("test.count", "cctns.core.tests.test_alerts.count_job", "0 * * * *"))
    with pytest.raises(ImportError):
        jobs.register_job(jobs.Job("test.bad", "cctns.core.tests.test_alerts.no_such_function", "0 * * * *"))


def test_enqueue_runs_inline_under_the_test_settings(db):
    before = COUNTER["n"]
    jobs.enqueue("cctns.core.tests.test_alerts.count_job")
    assert COUNTER["n"] == before + 1
