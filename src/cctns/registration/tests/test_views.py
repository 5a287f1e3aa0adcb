"""The registration pages through the Django test client: every page renders, valid posts create
through the services, invalid posts show the registry's coded error next to the field and keep
the input, other stations get 404, other roles 403, and protected identities stay masked."""

import datetime
import html
import io
import re

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from cctns.core.navigation import menu_for
from cctns.core.validation import get_rule
from cctns.registration.constants import ComplaintStatus, FIRStatus, GDKind
from cctns.registration.models import FIR, NCR, Complaint, FIRVersion, GDEntry
from cctns.registration.services import (
    add_gd_entry,
    approve_fir,
    receive_complaint,
    register_fir,
    register_ncr,
    transfer_zero_fir,
)

from .conftest import fir_data, ist

pytestmark = pytest.mark.django_db

no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# --- helpers --------------------------------------------------------------------------------

def local(hours_ago: float) -> str:
    """A datetime-local input value ``hours_ago`` before now (IST)."""
    moment = timezone.localtime() - datetime.timedelta(hours=hours_ago)
    return moment.strftime("%Y-%m-%dT%H:%M")


def formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def fir_post(token: str = "token-1", *, sections=("BNS 303(2)",), victims=None, accused=None, properties=None, **fields) -> dict:
    """A valid IIF-1 form submission (a theft a few hours ago), adjusted by keyword."""
    data = {
        "kind": "regular", "occurrence_from": local(5), "occurrence_to": local(4), "information_received_at": local(1),
        "place_address": "Near the bus stand, Main Road", "beat": "Beat 3", "distance_km": "1.5", "direction_from_ps": "NE",
        "informant_name": "Ramesh Kumar", "informant_relative_name": "Suresh Kumar", "informant_relation": "father",
        "informant_sex": "M", "informant_age": "42", "informant_nationality": "Indian", "informant_phone": "9876543210",
        "informant_id_type": "aadhaar", "informant_id_number": "1234 5678 9012",
        "unknown_accused_count": "0", "narrative": "My motorcycle was stolen from in front of my house.",
        "action_taken": "Case registered.", "idempotency_key": token,
    }
    data.update(fields)
    data.update(formset("sections", [{"ref": s} for s in sections]))
    data.update(formset("victims", victims if victims is not None else [{"name": "Ramesh Kumar", "sex": "M", "age": "42", "nationality": "Indian"}]))
    data.update(formset("accused", accused if accused is not None else [{"known": "0", "sex": "U", "nationality": "Indian", "description": "Two men on a black motorcycle"}]))
    data.update(formset("properties", properties if properties is not None else [{"category": "vehicle", "description": "Motorcycle AP 07 1234", "quantity": "1", "value": "65000"}]))
    return {k: v for k, v in data.items() if v is not None}


def page(response) -> str:
    return response.content.decode()


def field_error(response, name: str) -> list[tuple[str, str]]:
    """``[(code, message)]`` shown next to the field ``name`` (``data-testid="error-<name>"``)."""
    out = []
    for m in re.finditer(rf'<p class="field-error" data-testid="error-{re.escape(name)}"(?: data-code="([^"]*)")?>(.*?)</p>', page(response), re.S):
        text = re.sub(r"<[^>]+>", "", re.sub(r'<span class="rule-code">[^<]*</span>', "", m.group(2)))
        out.append((m.group(1) or "", html.unescape(text).strip()))
    return out


def codes_near(response, name: str) -> set[str]:
    return {code for code, _msg in field_error(response, name)}


def login(client, user):
    client.force_login(user)
    return client


FIRS = "/registration/firs/"
NEW_FIR = "/registration/firs/new/"


def fir_url(fir, action: str = "") -> str:
    return f"{FIRS}{fir.pk}/" + (f"{action}/" if action else "")


def issued_fir(org, law, **overrides):
    """An FIR registered (numbered) by the SHO of PS A1."""
    return register_fir(None, org.sho_a1, fir_data(law, **overrides), now=ist(2025, 7, 11, 10, 0))


# --- navigation -----------------------------------------------------------------------------

def test_menu_offers_each_role_what_it_can_use(org):
    def names(user):
        return {item["name"] for item in menu_for(user)}

    mine = {"registration:complaint_list", "registration:fir_list", "registration:fir_create",
            "registration:ncr_list", "registration:gd"}
    assert mine <= names(org.writer_a1)
    assert mine <= names(org.sho_a1)
    assert names(org.io_a1) & mine == mine - {"registration:fir_create"}
    assert names(org.sp_a) & mine == mine - {"registration:fir_create"}
    assert names(org.scrb) & mine == {"registration:fir_list"}


