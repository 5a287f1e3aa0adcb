"""The court's events appear on the case timeline, in order, accused by code only, and only
for users who may read the court case."""

import datetime

import pytest

from cctns.investigation.timeline import case_timeline, timeline_sources
from cctns.prosecution import services
from cctns.prosecution.timeline import court_events

pytestmark = pytest.mark.django_db
D = datetime.date


def test_court_events_are_on_the_timeline(case, fir, org, accused, law):
    assert court_events in timeline_sources()
    h = services.schedule_hearing(case, org.writer_a1, date=D(2026, 2, 10), purpose="charge")
    services.record_hearing(h, org.writer_a1, outcome="held", next_date=D(2026, 2, 15))
    for a in accused:
        services.record_disposal(case, org.writer_a1, accused=a, verdict="acquitted", decided_on=D(2026, 2, 20))
    services.record_appeal(case, org.writer_a1, accused=accused[0], appellant="state", appellate_court="High Court",
                           appeal_number="CrA 1/2026", filed_on=D(2026, 2, 25))
    items = [i for i in case_timeline(fir, org.sp_a) if i.source == "court_events"]
    kinds = [i.kind for i in items]
    assert {"court_case", "court_hearing", "court_disposal", "court_appeal"} <= set(kinds)
    disposals = [i for i in items if i.kind == "court_disposal"]
    assert [i.title for i in disposals] == ["Disposal of A1: Acquitted", "Disposal of A2: Acquitted"]
    assert all("Mohan" not in i.title and "Sohan" not in i.title for i in items)
    ats = [i.at for i in items if i.kind != "court_case"]
    assert ats == sorted(ats)


def test_no_court_events_for_a_user_outside_the_jurisdiction(case, fir, org):
    assert list(court_events(fir, org.writer_b1)) == []
