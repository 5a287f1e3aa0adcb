"""The general approvals mechanism (cctns.core.approvals; issue 4 §4)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from cctns.audit.models import AuditEntry
from cctns.core import approvals
from cctns.core.alerts import inbox_for
from cctns.core.constants import Rank
from cctns.core.models import Alert, Approval

pytestmark = pytest.mark.django_db

applied = []


def _rename(approval, unit, approver):
    if approval.params.get("refuse"):
        raise ValidationError({"name": "refused by the action"})
    unit.name = approval.params["name"]
    unit.save()
    applied.append((unit.pk, approver.username))


RENAME = approvals.register_action(approvals.ApprovalAction(
    "tests.rename_station", "Rename a station", apply=_rename, approver_rank=Rank.SP,
    unit_of=lambda unit: unit, basis="test",
))


@pytest.fixture(autouse=True)
def _clear():
    from django.utils import translation

    applied.clear()
    with translation.override("en"):
        yield


def test_the_action_runs_only_on_approval_by_an_approver_of_rank_over_the_unit(org):
    approval = approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="the station moved",
                                          params={"name": "PS A1 New"})
    assert approval.status == Approval.Status.PENDING and approval.unit == org.ps_a1
    assert approval.record_label == "28-A-1"
    org.ps_a1.refresh_from_db()
    assert org.ps_a1.name == "PS A1" and not applied
    # the SP of district A is alerted at the district; the SHO (rank too low), the SP of another
    # district, the SCRB analyst and the administrator may not decide
    alert = Alert.objects.get(key=f"approval:{approval.pk}")
    assert alert.unit == org.dist_a and alert in inbox_for(org.sp_a) and alert not in inbox_for(org.sp_b)
    assert "sho_a1" in alert.params["requester"]
    for user in (org.sho_a1, org.sp_b, org.scrb, org.admin, org.writer_a1):
        assert not approvals.can_decide(user, approval)
        with pytest.raises(PermissionDenied):
            approvals.decide(approval, user, approve=True)
    assert list(approvals.pending_for(org.sp_a)) == [approval] and not approvals.pending_for(org.sp_b).exists()
    approvals.decide(approval, org.sp_a, approve=True)
    approval.refresh_from_db()
    org.ps_a1.refresh_from_db()
    assert approval.status == Approval.Status.APPROVED and approval.decided_by == org.sp_a
    assert org.ps_a1.name == "PS A1 New" and applied == [(org.ps_a1.pk, "sp_a")]
    assert Alert.objects.get(key=f"approval:{approval.pk}").state == Alert.State.CLOSED
    with pytest.raises(ValidationError, match="already been decided"):
        approvals.decide(approval, org.sp_a, approve=False, remarks="too late")


def test_returning_needs_remarks_and_applies_nothing(org):
    approval = approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="r", params={"name": "X"})
    with pytest.raises(ValidationError, match="returned"):
        approvals.decide(approval, org.sp_a, approve=False, remarks=" ")
    approvals.decide(approval, org.sp_a, approve=False, remarks="give the new address")
    approval.refresh_from_db()
    org.ps_a1.refresh_from_db()
    assert approval.status == Approval.Status.RETURNED and approval.remarks == "give the new address"
    assert org.ps_a1.name == "PS A1" and not applied


def test_request_rules_reason_duplicates_permission_and_withdrawal(org):
    with pytest.raises(ValidationError, match="Record why"):
        approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="")
    with pytest.raises(PermissionDenied):
        approvals.request_approval(RENAME, org.ps_a1, org.writer_b1, reason="not my station")
    first = approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="r", params={"name": "X"})
    with pytest.raises(ValidationError, match="already awaiting"):
        approvals.request_approval(RENAME, org.ps_a1, org.writer_a1, reason="again")
    with pytest.raises(PermissionDenied):
        approvals.withdraw(first, org.writer_a1)
    approvals.withdraw(first, org.sho_a1, remarks="not needed")
    assert Approval.objects.get(pk=first.pk).status == Approval.Status.WITHDRAWN
    assert approvals.request_approval(RENAME, org.ps_a1, org.writer_a1, reason="again").pk != first.pk
    with pytest.raises(ValidationError):
        Approval.objects.get(pk=first.pk).delete()


def test_an_action_that_refuses_rolls_the_decision_back(org):
    approval = approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="r", params={"name": "Y", "refuse": True})
    with pytest.raises(ValidationError, match="refused"):
        approvals.decide(approval, org.sp_a, approve=True)
    assert Approval.objects.get(pk=approval.pk).status == Approval.Status.PENDING


def test_request_and_decision_are_audited_with_reason_and_remarks(org):
    approval = approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="the station moved", params={"name": "Z"})
    approvals.decide(approval, org.sp_a, approve=False, remarks="not yet")
    trail = list(AuditEntry.objects.for_object(approval))
    assert [e.kind for e in trail] == ["create", "status"]
    assert trail[0].actor == org.sho_a1 and trail[0].reason == "the station moved"
    assert trail[1].actor == org.sp_a and trail[1].reason == "not yet"
    assert trail[1].changes["status"] == ["pending", "returned"]


def test_approvals_api_inbox_approve_and_return(org):
    approval = approvals.request_approval(RENAME, org.ps_a1, org.sho_a1, reason="r", params={"name": "API Name"})
    api = APIClient()
    api.force_authenticate(org.sp_b)
    assert api.get("/api/v1/approvals/").json()["results"] == []
    assert api.get(f"/api/v1/approvals/{approval.pk}/").status_code == 404
    assert api.post(f"/api/v1/approvals/{approval.pk}/approve/").status_code == 404
    api.force_authenticate(org.sho_a1)
    assert api.post(f"/api/v1/approvals/{approval.pk}/approve/").status_code == 403
    api.force_authenticate(org.sp_a)
    listed = api.get("/api/v1/approvals/").json()["results"]
    assert [r["id"] for r in listed] == [approval.pk] and listed[0]["label"] == "Rename a station"
    assert api.post(f"/api/v1/approvals/{approval.pk}/return/", {}, format="json").status_code == 400
    response = api.post(f"/api/v1/approvals/{approval.pk}/approve/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    org.ps_a1.refresh_from_db()
    assert org.ps_a1.name == "API Name"
    assert api.post(f"/api/v1/approvals/{approval.pk}/approve/").status_code == 400