def test_pages_need_login(client):
    for url in ["/registration/complaints/", NEW_FIR, FIRS, "/registration/ncrs/", "/registration/gd/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- complaints -----------------------------------------------------------------------------

def complaint_post(**fields) -> dict:
    data = {"received_at": local(0.5), "channel": "walk_in", "complainant_name": "Sita Devi", "complainant_sex": "F",
            "complainant_phone": "+91 98765 43210", "narrative": "मेरी बकरी चोरी हो गई। My goat was stolen.",
            "occurrence_date": timezone.localdate().isoformat(), "place_address": "Ward 5"}
    data.update(fields)
    return data


def test_complaint_pages_render(client, org, law):
    login(client, org.writer_a1)
    complaint = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "narrative": "Goat stolen"})
    for url in ["/registration/complaints/", "/registration/complaints/new/", f"/registration/complaints/{complaint.pk}/"]:
        assert client.get(url).status_code == 200, url
    assert complaint.number in page(client.get("/registration/complaints/"))


def test_receive_complaint_creates_and_writes_gd(client, org, law):
    login(client, org.writer_a1)
    response = client.post("/registration/complaints/new/", complaint_post(sections="BNS 303(2)"))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert response["Location"] == f"/registration/complaints/{complaint.pk}/"
    assert complaint.police_station == org.ps_a1 and complaint.complainant_phone_digits == "9876543210"
    assert [str(s) for s in complaint.sections.all()] == ["BNS 303"]
    assert GDEntry.objects.filter(kind=GDKind.COMPLAINT, object_id=complaint.pk).exists()


def test_receive_complaint_invalid_shows_codes_and_keeps_input(client, org):
    login(client, org.writer_a1)
    response = client.post("/registration/complaints/new/", complaint_post(complainant_name="", narrative="  ", complainant_phone="9000011111"))
    assert response.status_code == 400
    assert codes_near(response, "complainant_name") == {"CMP-001"}
    assert codes_near(response, "narrative") == {"CMP-002"}
    assert 'value="9000011111"' in page(response)  # what was typed is kept
    assert not Complaint.objects.exists()


def test_complaint_attachment_refused_by_contents(client, org):
    login(client, org.writer_a1)
    fake = io.BytesIO(b"MZ\x90\x00 not really a pdf")
    fake.name = "letter.pdf"
    response = client.post("/registration/complaints/new/", {**complaint_post(), "attachments": fake})
    assert response.status_code == 400
    assert codes_near(response, "attachments") == {"CMP-003"}


def test_complaint_attachment_kept_and_downloadable(client, org):
    login(client, org.writer_a1)
    pdf = io.BytesIO(b"%PDF-1.4\n%test\n")
    pdf.name = "letter.pdf"
    assert client.post("/registration/complaints/new/", {**complaint_post(), "attachments": pdf}).status_code == 302
    complaint = Complaint.objects.get()
    att = complaint.attachments.get()
    response = client.get(f"/registration/complaints/{complaint.pk}/attachments/{att.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    login(client, org.writer_a2)
    assert client.get(f"/registration/complaints/{complaint.pk}/attachments/{att.pk}/").status_code == 404


def test_complaint_detail_lists_related_earlier_complaints(client, org):
    first = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "complainant_phone": "9876543210", "narrative": "Goat stolen"})
    second = receive_complaint(None, org.writer_a1, {"complainant_name": "S. Devi", "complainant_phone": "09876543210", "narrative": "Again"})
    receive_complaint(None, org.writer_a1, {"complainant_name": "Other Person", "complainant_phone": "9111111111", "narrative": "Unrelated"})
    login(client, org.writer_a1)
    response = client.get(f"/registration/complaints/{second.pk}/")
    related = page(response).split('data-testid="related-complaints"')[1].split("</table>")[0]
    assert first.number in related and "same phone number" in related
    assert "Other Person" not in related


def test_complaint_of_another_station_is_404(client, org):
    complaint = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "narrative": "x"})
    for user in (org.writer_a2, org.sp_b):
        login(client, user)
        assert client.get(f"/registration/complaints/{complaint.pk}/").status_code == 404
    login(client, org.sp_a)
    assert client.get(f"/registration/complaints/{complaint.pk}/").status_code == 200


def test_io_may_not_receive_complaints(client, org):
    login(client, org.io_a1)
    assert client.get("/registration/complaints/new/").status_code == 403
    assert client.post("/registration/complaints/new/", complaint_post()).status_code == 403


