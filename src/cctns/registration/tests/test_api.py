"""The registration API: create with nested parts, coded errors, idempotency, actions, scoping
(IDOR → 404) and protected victim identities."""

import datetime
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from cctns.registration.models import FIR, NCR, Complaint, GDEntry
from cctns.registration.services import receive_complaint, register_fir, register_ncr

from .conftest import ist

pytestmark = pytest.mark.django_db

no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
with_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def recent(hours_ago: float) -> datetime.datetime:
    """A time ``hours_ago`` before now (API registrations happen now)."""
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=hours_ago)


def payload(**overrides) -> dict:
    data = {
        "occurrence_from": recent(5).isoformat(),
        "occurrence_to": recent(4).isoformat(),
        "information_received_at": recent(1).isoformat(),
        "place_address": "Near the bus stand",
        "distance_km": "1.50",
        "direction_from_ps": "NE",
        "latitude": "17.385000",
        "longitude": "78.486700",
        "informant_name": "Ramesh Kumar",
        "informant_sex": "M",
        "informant_age": 42,
        "informant_id_type": "aadhaar",
        "informant_id_number": "1234 5678 9012",
        "sections": [{"act": "BNS", "number": "303(2)"}, "BNS 316"],
        "victims": [{"name": "Ramesh Kumar", "sex": "M", "age": 42}],
        "accused": [{"name": "Raju", "known": True}, {"known": False, "description": "Tall, red shirt"}],
        "properties": [{"category": "mobile_phone", "description": "Phone", "value": "15000.00"}],
        "narrative": "मेरा मोबाइल फ़ोन बस स्टैंड के पास चोरी हो गया। My phone was stolen.",
    }
    data.update(overrides)
    return data


FIRS = "/api/v1/firs/"


def fir_url(fir, action=None):
    return f"{FIRS}{fir.pk}/" + (f"{action}/" if action else "")


# --- create ---------------------------------------------------------------------------------

@no_approval
def test_register_fir_with_nested_parts(org, law):
    resp = client_for(org.writer_a1).post(FIRS, payload(), format="json")
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["status"] == "registered" and body["serial"] == 1
    assert body["number"] == f"0001/{body['year']}" and body["national_key"] == f"28-A-1-{body['year']}-0001"
    assert [s["label"] for s in body["sections"]] == ["303(2)", "316"]
    assert [a["code"] for a in body["accused"]] == ["A1", "A2"]
    assert body["properties"][0]["value"] == "15000.00"
    assert body["informant_id_number"] == "XXXXXXXX9012"
    assert "बस स्टैंड" in body["narrative"]
    assert body["police_station"]["code"] == "28-A-1"


