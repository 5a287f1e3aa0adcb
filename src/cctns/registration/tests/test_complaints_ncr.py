"""Complaints (related complaints, attachments, preliminary enquiry limits, outcomes) and NCRs
(own numbering, fortnightly list for the Magistrate)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from cctns.core.validation import RuleValidationError
from cctns.registration.constants import ComplaintStatus, EnquiryBasis, GDKind
from cctns.registration.models import NCR, Complaint
from cctns.registration.services import (
    add_enquiry_note,
    close_complaint,
    extend_enquiry,
    find_related_complaints,
    fortnight_bounds,
    gd_entries_for,
    ncr_fortnightly_list,
    receive_complaint,
    record_communication,
    register_fir,
    register_ncr,
    start_preliminary_enquiry,
)

from .conftest import ist

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def complaint(org, user=None, now=None, **data):
    base = {"complainant_name": "Lakshmi Devi", "complainant_phone": "+91-90000-00001", "narrative": "Boundary wall broken",
            "place_address": "Ward 4, Gandhi Nagar", "occurrence_date": datetime.date(2026, 3, 1)}
    base.update(data)
    return receive_complaint(None, user or org.writer_a1, base, now=now)


def test_complaint_numbering_and_gd(org):
    first, second = complaint(org), complaint(org)
    other = complaint(org, org.writer_b1)
    assert (first.serial, second.serial, other.serial) == (1, 2, 1)
    assert first.number == f"0001/{first.year}" and first.complainant_phone_digits == "9000000001"
    assert [e.kind for e in gd_entries_for(first)] == [GDKind.COMPLAINT]
    with pytest.raises(PermissionDenied):
        complaint(org, org.io_a1)


def test_related_complaints_by_phone_name_and_incident(org):
    first = complaint(org)
    by_phone = complaint(org, complainant_name="L. Devi", complainant_phone="9000000001", place_address="elsewhere")
    by_name = complaint(org, complainant_name="  LAKSHMI   devi ", complainant_phone="9111111111", place_address="elsewhere")
    by_place = complaint(org, complainant_name="Ravi", complainant_phone="9222222222", place_address="ward 4, gandhi nagar",
                         occurrence_date=datetime.date(2026, 3, 2))
    unrelated = complaint(org, complainant_name="Ravi", complainant_phone="9333333333", place_address="ward 4, gandhi nagar",
                          occurrence_date=datetime.date(2026, 4, 2))
    found = {r["complaint"].pk: r["reasons"] for r in find_related_complaints(first)}
    assert found == {by_phone.pk: ["same phone number"], by_name.pk: ["same complainant name"],
                     by_place.pk: ["same place and date"]}
    assert unrelated.pk not in found
    # within the caller's jurisdiction only
    elsewhere = complaint(org, org.writer_b1)
    assert elsewhere.pk not in {r["complaint"].pk for r in find_related_complaints(first, user=org.sp_a)}
    assert elsewhere.pk in {r["complaint"].pk for r in find_related_complaints(first, user=org.scrb)}


def test_related_complaints_in_devanagari(org):
    first = complaint(org, complainant_name="लक्ष्मी देवी", complainant_phone="")
    second = complaint(org, complainant_name="लक्ष्मी  देवी", complainant_phone="")
    assert [r["complaint"].pk for r in find_related_complaints(first)] == [second.pk]


def test_attachments_checked_by_contents_and_size(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ok = receive_complaint(None, org.writer_a1, {"complainant_name": "A", "narrative": "b", "complainant_phone": "1"},
                           attachments=[SimpleUploadedFile("photo.PNG", PNG)])
    att = ok.attachments.get()
    assert att.content_type == "image/png" and att.file.name.startswith("complaints/") and att.file.name.endswith(".png")
    assert (tmp_path / att.file.name).exists() and att.size == len(PNG) and len(att.sha256) == 64
    with pytest.raises(RuleValidationError) as exc:
        receive_complaint(None, org.writer_a1, {"complainant_name": "A", "narrative": "b"},
                          attachments=[SimpleUploadedFile("script.png", b"<script>alert(1)</script>")])
    assert exc.value.violations[0].code == "CMP-003"
    with override_settings(CCTNS_ATTACHMENT_MAX_BYTES=10), pytest.raises(RuleValidationError) as exc:
        receive_complaint(None, org.writer_a1, {"complainant_name": "A", "narrative": "b"},
                          attachments=[SimpleUploadedFile("big.png", PNG)])
    assert exc.value.violations[0].code == "CMP-004"
    assert Complaint.objects.count() == 1


def test_lalita_kumari_enquiry_15_days_extendable_to_six_weeks(org, law):
    c = complaint(org, now=ist(2026, 3, 2, 9, 0))
    with pytest.raises(PermissionDenied):
        start_preliminary_enquiry(c, org.writer_a1, org.io_a1, "check")
    with pytest.raises(ValidationError):
        start_preliminary_enquiry(c, org.sho_a1, org.writer_b1, "check")  # officer of another station
    enquiry = start_preliminary_enquiry(c, org.sho_a1, org.io_a1, "Is a cognizable offence disclosed?", now=ist(2026, 3, 2, 10, 0))
    assert enquiry.basis == EnquiryBasis.LALITA_KUMARI and enquiry.deadline == datetime.date(2026, 3, 17)
    c.refresh_from_db()
    assert c.status == ComplaintStatus.UNDER_ENQUIRY
    add_enquiry_note(enquiry, org.io_a1, "Visited the site.")
    with pytest.raises(PermissionDenied):
        add_enquiry_note(enquiry, org.writer_b1, "not mine")
    with pytest.raises(ValidationError):
        extend_enquiry(enquiry, org.sho_a1, "")
    enquiry = extend_enquiry(enquiry, org.sho_a1, "Witnesses away")
    assert enquiry.deadline == datetime.date(2026, 4, 13)  # six weeks from the start
    with pytest.raises(ValidationError):
        extend_enquiry(enquiry, org.sho_a1, "again")
    assert [e.kind for e in gd_entries_for(c)] == [GDKind.COMPLAINT, GDKind.ENQUIRY, GDKind.ENQUIRY]
    assert "Witnesses away" in gd_entries_for(c).last().text  # reasons recorded in the GD


def test_bnss_173_3_enquiry_needs_dsp_and_14_days(org, law, officers):
    c = complaint(org)
    c.sections.set([law.bns_316])  # punishable up to 5 years
    with pytest.raises(ValidationError):
        start_preliminary_enquiry(c, org.sho_a1, org.io_a1, "check")
    with pytest.raises(ValidationError):
        start_preliminary_enquiry(c, org.sho_a1, org.io_a1, "check", permitted_by=org.sho_a1)  # an Inspector
    with pytest.raises(ValidationError):
        start_preliminary_enquiry(c, org.sho_a1, org.io_a1, "check", permitted_by=org.sp_b)  # no jurisdiction
    enquiry = start_preliminary_enquiry(c, org.sho_a1, org.io_a1, "check", permitted_by=officers.dsp_a, now=ist(2026, 3, 2, 10, 0))
    assert enquiry.basis == EnquiryBasis.BNSS_173_3 and enquiry.deadline == datetime.date(2026, 3, 16)
    assert enquiry.permitted_by == officers.dsp_a
    with pytest.raises(ValidationError):
        extend_enquiry(enquiry, org.sho_a1, "more time")


def test_no_enquiry_when_a_grave_cognizable_offence_is_disclosed(org, law):
    c = complaint(org)
    c.sections.set([law.bns_103])
    with pytest.raises(ValidationError) as exc:
        start_preliminary_enquiry(c, org.sho_a1, org.io_a1, "check")
    assert "sections" in exc.value.message_dict


def test_close_with_reasons_and_communication(org):
    c = complaint(org)
    with pytest.raises(PermissionDenied):
        close_complaint(c, org.writer_a1, "civil")
    with pytest.raises(ValidationError):
        close_complaint(c, org.sho_a1, "")
    c = close_complaint(c, org.sho_a1, "Civil dispute over a wall; no offence disclosed.")
    assert c.status == ComplaintStatus.CLOSED and c.outcome_by == org.sho_a1 and c.communicated_at is None
    c = record_communication(c, org.writer_a1, "Copy handed over")
    assert c.communicated_how == "Copy handed over"
    with pytest.raises(ValidationError):
        close_complaint(c, org.sho_a1, "again")


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_fir_and_ncr_outcomes(org, law, make_fir_data):
    c1, c2 = complaint(org), complaint(org)
    fir = register_fir(None, org.writer_a1, make_fir_data(), complaint=c1)
    c1.refresh_from_db()
    assert c1.status == ComplaintStatus.FIR_REGISTERED and fir.complaint == c1
    ncr = register_ncr(None, org.writer_a1, {"informant_name": "L", "narrative": "abuse", "sections": ["BNS 356"]}, complaint=c2)
    c2.refresh_from_db()
    assert c2.status == ComplaintStatus.NCR_REGISTERED and ncr.complaint == c2
    assert GDKind.COMPLAINT_OUTCOME in [e.kind for e in gd_entries_for(c2)]
    with pytest.raises(ValidationError):  # already disposed of: nothing is registered
        register_ncr(None, org.writer_a1, {"informant_name": "L", "narrative": "x", "sections": ["BNS 356"]}, complaint=c2)
    assert NCR.objects.count() == 1


def test_ncr_numbering_and_refusal_of_cognizable(org, law):
    data = {"informant_name": "Kamala", "narrative": "Abused", "sections": ["BNS 115"]}
    first, second = register_ncr(None, org.writer_a1, data), register_ncr(None, org.writer_a1, data)
    assert (first.serial, second.serial) == (1, 2) and first.number.startswith("0001/")
    assert [str(s) for s in first.sections.all()] == ["BNS 115"]
    with pytest.raises(RuleValidationError) as exc:
        register_ncr(None, org.writer_a1, {**data, "sections": ["BNS 303"]})
    assert exc.value.violations[0].code == "NCR-003"
    with pytest.raises(PermissionDenied):
        register_ncr(org.ps_a1, org.writer_b1, data)


def test_fortnightly_list_for_the_magistrate(org, law):
    data = {"informant_name": "K", "narrative": "Abused", "sections": ["BNS 356"]}
    first_half = register_ncr(None, org.writer_a1, data, now=ist(2026, 3, 15, 23, 59))
    second_half = register_ncr(None, org.writer_a1, data, now=ist(2026, 3, 16, 0, 0))
    month_end = register_ncr(None, org.writer_a1, data, now=ist(2026, 3, 31, 23, 0))
    register_ncr(None, org.writer_a2, data, now=ist(2026, 3, 20, 10, 0))  # another station
    assert fortnight_bounds(datetime.date(2026, 2, 20)) == (datetime.date(2026, 2, 16), datetime.date(2026, 2, 28))
    assert list(ncr_fortnightly_list(org.ps_a1, datetime.date(2026, 3, 1))) == [first_half]
    assert list(ncr_fortnightly_list(org.ps_a1, datetime.date(2026, 3, 20))) == [second_half, month_end]