def test_sho_starts_enquiry_and_errors_stay_on_the_form(client, org, officers):
    complaint = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "narrative": "x"})
    url = f"/registration/complaints/{complaint.pk}/enquiry/"
    login(client, org.writer_a1)
    assert client.post(url, {"officer": org.io_a1.pk, "reason": "check"}).status_code == 403
    login(client, org.sho_a1)
    response = client.post(url, {"officer": org.io_a1.pk, "reason": ""})
    assert response.status_code == 400
    assert "Record why a preliminary enquiry is needed." in page(response)
    response = client.post(url, {"officer": org.io_a1.pk, "reason": "Whether money was actually taken"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.UNDER_ENQUIRY
    # the enquiry officer adds a note; the SHO extends it
    login(client, org.io_a1)
    assert client.post(f"/registration/complaints/{complaint.pk}/enquiry/note/", {"text": "Spoke to the neighbours."}).status_code == 302
    login(client, org.sho_a1)
    assert client.post(f"/registration/complaints/{complaint.pk}/enquiry/extend/", {"reason": "Witness away"}).status_code == 302
    text = page(client.get(f"/registration/complaints/{complaint.pk}/"))
    assert "Spoke to the neighbours." in text and "Witness away" in text


def test_sho_closes_complaint_with_reasons_and_communication(client, org):
    complaint = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "narrative": "x"})
    login(client, org.sho_a1)
    response = client.post(f"/registration/complaints/{complaint.pk}/close/", {"reason": "", "communicated_how": ""})
    assert response.status_code == 400 and "Record the reasons for closing the complaint." in page(response)
    assert client.post(f"/registration/complaints/{complaint.pk}/close/", {"reason": "Civil dispute", "communicated_how": ""}).status_code == 302
    login(client, org.writer_a1)
    assert client.post(f"/registration/complaints/{complaint.pk}/communicated/", {"how": "By post"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.communicated_how == "By post"


@no_approval
def test_fir_on_a_complaint_is_prefilled_and_disposes_of_it(client, org, law):
    complaint = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "complainant_phone": "9876543210",
                                                       "narrative": "Goat stolen from the shed."}, sections=["BNS 303(2)"])
    login(client, org.writer_a1)
    response = client.get(f"{NEW_FIR}?complaint={complaint.pk}")
    text = page(response)
    assert 'value="Sita Devi"' in text and "Goat stolen from the shed." in text and 'value="BNS 303"' in text
    response = client.post(NEW_FIR, fir_post(complaint=str(complaint.pk)))
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FIR_REGISTERED and complaint.firs.count() == 1


def test_ncr_on_a_complaint_is_prefilled(client, org, law):
    complaint = receive_complaint(None, org.writer_a1, {"complainant_name": "Sita Devi", "narrative": "He slapped me."}, sections=["BNS 115"])
    login(client, org.writer_a1)
    text = page(client.get(f"/registration/ncrs/new/?complaint={complaint.pk}"))
    assert 'value="Sita Devi"' in text and "He slapped me." in text and 'value="BNS 115"' in text


# --- FIR form ---------------------------------------------------------------------------------

def test_fir_form_renders_with_token_formsets_and_suggestions(client, org, law):
    login(client, org.writer_a1)
    text = page(client.get(NEW_FIR))
    token = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', text)
    assert token, "the form carries a fresh idempotency token"
    for prefix in ("sections", "victims", "accused", "properties"):
        assert f'name="{prefix}-TOTAL_FORMS"' in text and f'id="{prefix}-empty"' in text
    assert 'hx-get="/registration/sections/suggest/"' in text and 'list="section-options"' in text
    assert text.count("name=\"idempotency_key\"") == 1
    again = page(client.get(NEW_FIR))
    assert re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', again).group(1) != token.group(1)


def test_writer_submits_fir_for_approval_with_all_parts(client, org, law):
    login(client, org.writer_a1)
    response = client.post(NEW_FIR, fir_post(
        sections=("BNS 303(2)", "BNS 316", ""),
        victims=[{"name": "Ramesh Kumar", "sex": "M", "age": "42"}, {"name": "Kamala", "sex": "F", "age": "38"}],
        accused=[{"known": "1", "name": "Raju", "sex": "M"}, {"known": "0", "description": "Tall, red shirt"}, {"known": "1", "sex": "U", "nationality": "Indian"}],
    ))
    assert response.status_code == 302
    fir = FIR.objects.get()
    assert response["Location"] == fir_url(fir)
    assert fir.status == FIRStatus.PENDING_APPROVAL and fir.number == ""
    assert [str(s) for s in fir.sections.all()] == ["BNS 303(2)", "BNS 316"]
    assert [v.name for v in fir.victims.all()] == ["Ramesh Kumar", "Kamala"]
    assert [(a.code, a.known, a.name) for a in fir.accused.all()] == [("A1", True, "Raju"), ("A2", False, "")]
    assert fir.properties.get().value == 65000
    assert fir.informant_id_number == "XXXXXXXX9012"
    text = page(client.get(fir_url(fir)))
    assert "Pending approval" in text and "Motorcycle AP 07 1234" in text and "IPC 379" in text


