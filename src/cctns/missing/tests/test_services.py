import datetime

import pytest
from django.core.exceptions import PermissionDenied

from cctns.missing import services
from cctns.missing.models import (
    Candidate,
    CandidateStatus,
    Mark,
    MissingPersonReport,
    Status,
    StatusChange,
    UnidentifiedBody,
)

D = datetime.date


@pytest.fixture
def pair(org):
    report = MissingPersonReport.objects.create(
        police_station=org.ps_a1, place="Market", last_seen_on=D(2025, 1, 1), sex="M", age_min=30, age_max=35,
        height_min_cm=165, height_max_cm=170, informant_name="Sita")
    Mark.objects.create(report=report, mark_type="tattoo", location="right_arm", text="om")
    body = UnidentifiedBody.objects.create(
        police_station=org.ps_b1, place="River bank", found_on=D(2025, 2, 1),
        found_at=datetime.datetime(2025, 2, 1, 9, tzinfo=datetime.UTC), sex="M", age_min=28, age_max=40,
        height_min_cm=168, height_max_cm=168)
    Mark.objects.create(body=body, mark_type="tattoo", location="right_arm", text="om written")
    early = UnidentifiedBody.objects.create(
        police_station=org.ps_b1, place="Field", found_on=D(2024, 12, 1),
        found_at=datetime.datetime(2024, 12, 1, 9, tzinfo=datetime.UTC), sex="M", age_min=30, age_max=35)
    return report, body, early


def test_matching_finds_the_body_across_stations_and_not_one_found_before(pair):
    report, body, early = pair
    cands = services.match_report(report)
    assert [c.body for c in cands] == [body]
    assert cands[0].fields and cands[0].score > 0.5


def test_confirmation_closes_both_records(pair, org):
    report, body, _ = pair
    cand = services.match_report(report)[0]
    services.confirm(cand, org.sho_a1, "identified by the brother")
    report.refresh_from_db()
    body.refresh_from_db()
    assert (report.status, body.status) == (Status.TRACED, Status.IDENTIFIED)
    assert StatusChange.objects.filter(report=report, status=Status.TRACED).exists()
    assert StatusChange.objects.filter(body=body, status=Status.IDENTIFIED).exists()


def test_rejected_pair_is_never_proposed_again(pair, org):
    report, body, _ = pair
    cand = services.match_report(report)[0]
    services.reject(cand, org.writer_b1, "the brother says not him")
    assert services.match_report(report) == []
    assert Candidate.objects.get(pk=cand.pk).status == CandidateStatus.REJECTED


def test_candidates_are_visible_to_both_stations_only(pair, org):
    report, _, _ = pair
    cand = services.match_report(report)[0]
    assert Candidate.objects.for_user(org.writer_a1).filter(pk=cand.pk).exists()
    assert Candidate.objects.for_user(org.writer_b1).filter(pk=cand.pk).exists()
    assert not Candidate.objects.for_user(org.writer_a2).exists()
    with pytest.raises(PermissionDenied):
        services.confirm(cand, org.writer_a2, "not my station")
    assert not MissingPersonReport.objects.for_user(org.writer_b1).exists()


def test_hits_alert_both_owning_stations(pair, org):
    from cctns.core.models import Alert

    report, body, _ = pair
    assert services.match_report_by_id(report.pk) == 1
    assert set(Alert.objects.values_list("unit", flat=True)) == {org.ps_a1.pk, org.ps_b1.pk}


def test_public_projection_hides_informant_and_unconsented_children(pair):
    report, _, _ = pair
    report.name = "Ravi"
    report.is_juvenile = True
    report.save()
    rows = services.public_missing_persons()
    assert rows and rows[0]["name"] == "" and "informant_name" not in rows[0]
    assert services.public_unidentified("body")[0]["kind"] == "body"
    with pytest.raises(ValueError):
        services.public_unidentified("x")
