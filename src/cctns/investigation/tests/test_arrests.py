"""IIF-3 arrests, custody history, 24-hour production (BNSS s.58), the s.187(3) charge-sheet
limit and the arrested persons register (BNSS s.37, JJ Act s.74)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cctns.core.models import Alert
from cctns.investigation.lifecycle import transition
from cctns.investigation.models import CustodyEvent
from cctns.investigation.services import arrests as svc
from cctns.investigation.services.arrests import chargesheet_due
from cctns.registration.constants import FIRStatus
from cctns.registration.models import GDEntry

from .conftest import ist

D = datetime.date
ACCUSED = [{"name": "Raju Singh", "relative_name": "Mohan Singh", "sex": "M", "age": 30, "address": "12 Gandhi Nagar"},
           {"name": "Chotu", "sex": "M", "age": 16, "address": "Near the mill"}]


def arrest_data(**kw) -> dict:
    at = kw.pop("arrested_at", ist(2025, 7, 12, 10, 0))
    data = {
        "accused_code": "A1", "kind": "arrest", "arrested_at": at, "place": "Bus stand",
        "grounds": "Named in the FIR; stolen phone recovered from him.",
        "grounds_communicated_at": at + datetime.timedelta(minutes=5),
        "informed_person_name": "Mohan Singh", "informed_person_relation": "father", "informed_how": "phone",
        "informed_at": at + datetime.timedelta(minutes=30),
        "designated_officer_informed_at": at + datetime.timedelta(minutes=40),
        "personal_search": "Wallet, Rs 200", "medical_examined_at": at + datetime.timedelta(hours=2),
        "medical_examination": "Dr. Rao, CHC: no injuries",
    }
    data.update(kw)
    return data


@pytest.fixture
def fir(make_case):
    return make_case(accused=ACCUSED)


def alert(key):
    return Alert.objects.filter(key=key).first()


# --- s.187(3) arithmetic -------------------------------------------------------------------------

@pytest.mark.parametrize("years, days", [(None, 60), (0, 60), (7, 60), (9, 60), (10, 90), (14, 90), (99, 90), (100, 90)])
def test_chargesheet_period_by_punishment(years, days):
    assert chargesheet_due(D(2025, 1, 1), years) - D(2025, 1, 1) == datetime.timedelta(days=days - 1)


def test_chargesheet_due_counts_the_remand_day_as_day_one():
    # 60 days from 1 January: 1 January is day 1, 1 March (non-leap) is day 60.
    assert chargesheet_due(D(2025, 1, 1), 3) == D(2025, 3, 1)
    assert chargesheet_due(D(2025, 1, 1), 10) == D(2025, 3, 31)


def test_chargesheet_due_in_a_leap_year():
    assert chargesheet_due(D(2024, 1, 1), 3) == D(2024, 2, 29)
    assert chargesheet_due(D(2024, 1, 1), 99) == D(2024, 3, 30)
    assert chargesheet_due(D(2024, 12, 31), 3) == D(2025, 2, 28)


def test_gravest_section_decides(make_case, law):
    theft_and_murder = make_case(sections=[{"act": "BNS", "number": "303(2)"}, {"act": "BNS", "number": "103"}])
    assert svc.gravest_punishment(theft_and_murder) == 100
    theft_and_cbt = make_case(sections=[{"act": "BNS", "number": "303(2)"}, {"act": "BNS", "number": "316"}])
    assert svc.gravest_punishment(theft_and_cbt) == 5


# --- IIF-3 ---------------------------------------------------------------------------------------

def test_record_arrest_writes_gd_and_production_alert(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    assert a.accused_name == "Raju Singh" and not a.is_juvenile and a.accused_age == 30
    gd = GDEntry.objects.get(pk=a.gd_entry_id)
    assert gd.police_station == org.ps_a1 and "A1" in gd.text
    al = alert(f"production:{a.global_id}")
    assert al.state == Alert.State.OPEN and al.due_at == ist(2025, 7, 13, 10, 0)


def test_one_memo_per_accused_and_accused_must_be_of_the_fir(fir, org):
    svc.record_arrest(fir, org.io_a1, arrest_data())
    with pytest.raises(ValidationError) as e:
        svc.record_arrest(fir, org.io_a1, arrest_data())
    assert "accused_code" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        svc.record_arrest(fir, org.io_a1, arrest_data(accused_code="A9"))
    assert "accused_code" in e.value.message_dict


def test_grounds_and_persons_informed_are_required(fir, org):
    with pytest.raises(ValidationError) as e:
        svc.record_arrest(fir, org.io_a1, arrest_data(grounds="", informed_person_name=" ",
                                                      designated_officer_informed_at=None))
    assert {"grounds", "informed_person_name", "designated_officer_informed_at"} <= set(e.value.message_dict)


def test_times_not_before_the_arrest(fir, org):
    at = ist(2025, 7, 12, 10, 0)
    with pytest.raises(ValidationError) as e:
        svc.record_arrest(fir, org.io_a1, arrest_data(informed_at=at - datetime.timedelta(minutes=1)))
    assert "informed_at" in e.value.message_dict


def test_only_case_officers_or_sho_record(fir, org, officers):
    for user in (officers.io_b1, officers.sho_b1, org.sp_b):
        with pytest.raises(PermissionDenied):
            svc.record_arrest(fir, user, arrest_data())
    assert svc.record_arrest(fir, org.sho_a1, arrest_data()).arresting_officer == org.sho_a1


def test_child_is_marked_juvenile(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data(accused_code="A2"))
    assert a.is_juvenile and a.accused_age == 16


def test_production_closes_alert_and_custody_is_history(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_custody_event(a, org.io_a1, {"kind": "produced", "at": ist(2025, 7, 13, 11, 0), "court": "JMFC 1",
                                            "journey_minutes": 90})
    a.refresh_from_db()
    assert a.produced_at == ist(2025, 7, 13, 11, 0)
    assert svc.production_late(a) is False  # 25 h minus 1 h 30 min of journey
    assert alert(f"production:{a.global_id}").state == Alert.State.CLOSED
    svc.record_custody_event(a, org.io_a1, {"kind": "judicial_custody", "at": ist(2025, 7, 13, 12, 0), "court": "JMFC 1",
                                            "from_date": D(2025, 7, 13), "to_date": D(2025, 7, 26)})
    svc.record_custody_event(a, org.io_a1, {"kind": "bail_by_court", "at": ist(2025, 7, 20, 12, 0), "court": "JMFC 1"})
    assert list(a.custody_events.values_list("kind", flat=True)) == ["produced", "judicial_custody", "bail_by_court"]
    a.refresh_from_db()
    assert a.produced_at == ist(2025, 7, 13, 11, 0)  # set once
    ev = a.custody_events.first()
    ev.note = "changed"
    with pytest.raises(ValidationError):
        ev.save()
    with pytest.raises(ValidationError):
        CustodyEvent.objects.filter(pk=ev.pk).update(note="x")


def test_late_production_is_flagged(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_custody_event(a, org.io_a1, {"kind": "produced", "at": ist(2025, 7, 13, 10, 1), "court": "JMFC 1"})
    a.refresh_from_db()
    assert svc.production_late(a) is True


def test_remand_needs_dates(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    with pytest.raises(ValidationError) as e:
        svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": ist(2025, 7, 13, 10, 0), "court": "JMFC"})
    assert {"from_date", "to_date"} <= set(e.value.message_dict)


def test_first_remand_raises_chargesheet_alert_60_days(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    assert alert(f"chargesheet:{fir.global_id}") is None
    svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": ist(2025, 7, 13, 10, 0), "court": "JMFC",
                                            "from_date": D(2025, 7, 13), "to_date": D(2025, 7, 15)})
    al = alert(f"chargesheet:{fir.global_id}")
    assert al.state == Alert.State.OPEN and al.user == org.io_a1 and al.unit == org.ps_a1
    assert al.due_at == ist(2025, 9, 11, 0, 0)  # 10 September is day 60; due at its end
    from cctns.core.alerts import message
    assert "default bail" in message(al) and "60 days" in message(al)
    b = svc.record_arrest(fir, org.io_a1, arrest_data(accused_code="A2", arrested_at=ist(2025, 7, 11, 10, 0)))
    svc.record_custody_event(b, org.io_a1, {"kind": "judicial_custody", "at": ist(2025, 7, 12, 10, 0), "court": "JJB",
                                            "from_date": D(2025, 7, 12), "to_date": D(2025, 7, 20)})
    assert alert(f"chargesheet:{fir.global_id}").due_at == ist(2025, 9, 10, 0, 0)  # the earlier remand decides


def test_grave_case_gets_90_days_and_never_reopens_after_final_report(make_case, org):
    fir = make_case(accused=ACCUSED, sections=[{"act": "BNS", "number": "103"}])
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_custody_event(a, org.io_a1, {"kind": "judicial_custody", "at": ist(2025, 7, 13, 10, 0), "court": "JMFC",
                                            "from_date": D(2025, 7, 13), "to_date": D(2025, 7, 26)})
    key = f"chargesheet:{fir.global_id}"
    assert alert(key).due_at == ist(2025, 10, 11, 0, 0)  # 13 July + 89 days = 10 October
    from cctns.core.alerts import close_alerts
    from cctns.registration.models import FIR
    FIR.objects.filter(pk=fir.pk).update(status=FIRStatus.FINAL_REPORT_FILED)
    close_alerts(key=key, reason="charge-sheet filed")
    assert svc.refresh_chargesheet_alert(fir) is None
    assert svc.refresh_all_chargesheet_alerts() == 0
    assert alert(key).state == Alert.State.CLOSED


def test_daily_job_recomputes(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": ist(2025, 7, 13, 10, 0), "court": "JMFC",
                                            "from_date": D(2025, 7, 13), "to_date": D(2025, 7, 15)})
    key = f"chargesheet:{fir.global_id}"
    Alert.objects.filter(key=key).update(due_at=None)
    from cctns.core.jobs import run_job
    assert run_job("investigation.chargesheet") == 1
    assert alert(key).due_at == ist(2025, 9, 11, 0, 0)


def test_lifecycle_change_keeps_alert(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": ist(2025, 7, 13, 10, 0), "court": "JMFC",
                                            "from_date": D(2025, 7, 13), "to_date": D(2025, 7, 15)})
    transition(fir, FIRStatus.UNDER_INVESTIGATION, by=org.io_a1, reason="Investigation taken up")
    assert alert(f"chargesheet:{fir.global_id}").state == Alert.State.OPEN


# --- s.37 register -------------------------------------------------------------------------------

def test_register_scoped_and_juveniles_protected(fir, org, officers):
    svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_arrest(fir, org.io_a1, arrest_data(accused_code="A2"))
    assert svc.register_queryset(officers.io_b1).count() == 0
    assert svc.register_queryset(org.sp_a, district=org.dist_a).count() == 2
    assert svc.register_queryset(org.sp_a, district=org.dist_b).count() == 0
    rows = {r["accused_code"]: r for r in map(lambda a: svc.register_row(a, officers.sho_a2),
                                              svc.register_queryset(org.sp_a))}
    assert rows["A1"]["name"] == "Raju Singh"
    assert rows["A2"]["name"] == "" and rows["A2"]["address"] == "" and rows["A2"]["juvenile"]
    own = [svc.register_row(a, org.io_a1) for a in svc.register_queryset(org.io_a1)]
    assert {r["name"] for r in own} == {"Raju Singh", "Chotu"}


def test_public_projection_never_shows_juveniles_or_sensitive(fir, org, make_case):
    svc.record_arrest(fir, org.io_a1, arrest_data())
    svc.record_arrest(fir, org.io_a1, arrest_data(accused_code="A2"))
    rape = make_case(accused=ACCUSED[:1], sections=[{"act": "BNS", "number": "64"}])
    svc.record_arrest(rape, org.io_a1, arrest_data())
    rows = svc.public_arrested_persons()
    assert [r["name"] for r in rows] == ["Raju Singh"]
    assert rows[0] == {"name": "Raju Singh", "age": 30, "sex": "M", "station": "PS A1", "date": D(2025, 7, 12),
                       "sections": ["BNS 303(2)"]}
    assert svc.public_arrested_persons(district=org.dist_b) == []
    assert svc.public_arrested_persons(since=D(2025, 7, 13)) == []
    assert len(svc.public_arrested_persons(since=D(2025, 7, 12))) == 1


def test_police_remand_limits_15_days_within_40(fir, org):
    a = svc.record_arrest(fir, org.io_a1, arrest_data())
    at = ist(2025, 7, 13, 10, 0)
    svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": at, "court": "JMFC",
                                            "from_date": D(2025, 7, 13), "to_date": D(2025, 7, 22)})  # 10 days
    with pytest.raises(ValidationError) as e:  # 10 + 6 = 16 > 15
        svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": at, "court": "JMFC",
                                                "from_date": D(2025, 7, 23), "to_date": D(2025, 7, 28)})
    assert "15" in e.value.message_dict["to_date"][0]
    svc.record_custody_event(a, org.io_a1, {"kind": "police_remand", "at": at, "court": "JMFC",
                                            "from_date": D(2025, 7, 23), "to_date": D(2025, 7, 27)})  # 15 in all
    assert svc.police_remand_errors(a, D(2025, 8, 21), D(2025, 8, 21))  # a 16th day of police custody
    b = svc.record_arrest(fir, org.io_a1, arrest_data(accused_code="A2"))
    assert svc.police_remand_errors(b, D(2025, 8, 21), D(2025, 8, 21)) == {}  # day 40 from 13 July
    assert "40" in svc.police_remand_errors(b, D(2025, 8, 22), D(2025, 8, 22))["to_date"]  # day 41