def test_submitting_the_same_form_twice_makes_one_fir(client, org, law):
    login(client, org.writer_a1)
    data = fir_post(token="3f2a9c1d5e7b4a60b8c2d4e6f8091a2b")
    first = client.post(NEW_FIR, data)
    second = client.post(NEW_FIR, data, follow=True)
    assert FIR.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "already been submitted" in page(second)
    # a fresh form (new token) makes a second FIR
    assert client.post(NEW_FIR, fir_post(token="another-token")).status_code == 302
    assert FIR.objects.count() == 2


def test_invalid_fir_shows_each_coded_error_next_to_its_field_and_keeps_input(client, org, law):
    login(client, org.writer_a1)
    response = client.post(NEW_FIR, fir_post(
        occurrence_from=local(5), occurrence_to=local(6),  # ends before it began
        sections=("BNS 303(2)", "BNS 9999"),
        victims=[{"name": "Old Man", "sex": "M", "age": "150"}],
        narrative="मेरी मोटरसाइकिल घर के सामने से चोरी हो गई।",
        informant_name="",
    ))
    assert response.status_code == 400
    assert codes_near(response, "occurrence_to") == {"FIR-005"}
    assert codes_near(response, "sections-1-ref") == {"FIR-002"}
    assert codes_near(response, "victims-0-age") == {"FIR-020"}
    assert codes_near(response, "informant_name") == {"FIR-012"}
    assert codes_near(response, "sections-0-ref") == set()
    text = page(response)
    assert "मेरी मोटरसाइकिल घर के सामने से चोरी हो गई।" in text  # nothing typed is lost
    assert 'value="BNS 9999"' in text and 'value="150"' in text and 'value="Motorcycle AP 07 1234"' in text
    assert not FIR.objects.exists()


def test_coded_errors_come_in_the_users_language(client, org, law):
    login(client, org.writer_a1)
    client.cookies["django_language"] = "hi"
    response = client.post(NEW_FIR, fir_post(narrative=""))
    assert response.status_code == 400
    with translation.override("hi"):
        hindi = str(get_rule("FIR-017").message)
    with translation.override("en"):
        english = str(get_rule("FIR-017").message)
    assert hindi != english
    assert ("FIR-017", hindi) in field_error(response, "narrative")


def test_no_sections_error_is_on_the_sections_part(client, org, law):
    login(client, org.writer_a1)
    response = client.post(NEW_FIR, fir_post(sections=("", "")))
    assert response.status_code == 400
    assert codes_near(response, "sections") == {"FIR-001"}


def test_law_by_date_error_suggests_the_corresponding_section(client, org, law):
    login(client, org.writer_a1)
    response = client.post(NEW_FIR, fir_post(sections=("IPC 379",)))
    assert response.status_code == 400
    [(code, message)] = field_error(response, "sections-0-ref")
    assert code == "FIR-003" and "BNS 303(2)" in message


def test_delay_reason_required_after_a_day(client, org, law):
    login(client, org.writer_a1)
    response = client.post(NEW_FIR, fir_post(occurrence_from=local(80), occurrence_to=local(79)))
    assert codes_near(response, "delay_reason") == {"FIR-011"}
    response = client.post(NEW_FIR, fir_post(occurrence_from=local(80), occurrence_to=local(79), delay_reason="Was in hospital"))
    assert response.status_code == 302


def test_every_section_non_cognizable_offers_an_ncr_with_the_particulars(client, org, law):
    login(client, org.writer_a1)
    data = fir_post(sections=("BNS 115(2)",), narrative="He slapped me at the market.")
    response = client.post(NEW_FIR, data)
    assert response.status_code == 400
    assert codes_near(response, "sections") == {"FIR-006"}
    text = page(response)
    assert 'data-testid="ncr-offer"' in text and 'formaction="/registration/ncrs/new/"' in text
    # the offer posts what was typed to the NCR form, which comes back filled in
    response = client.post("/registration/ncrs/new/", {**data, "from_fir": "1"})
    assert response.status_code == 200
    text = page(response)
    assert 'value="Ramesh Kumar"' in text and "He slapped me at the market." in text and 'value="BNS 115(2)"' in text
    assert not NCR.objects.exists()


def test_unknown_cognizability_asks_the_officer_to_confirm(client, org, law):
    login(client, org.writer_a1)
    data = fir_post(sections=("NDPS 20",))
    response = client.post(NEW_FIR, data)
    assert response.status_code == 400
    assert codes_near(response, "cognizability_confirmed") == {"FIR-007"}
    assert 'data-testid="confirm-box"' in page(response)
    response = client.post(NEW_FIR, {**data, "cognizability_confirmed": "on"})
    assert response.status_code == 302
    fir = FIR.objects.get()
    assert fir.cognizability_confirmed_by == org.writer_a1 and fir.cognizability_confirmed_at is not None


