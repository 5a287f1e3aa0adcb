"""IIF-5 Final Report: charge-sheet and closure contents, approval by someone other than the
author, filing moves the case and closes the charge-sheet alert, the informant is told."""

import pytest
from django.core.exceptions import ValidationError

from cctns.core.alerts import AlertKind, raise_alert, register_kind
from cctns.core.models import Alert
from cctns.investigation.constants import CommunicationKind, ReportStatus
from cctns.investigation.lifecycle import transition
from cctns.investigation.models import CaseEvent, FinalReport, InformantCommunication
from cctns.investigation.services.deadlines import refresh_deadlines
from cctns.investigation.services.final_report import (
    approve_final_report,
    prepare_final_report,
    record_informant_communication,
    return_final_report,
    submit_final_report,
    update_final_report,
)
from cctns.registration.constants import FIRStatus as S
from cctns.registration.models import FIR

from .conftest import closure_data, file_report

pytestmark = pytest.mark.django_db

TEST_KIND = register_kind(AlertKind("test_chargesheet_due", "Charge-sheet due", "Charge-sheet in %(fir)s due"))


@pytest.fixture
def investigating(org, make_case):
    def make(**kw):
        fir = make_case(accused=[{"name": "Raju", "sex": "M", "age": 30}, {"name": "Kallu", "sex": "M", "age": 28}], **kw)
        return transition(fir, S.UNDER_INVESTIGATION, by=org.io_a1, reason="taken up")
    return make


def chargesheet(**kw):
    data = {"kind": "chargesheet", "sections": ["BNS 303(2)"], "reasons": "Phone recovered from A1.",
            "witnesses": [{"name": "Ramesh Kumar", "kind": "informant"}, "Mohan Lal"],
            "documents": [{"description": "Seizure memo"}], "property_items": [{"description": "Mobile phone", "where_kept": "Malkhana"}],
            "electronic_evidence_custody": "Phone sealed in the presence of panch witnesses; BSA s.63 certificate attached.",
            "accused": [{"code": "A1", "custody_status": "in_custody", "sections": ["BNS 303(2)"]},
                        {"code": "A2", "sent_up": False, "remarks": "No evidence"}]}
    data.update(kw)
    return data


def test_chargesheet_flow_files_the_case(org, investigating, officers):
    fir = investigating()
    raise_alert(key=f"chargesheet:{fir.global_id}", kind=TEST_KIND, unit=org.ps_a1, record=fir, params={"fir": fir.number})
    report = prepare_final_report(fir, org.io_a1, chargesheet())
    assert report.status == ReportStatus.DRAFT and not report.number
    assert [(a.code, a.sent_up, a.custody_status) for a in report.accused.all()] == [
        ("A1", True, "in_custody"), ("A2", False, "not_sent_up")]
    assert report.sections == [{"id": report.sections[0]["id"], "label": "BNS 303(2)"}]
    report = submit_final_report(report, org.io_a1)
    with pytest.raises(ValidationError):  # the IO cannot approve
        approve_final_report(report, org.io_a1)
    report = approve_final_report(report, org.sho_a1, "Approved", communicate={"mode": "sms"})
    assert report.status == ReportStatus.FILED and report.number.endswith("/2026") or report.number
    fir = FIR.objects.get(pk=fir.pk)
    assert fir.status == S.FINAL_REPORT_FILED
    assert report.filed_event == CaseEvent.objects.filter(fir=fir).last()
    assert Alert.objects.get(key=f"chargesheet:{fir.global_id}").state == Alert.State.CLOSED
    assert InformantCommunication.objects.get(fir=fir).kind == CommunicationKind.FINAL_REPORT


def test_incomplete_reports_are_not_submitted(org, investigating):
    fir = investigating()
    report = prepare_final_report(fir, org.io_a1, {"kind": "chargesheet"})
    with pytest.raises(ValidationError) as exc:
        submit_final_report(report, org.io_a1)
    assert {"accused", "sections", "witnesses"} <= set(exc.value.message_dict)
    report = update_final_report(report, org.io_a1, {"kind": "closure"})
    with pytest.raises(ValidationError) as exc:
        submit_final_report(report, org.io_a1)
    assert {"closure_class", "reasons"} <= set(exc.value.message_dict)


