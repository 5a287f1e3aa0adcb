"""IIF-2 Crime Details: coded modus operandi, required parts, revisions kept, photos checked, who may record."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cctns.investigation.models import CaseFile, CrimeDetails
from cctns.investigation.services.crime_details import current_crime_details, record_crime_details
from cctns.investigation.vocabulary import mo_choices, mo_codes, mo_label

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100


def details(**kw):
    data = {"mo_codes": ["TH-SNATCH"], "mo_description": "Pillion rider snatched the phone", "motive": "gain",
            "place_type": "road", "scene_description": "Crowded bus stand, street lights working",
            "physical_evidence": "None found", "panch_witnesses": [{"name": "Mohan Lal", "address": "Ward 4", "age": "45"}]}
    data.update(kw)
    return data


def test_vocabulary_is_loaded_with_hindi_labels():
    codes = mo_codes()
    assert "TH-SNATCH" in codes and len(codes) >= 30
    assert all(c.label_hi for c in codes.values())
    with translation.override("hi"):
        assert mo_label("TH-SNATCH") == codes["TH-SNATCH"].label_hi
        assert dict(mo_choices())["TH-SNATCH"].startswith("TH-SNATCH — ")
    assert mo_label("XX-GONE") == "XX-GONE"


def test_io_records_and_revises_with_a_reason(org, case):
    first = record_crime_details(case, org.io_a1, details(), files=[SimpleUploadedFile("scene.jpg", JPEG)])
    assert first.revision == 1 and first.mo_codes == ["TH-SNATCH"]
    assert CaseFile.objects.get(crime_details=first).kind == "photo"
    with pytest.raises(ValidationError) as exc:
        record_crime_details(case, org.io_a1, details(motive="enmity"))
    assert "reason" in exc.value.message_dict
    second = record_crime_details(case, org.sho_a1, details(motive="enmity"), reason="Accused known to victim")
    assert second.revision == 2
    assert current_crime_details(case) == second
    assert CrimeDetails.objects.get(pk=first.pk).motive == "gain"  # the first revision is kept as it was


def test_bad_input_gets_per_field_errors(org, case):
    with pytest.raises(ValidationError) as exc:
        record_crime_details(case, org.io_a1, details(mo_codes=["NOPE"], place_type="", scene_description="",
                                                      motive="other", panch_witnesses=[{"name": "", "address": "x", "age": "12"}]))
    errors = exc.value.message_dict
    assert {"mo_codes", "place_type", "scene_description", "motive_description", "panch_witnesses.0.name",
            "panch_witnesses.0.age"} <= set(errors)
    assert "NOPE" in errors["mo_codes"][0]
    assert not CrimeDetails.objects.exists()


def test_photo_type_and_size_checked(org, case, settings):
    with pytest.raises(ValidationError) as exc:
        record_crime_details(case, org.io_a1, details(), files=[SimpleUploadedFile("scene.jpg", b"<html>not an image")])
    assert "files" in exc.value.message_dict
    settings.CCTNS_ATTACHMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError):
        record_crime_details(case, org.io_a1, details(), files=[SimpleUploadedFile("scene.jpg", JPEG)])
    assert not CrimeDetails.objects.exists()


def test_only_io_or_sho_records(org, case, officers):
    for user in (org.writer_a1, officers.io_b1, officers.sho_a2, org.sp_a, org.admin):
        with pytest.raises(ValidationError):
            record_crime_details(case, user, details())
    assert not CrimeDetails.objects.exists()


def test_revisions_are_never_overwritten(org, case):
    row = record_crime_details(case, org.io_a1, details())
    row.motive = "dowry"
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        CrimeDetails.objects.filter(pk=row.pk).update(motive="dowry")