def test_a_date_that_does_not_parse_is_shown_with_the_other_errors(client, org, law):
    login(client, org.writer_a1)
    response = client.post(NEW_FIR, fir_post(occurrence_from="31-02-2025 25:99", narrative=""))
    assert response.status_code == 400
    assert codes_near(response, "occurrence_from") == {""}  # Django's "enter a valid date/time", not also FIR-018
    assert codes_near(response, "narrative") == {"FIR-017"}
    assert 'value="31-02-2025 25:99"' in page(response)


def test_add_a_row_without_javascript_keeps_everything(client, org, law):
    login(client, org.writer_a1)
    data = fir_post(narrative="Typed before adding a victim.", informant_name="")
    response = client.post(NEW_FIR, {**data, "add_victims": "1"})
    assert response.status_code == 200
    text = page(response)
    assert 'name="victims-TOTAL_FORMS" value="2"' in text and 'name="victims-1-name"' in text
    assert "Typed before adding a victim." in text
    assert 'class="field-error"' not in text  # nothing was checked yet
    assert not FIR.objects.exists()


@pytest.mark.parametrize("username", ["io_a1", "sp_a", "scrb"])
def test_only_writers_and_shos_register(client, org, law, username):
    login(client, getattr(org, username))
    assert client.get(NEW_FIR).status_code == 403
    assert client.post(NEW_FIR, fir_post()).status_code == 403
    assert not FIR.objects.exists()


@no_approval
def test_sho_registration_issues_a_number_at_once(client, org, law):
    login(client, org.sho_a1)
    response = client.post(NEW_FIR, fir_post(), follow=True)
    fir = FIR.objects.get()
    assert fir.number == f"0001/{timezone.localdate().year}"
    assert f"FIR {fir.number} registered." in page(response)


# --- FIR detail and actions ---------------------------------------------------------------------

def test_fir_detail_scoped_by_jurisdiction(client, org, law):
    fir = issued_fir(org, law)
    for user, status in [(org.writer_a1, 200), (org.io_a1, 200), (org.sp_a, 200), (org.scrb, 200),
                         (org.writer_a2, 404), (org.writer_b1, 404), (org.sp_b, 404)]:
        login(client, user)
        assert client.get(fir_url(fir)).status_code == status, user.username


def test_sho_approves_and_the_fir_gets_its_number(client, org, law):
    login(client, org.writer_a1)
    client.post(NEW_FIR, fir_post())
    fir = FIR.objects.get()
    # the writer sees no approve form and may not approve
    assert 'data-testid="form-approve"' not in page(client.get(fir_url(fir)))
    assert client.post(fir_url(fir, "approve"), {"approve-remarks": ""}).status_code == 403
    login(client, org.sho_a1)
    text = page(client.get(fir_url(fir)))
    assert 'data-testid="form-approve"' in text and 'data-testid="form-return"' in text
    response = client.post(fir_url(fir, "approve"), {"approve-remarks": "Checked."}, follow=True)
    fir.refresh_from_db()
    assert fir.status == FIRStatus.REGISTERED and fir.number == f"0001/{timezone.localdate().year}"
    text = page(response)
    assert f"FIR {fir.number}" in text and 'data-testid="copy-hi"' in text and "Checked." in text
    assert GDEntry.objects.filter(kind=GDKind.FIR_REGISTERED, object_id=fir.pk).exists()
    # another station's SHO cannot even find it
    login(client, org.writer_b1)
    assert client.post(fir_url(fir, "approve"), {}).status_code == 404


def test_return_needs_remarks_then_writer_resubmits_with_a_change(client, org, law):
    login(client, org.writer_a1)
    client.post(NEW_FIR, fir_post())
    fir = FIR.objects.get()
    login(client, org.sho_a1)
    response = client.post(fir_url(fir, "return"), {"return-remarks": ""})
    assert response.status_code == 400
    assert "Say what is to be corrected." in page(response)
    assert client.post(fir_url(fir, "return"), {"return-remarks": "Give the beat."}).status_code == 302
    fir.refresh_from_db()
    assert fir.status == FIRStatus.RETURNED
    login(client, org.writer_a1)
    text = page(client.get(fir_url(fir, "resubmit")))
    assert 'value="Near the bus stand, Main Road"' not in text  # textarea, the value is its content
    assert "Near the bus stand, Main Road" in text and 'name="victims-INITIAL_FORMS" value="1"' in text
    data = fir_post(beat="Beat 7", reason="Beat added")
    data.update({"victims-INITIAL_FORMS": "1", "accused-INITIAL_FORMS": "1", "properties-INITIAL_FORMS": "1"})
    response = client.post(fir_url(fir, "resubmit"), data)
    assert response.status_code == 302, page(response)[:2000]
    fir.refresh_from_db()
    assert fir.status == FIRStatus.PENDING_APPROVAL and fir.beat == "Beat 7"


