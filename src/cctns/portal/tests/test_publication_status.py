"""Publication of FIRs (24 hours, sensitive never, withheld by DSP rank with a reason), the
public search and copy, status tracking by number + mobile, and the 90-day progress notice."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cctns.documents.models import DocumentIssue
from cctns.portal.services import publication as pub
from cctns.portal.services.complaints import file_complaint
from cctns.portal.services.efir import sign_efir, submit_efir
from cctns.portal.services.status import track
from cctns.registration.services import register_fir
from cctns.registration.tests.conftest import fir_data

from .test_efir import efir_data


@pytest.fixture
def fir(org, law):
    return register_fir(org.ps_a1, org.sho_a1, fir_data(law))


def later(fir, hours):
    return fir.registered_at + datetime.timedelta(hours=hours)


@pytest.mark.django_db
def test_published_24_hours_after_registration(fir):
    assert pub.publication_status(fir, later(fir, 23)) == pub.Publication.PENDING
    assert not pub.published_firs(later(fir, 23)).filter(pk=fir.pk).exists()
    assert pub.publication_status(fir, later(fir, 24)) == pub.Publication.PUBLISHED
    assert pub.published_firs(later(fir, 24)).filter(pk=fir.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("section", [{"act": "BNS", "number": "64"}, {"act": "POCSO", "number": "4"}])
def test_rape_and_pocso_firs_are_never_published(org, law, officers, section):
    fir = register_fir(org.ps_a1, org.sho_a1, fir_data(law, sections=[section], recorded_by_woman_officer=True))
    assert pub.publication_status(fir, later(fir, 24 * 365)) == pub.Publication.SENSITIVE
    assert not pub.published_firs(later(fir, 24 * 365)).filter(pk=fir.pk).exists()
    # even if someone cleared the flag by hand, the section keeps it out
    type(fir).objects.filter(pk=fir.pk).update(is_sensitive=False, sensitive_by_sections=False)
    assert not pub.published_firs(later(fir, 24 * 365)).filter(pk=fir.pk).exists()


@pytest.mark.django_db
def test_withheld_only_by_dsp_rank_with_reason_then_released(fir, org, officers):
    with pytest.raises(PermissionDenied):
        pub.withhold_fir(fir, org.sho_a1, "Inspector cannot")  # Inspector
    with pytest.raises(PermissionDenied):
        pub.withhold_fir(fir, org.sp_b, "other district")
    with pytest.raises(ValidationError):
        pub.withhold_fir(fir, officers.dsp_a, "  ")
    row = pub.withhold_fir(fir, officers.dsp_a, "Investigation of an organised gang would be prejudiced.")
    assert row.reason.startswith("Investigation") and row.decided_by == officers.dsp_a
    assert pub.publication_status(fir, later(fir, 48)) == pub.Publication.WITHHELD
    assert not pub.published_firs(later(fir, 48)).filter(pk=fir.pk).exists()
    pub.lift_withholding(fir, org.sp_a, "Accused arrested.")
    assert pub.published_firs(later(fir, 48)).filter(pk=fir.pk).exists()
    assert fir.withholdings.count() == 2  # both decisions on record


@pytest.mark.django_db
def test_public_search_and_copy_with_qr(fir):
    type(fir).objects.filter(pk=fir.pk).update(registered_at=timezone.now() - datetime.timedelta(hours=25))
    fir.refresh_from_db()
    c = Client()
    r = c.get(reverse("portal:fir_search"), {"number": fir.number, "go": "1"})
    assert [f.pk for f in r.context["results"]] == [fir.pk]
    assert "Ramesh" not in r.content.decode()  # no person in the list
    pdf = c.get(reverse("portal:public_fir_copy", args=[fir.national_key]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert DocumentIssue.objects.filter(kind="fir_copy", record_global_id=fir.global_id).exists()


@pytest.mark.django_db
def test_unpublished_copy_is_404(fir):
    assert Client().get(reverse("portal:public_fir_copy", args=[fir.national_key])).status_code == 404


@pytest.mark.django_db
def test_withhold_page_for_the_dsp(fir, officers, org):
    c = Client()
    c.force_login(officers.dsp_a)
    r = c.post(reverse("portal:police_fir_publication", args=[fir.pk]), {"reason": "Sensitive enquiry"})
    assert r.status_code == 302 and pub.current_withholding(fir) is not None
    c.force_login(org.sho_a1)
    assert c.post(reverse("portal:police_fir_publication", args=[fir.pk]), {"reason": "x"}).status_code == 403
    c.force_login(org.writer_b1)
    assert c.get(reverse("portal:police_fir_publication", args=[fir.pk])).status_code == 404


@pytest.mark.django_db
def test_track_by_reference_and_mobile_only(org, law, citizen, other_citizen):
    filing = file_complaint(citizen, org.ps_a1, {"complainant_name": "A", "narrative": "x", "complainant_address": "y"})
    assert track(filing.reference, citizen.mobile).reference == filing.reference
    assert track(filing.reference.lower(), "+91" + citizen.mobile).reference == filing.reference
    assert track(filing.reference, other_citizen.mobile) is None
    assert track("CP-2026-00000000", citizen.mobile) is None
    assert track(filing.reference, "garbage") is None


@pytest.mark.django_db
def test_track_efir_by_fir_number_and_progress_due(org, law, citizen):
    efir = submit_efir(citizen, org.ps_a1, efir_data(), accused_unknown=True)
    fir = sign_efir(efir, org.sho_a1)
    report = track(fir.number, citizen.mobile)
    assert report.kind == "efir" and report.fir == fir
    assert not report.progress_overdue
    report = track(fir.number, citizen.mobile, now=fir.registered_at + datetime.timedelta(days=91))
    assert report.progress_overdue


@pytest.mark.django_db
def test_status_page_same_answer_for_unknown_and_wrong_mobile(org, citizen, other_citizen):
    filing = file_complaint(citizen, org.ps_a1, {"complainant_name": "A", "narrative": "x", "complainant_address": "y"})
    c = Client()
    wrong = c.post(reverse("portal:status"), {"number": filing.reference, "mobile": other_citizen.mobile})
    unknown = c.post(reverse("portal:status"), {"number": "CP-2026-ZZZZZZZZ", "mobile": other_citizen.mobile})
    assert wrong.context["report"] is None and unknown.context["report"] is None
    right = c.post(reverse("portal:status"), {"number": filing.reference, "mobile": citizen.mobile})
    assert right.context["report"].reference == filing.reference


@pytest.mark.django_db
def test_status_page_is_rate_limited(settings, org):
    settings.CCTNS_PORTAL_PUBLIC_RATE = "3/m"
    c = Client()
    codes = [c.post(reverse("portal:status"), {"number": "CP-2026-ZZZZZZZZ", "mobile": "9876543210"}).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.django_db
def test_qr_tokens_cannot_be_forged_or_enumerated(org, citizen):
    from cctns.documents.services import verify_token
    from cctns.portal.documents import issue_acknowledgement

    filing = file_complaint(citizen, org.ps_a1, {"complainant_name": "A", "narrative": "x", "complainant_address": "y"})
    a, _ = issue_acknowledgement(filing, "en")
    b, _ = issue_acknowledgement(filing, "hi")
    assert verify_token(a.token).is_genuine and verify_token(b.token).is_genuine
    token_id, mac = a.token.split(".")
    assert not verify_token(f"{token_id}.{b.token.split('.')[1]}").is_genuine  # another document's MAC
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    assert not verify_token(f"{token_id}.{flipped}").is_genuine
    assert filing.reference not in a.token and len(token_id) == 22
    assert Client().get(reverse("documents:verify", args=[a.token])).status_code == 200
    assert Client().get(reverse("documents:verify", args=[f"{token_id}.{flipped}"])).status_code == 404
