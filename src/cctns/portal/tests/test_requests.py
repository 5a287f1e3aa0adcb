"""Police verification (consent, routing, SLA alert, fee, person index, certificate), permissions
(SHO decides with conditions or reasons), lost-article reports (instant receipt)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cctns.core.alerts import inbox_for
from cctns.core.models import Alert
from cctns.documents.models import DocumentIssue
from cctns.documents.services import verify_token
from cctns.persons import services as person_services
from cctns.portal import sms
from cctns.portal.models import ConsentMethod, LostArticleReport, RequestStatus, VerificationRequest
from cctns.portal.services import requests as svc
from cctns.portal.services.status import track

from .conftest import citizen_client, fake_upload, pdf_upload

SUBJECT = {"kind": "tenant", "subject_name": "Ram Kumar Sharma", "subject_relative_name": "Shyam Sharma",
           "subject_age": 40, "subject_sex": "M", "subject_address": "4 Lake Road", "purpose": "Tenant of my house",
           "subject_mobile": "9000000001"}


def consent_code(mobile):
    return next(m["text"].split()[0] for m in reversed(sms.outbox) if m["mobile"] == mobile and m["kind"] == "otp_consent")


@pytest.mark.django_db
def test_consent_by_upload_routes_to_station_with_sla_alert(org, citizen):
    req = svc.submit_verification(citizen, org.ps_a2, SUBJECT, consent_file=pdf_upload("consent.pdf"))
    assert req.police_station == org.ps_a2 and req.consent_method == ConsentMethod.UPLOAD and req.consent_sha256
    assert req.due_by - req.submitted_at == datetime.timedelta(days=15)
    alert = inbox_for(org.writer_a2).get(kind="portal_verification_due")
    assert alert.due_at == req.due_by and "Ram" not in str(alert.params)
    assert not inbox_for(org.writer_a1).filter(kind="portal_verification_due").exists()


@pytest.mark.django_db
@override_settings(CCTNS_VERIFICATION_SLA_DAYS=7)
def test_sla_is_configurable(org, citizen):
    req = svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=pdf_upload())
    assert req.due_by - req.submitted_at == datetime.timedelta(days=7)


@pytest.mark.django_db
def test_consent_by_otp_to_the_person_verified(org, citizen):
    svc.request_consent_code(citizen, "9000000001")
    code = consent_code("9000000001")
    with pytest.raises(ValidationError) as exc:
        svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_code="000000" if code != "000000" else "111111")
    assert "consent_code" in exc.value.message_dict
    req = svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_code=code)
    assert req.consent_method == ConsentMethod.OTP


@pytest.mark.django_db
def test_consent_is_required_and_a_fake_file_is_refused(org, citizen):
    with pytest.raises(ValidationError) as exc:
        svc.submit_verification(citizen, org.ps_a1, SUBJECT)
    assert "consent_file" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=fake_upload("consent.pdf"))
    assert "consent_file" in exc.value.message_dict
    assert VerificationRequest.objects.count() == 0
    # a character certificate for oneself needs no separate consent
    req = svc.submit_verification(citizen, org.ps_a1, {**SUBJECT, "kind": "character"})
    assert req.consent_method == ConsentMethod.SELF


@pytest.mark.django_db
@override_settings(CCTNS_VERIFICATION_FEES="tenant=100,employee=250")
def test_fee_needs_a_receipt_reference(org, citizen):
    with pytest.raises(ValidationError) as exc:
        svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=pdf_upload())
    assert "fee_receipt_reference" in exc.value.message_dict
    req = svc.submit_verification(citizen, org.ps_a1, {**SUBJECT, "fee_receipt_reference": "GRAS-123"},
                                  consent_file=pdf_upload())
    assert req.fee_amount == 100


@pytest.mark.django_db
def test_enquiry_against_person_index_then_certificate(org, citizen, client):
    person_services.create_person(org.writer_a1, {"name": "Ram Kumar Sharma", "father_name": "Shyam Sharma", "sex": "M"})
    req = svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=pdf_upload())
    records = svc.check_records(req, org.writer_a1)
    assert records and records[0]["name"].startswith("Ram")
    assert svc.check_records(req, org.writer_b1) == []  # another district's officer sees none
    with pytest.raises(PermissionDenied):
        svc.complete_verification(req, org.writer_b1, "clear", "")
    with pytest.raises(ValidationError):
        svc.complete_verification(req, org.writer_a1, "adverse", "")
    req = svc.complete_verification(req, org.writer_a1, "adverse", "Accused in a theft case of 2024.")
    assert req.status == RequestStatus.COMPLETED and req.records_checked
    assert not Alert.objects.filter(kind="portal_verification_due", state="open").exists()
    c = citizen_client(client, citizen)
    pdf = c.get(reverse("portal:certificate_pdf", args=[req.reference]))
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert req.reference in text
    issue = DocumentIssue.objects.get(kind="verification_certificate")
    assert verify_token(issue.token).status == "current" and "Ram" not in str(issue.summary)


@pytest.mark.django_db
def test_no_certificate_before_completion_and_none_for_another_citizen(org, citizen, other_citizen, client):
    req = svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=pdf_upload())
    assert citizen_client(client, citizen).get(reverse("portal:certificate_pdf", args=[req.reference])).status_code == 404
    svc.complete_verification(req, org.writer_a1, "clear", "")
    other = Client()
    citizen_client(other, other_citizen)
    assert other.get(reverse("portal:certificate_pdf", args=[req.reference])).status_code == 404
    assert other.get(reverse("portal:application", args=[req.reference])).status_code == 404
    assert track(req.reference, citizen.mobile).status == str(RequestStatus.COMPLETED.label)
    assert track(req.reference, other_citizen.mobile) is None


@pytest.mark.django_db
def test_police_verification_page(org, citizen):
    req = svc.submit_verification(citizen, org.ps_a1, SUBJECT, consent_file=pdf_upload())
    c = Client()
    c.force_login(org.writer_a1)
    assert c.get(reverse("portal:police_requests")).status_code == 200
    r = c.post(reverse("portal:police_verification", args=[req.pk]), {"result": "clear", "remarks": ""})
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.result == "clear"
    c.force_login(org.writer_b1)
    assert c.get(reverse("portal:police_verification", args=[req.pk])).status_code == 404


def permission_data(**extra):
    start = timezone.now() + datetime.timedelta(days=5)
    return {"kind": "procession", "organiser_name": "Ward committee", "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3), "venue": "Main Road", "route": "Temple to market",
            "description": "Festival procession", **extra}


@pytest.mark.django_db
def test_permission_decided_by_the_sho_with_conditions(org, citizen, client):
    req = svc.submit_permission(citizen, org.ps_a1, permission_data())
    assert inbox_for(org.sho_a1).filter(kind="portal_permission").exists()
    with pytest.raises(PermissionDenied):
        svc.decide_permission(req, org.writer_a1, granted=True)
    with pytest.raises(ValidationError):
        svc.decide_permission(req, org.sho_a1, granted=False, reason="")
    req = svc.decide_permission(req, org.sho_a1, granted=True, conditions="No loudspeaker after 10 pm.")
    assert req.status == RequestStatus.GRANTED
    pdf = citizen_client(client, citizen).get(reverse("portal:certificate_pdf", args=[req.reference]))
    assert pdf.status_code == 200 and DocumentIssue.objects.filter(kind="noc").exists()
    assert "10 pm" in track(req.reference, citizen.mobile).note


@pytest.mark.django_db
def test_permission_refused_has_no_letter(org, citizen, client):
    req = svc.submit_permission(citizen, org.ps_a1, permission_data())
    svc.decide_permission(req, org.sho_a1, granted=False, reason="Exams in the area that week.")
    assert citizen_client(client, citizen).get(reverse("portal:certificate_pdf", args=[req.reference])).status_code == 404


@pytest.mark.django_db
def test_permission_in_the_past_is_refused(org, citizen):
    with pytest.raises(ValidationError) as exc:
        svc.submit_permission(citizen, org.ps_a1, permission_data(starts_at=timezone.now() - datetime.timedelta(hours=1)))
    assert "starts_at" in exc.value.message_dict


@pytest.mark.django_db
def test_lost_article_receipt_at_once_and_listed_for_police(org, citizen, client):
    c = citizen_client(client, citizen)
    r = c.post(reverse("portal:lost_new"), {
        "district": org.dist_a.pk, "police_station": org.ps_a1.pk, "category": "document",
        "description": "PAN card", "identifier": "abcde 1234 f", "lost_on": timezone.localdate().isoformat(),
        "lost_place": "Bus no. 12", "reporter_name": "Asha Rani", "reporter_address": "12 Gandhi Road"})
    assert r.status_code == 302
    rep = LostArticleReport.objects.get()
    assert rep.identifier == "ABCDE1234F"
    pdf = c.get(reverse("portal:certificate_pdf", args=[rep.reference]))
    assert pdf.status_code == 200 and DocumentIssue.objects.filter(kind="lost_article_report").exists()
    police = Client()
    police.force_login(org.writer_a1)
    assert rep.reference in police.get(reverse("portal:police_requests")).content.decode()
    police.force_login(org.writer_b1)
    assert rep.reference not in police.get(reverse("portal:police_requests")).content.decode()


@pytest.mark.django_db
def test_lost_in_the_future_is_refused(org, citizen):
    with pytest.raises(ValidationError):
        svc.report_lost_article(citizen, org.ps_a1, {"category": "other", "description": "bag", "lost_place": "x",
                                                     "lost_on": timezone.localdate() + datetime.timedelta(days=2),
                                                     "reporter_name": "A", "reporter_address": "B"})


@pytest.mark.django_db
def test_nearest_station_by_coordinates_and_by_place(org):
    from decimal import Decimal

    org.ps_a1.latitude, org.ps_a1.longitude = Decimal("16.300000"), Decimal("80.450000")
    org.ps_a1.save()
    org.ps_b1.latitude, org.ps_b1.longitude = Decimal("17.400000"), Decimal("78.480000")
    org.ps_b1.save()
    r = Client().get(reverse("portal:nearest_station"), {"latitude": "16.31", "longitude": "80.44", "go": "1"})
    rows = r.context["by_distance"]
    assert rows[0][0] == org.ps_a1 and rows[0][1] < 2
    r = Client().get(reverse("portal:nearest_station"), {"district": org.dist_b.pk, "go": "1"})
    assert r.context["stations"] == [org.ps_b1]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "hi"])
def test_blank_consent_form_downloads(language, client):
    client.cookies["django_language"] = language
    r = client.get(reverse("portal:blank_form", args=["consent"]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert client.get(reverse("portal:blank_form", args=["nothing"])).status_code == 404