def test_assign_io(client, org, law):
    fir = issued_fir(org, law)
    login(client, org.sho_a1)
    response = client.post(fir_url(fir, "assign-io"), {"io": ""})
    assert response.status_code == 400 and "Choose the investigating officer." in page(response)
    assert client.post(fir_url(fir, "assign-io"), {"io": org.io_a1.pk}).status_code == 302
    fir.refresh_from_db()
    assert fir.io == org.io_a1


def test_mark_sensitive_needs_a_reason_and_masks_for_those_outside_the_case(client, org, law):
    fir = issued_fir(org, law, victims=[{"name": "Victim Name Here", "sex": "F", "age": 30}])
    login(client, org.sho_a1)
    response = client.post(fir_url(fir, "mark-sensitive"), {"sensitive-reason": ""})
    assert response.status_code == 400 and "Record why the FIR is sensitive." in page(response)
    assert client.post(fir_url(fir, "mark-sensitive"), {"sensitive-reason": "Threat to the witness"}).status_code == 302
    fir.refresh_from_db()
    assert fir.is_sensitive
    # the case's officers see the victim; a state analyst (outside the case) does not
    assert "Victim Name Here" in page(client.get(fir_url(fir)))
    login(client, org.scrb)
    text = page(client.get(fir_url(fir)))
    assert "Victim Name Here" not in text and "Ramesh Kumar" not in text and "My mobile phone was stolen" not in text
    assert 'data-testid="informant-protected"' in text and 'data-testid="narrative-protected"' in text
    assert "Threat to the witness" not in text
    listing = page(client.get(FIRS))
    assert fir.number in listing and "Ramesh Kumar" not in listing and "[protected]" in listing


def test_victim_of_bns_64_never_shown_to_other_stations_lists_or_search(client, org, law):
    fir = issued_fir(org, law, sections=["BNS 64"], victims=[{"name": "Protected Victim", "sex": "F", "age": 24}],
                     narrative="Statement of the victim.")
    assert fir.is_sensitive
    for user in (org.writer_a2, org.writer_b1, org.sp_b, org.scrb):
        login(client, user)
        for url in [FIRS, f"{FIRS}?q=Statement", f"{FIRS}?section=BNS 64", "/registration/gd/", fir_url(fir)]:
            response = client.get(url)
            assert "Protected Victim" not in page(response), (user.username, url)
    login(client, org.scrb)
    assert fir.number not in page(client.get(f"{FIRS}?q=Statement"))  # narrative search hides it


def test_zero_fir_transfer_and_acceptance_with_trail_on_both_sides(client, org, law, officers):
    fir = issued_fir(org, law)
    login(client, org.writer_a1)
    response = client.post(fir_url(fir, "transfer"), {"to_station": "28-B-1", "reason": ""})
    assert response.status_code == 400 and "Give the reason for the transfer." in page(response)
    response = client.post(fir_url(fir, "transfer"), {"to_station": "no such", "reason": "x"})
    assert response.status_code == 400 and 'value="no such"' in page(response)
    assert client.post(fir_url(fir, "transfer"), {"to_station": "28-B-1", "reason": "Occurred in PS B1 limits"}).status_code == 302
    fir.refresh_from_db()
    assert fir.status == FIRStatus.TRANSFERRED
    login(client, org.writer_b1)
    text = page(client.get(fir_url(fir)))
    assert 'data-testid="form-accept"' in text
    response = client.post(fir_url(fir, "accept"), {"accept-remarks": "Received"})
    assert response.status_code == 302
    new = FIR.objects.get(transferred_from=fir)
    assert response["Location"] == fir_url(new) and new.police_station == org.ps_b1
    assert fir.number in page(client.get(fir_url(new)))
    login(client, org.writer_a1)
    trail = page(client.get(fir_url(fir))).split('data-testid="transfer-trail"')[1]
    assert "Accepted and registered" in trail


def test_correction_keeps_a_version_and_needs_a_reason(client, org, law):
    fir = issued_fir(org, law)
    login(client, org.writer_a1)
    assert client.get(fir_url(fir, "correct")).status_code == 403
    login(client, org.sho_a1)
    response = client.get(fir_url(fir, "correct"))
    assert response.status_code == 200 and 'value="BNS 303(2)"' in page(response)
    data = fir_post(
        occurrence_from="2025-07-10T22:00", occurrence_to="2025-07-10T23:30", information_received_at="2025-07-11T09:15",
        narrative="Corrected narrative.", reason="")
    for prefix in ("victims", "accused", "properties"):
        data[f"{prefix}-INITIAL_FORMS"] = "1"
    response = client.post(fir_url(fir, "correct"), data)
    assert response.status_code == 400
    assert "Give the reason for the correction." in page(response) and "Corrected narrative." in page(response)
    response = client.post(fir_url(fir, "correct"), {**data, "reason": "Informant's statement read again"})
    assert response.status_code == 302
    fir.refresh_from_db()
    assert fir.narrative == "Corrected narrative."
    version = FIRVersion.objects.get(fir=fir)
    assert "narrative" in version.changed_fields and version.changed_by == org.sho_a1
    assert "Informant&#x27;s statement read again" in page(client.get(fir_url(fir)))