@with_approval
def test_approval_required_flow(org, law):
    writer, sho = client_for(org.writer_a1), client_for(org.sho_a1)
    body = writer.post(FIRS, payload(), format="json").json()
    assert body["status"] == "pending_approval" and body["number"] == "" and body["national_key"] is None
    fir = FIR.objects.get(pk=body["id"])
    assert writer.post(fir_url(fir, "approve"), {}, format="json").status_code == 403
    assert client_for(org.sp_a).post(fir_url(fir, "approve"), {}, format="json").status_code == 403
    resp = sho.post(fir_url(fir, "approve"), {"remarks": "ok"}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "registered" and resp.json()["serial"] == 1
    assert resp.json()["approvals"][0]["decision"] == "approved"
    assert sho.post(fir_url(fir, "approve"), {}, format="json").status_code == 400


@with_approval
def test_return_and_resubmit_through_the_api(org, law):
    writer, sho = client_for(org.writer_a1), client_for(org.sho_a1)
    fir = FIR.objects.get(pk=writer.post(FIRS, payload(), format="json").json()["id"])
    resp = sho.post(fir_url(fir, "return"), {}, format="json")
    assert resp.status_code == 400 and resp.json()["remarks"][0]["code"] == "required"
    assert sho.post(fir_url(fir, "return"), {"remarks": "Give the beat"}, format="json").json()["status"] == "returned"
    resp = writer.post(fir_url(fir, "resubmit"), {"changes": {"beat": "Beat 4"}}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "pending_approval" and resp.json()["beat"] == "Beat 4"


# --- coded errors ---------------------------------------------------------------------------

@no_approval
@pytest.mark.parametrize(("changes", "path", "code"), [
    ({"sections": []}, "sections", "FIR-001"),
    ({"sections": ["BNS 9999"]}, "sections.0", "FIR-002"),
    ({"sections": ["BNS 303", "IPC 379"]}, "sections.1", "FIR-003"),
    ({"sections": ["BNS 115"]}, "sections", "FIR-006"),
    ({"sections": ["NDPS 20"]}, "cognizability_confirmed", "FIR-007"),
    ({"narrative": ""}, "narrative", "FIR-017"),
    ({"informant_name": ""}, "informant_name", "FIR-012"),
    ({"occurrence_from": None}, "occurrence_from", "FIR-018"),
    ({"latitude": "95.000000"}, "latitude", "FIR-015"),
    ({"accused": [{"name": "A", "code": "A1"}, {"name": "B", "code": "A1"}]}, "accused.1.code", "FIR-013"),
    ({"victims": [{"name": "V", "age": 130}]}, "victims.0.age", "FIR-020"),
    ({"occurrence_from": "yesterday"}, "occurrence_from", "invalid"),
    ({"victims": [{"name": "V", "age": "old"}]}, "victims.0.age", "invalid"),
    ({"sections": [True]}, "sections.0", "invalid"),
    ({"informant_sex": "Z"}, "informant_sex", "invalid_choice"),
])
def test_errors_carry_codes(org, law, changes, path, code):
    resp = client_for(org.writer_a1).post(FIRS, payload(**changes), format="json")
    assert resp.status_code == 400
    errors = resp.json()
    assert code in [e["code"] for e in errors.get(path, [])], errors
    assert all(isinstance(e["message"], str) and e["message"] for items in errors.values() for e in items)
    assert not FIR.objects.exists()


@no_approval
def test_error_extras_offer_the_corresponding_section_and_the_ncr(org, law):
    client = client_for(org.writer_a1)
    wrong = client.post(FIRS, payload(sections=["IPC 379"]), format="json").json()["sections.0"][0]
    assert wrong["code"] == "FIR-003" and wrong["extra"]["suggested"][0]["label"] == "303(2)"
    ncr = client.post(FIRS, payload(sections=["BNS 115"]), format="json").json()["sections"][0]
    assert ncr["code"] == "FIR-006" and ncr["extra"]["alternative"] == "ncr"


@no_approval
def test_errors_in_hindi_when_asked(org, law):
    resp = client_for(org.writer_a1).post(FIRS, payload(sections=[]), format="json", HTTP_ACCEPT_LANGUAGE="hi")
    assert resp.json()["sections"][0]["code"] == "FIR-001"


@no_approval
def test_bad_input_is_never_a_500(org, law):
    client = client_for(org.writer_a1)
    for body in ([], "text", {"victims": "x"}, {"sections": {"act": "BNS"}}, {"accused": [1, 2]}, {"properties": [{"value": "-"}]}):
        assert client.post(FIRS, body, format="json").status_code == 400


# --- idempotency ----------------------------------------------------------------------------

@no_approval
def test_idempotency_key_makes_retries_safe(org, law):
    client = client_for(org.writer_a1)
    body = payload()
    first = client.post(FIRS, body, format="json", HTTP_IDEMPOTENCY_KEY="retry-123")
    second = client.post(FIRS, body, format="json", HTTP_IDEMPOTENCY_KEY="retry-123")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"] and second.json()["replayed"] is True
    assert second["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert FIR.objects.count() == 1
    other = client.post(FIRS, payload(beat="changed"), format="json", HTTP_IDEMPOTENCY_KEY="retry-123")
    assert other.status_code == 400 and other.json()["idempotency_key"][0]["code"] == "idempotency_mismatch"
    assert client.post(FIRS, body, format="json").status_code == 201  # no key: a new FIR
    assert FIR.objects.count() == 2


# --- scoping: every endpoint ----------------------------------------------------------------

@no_approval
def test_list_and_detail_are_scoped_and_idor_is_404(org, law, make_fir_data, officers):
    mine = register_fir(None, org.writer_a1, make_fir_data())
    theirs = register_fir(None, org.writer_b1, make_fir_data())
    client = client_for(org.writer_a1)
    ids = [f["id"] for f in client.get(FIRS).json()["results"]]
    assert ids == [mine.pk]
    assert client.get(fir_url(theirs)).status_code == 404
    for action in ("approve", "return", "assign-io", "transfer", "accept", "correct", "mark-sensitive", "resubmit"):
        assert client.post(fir_url(theirs, action), {}, format="json").status_code == 404, action
    for action in ("versions", "gd-entries"):
        assert client.get(fir_url(theirs, action)).status_code == 404
    # the district SP sees both stations of the district, not the other district
    sp_ids = {f["id"] for f in client_for(org.sp_a).get(FIRS).json()["results"]}
    assert sp_ids == {mine.pk}
    assert {f["id"] for f in client_for(org.scrb).get(FIRS).json()["results"]} == {mine.pk, theirs.pk}
    assert client_for(org.sp_b).get(fir_url(mine)).status_code == 404


def test_unauthenticated_requests_are_refused(org):
    client = APIClient()
    for url in (FIRS, "/api/v1/ncrs/", "/api/v1/gd/", "/api/v1/complaints/"):
        assert client.get(url).status_code in (401, 403)


@no_approval
def test_ncr_gd_and_complaints_are_scoped(org, law):
    ncr = register_ncr(None, org.writer_b1, {"informant_name": "K", "narrative": "abuse", "sections": ["BNS 356"]})
    complaint = receive_complaint(None, org.writer_b1, {"complainant_name": "L", "narrative": "dispute", "complainant_phone": "9000000001"})
    entry = GDEntry.objects.filter(police_station=org.ps_b1).first()
    client = client_for(org.writer_a1)
    assert client.get("/api/v1/ncrs/").json()["results"] == []
    assert client.get(f"/api/v1/ncrs/{ncr.pk}/").status_code == 404
    assert client.get("/api/v1/complaints/").json()["results"] == []
    assert client.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404
    for action in ("related", "enquiry", "close", "attachments", "communicated"):
        method = client.get if action == "related" else client.post
        assert method(f"/api/v1/complaints/{complaint.pk}/{action}/").status_code == 404, action
    assert entry.pk not in [e["id"] for e in client.get("/api/v1/gd/").json()["results"]]
    assert client_for(org.writer_b1).get(f"/api/v1/ncrs/{ncr.pk}/").status_code == 200


# --- sensitive FIRs -------------------------------------------------------------------------

VICTIM = "Sita Devi"


@no_approval
def test_victim_of_a_bns_64_case_never_reaches_others(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data(
        sections=["BNS 64"], informant_name=VICTIM, informant_sex="F", recorded_by_woman_officer=True,
        victims=[{"name": VICTIM, "sex": "F", "age": 24, "address": "House 12, Ward 3"}],
        narrative=f"I, {VICTIM}, state that …"))
    assert fir.is_sensitive
    # the case's own station and the district SP see the victim
    for user in (org.writer_a1, org.sho_a1, org.sp_a):
        client = client_for(user)
        assert client.get(FIRS).json()["results"][0]["victims"][0]["name"] == VICTIM
        assert client.get(fir_url(fir)).json()["victims"][0]["name"] == VICTIM
    # another station and another district's SP do not even see the FIR
    for user in (org.writer_b1, org.writer_a2, org.sp_b, officers.sho_b1):
        client = client_for(user)
        for url in (FIRS, f"{FIRS}?q=Sita", "/api/v1/gd/", fir_url(fir)):
            assert VICTIM not in client.get(url).content.decode(), (user, url)
    # state and national analysts see the case, never the victim
    for user in (org.scrb, org.ncrb, org.admin):
        client = client_for(user)
        listed = client.get(FIRS).json()["results"][0]
        assert listed["victims"][0]["name"] == "[protected]" and listed["identity_protected"] is True
        detail = client.get(fir_url(fir))
        assert VICTIM not in detail.content.decode()
        assert detail.json()["narrative"] == "[protected]" and detail.json()["informant_name"] == "[protected]"
        assert client.get(f"{FIRS}?q=Sita").json()["results"] == []  # search cannot reveal it
        assert VICTIM not in client.get(fir_url(fir, "gd-entries")).content.decode()
        assert VICTIM not in client.get("/api/v1/gd/").content.decode()


@no_approval
def test_versions_snapshot_only_for_case_officers(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"], victims=[{"name": VICTIM, "sex": "F"}],
                                                          recorded_by_woman_officer=True))
    client_for(org.sho_a1).post(fir_url(fir, "correct"), {"changes": {"beat": "B2"}, "reason": "beat"}, format="json")
    assert client_for(org.sho_a1).get(fir_url(fir, "versions")).json()[0]["snapshot"]["victims"][0]["name"] == VICTIM
    scrb = client_for(org.scrb).get(fir_url(fir, "versions"))
    assert scrb.json()[0]["snapshot"] is None and VICTIM not in scrb.content.decode()


# --- actions --------------------------------------------------------------------------------

@no_approval
def test_assign_io_mark_sensitive_and_correct(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data())
    sho = client_for(org.sho_a1)
    resp = sho.post(fir_url(fir, "assign-io"), {"io": "io_a1"}, format="json")
    assert resp.status_code == 200 and resp.json()["io"]["username"] == "io_a1"
    assert sho.post(fir_url(fir, "assign-io"), {"io": "io_b1"}, format="json").status_code == 400
    assert client_for(org.writer_a1).post(fir_url(fir, "mark-sensitive"), {"reason": "x"}, format="json").status_code == 403
    resp = client_for(officers.dsp_a).post(fir_url(fir, "mark-sensitive"), {"reason": "Witness at risk"}, format="json")
    assert resp.status_code == 200 and resp.json()["is_sensitive"] is True
    resp = sho.post(fir_url(fir, "correct"), {"changes": {"sections": ["IPC 379"]}, "reason": "law"}, format="json")
    assert resp.status_code == 400 and resp.json()["sections.0"][0]["code"] == "FIR-003"
    resp = sho.post(fir_url(fir, "correct"), {"changes": {"place_address": "Bus depot"}, "reason": "place"}, format="json")
    assert resp.status_code == 200 and resp.json()["place_address"] == "Bus depot" and resp.json()["version"] >= 2


@with_approval
def test_zero_fir_transfer_through_the_api(org, law, officers):
    a1 = client_for(org.sho_a1)
    zero = a1.post(FIRS, payload(kind="zero"), format="json").json()
    assert zero["status"] == "registered"
    resp = client_for(org.writer_a1).post(f"{FIRS}{zero['id']}/transfer/", {"to_station": "28-B-1", "reason": "B1 limits"}, format="json")
    assert resp.status_code == 201 and resp.json()["status"] == "pending"
    b1 = client_for(org.writer_b1)
    assert zero["id"] in [f["id"] for f in b1.get(FIRS).json()["results"]]
    assert client_for(org.writer_a2).get(f"{FIRS}{zero['id']}/").status_code == 404
    resp = b1.post(f"{FIRS}{zero['id']}/accept/", {}, format="json")
    assert resp.status_code == 201, resp.json()
    new = resp.json()
    assert new["status"] == "pending_approval" and new["transferred_from"]["number"] == zero["number"]
    approved = client_for(officers.sho_b1).post(f"{FIRS}{new['id']}/approve/", {}, format="json").json()
    assert approved["number"].startswith("0001/") and approved["police_station"]["code"] == "28-B-1"
    # both stations see both FIRs and the trail
    for client in (a1, b1):
        old = client.get(f"{FIRS}{zero['id']}/").json()
        assert old["transferred_to"]["number"] == approved["number"]
        assert old["transfers"][0]["to_fir"]["id"] == new["id"]
        assert client.get(f"{FIRS}{new['id']}/").json()["transferred_from"]["id"] == zero["id"]
    assert GDEntry.objects.filter(police_station=org.ps_a1, kind="fir_transfer_out").exists()
    assert GDEntry.objects.filter(police_station=org.ps_b1, kind="fir_transfer_in").exists()


@no_approval
def test_filters(org, law, make_fir_data):
    theft = register_fir(None, org.writer_a1, make_fir_data(narrative="Bicycle stolen from the temple"))
    hurt = register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 303", "BNS 316"], narrative="Money entrusted was kept"))
    old = register_fir(None, org.writer_a1, make_fir_data(
        sections=["IPC 379"], occurrence_from=ist(2024, 5, 1, 10, 0), occurrence_to=ist(2024, 5, 1, 11, 0),
        information_received_at=ist(2024, 5, 1, 12, 0), narrative="Old theft"))
    client = client_for(org.sp_a)

    def ids(query):
        resp = client.get(f"{FIRS}?{query}")
        assert resp.status_code == 200, resp.json()
        return {f["id"] for f in resp.json()["results"]}

    assert ids("act=IPC") == {old.pk}
    assert ids("section=BNS%20316") == {hurt.pk}
    assert ids("section=BNS%20303(2)") == {theft.pk}
    assert ids(f"section={law.ipc_379.pk}") == {old.pk}
    assert ids("q=bicycle%20TEMPLE") == {theft.pk}
    assert ids("occurred_before=2024-06-30") == {old.pk}
    assert ids("police_station=28-A") == {theft.pk, hurt.pk, old.pk}
    assert ids("police_station=28-A-2") == set()
    assert ids("status=registered") == {theft.pk, hurt.pk, old.pk}
    assert ids("status=pending_approval") == set()
    assert ids(f"number={theft.number}") == {theft.pk}
    today = datetime.date.today().isoformat()
    assert ids(f"registered_after={today}") >= {theft.pk}
    assert client.get(f"{FIRS}?registered_after=notadate").status_code == 400


def test_list_query_count_is_bounded(org, law, make_fir_data, django_assert_max_num_queries):
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        for _ in range(8):
            register_fir(None, org.writer_a1, make_fir_data(sections=["BNS 64"], recorded_by_woman_officer=True,
                                                            victims=[{"name": "V", "sex": "F"}]))
    client = client_for(org.scrb)
    with django_assert_max_num_queries(12):
        assert len(client.get(FIRS).json()["results"]) == 8


# --- NCR, GD, complaints --------------------------------------------------------------------

def test_ncr_api(org, law):
    client = client_for(org.writer_a1)
    resp = client.post("/api/v1/ncrs/", {"informant_name": "Kamala", "narrative": "Abused by a neighbour",
                                         "sections": ["BNS 356"], "occurrence_at": recent(3).isoformat()}, format="json")
    assert resp.status_code == 201 and resp.json()["number"].startswith("0001/")
    assert resp.json()["action_taken"].startswith("Informant referred")
    bad = client.post("/api/v1/ncrs/", {"informant_name": "K", "narrative": "theft", "sections": ["BNS 303"]}, format="json")
    assert bad.status_code == 400 and bad.json()["sections.0"][0]["code"] == "NCR-003"
    today = datetime.date.today().isoformat()
    listing = client.get(f"/api/v1/ncrs/fortnightly/?date={today}").json()
    assert [n["number"] for n in listing["results"]] == [resp.json()["number"]]
    assert client.get("/api/v1/ncrs/fortnightly/?date=x").status_code == 400
    assert client.get(f"/api/v1/ncrs/fortnightly/?date={today}&police_station=28-B-1").status_code == 404
    assert NCR.objects.count() == 1


def test_gd_api_lists_by_date_and_appends_only(org):
    client = client_for(org.writer_a1)
    resp = client.post("/api/v1/gd/", {"kind": "departure", "text": "SI Rao left for patrol"}, format="json")
    assert resp.status_code == 201 and resp.json()["number"] == 1
    entry_id = resp.json()["id"]
    assert client.post("/api/v1/gd/", {"kind": "fir_registered", "text": "x"}, format="json").json()["kind"][0]["code"] == "system_kind"
    assert client_for(org.writer_b1).post("/api/v1/gd/", {"kind": "general", "text": "x", "police_station": "28-A-1"},
                                          format="json").status_code == 403
    today = resp.json()["entry_date"]
    assert [e["id"] for e in client.get(f"/api/v1/gd/?date={today}").json()["results"]] == [entry_id]
    assert client.get("/api/v1/gd/?date=2001-01-01").json()["results"] == []
    for method in (client.put, client.patch, client.delete):
        assert method(f"/api/v1/gd/{entry_id}/", {"text": "x"}, format="json").status_code in (404, 405)
    assert GDEntry.objects.get(pk=entry_id).text == "SI Rao left for patrol"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_complaints_api(org, law, officers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(org.writer_a1)
    upload = io.BytesIO(PDF)
    upload.name = "letter.pdf"
    resp = client.post("/api/v1/complaints/", {
        "complainant_name": "Lakshmi", "complainant_phone": "+91 90000 00001", "channel": "post",
        "narrative": "My employer kept my wages", "sections": ["BNS 316"], "attachments": [upload],
    }, format="multipart")
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["number"].startswith("0001/") and body["attachments"][0]["original_name"] == "letter.pdf"
    stored = Complaint.objects.get().attachments.get()
    assert stored.file.name.startswith("complaints/") and "letter" not in stored.file.name
    bad = io.BytesIO(b"MZ\x90\x00 not a pdf")
    bad.name = "evil.pdf"
    resp = client.post("/api/v1/complaints/", {"complainant_name": "X", "narrative": "y", "attachments": [bad]}, format="multipart")
    assert resp.status_code == 400 and resp.json()["attachments.0"][0]["code"] == "CMP-003"
    # related complaints by the same phone
    second = client.post("/api/v1/complaints/", {"complainant_name": "Laxmi", "complainant_phone": "9000000001",
                                                  "narrative": "Wages again"}, format="json").json()
    related = client.get(f"/api/v1/complaints/{second['id']}/related/").json()
    assert related[0]["complaint"]["id"] == body["id"] and related[0]["reasons"] == ["same phone number"]
    # a preliminary enquiry into an offence punishable 3–7 years needs a DSP's permission: 14 days
    sho = client_for(org.sho_a1)
    url = f"/api/v1/complaints/{body['id']}/"
    resp = sho.post(url + "enquiry/", {"officer": "io_a1", "reason": "Verify the wage records"}, format="json")
    assert resp.status_code == 400 and "permitted_by" in resp.json()
    resp = sho.post(url + "enquiry/", {"officer": "io_a1", "reason": "Verify the wage records", "permitted_by": "dsp_a"}, format="json")
    assert resp.status_code == 200, resp.json()
    assert resp.json()["enquiry"]["basis"] == "bnss_173_3"
    enquiry = resp.json()["enquiry"]
    started = datetime.date.fromisoformat(enquiry["started_at"][:10])
    assert (datetime.date.fromisoformat(enquiry["deadline"]) - started).days in (14, 15)
    assert sho.post(url + "extend-enquiry/", {"reason": "more time"}, format="json").status_code == 400
    assert client_for(org.io_a1).post(url + "enquiry-note/", {"text": "Records seen"}, format="json").status_code == 200
    resp = sho.post(url + "close/", {"reason": "Civil dispute over wages; no offence", "communicated_how": "by post"}, format="json")
    assert resp.status_code == 200 and resp.json()["status"] == "closed" and resp.json()["communicated_how"] == "by post"
    assert resp.json()["enquiry"]["concluded_at"]


@no_approval
def test_fir_on_a_complaint_disposes_of_it(org, law):
    client = client_for(org.writer_a1)
    complaint = client.post("/api/v1/complaints/", {"complainant_name": "Ramesh", "narrative": "Phone stolen",
                                                    "complainant_phone": "9876543210"}, format="json").json()
    resp = client.post(FIRS, payload(complaint=complaint["id"]), format="json")
    assert resp.status_code == 201 and resp.json()["complaint"] == complaint["id"]
    done = client.get(f"/api/v1/complaints/{complaint['id']}/").json()
    assert done["status"] == "fir" and done["firs"][0]["id"] == resp.json()["id"]
    again = client.post(FIRS, payload(complaint=complaint["id"]), format="json")
    assert again.status_code == 400 and again.json()["complaint"][0]["message"]
    assert FIR.objects.count() == 1
    other = client_for(org.writer_b1).post(FIRS, payload(complaint=complaint["id"]), format="json")
    assert other.status_code == 400  # another station's complaint does not exist for it


def test_rules_page_lists_the_registry(client, org):
    client.force_login(org.writer_a1)
    resp = client.get(reverse("registration:rules"))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'id="FIR-003"' in html and "BNS s.1(2)" in html and "कम से कम एक अधिनियम" in html
    assert 'id="NCR-003"' in html and 'id="CMP-003"' in html


def test_schema_builds(client, org):
    client.force_login(org.admin)
    resp = client.get("/api/schema/")
    assert resp.status_code == 200 and b"/api/v1/firs/" in resp.content


@with_approval
def test_pending_firs_come_first_in_the_list(org, law, make_fir_data):
    issued = register_fir(None, org.sho_a1, make_fir_data())
    pending = register_fir(None, org.writer_a1, make_fir_data())
    ids = [f["id"] for f in client_for(org.sho_a1).get(FIRS).json()["results"]]
    assert ids == [pending.pk, issued.pk]
    assert client_for(org.sho_a1).get(f"{FIRS}?status=pending_approval").json()["results"][0]["id"] == pending.pk
