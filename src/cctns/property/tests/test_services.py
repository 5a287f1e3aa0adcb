"""Rules of the property services: matching across stations, alerts, review, jurisdiction."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cctns.audit.models import AuditEntry
from cctns.core.alerts import inbox_for
from cctns.core.jobs import run_job
from cctns.property.constants import CandidateStatus, PropertyState
from cctns.property.models import MatchCandidate, MobilePhone, OtherProperty, PropertyItem, Vehicle
from cctns.property.services import (
    change_state,
    check_phone,
    check_vehicle,
    confirm,
    public_recovered_vehicles,
    public_stolen_vehicles,
    record_lost_article,
    register_item,
    reject,
)
from cctns.property.services.matching import match_item, nightly_batch

from .conftest import STOLEN_IMEI

pytestmark = pytest.mark.django_db


def seize(org, by=None, **fields):
    fields.setdefault("state", PropertyState.SEIZED)
    fields.setdefault("seizure_reference", "SZ-7/2026")
    return register_item(Vehicle(**fields), by=by or org.writer_b1)


def test_registration_writes_the_first_state_row(stolen_vehicle, org):
    rows = list(stolen_vehicle.state_changes.all())
    assert [(r.from_state, r.to_state, r.by) for r in rows] == [("", "stolen", org.writer_a1)]
    assert stolen_vehicle.registration_normalised == "AP09BX4521"
    assert stolen_vehicle.police_station == org.ps_a1


def test_bad_imei_is_a_field_error(org):
    with pytest.raises(ValidationError) as exc:
        register_item(MobilePhone(state=PropertyState.STOLEN, imei="490154203237519"), by=org.writer_a1)
    assert "imei" in exc.value.message_dict
    assert "8" in exc.value.message_dict["imei"][0]


def test_seizure_elsewhere_with_tampered_chassis_proposes_a_candidate_and_alerts_both(stolen_vehicle, org):
    found = seize(org, chassis_number="MBLHA10AMGHB18348", engine_number="HA10EFGHB54321", make="Hero")
    cand = MatchCandidate.objects.get()
    assert (cand.found_id, cand.reported_id, cand.status) == (found.pk, stolen_vehicle.pk, CandidateStatus.PROPOSED)
    fields = {e["field"]: e for e in cand.explanation}
    assert fields["chassis_number"]["rule"] == "edits" and fields["chassis_number"]["params"]["n"] == 2
    assert fields["engine_number"]["rule"] == "same"
    assert inbox_for(org.writer_a1).filter(kind="property_match").count() == 1
    assert inbox_for(org.writer_b1).filter(kind="property_match").count() == 1


def test_partial_chassis_read_is_found(stolen_vehicle, org):
    seize(org, chassis_number="HB12345")
    assert MatchCandidate.objects.filter(reported=stolen_vehicle).exists()


def test_mistyped_registration_is_found_by_check(stolen_vehicle):
    hits = check_vehicle(registration_number="AP 09 BX 4527")
    assert [h.vehicle.pk for h in hits] == [stolen_vehicle.pk]
    assert hits[0].station.name == "PS A1" and hits[0].explanation[0]["rule"] == "one_typo"


def test_check_by_any_combination(stolen_vehicle):
    assert check_vehicle(engine_number="GHB54321")[0].vehicle.pk == stolen_vehicle.pk
    both = check_vehicle(registration_number="AP9BX4521", chassis_number="MBLHA10AMGHB12345")
    assert both[0].score > 0.95
    assert check_vehicle() == []
    assert check_vehicle(registration_number="TS 07 ZZ 0001") == []


def test_phone_check_by_first_14_digits(stolen_phone):
    assert check_phone(imei=STOLEN_IMEI[:14])[0].phone.pk == stolen_phone.pk
    assert check_phone(imei=STOLEN_IMEI)[0].score > 0.99
    with pytest.raises(ValidationError):
        check_phone(imei="490154203237519")


def test_recovered_phone_matches_the_theft(stolen_phone, org):
    register_item(MobilePhone(state=PropertyState.RECOVERED, imei=STOLEN_IMEI), by=org.writer_b1)
    assert MatchCandidate.objects.get().reported_id == stolen_phone.pk


def test_confirmation_closes_the_stolen_record_and_is_audited(stolen_vehicle, org):
    seize(org, chassis_number="MBLHA10AMGHB12345")
    cand = MatchCandidate.objects.get()
    confirm(cand, by=org.writer_b1, remark="Chassis and engine verified on the vehicle.")
    stolen_vehicle.refresh_from_db()
    assert stolen_vehicle.state == PropertyState.RECOVERED
    last = stolen_vehicle.state_changes.last()
    assert (last.from_state, last.to_state, last.candidate_id, last.by) == ("stolen", "recovered", cand.pk, org.writer_b1)
    assert "SZ-7/2026" == last.seizure_reference
    assert AuditEntry.objects.filter(kind="status", object_pk=str(cand.pk), reason__contains="verified").exists()
    assert not inbox_for(org.writer_a1).filter(kind="property_match").exists()


def test_rejection_is_remembered_and_never_proposed_again(stolen_vehicle, org):
    found = seize(org, chassis_number="MBLHA10AMGHB12345")
    cand = MatchCandidate.objects.get()
    reject(cand, by=org.writer_a1, remark="Different frame: checked physically.")
    assert match_item(found) == []
    nightly_batch()
    change_state(found, PropertyState.UNCLAIMED, by=org.writer_b1, reason="No claimant")
    cand.refresh_from_db()
    assert cand.status == CandidateStatus.REJECTED and MatchCandidate.objects.count() == 1


def test_review_needs_a_remark_and_an_officer_of_either_station(stolen_vehicle, org):
    seize(org, chassis_number="MBLHA10AMGHB12345")
    cand = MatchCandidate.objects.get()
    with pytest.raises(ValidationError):
        confirm(cand, by=org.writer_a1, remark=" ")
    with pytest.raises(PermissionDenied):
        confirm(cand, by=org.writer_a2, remark="not mine")
    with pytest.raises(PermissionDenied):
        confirm(cand, by=org.sp_a.__class__.objects.get(username="admin"), remark="admin cannot")


def test_state_moves_follow_the_transitions(stolen_vehicle, org):
    with pytest.raises(ValidationError):
        change_state(stolen_vehicle, PropertyState.UNCLAIMED, by=org.writer_a1, reason="x")
    with pytest.raises(ValidationError):
        change_state(stolen_vehicle, PropertyState.RECOVERED, by=org.writer_a1, reason="")
    with pytest.raises(PermissionDenied):
        change_state(stolen_vehicle, PropertyState.RECOVERED, by=org.writer_b1, reason="not my station")
    change_state(stolen_vehicle, PropertyState.RETURNED, by=org.writer_a1, reason="Owner took it back")
    with pytest.raises(ValidationError):
        change_state(stolen_vehicle, PropertyState.STOLEN, by=org.writer_a1, reason="again")


def test_jurisdiction_of_items_and_candidates(stolen_vehicle, org):
    seize(org, chassis_number="MBLHA10AMGHB12345")
    assert list(PropertyItem.objects.for_user(org.writer_a2)) == []
    assert PropertyItem.objects.for_user(org.writer_a1).get() == stolen_vehicle.propertyitem_ptr
    assert MatchCandidate.objects.for_user(org.writer_a1).count() == 1
    assert MatchCandidate.objects.for_user(org.writer_b1).count() == 1
    assert MatchCandidate.objects.for_user(org.writer_a2).count() == 0
    assert MatchCandidate.objects.for_user(org.sp_b).count() == 1


def test_items_are_never_deleted(stolen_vehicle):
    with pytest.raises(ValidationError):
        stolen_vehicle.delete()
    with pytest.raises(ValidationError):
        Vehicle.objects.all().delete()


def test_nightly_job_is_registered_and_catches_a_late_theft_report(org):
    found = seize(org, chassis_number="MBLHA10AMGHB12345")
    stolen = register_item(Vehicle(state=PropertyState.STOLEN, chassis_number="MBLHA10AMGHB12345"), by=org.writer_a1)
    assert MatchCandidate.objects.filter(found=found, reported=stolen).exists()  # matched on save already
    result = run_job("property.nightly_matching")
    assert result == {"items": 1, "candidates": 1}


def test_lost_article_from_the_portal(org):
    phone = record_lost_article(category="mobile_phone", description="Black Redmi", identifiers={"imei": STOLEN_IMEI},
                                lost_on=datetime.date(2026, 5, 1), lost_place="Bus stand", reporter_name="Ravi",
                                reporter_mobile="9876543210", station=org.ps_a1)
    assert isinstance(phone, MobilePhone) and phone.state == PropertyState.LOST and phone.reported_by_public
    assert check_phone(imei=STOLEN_IMEI)[0].phone.pk == phone.pk
    bag = record_lost_article(category="documents", description="Brown wallet with PAN card", identifiers={"pan": "x"},
                              lost_on=datetime.date(2026, 5, 1), lost_place="Market", reporter_name="Ravi",
                              reporter_mobile="9876543210", station=org.ps_a1)
    assert isinstance(bag, OtherProperty) and bag.identifiers == {"pan": "x"}
    with pytest.raises(ValidationError) as exc:
        record_lost_article(category="documents", description="x", identifiers={}, lost_on=None, lost_place="",
                            reporter_name="", reporter_mobile="")
    assert "station" in exc.value.message_dict


def test_public_projections_carry_no_protected_data(stolen_vehicle, org):
    seize(org, registration_number="TS 01 AA 1", owner_name="Secret Owner")
    stolen = list(public_stolen_vehicles())
    assert [r["registration_number"] for r in stolen] == ["AP 09 BX 4521"]
    for row in stolen + list(public_recovered_vehicles()):
        assert not {"owner_name", "owner_mobile", "chassis_number", "engine_number", "fir"} & set(row)
    assert list(public_recovered_vehicles(registration_number="TS01AA0001"))[0]["police_station__name"] == "PS B1"