def test_xss_in_the_narrative_is_inert_on_the_pages(client, org, law):
    fir = issued_fir(org, law, narrative=XSS)
    login(client, org.writer_a1)
    text = page(client.get(fir_url(fir)))
    assert "<script>alert" not in text and "onerror=alert(1)>" not in text
    assert html.escape(XSS) in text or "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


# --- FIR list -----------------------------------------------------------------------------------

def test_fir_list_filters(client, org, law):
    theft = issued_fir(org, law, narrative="Motorcycle stolen near the temple.")
    trust = issued_fir(org, law, sections=["BNS 316"], narrative="Money entrusted was not returned.")
    login(client, org.writer_a1)
    client.post(NEW_FIR, fir_post(token="pending-one"))
    pending = FIR.objects.get(status=FIRStatus.PENDING_APPROVAL)

    def numbers(query):
        text = page(client.get(f"{FIRS}?{query}"))
        return {int(x) for x in re.findall(r'data-fir="(\d+)"', text)}

    assert numbers("") == {theft.pk, trust.pk, pending.pk}
    assert numbers("section=BNS 316") == {trust.pk}
    assert numbers("act=BNS") == {theft.pk, trust.pk, pending.pk}
    assert numbers("status=pending_approval") == {pending.pk}
    assert numbers("q=temple") == {theft.pk}
    assert numbers("police_station=28-A-1") == {theft.pk, trust.pk, pending.pk}
    assert numbers("police_station=28-B") == set()
    today = timezone.localdate()
    assert numbers(f"registered_after={today.isoformat()}") == set()  # the issued ones were registered in 2025
    assert numbers("registered_after=2025-07-01&registered_before=2025-07-31") == {theft.pk, trust.pk}
    text = page(client.get(FIRS))
    assert text.index(f'data-fir="{pending.pk}"') < text.index(f'data-fir="{theft.pk}"')  # pending first


