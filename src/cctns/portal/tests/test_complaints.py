"""Complaints filed online: received at the chosen station through the registration service,
attachments checked by content and size, acknowledgement PDF with a QR, IDOR probes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from cctns.core.alerts import inbox_for
from cctns.core.models import Alert
from cctns.documents.models import DocumentIssue
from cctns.documents.services import verify_token
from cctns.portal.models import ComplaintFiling
from cctns.portal.services.complaints import file_complaint
from cctns.portal.services.stations import suggest_stations
from cctns.registration.constants import Channel, ComplaintStatus
from cctns.registration.models import Complaint
from cctns.registration.services import close_complaint

from .conftest import PNG_BYTES, citizen_client, fake_upload, pdf_upload

DATA = {"complainant_name": "Asha Rani", "complainant_address": "12 Gandhi Road", "narrative": "My neighbour threatens me.",
        "subject": "Threats"}


def post_data(org, **extra):
    return {"district": org.dist_a.pk, "place": "", "police_station": org.ps_a1.pk, "complainant_sex": "F",
            "complainant_name": "Asha Rani", "complainant_address": "12 Gandhi Road",
            "narrative": "My neighbour threatens me.", **extra}


@pytest.mark.django_db
def test_filed_complaint_reaches_the_station_inbox(org, citizen):
    filing = file_complaint(citizen, org.ps_a1, DATA, attachments=[pdf_upload()])
    complaint = filing.complaint
    assert complaint.police_station == org.ps_a1 and complaint.channel == Channel.PORTAL
    assert complaint.complainant_phone == citizen.mobile and complaint.number.endswith("/" + str(complaint.year))
    assert complaint.attachments.get().content_type == "application/pdf"
    assert Complaint.objects.for_user(org.writer_a1).filter(pk=complaint.pk).exists()
    assert not Complaint.objects.for_user(org.writer_b1).filter(pk=complaint.pk).exists()
    assert inbox_for(org.writer_a1).filter(kind="portal_complaint").count() == 1
    assert inbox_for(org.writer_b1).count() == 0
    assert filing.reference.startswith("CP-") and len(filing.reference) == 16


@pytest.mark.django_db
def test_attachment_type_is_judged_by_content_not_name(org, citizen):
    from cctns.core.validation import RuleValidationError

    with pytest.raises(RuleValidationError) as exc:
        file_complaint(citizen, org.ps_a1, DATA, attachments=[fake_upload("photo.jpg")])
    assert [v.code for v in exc.value.violations] == ["CMP-003"]
    assert ComplaintFiling.objects.count() == 0 and Complaint.objects.count() == 0
    png = SimpleUploadedFile("scan.pdf", PNG_BYTES, content_type="application/pdf")  # a PNG named .pdf
    filing = file_complaint(citizen, org.ps_a1, DATA, attachments=[png])
    att = filing.complaint.attachments.get()
    assert att.content_type == "image/png" and att.file.name.endswith(".png")


@pytest.mark.django_db
@override_settings(CCTNS_ATTACHMENT_MAX_BYTES=100)
def test_attachment_size_is_checked(org, citizen):
    from cctns.core.validation import RuleValidationError

    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 200, content_type="application/pdf")
    with pytest.raises(RuleValidationError) as exc:
        file_complaint(citizen, org.ps_a1, DATA, attachments=[big])
    assert [v.code for v in exc.value.violations] == ["CMP-004"]


@pytest.mark.django_db
def test_attachments_are_stored_outside_the_web_root(org, citizen, settings, client):
    filing = file_complaint(citizen, org.ps_a1, DATA, attachments=[pdf_upload()])
    att = filing.complaint.attachments.get()
    path = att.file.path
    assert path.startswith(str(settings.MEDIA_ROOT)) and not path.startswith(str(settings.STATIC_ROOT or "/nonexistent"))
    assert client.get(settings.MEDIA_URL + att.file.name).status_code == 404


@pytest.mark.django_db
def test_complaint_page_flow_with_ack_pdf_and_qr(org, cclient):
    r = cclient.post(reverse("portal:complaint_new"), {**post_data(org), "attachments": [pdf_upload()]})
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    filing = ComplaintFiling.objects.get()
    assert r.url == reverse("portal:application", args=[filing.reference])
    page = cclient.get(r.url)
    assert filing.reference in page.content.decode() and page.context["report"].status == "Received"
    pdf = cclient.get(reverse("portal:acknowledgement_pdf", args=[filing.reference]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert filing.reference in text
    issue = DocumentIssue.objects.get(kind="complaint_acknowledgement")
    result = verify_token(issue.token)
    assert result.status == "current" and "Asha" not in str(issue.summary)


@pytest.mark.django_db
def test_bad_attachment_error_is_on_the_field_and_nothing_is_lost(org, cclient):
    r = cclient.post(reverse("portal:complaint_new"), {**post_data(org), "attachments": [fake_upload()]})
    assert r.status_code == 200
    assert "attachments" in r.context["form"].errors
    assert "My neighbour threatens me." in r.content.decode()


@pytest.mark.django_db
def test_station_suggestion_without_javascript(org, cclient):
    org.ps_a2.name = "Kothapet PS"
    org.ps_a2.save()
    r = cclient.post(reverse("portal:complaint_new"), {**post_data(org, police_station=""), "place": "kothapet", "suggest": "1"})
    assert r.status_code == 200 and ComplaintFiling.objects.count() == 0
    assert r.context["form"].suggested[0] == org.ps_a2
    assert suggest_stations(org.dist_a, "Kothapet")[0] == org.ps_a2
    assert org.ps_b1 not in suggest_stations(org.dist_a, "")


@pytest.mark.django_db
def test_status_follows_the_station_decision(org, citizen, cclient):
    filing = file_complaint(citizen, org.ps_a1, DATA)
    close_complaint(filing.complaint, org.sho_a1, "Civil dispute; advised to approach the civil court.")
    r = cclient.get(reverse("portal:application", args=[filing.reference]))
    report = r.context["report"]
    assert report.status == str(ComplaintStatus.CLOSED.label)
    assert "civil court" in report.note


@pytest.mark.django_db
def test_idor_another_citizen_gets_404(org, citizen, other_citizen, client):
    filing = file_complaint(citizen, org.ps_a1, DATA)
    other = citizen_client(client, other_citizen)
    for name in ("portal:application", "portal:acknowledgement_pdf", "portal:informant_fir_copy"):
        assert other.get(reverse(name, args=[filing.reference])).status_code == 404
    assert filing.reference not in other.get(reverse("portal:my")).content.decode()


@pytest.mark.django_db
def test_idor_anonymous_is_sent_to_sign_in(org, citizen, client):
    filing = file_complaint(citizen, org.ps_a1, DATA)
    r = client.get(reverse("portal:application", args=[filing.reference]))
    assert r.status_code == 302 and r.url.startswith(reverse("portal:login"))


@pytest.mark.django_db
def test_police_of_the_station_see_the_alert_link(org, citizen):
    filing = file_complaint(citizen, org.ps_a1, DATA)
    alert = Alert.objects.get(kind="portal_complaint")
    assert alert.url == reverse("registration:complaint_detail", kwargs={"pk": filing.complaint.pk})
    assert "Asha" not in str(alert.params)


@pytest.mark.django_db
def test_alert_closes_once_the_station_acts(org, citizen):
    from cctns.core.jobs import run_job

    filing = file_complaint(citizen, org.ps_a1, DATA)
    other = file_complaint(citizen, org.ps_a1, DATA)
    assert run_job("portal.complaint_alerts") == 0
    close_complaint(filing.complaint, org.sho_a1, "No offence disclosed.")
    assert run_job("portal.complaint_alerts") == 1
    assert Alert.objects.get(key=f"portal:complaint:{filing.global_id}").state == "closed"
    assert Alert.objects.get(key=f"portal:complaint:{other.global_id}").state == "open"