def test_bad_report_data_per_field(org, investigating):
    fir = investigating()
    with pytest.raises(ValidationError) as exc:
        prepare_final_report(fir, org.io_a1, chargesheet(kind="x", sections=["BNS 9999"], accused=[
            {"code": "Z9", "custody_status": "in_custody"}, {"code": "A1", "custody_status": "bogus"}]))
    assert {"kind", "sections", "accused.0.code", "accused.1.custody_status"} <= set(exc.value.message_dict)


def test_sexual_offence_chargesheet_needs_the_medical_report(org, investigating):
    fir = investigating(sections=[{"act": "BNS", "number": "64"}], victims=[{"name": "X", "sex": "F", "age": 25}])
    report = prepare_final_report(fir, org.io_a1, chargesheet(sections=["BNS 64"]))
    with pytest.raises(ValidationError) as exc:
        submit_final_report(report, org.io_a1)
    assert "medical_report" in exc.value.message_dict


def test_return_and_resubmit(org, investigating, officers):
    fir = investigating()
    report = submit_final_report(prepare_final_report(fir, org.io_a1, closure_data()), org.io_a1)
    with pytest.raises(ValidationError):
        return_final_report(report, org.sho_a1, "")
    report = return_final_report(report, org.sho_a1, "Give the efforts made")
    assert report.status == ReportStatus.RETURNED
    with pytest.raises(ValidationError):  # one open report per case
        prepare_final_report(fir, org.io_a1, closure_data())
    report = update_final_report(report, org.io_a1, closure_data(reasons="Searched at three places; no trace."))
    report = submit_final_report(report, org.io_a1)
    report = approve_final_report(report, officers.dsp_a)
    assert report.status == ReportStatus.FILED


def test_sho_report_needs_another_approver(org, investigating, officers):
    fir = investigating()
    report = submit_final_report(prepare_final_report(fir, org.sho_a1, closure_data()), org.sho_a1)
    with pytest.raises(ValidationError):
        approve_final_report(report, org.sho_a1)
    for user in (org.writer_a1, officers.sho_a2, org.sp_b, org.admin):
        with pytest.raises(ValidationError):
            approve_final_report(report, user)
    assert approve_final_report(report, org.sp_a).status == ReportStatus.FILED


def test_numbers_run_per_station_and_reinvestigation_gives_a_supplementary_report(org, investigating):
    one, two = investigating(), investigating()
    r1 = file_report(one, org.sho_a1)
    r2 = file_report(two, org.sho_a1)
    assert (r1.serial, r2.serial) == (1, 2)
    fir = transition(FIR.objects.get(pk=one.pk), S.UNDER_INVESTIGATION, by=org.sp_a, reason="further investigation")
    r3 = file_report(fir, org.sho_a1)
    assert r3.supplementary and r3.serial == 3


def test_only_case_officers_prepare(org, investigating, officers):
    fir = investigating()
    for user in (org.writer_a1, officers.io_b1, officers.sho_b1, org.sp_a):
        with pytest.raises(ValidationError):
            prepare_final_report(fir, user, closure_data())
    assert not FinalReport.objects.exists()


def test_informant_communication_closes_the_alerts(org, investigating):
    fir = investigating()
    refresh_deadlines(fir)
    assert Alert.objects.get(key=f"informant-progress:{fir.global_id}").state == Alert.State.OPEN
    with pytest.raises(ValidationError) as exc:
        record_informant_communication(fir, org.io_a1, CommunicationKind.FINAL_REPORT, "sms")
    assert "kind" in exc.value.message_dict
    with pytest.raises(ValidationError):
        record_informant_communication(fir, org.writer_b1, CommunicationKind.PROGRESS, "sms")
    record_informant_communication(fir, org.writer_a1, CommunicationKind.PROGRESS, "phone", note="Told of arrest")
    assert Alert.objects.get(key=f"informant-progress:{fir.global_id}").state == Alert.State.CLOSED
    file_report(fir, org.sho_a1)
    final_key = f"informant-final:{fir.global_id}"
    assert Alert.objects.get(key=final_key).state == Alert.State.OPEN
    record_informant_communication(fir, org.io_a1, CommunicationKind.FINAL_REPORT, "post")
    assert Alert.objects.get(key=final_key).state == Alert.State.CLOSED
