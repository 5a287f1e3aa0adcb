"""What the audit log captures: writes of police records and their child tables (who, rank, unit,
when, before/after, from where, why), status and permission changes, refused deletions,
sensitive reads, sign-ins, exports; and that audit rows are append-only."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import override_settings
from rest_framework.test import APIClient

from cctns.audit.constants import Kind
from cctns.audit.context import audit_actor, audit_reason
from cctns.audit.models import AuditEntry
from cctns.audit.registry import audited_models, police_child_models, police_record_models
from cctns.audit.services import log_access, log_export
from cctns.registration.models import (
    FIR,
    NCR,
    Complaint,
    EnquiryNote,
    FIRSection,
    FIRVictim,
    GDEntry,
)
from cctns.registration.services import correct_fir, register_fir

pytestmark = pytest.mark.django_db
no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)


def entries(obj, kind=None):
    qs = AuditEntry.objects.for_object(obj)
    return qs.filter(kind=kind) if kind else qs


def test_police_models_are_found_not_listed():
    from auditlog.registry import auditlog

    records = set(police_record_models())
    assert {FIR, NCR, GDEntry, Complaint} <= records
    children = set(police_child_models())
    assert {FIRVictim, FIRSection, EnquiryNote} <= children  # EnquiryNote is a grandchild
    assert not records & children
    for model in audited_models():
        assert auditlog.contains(model), model


@no_approval
def test_fir_registration_is_captured_with_who_and_what(org, make_fir_data):
    with audit_actor(org.writer_a1):
        fir = register_fir(None, org.writer_a1, make_fir_data())
    created = entries(fir, Kind.CREATE).get()
    assert created.actor == org.writer_a1
    assert (created.actor_username, created.actor_rank, created.actor_role, created.actor_unit) == (
        "writer_a1", org.writer_a1.rank, "writer", "28-A-1")
    assert created.changes["narrative"][1].startswith("My mobile phone")
    gd = GDEntry.objects.get(object_id=fir.pk)
    assert entries(gd, Kind.CREATE).get().actor == org.writer_a1


def test_rows_saved_by_bulk_create_are_audited(org, make_fir_data):
    """bulk_create sends no signals; cctns.audit.bulk audits the rows it inserts all the same,
    and log_bulk_created (for rows inserted by other means) adds no second entry."""
    from cctns.audit.services import log_bulk_created

    fir = register_fir(None, org.writer_a1, make_fir_data())
    with audit_actor(org.writer_a1):
        rows = FIRVictim.objects.bulk_create([FIRVictim(fir=fir, order=5, name="Second Victim")])
        assert log_bulk_created(rows) == []
    entry = entries(rows[0], Kind.CREATE).get()
    assert entry.changes["name"] == ["None", "Second Victim"] and entry.actor_unit == "28-A-1"


def test_fir_children_written_in_bulk_are_audited(org, make_fir_data):
    """The victims, accused and property of a registration (and of a correction that replaces
    them) are inserted with bulk_create; each row has its create entry, chained."""
    from cctns.audit.chain import seal_pending, verify_chain
    from cctns.registration.models import FIRAccused, FIRProperty, FIRSection

    with audit_actor(org.writer_a1):
        fir = register_fir(None, org.writer_a1, make_fir_data())
    children = [*fir.victims.all(), *FIRAccused.objects.filter(fir=fir), *FIRProperty.objects.filter(fir=fir),
                *FIRSection.objects.filter(fir=fir)]
    assert fir.victims.exists() and FIRSection.objects.filter(fir=fir).exists()
    for row in children:
        entry = entries(row, Kind.CREATE).get()
        assert entry.actor == org.writer_a1
    victim = fir.victims.first()
    assert entries(victim, Kind.CREATE).get().changes["name"][1] == victim.name
    seal_pending()
    assert verify_chain().ok


@no_approval
def test_correction_keeps_before_after_and_reason(org, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with audit_actor(org.sho_a1), audit_reason("beat misread from the written complaint"):
        correct_fir(fir, org.sho_a1, {"beat": "Beat 7"}, "beat misread from the written complaint")
    change = entries(fir, Kind.UPDATE).filter(changes__has_key="beat").get()
    assert change.changes["beat"] == ["Beat 3", "Beat 7"]
    assert change.reason == "beat misread from the written complaint"
    assert change.actor == org.sho_a1 and change.kind == Kind.UPDATE


def test_status_change_is_its_own_kind(org, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())  # pending approval
    from cctns.registration.services import approve_fir

    approve_fir(fir, org.sho_a1, "ok")
    status = entries(fir, Kind.STATUS).get()
    assert status.changes["status"] == ["pending_approval", "registered"]


@no_approval
def test_refused_deletion_is_audited(org, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    with audit_actor(org.sho_a1), pytest.raises(ValidationError):
        fir.delete()
    refused = entries(fir, Kind.DELETE_REFUSED).get()
    assert refused.actor == org.sho_a1
    assert FIR.objects.filter(pk=fir.pk).exists()


def test_role_and_group_changes_are_permission_changes(org):
    with audit_actor(org.admin):
        user = org.writer_a2
        user.role = "sho"
        user.save()
        user.groups.add(Group.objects.create(name="station officers"))
    kinds = list(entries(user).values_list("kind", flat=True))
    assert kinds.count(Kind.PERMISSION) == 2
    role = entries(user, Kind.PERMISSION).filter(changes__has_key="role").get()
    assert role.changes["role"] == ["writer", "sho"] and role.actor == org.admin


def test_password_is_never_recorded(org):
    user = org.writer_a2
    user.set_password("another-long-password-1")
    user.save()
    assert not entries(user).filter(changes__has_key="password").exists()


@no_approval
def test_api_write_names_the_token_user_address_agent_and_request_id(org, make_fir_data):
    client = APIClient()
    client.force_authenticate(org.writer_a1)
    data = make_fir_data(sections=["BNS 303(2)"])
    resp = client.post("/api/v1/firs/", data, format="json", REMOTE_ADDR="10.9.8.7", HTTP_USER_AGENT="probe/1.0")
    assert resp.status_code == 201, resp.content
    fir = FIR.objects.get(pk=resp.json()["id"])
    created = entries(fir, Kind.CREATE).get()
    assert created.actor == org.writer_a1
    assert created.remote_addr == "10.9.8.7" and created.user_agent == "probe/1.0"
    assert created.cid == resp["X-Request-ID"] and len(created.cid) == 32


def test_forwarded_for_is_ignored_unless_trusted(client, org):
    client.post("/login/", {"username": "writer_a1", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert AuditEntry.objects.get(kind=Kind.LOGIN_FAILED).remote_addr == "10.0.0.1"
    with override_settings(CCTNS_TRUST_X_FORWARDED_FOR=True):
        client.post("/login/", {"username": "writer_a1", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1")
    assert AuditEntry.objects.filter(kind=Kind.LOGIN_FAILED).order_by("-id").first().remote_addr == "1.2.3.4"


@no_approval
def test_reading_a_sensitive_fir_is_audited_and_an_ordinary_one_is_not(org, make_fir_data):
    ordinary = register_fir(None, org.writer_a1, make_fir_data())
    sensitive = register_fir(None, org.writer_a1, make_fir_data(
        sections=["BNS 64"], recorded_by_woman_officer=True, victims=[{"name": "Sita", "sex": "F", "age": 24}]))
    assert sensitive.is_sensitive
    client = APIClient()
    client.force_authenticate(org.scrb)
    assert client.get(f"/api/v1/firs/{ordinary.pk}/").status_code == 200
    assert client.get(f"/api/v1/firs/{sensitive.pk}/").status_code == 200
    assert client.get(f"/api/v1/firs/{sensitive.pk}/versions/").status_code == 200
    assert not entries(ordinary, Kind.ACCESS).exists()
    reads = entries(sensitive, Kind.ACCESS)
    assert reads.count() == 2 and {e.actor for e in reads} == {org.scrb}
    # lists are not reads of one record
    client.get("/api/v1/firs/")
    assert entries(sensitive, Kind.ACCESS).count() == 2


@no_approval
def test_log_access_records_the_reason(org, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    entry = log_access(org.sp_b, fir, reason="cross-district search: similar modus operandi")
    assert entry.kind == Kind.ACCESS and entry.actor_unit == "28-B"
    assert entry.reason == "cross-district search: similar modus operandi"


def test_export_is_audited(org):
    entry = log_export(org.scrb, "firs", count=120, filters={"district": "28-A"}, fmt="csv", reason="monthly MIS")
    assert entry.kind == Kind.EXPORT and entry.actor == org.scrb
    assert entry.additional_data == {"what": "firs", "count": 120, "filters": {"district": "28-A"}, "format": "csv"}


def test_sign_in_failed_sign_in_and_sign_out(client, org, password):
    client.post("/login/", {"username": "writer_a1", "password": "wrong"}, HTTP_USER_AGENT="Firefox")
    failed = AuditEntry.objects.get(kind=Kind.LOGIN_FAILED)
    assert failed.actor is None and failed.object_pk == str(org.writer_a1.pk)
    assert failed.additional_data == {"username": "writer_a1"} and failed.user_agent == "Firefox"
    assert "wrong" not in str(failed.additional_data)
    client.post("/login/", {"username": "nobody", "password": "wrong"})
    assert AuditEntry.objects.filter(kind=Kind.LOGIN_FAILED, object_pk="", object_repr="nobody").exists()
    client.post("/login/", {"username": "writer_a1", "password": password})
    assert AuditEntry.objects.get(kind=Kind.LOGIN).actor == org.writer_a1
    client.post("/logout/")
    assert AuditEntry.objects.get(kind=Kind.LOGOUT).actor == org.writer_a1


def test_entries_are_append_only(org):
    entry = log_access(org.sp_a, org.writer_a1)
    entry.reason = "rewritten"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""