def test_fir_list_query_count_does_not_grow_with_rows(client, org, law, officers, django_assert_max_num_queries):
    """The FIR list page makes the same number of queries for 3 FIRs as for a full page of 25
    (sections, acts, IO, Zero FIR links and masking all come from a fixed set of queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cctns.registration.services import assign_io

    def make(i):
        fir = register_fir(None, org.sho_a1, fir_data(law, narrative=f"Case {i}", sections=["BNS 303(2)", "BNS 316"]),
                           now=ist(2025, 7, 11, 10, i))
        if i % 5 == 0:
            assign_io(fir, org.sho_a1, org.io_a1, now=ist(2025, 7, 11, 11, i))
        return fir

    def queries(user):
        login(client, user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(FIRS)
        assert response.status_code == 200
        return len(ctx.captured_queries), len(re.findall(r'data-fir="\d+"', page(response)))

    users = (org.writer_a1, org.sp_a, org.scrb)
    first = [make(i) for i in range(3)]
    transfer_zero_fir(first[0], org.sho_a1, org.ps_b1, "Jurisdiction", now=ist(2025, 7, 12, 9, 0))
    small = {u.username: queries(u) for u in users}
    for i in range(3, 30):
        last = make(i)
    transfer_zero_fir(last, org.sho_a1, org.ps_b1, "Jurisdiction", now=ist(2025, 7, 12, 9, 5))  # a Zero FIR on page 1 again
    for user in users:
        login(client, user)
        with django_assert_max_num_queries(18):  # session, user, 2FA device, jurisdiction, filter choices, count, rows, prefetches
            client.get(FIRS)
        count, rows = queries(user)
        assert rows == 25 and small[user.username][1] == 3
        assert count == small[user.username][0], user.username


# --- NCR ----------------------------------------------------------------------------------------

def test_ncr_register_list_detail(client, org, law):
    login(client, org.writer_a1)
    assert client.get("/registration/ncrs/new/").status_code == 200
    response = client.post("/registration/ncrs/new/", {"informant_name": "Gopal", "narrative": "Abused at the market",
                                                       "sections": "BNS 303(2)"})
    assert response.status_code == 400
    assert codes_near(response, "sections") == {"NCR-003"}
    assert 'value="Gopal"' in page(response)
    response = client.post("/registration/ncrs/new/", {"informant_name": "", "narrative": "", "sections": "BNS 115(2)"})
    assert codes_near(response, "informant_name") == {"NCR-001"} and codes_near(response, "narrative") == {"NCR-002"}
    response = client.post("/registration/ncrs/new/", {"informant_name": "Gopal", "narrative": "Slapped at the market",
                                                       "sections": "BNS 115(2), BNS 356"})
    assert response.status_code == 302
    ncr = NCR.objects.get()
    assert sorted(str(s) for s in ncr.sections.all()) == ["BNS 115", "BNS 356"]
    assert ncr.number in page(client.get("/registration/ncrs/"))
    assert "Slapped at the market" in page(client.get(f"/registration/ncrs/{ncr.pk}/"))
    login(client, org.writer_b1)
    assert client.get(f"/registration/ncrs/{ncr.pk}/").status_code == 404


def test_ncr_fortnightly_list_and_sent_to_magistrate(client, org, law):
    inside = register_ncr(None, org.writer_a1, {"informant_name": "A", "narrative": "x", "sections": ["BNS 115"]}, now=ist(2025, 7, 3, 10, 0))
    late = register_ncr(None, org.writer_a1, {"informant_name": "B", "narrative": "y"}, now=ist(2025, 7, 16, 0, 5))
    login(client, org.writer_a1)
    response = client.get("/registration/ncrs/fortnightly/?date=2025-07-10")
    text = page(response)
    assert response.status_code == 200 and inside.number in text and late.number not in text
    assert "01-07-2025 – 15-07-2025" in text
    response = client.post("/registration/ncrs/fortnightly/", {"date": "2025-07-10", "police_station": "28-A-1"})
    assert response.status_code == 302
    inside.refresh_from_db()
    late.refresh_from_db()
    assert inside.sent_to_magistrate_at is not None and late.sent_to_magistrate_at is None
    login(client, org.writer_b1)
    assert client.get("/registration/ncrs/fortnightly/?date=2025-07-10&police_station=28-A-1").status_code == 404


# --- General Diary ------------------------------------------------------------------------------

def test_gd_page_by_date_add_entry_and_search(client, org, law):
    add_gd_entry(org.ps_a1, org.writer_a1, GDKind.DEPARTURE, "SI left for patrol", now=ist(2025, 7, 10, 8, 0))
    login(client, org.writer_a1)
    text = page(client.get("/registration/gd/?date=2025-07-10"))
    assert "SI left for patrol" in text and "GD 1 of 10-07-2025" in text
    assert "SI left for patrol" not in page(client.get("/registration/gd/"))  # today by default
    response = client.post("/registration/gd/", {"kind": "arrival", "text": ""})
    assert response.status_code == 400 and "Write the entry." in page(response)
    response = client.post("/registration/gd/", {"kind": "fir_registered", "text": "forged"})
    assert response.status_code == 400 and not GDEntry.objects.filter(text="forged").exists()
    response = client.post("/registration/gd/", {"kind": "arrival", "text": "SI returned from patrol"}, follow=True)
    assert "SI returned from patrol" in page(response)
    assert "SI returned from patrol" in page(client.get("/registration/gd/?q=returned"))
    assert "edit" not in page(client.get("/registration/gd/?q=returned")).lower().split('data-testid="gd-table"')[1]
    # another station sees none of it
    login(client, org.writer_b1)
    assert "SI returned from patrol" not in page(client.get("/registration/gd/?q=returned"))
    assert client.post("/registration/gd/", {"kind": "arrival", "text": "x"}).status_code == 302  # at their own station


def test_gd_add_refused_to_analysts(client, org):
    login(client, org.scrb)
    assert client.get("/registration/gd/").status_code == 200
    assert 'data-testid="gd-form"' not in page(client.get("/registration/gd/"))
    assert client.post("/registration/gd/", {"kind": "arrival", "text": "x"}).status_code == 403


# --- suggestions --------------------------------------------------------------------------------

def test_section_suggestions(client, org, law):
    login(client, org.writer_a1)
    text = page(client.get("/registration/sections/suggest/", {"sections-0-ref": "BNS 303(2)"}))
    assert '<option value="BNS 303">' in text
    text = page(client.get("/registration/sections/suggest/", {"sections-0-ref": "BNS 30"}))
    assert "BNS 303" in text and "IPC" not in text and "BNS 115" not in text
    text = page(client.get("/registration/sections/suggest/", {"q": "theft"}))
    assert "BNS 303" in text and "IPC 379" in text
    assert page(client.get("/registration/sections/suggest/")).strip() == ""


def test_station_suggestions(client, org):
    login(client, org.writer_a1)
    text = page(client.get("/registration/stations/suggest/", {"to_station": "PS B"}))
    assert '<option value="28-B-1">' in text and "28-A-1" not in text


def test_approved_fir_copy_links_only_once_issued(client, org, law):
    login(client, org.writer_a1)
    client.post(NEW_FIR, fir_post())
    fir = FIR.objects.get()
    assert 'data-testid="copy-en"' not in page(client.get(fir_url(fir)))
    assert client.get(fir_url(fir, "copy/en")).status_code == 404
    approve_fir(fir, org.sho_a1)
    assert 'data-testid="copy-en"' in page(client.get(fir_url(fir)))
