"""Registration services: FIR life cycle, approval, corrections, IO, sensitivity, Zero FIR, GD,
idempotency."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from cctns.core.validation import RuleValidationError
from cctns.registration.constants import FIRKind, FIRStatus, GDKind, TransferStatus
from cctns.registration.models import FIR, FIRVersion, GDEntry, Transfer
from cctns.registration.services import (
    accept_transfer,
    accused_code,
    add_gd_entry,
    approve_fir,
    assign_io,
    can_see_victim_identity,
    correct_fir,
    gd_entries_for,
    mark_sensitive,
    register_fir,
    resubmit_fir,
    return_fir,
    transfer_zero_fir,
)

from .conftest import ist

pytestmark = pytest.mark.django_db

no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)


def gd_kinds(record):
    return [e.kind for e in gd_entries_for(record)]


# --- registration and approval -------------------------------------------------------------

@no_approval
def test_register_fir_saves_every_part(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(
        accused=[{"name": "Raju"}, {"known": False, "description": "tall"}, {"name": "Babu", "code": "A7"}]))
    assert fir.status == FIRStatus.REGISTERED and fir.serial == 1 and fir.police_station == org.ps_a1
    assert [str(s) for s in fir.sections.all()] == ["BNS 303(2)"]
    assert [a.code for a in fir.accused.all()] == ["A1", "A2", "A7"]
    assert fir.victims.count() == 1 and fir.properties.get().value == 15000
    assert fir.informant_id_number == "XXXXXXXX9012" and len(fir.informant_id_hash) == 64
    assert "1234" not in fir.informant_id_number
    assert fir.origin_unit == org.ps_a1 and fir.created_by == org.writer_a1 and fir.version == 1
    assert gd_kinds(fir) == [GDKind.FIR_REGISTERED]


def test_accused_codes_run_a1_to_a9_then_b1():
    assert [accused_code(n) for n in (0, 8, 9, 17, 18)] == ["A1", "A9", "B1", "B9", "C1"]


@no_approval
def test_rule_errors_refuse_the_fir_and_take_no_number(org, law, make_fir_data):
    with pytest.raises(RuleValidationError) as exc:
        register_fir(None, org.writer_a1, make_fir_data(sections=["IPC 379"]))
    assert exc.value.violations[0].code == "FIR-003"
    assert "sections.0" in exc.value.message_dict
    assert not FIR.objects.exists()


@no_approval
def test_law_by_date_boundary_through_registration(org, law, make_fir_data):
    before = ist(2024, 6, 30, 23, 59)
    data = make_fir_data(occurrence_from=before, occurrence_to=before, information_received_at=before + datetime.timedelta(hours=2),
                         delay_reason="")
    assert register_fir(None, org.writer_a1, {**data, "sections": ["IPC 379"]}, now=ist(2024, 7, 1, 2, 0)).is_issued
    with pytest.raises(RuleValidationError):
        register_fir(None, org.writer_a1, {**data, "sections": ["BNS 303(2)"]}, now=ist(2024, 7, 1, 2, 0))


def test_only_station_writer_or_sho_registers(org, law, make_fir_data, officers):
    for user in (org.io_a1, org.sp_a, org.scrb, org.admin):
        with pytest.raises((PermissionDenied, ValidationError)):
            register_fir(org.ps_a1, user, make_fir_data())
    with pytest.raises(PermissionDenied):  # a writer of another station
        register_fir(org.ps_a1, org.writer_a2, make_fir_data())


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_approval_flow_numbers_on_approval(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(), now=ist(2026, 2, 1, 9, 0))
    assert fir.status == FIRStatus.PENDING_APPROVAL and fir.number == "" and fir.national_key is None
    with pytest.raises(PermissionDenied):
        approve_fir(fir, org.writer_a1)
    with pytest.raises(PermissionDenied):
        approve_fir(fir, org.sp_a)  # a supervisor reads, the station's SHO approves
    fir = approve_fir(fir, org.sho_a1, "Checked.", now=ist(2026, 2, 1, 10, 0))
    assert fir.status == FIRStatus.REGISTERED and fir.number == "0001/2026"
    assert fir.registered_at == ist(2026, 2, 1, 10, 0)
    assert fir.approvals.get().decided_by == org.sho_a1
    with pytest.raises(ValidationError):
        approve_fir(fir, org.sho_a1)
    assert gd_kinds(fir) == [GDKind.FIR_SUBMITTED, GDKind.FIR_REGISTERED]


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_pending_firs_do_not_consume_numbers(org, law, make_fir_data):
    first = register_fir(None, org.writer_a1, make_fir_data())
    second = register_fir(None, org.writer_a1, make_fir_data())
    return_fir(first, org.sho_a1, "Wrong place")
    assert approve_fir(second, org.sho_a1).serial == 1


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_sho_registering_issues_at_once(org, law, make_fir_data):
    fir = register_fir(None, org.sho_a1, make_fir_data())
    assert fir.status == FIRStatus.REGISTERED and fir.serial == 1
    assert fir.approvals.get().decided_by == org.sho_a1


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_return_and_resubmit(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with pytest.raises(ValidationError):
        return_fir(fir, org.sho_a1, "  ")
    fir = return_fir(fir, org.sho_a1, "Give the beat.")
    assert fir.status == FIRStatus.RETURNED
    fir = resubmit_fir(fir, org.writer_a1, {"beat": "Beat 7"}, "Beat added")
    assert fir.status == FIRStatus.PENDING_APPROVAL and fir.beat == "Beat 7"
    assert fir.versions.get().snapshot["beat"] == "Beat 3"
    assert approve_fir(fir, org.sho_a1).is_issued
    assert gd_kinds(fir) == [GDKind.FIR_SUBMITTED, GDKind.FIR_RETURNED, GDKind.FIR_SUBMITTED, GDKind.FIR_REGISTERED]


# --- corrections and deletion --------------------------------------------------------------

@no_approval
def test_correction_keeps_the_previous_version(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with pytest.raises(PermissionDenied):
        correct_fir(fir, org.writer_a1, {"beat": "Beat 9"}, "typo")
    with pytest.raises(ValidationError):
        correct_fir(fir, org.sho_a1, {"beat": "Beat 9"}, "")
    with pytest.raises(RuleValidationError):
        correct_fir(fir, org.sho_a1, {"sections": ["IPC 379"]}, "wrong code")
    fir = correct_fir(fir, org.sho_a1, {"beat": "Beat 9", "sections": ["BNS 303(2)", "BNS 316"],
                                        "victims": [{"name": "Ramesh Kumar", "sex": "M", "age": 43}]},
                      "Beat and section corrected")
    assert fir.beat == "Beat 9" and fir.number == "0001/" + str(fir.year)
    assert [str(s) for s in fir.sections.all()] == ["BNS 303(2)", "BNS 316"]
    assert fir.victims.get().age == 43
    old = FIRVersion.objects.get(fir=fir)
    assert old.version == 1 and fir.version == 2
    assert old.snapshot["beat"] == "Beat 3" and old.snapshot["victims"][0]["age"] == 42
    assert [s["label"] for s in old.snapshot["sections"]] == ["303(2)"]
    assert old.changed_by == org.sho_a1 and old.reason == "Beat and section corrected"
    assert set(old.changed_fields) >= {"beat", "victims"}
    assert GDKind.FIR_CORRECTED in gd_kinds(fir)
    with pytest.raises(ValidationError):
        old.delete()


@no_approval
def test_an_fir_is_never_deleted(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with pytest.raises(ValidationError):
        fir.delete()
    with pytest.raises(ValidationError):
        FIR.objects.all().delete()
    assert FIR.objects.count() == 1


# --- IO ------------------------------------------------------------------------------------

@no_approval
def test_assign_io(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with pytest.raises(PermissionDenied):
        assign_io(fir, org.writer_a1, org.io_a1)
    for wrong in (officers.io_b1, officers.constable_a1, org.sp_a):
        with pytest.raises(ValidationError):
            assign_io(fir, org.sho_a1, wrong)
    fir = assign_io(fir, org.sho_a1, org.io_a1)
    assert fir.io == org.io_a1 and fir.io_assigned_at
    assert gd_kinds(fir)[-1] == GDKind.IO_ASSIGNED


# --- sensitivity ---------------------------------------------------------------------------

@no_approval
def test_sensitivity_follows_the_sections(org, law, make_fir_data):
    assert register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"])).is_sensitive
    fir = register_fir(None, org.writer_a1, make_fir_data())
    assert not fir.is_sensitive and fir.is_publishable
    fir = correct_fir(fir, org.sho_a1, {"sections": ["BNS 303(2)", "POCSO 4"]}, "POCSO added")
    assert fir.is_sensitive and fir.sensitive_by_sections and not fir.is_publishable


@no_approval
def test_mark_sensitive_by_sho_or_dsp_with_reason(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with pytest.raises(PermissionDenied):
        mark_sensitive(fir, org.writer_a1, "insurgency")
    with pytest.raises(PermissionDenied):
        mark_sensitive(fir, org.sp_b, "another district")
    with pytest.raises(ValidationError):
        mark_sensitive(fir, org.sho_a1, " ")
    fir = mark_sensitive(fir, officers.dsp_a, "Informant at risk")
    assert fir.is_sensitive and fir.sensitive_set_by == officers.dsp_a and fir.sensitive_reason == "Informant at risk"
    assert gd_kinds(fir)[-1] == GDKind.SENSITIVE
    # a later correction of sections does not undo a recorded marking
    fir = correct_fir(fir, org.sho_a1, {"sections": ["BNS 303(2)"]}, "no change of law")
    assert fir.is_sensitive


@no_approval
def test_victim_identity_only_for_the_case_officers(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"], victims=[{"name": "S", "sex": "F", "age": 30}]))
    for user in (org.writer_a1, org.io_a1, org.sho_a1, org.sp_a, officers.dsp_a):
        assert can_see_victim_identity(user, fir), user
    for user in (org.writer_a2, org.writer_b1, org.sp_b, org.scrb, org.ncrb, org.admin, officers.sho_b1):
        assert not can_see_victim_identity(user, fir), user
    fir = assign_io(fir, org.sho_a1, org.io_a1)
    assert can_see_victim_identity(org.io_a1, fir)


@no_approval
def test_a_child_victim_is_protected_in_any_fir(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(victims=[{"name": "Child", "age": 12}, {"name": "Adult", "age": 40}]))
    child, adult = fir.victims.all()
    assert not fir.is_sensitive
    assert not can_see_victim_identity(org.scrb, fir, child)  # JJ Act s.74, POCSO s.23
    assert can_see_victim_identity(org.scrb, fir, adult)
    assert can_see_victim_identity(org.writer_a1, fir, child)


@no_approval
def test_woman_officer_warning_is_recorded(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"], victims=[{"name": "S", "sex": "F"}]))
    assert [w["code"] for w in fir.warnings] == ["FIR-016"]


@no_approval
def test_unknown_cognizability_confirmation_is_recorded(org, law, make_fir_data):
    with pytest.raises(RuleValidationError):
        register_fir(None, org.writer_a1, make_fir_data(sections=["NDPS 20"]))
    fir = register_fir(None, org.writer_a1, make_fir_data(sections=["NDPS 20"], cognizability_confirmed=True))
    assert fir.cognizability_confirmed_by == org.writer_a1 and fir.cognizability_confirmed_at


# --- Zero FIR ------------------------------------------------------------------------------

@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_zero_fir_transfer_and_acceptance(org, law, make_fir_data, officers):
    zero = register_fir(None, org.sho_a1, make_fir_data(kind=FIRKind.ZERO, place_address="Market, PS B1 limits"))
    register_fir(None, officers.sho_b1, make_fir_data())  # B1 already has FIR 1 this year
    with pytest.raises(PermissionDenied):
        transfer_zero_fir(zero, org.writer_b1, org.ps_b1, "jurisdiction")
    with pytest.raises(ValidationError):
        transfer_zero_fir(zero, org.writer_a1, org.ps_a1, "same station")
    transfer = transfer_zero_fir(zero, org.writer_a1, org.ps_b1, "Place of occurrence is in PS B1 limits")
    zero.refresh_from_db()
    assert zero.status == FIRStatus.TRANSFERRED and transfer.status == TransferStatus.PENDING
    with pytest.raises(ValidationError):
        transfer_zero_fir(zero, org.writer_a1, org.ps_a2, "again")
    with pytest.raises(PermissionDenied):
        accept_transfer(zero, org.writer_a2)
    # the receiving station sees the transferred FIR; a third station does not
    assert FIR.objects.for_user(org.writer_b1).filter(pk=zero.pk).exists()
    assert not FIR.objects.for_user(org.writer_a2).filter(pk=zero.pk).exists()
    new = accept_transfer(zero, org.writer_b1)
    assert new.status == FIRStatus.PENDING_APPROVAL and new.transferred_from == zero
    new = approve_fir(new, officers.sho_b1)
    zero.refresh_from_db()
    assert (new.police_station, new.serial) == (org.ps_b1, 2)
    assert zero.transferred_to == new and zero.number != "" and new.number != ""
    assert Transfer.objects.get().to_fir == new and Transfer.objects.get().status == TransferStatus.ACCEPTED
    assert [str(s) for s in new.sections.all()] == [str(s) for s in zero.sections.all()]
    assert new.victims.get().name == zero.victims.get().name
    # both stations see both FIRs (the trail); a third station sees neither
    for user in (org.writer_a1, org.writer_b1):
        assert set(FIR.objects.for_user(user).filter(pk__in=[zero.pk, new.pk]).values_list("pk", flat=True)) == {zero.pk, new.pk}
    assert not FIR.objects.for_user(org.writer_a2).filter(pk__in=[zero.pk, new.pk]).exists()
    # writes stay with the owning station
    assert not FIR.objects.for_user(org.writer_b1, "change").filter(pk=zero.pk).exists()
    # GD entries at both stations
    assert GDEntry.objects.filter(police_station=org.ps_a1, kind=GDKind.FIR_TRANSFER_OUT).count() == 1
    assert GDEntry.objects.filter(police_station=org.ps_b1, kind=GDKind.FIR_TRANSFER_IN).count() == 1
    with pytest.raises(ValidationError):
        accept_transfer(zero, org.writer_b1)


@no_approval
def test_victims_of_a_transferred_sensitive_fir_seen_at_both_stations(org, law, make_fir_data):
    zero = register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"], victims=[{"name": "S", "sex": "F"}]))
    transfer_zero_fir(zero, org.writer_a1, org.ps_b1, "jurisdiction")
    zero.refresh_from_db()
    assert can_see_victim_identity(org.writer_b1, zero)
    new = accept_transfer(zero, org.writer_b1)
    assert new.is_sensitive and can_see_victim_identity(org.writer_a1, new) and can_see_victim_identity(org.sp_b, new)
    assert not can_see_victim_identity(org.writer_a2, new)


# --- General Diary -------------------------------------------------------------------------

def test_gd_numbered_per_station_per_ist_day(org):
    late = add_gd_entry(org.ps_a1, org.writer_a1, GDKind.DEPARTURE, "SI left for patrol", now=ist(2026, 3, 5, 23, 59))
    early = add_gd_entry(org.ps_a1, org.writer_a1, GDKind.ARRIVAL, "SI returned", now=ist(2026, 3, 6, 0, 0))
    again = add_gd_entry(org.ps_a1, org.io_a1, GDKind.INFORMATION, "Information received", now=ist(2026, 3, 6, 0, 5))
    other = add_gd_entry(org.ps_a2, org.writer_a2, GDKind.GENERAL, "Roll call", now=ist(2026, 3, 6, 0, 5))
    assert (late.entry_date, late.number) == (datetime.date(2026, 3, 5), 1)
    assert (early.entry_date, early.number, again.number, other.number) == (datetime.date(2026, 3, 6), 1, 2, 1)
    assert str(early) == "GD 1 of 06-03-2026"


def test_gd_is_append_only(org):
    entry = add_gd_entry(org.ps_a1, org.writer_a1, GDKind.GENERAL, "Roll call")
    entry.text = "changed"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        GDEntry.objects.filter(pk=entry.pk).update(text="changed")
    with pytest.raises(ValidationError):
        GDEntry.objects.all().delete()
    assert GDEntry.objects.get(pk=entry.pk).text == "Roll call"


def test_manual_gd_entries_are_checked(org):
    with pytest.raises(PermissionDenied):
        add_gd_entry(org.ps_a1, org.writer_b1, GDKind.GENERAL, "not my station")
    with pytest.raises(PermissionDenied):
        add_gd_entry(org.ps_a1, org.sp_a, GDKind.GENERAL, "supervisors read")
    with pytest.raises(ValidationError):
        add_gd_entry(org.ps_a1, org.writer_a1, GDKind.FIR_REGISTERED, "forged registration")
    with pytest.raises(ValidationError):
        add_gd_entry(org.ps_a1, org.writer_a1, GDKind.GENERAL, "   ")


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_every_action_writes_one_gd_entry(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    fir = return_fir(fir, org.sho_a1, "fix")
    fir = resubmit_fir(fir, org.writer_a1)
    fir = approve_fir(fir, org.sho_a1)
    fir = assign_io(fir, org.sho_a1, org.io_a1)
    fir = correct_fir(fir, org.sho_a1, {"beat": "B"}, "beat")
    fir = mark_sensitive(fir, org.sho_a1, "risk")
    transfer_zero_fir(fir, org.writer_a1, org.ps_b1, "jurisdiction")
    new = accept_transfer(fir, officers.sho_b1)
    assert gd_kinds(fir) == [
        GDKind.FIR_SUBMITTED, GDKind.FIR_RETURNED, GDKind.FIR_SUBMITTED, GDKind.FIR_REGISTERED, GDKind.IO_ASSIGNED,
        GDKind.FIR_CORRECTED, GDKind.SENSITIVE, GDKind.FIR_TRANSFER_OUT,
    ]
    assert gd_kinds(new) == [GDKind.FIR_REGISTERED, GDKind.FIR_TRANSFER_IN]


@no_approval
def test_gd_text_never_names_the_victim_of_a_sensitive_fir(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"], informant_name="Sita Devi",
                                                          victims=[{"name": "Sita Devi", "sex": "F"}]))
    assert all("Sita" not in e.text for e in gd_entries_for(fir))


# --- idempotency ---------------------------------------------------------------------------

@no_approval
def test_idempotent_registration(org, law, make_fir_data):
    data = make_fir_data()
    first = register_fir(None, org.writer_a1, data, idempotency_key="k-1")
    again = register_fir(None, org.writer_a1, data, idempotency_key="k-1")
    assert again.pk == first.pk and again.replayed and not first.replayed
    assert FIR.objects.count() == 1
    with pytest.raises(ValidationError) as exc:
        register_fir(None, org.writer_a1, make_fir_data(beat="other"), idempotency_key="k-1")
    assert exc.value.error_dict["idempotency_key"][0].code == "idempotency_mismatch"
    other_user = register_fir(None, org.sho_a1, data, idempotency_key="k-1")  # keys are per user
    assert other_user.pk != first.pk
