"""Vehicle NOC against the property register (clean → NOC with QR; hit → no NOC, alerts), the
lost-article report entered in the property register, and the public vehicle searches."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cctns.core.alerts import inbox_for
from cctns.documents.models import DocumentIssue
from cctns.portal.models import NOCStatus
from cctns.portal.services import requests as svc
from cctns.portal.services.status import track
from cctns.property.constants import PropertyState
from cctns.property.models import MobilePhone, OtherProperty, Vehicle
from cctns.property.services import register_item

from .conftest import citizen_client


@pytest.fixture
def stolen(org):
    """A motorcycle reported stolen at PS B1 (another district than the applicant's station)."""
    return register_item(Vehicle(state=PropertyState.STOLEN, registration_number="AP 09 BX 4521",
                                 chassis_number="MBLHA10AMGHB12345", engine_number="HA10EFGHB54321",
                                 make="Hero", model="Splendor", colour="Black", owner_name="Secret Owner"), by=org.writer_b1)


@pytest.mark.django_db
def test_clean_vehicle_gets_a_noc_at_once(org, citizen, client, stolen):
    noc = svc.apply_vehicle_noc(citizen, org.ps_a1, {"registration_number": "ap 07 cd 9999", "purpose": "Sale"})
    assert noc.status == NOCStatus.CLEAN and noc.hits == []
    r = citizen_client(client, citizen).get(reverse("portal:certificate_pdf", args=[noc.reference]))
    assert r.status_code == 200
    issue = DocumentIssue.objects.get(kind="noc")
    assert issue.summary["reference"] == noc.reference


@pytest.mark.django_db
@pytest.mark.parametrize("numbers", [{"registration_number": "AP09BX4521"}, {"chassis_number": "MBLHA10AMGHB12345"},
                                     {"engine_number": "HA10EFGHB54321"},
                                     {"registration_number": "AP01ZZ0001", "chassis_number": "mblha10amghb12345"}])
def test_stolen_vehicle_hits_by_any_number_no_noc_and_alerts(org, citizen, client, stolen, numbers):
    noc = svc.apply_vehicle_noc(citizen, org.ps_a1, {**numbers, "purpose": "Sale"})
    assert noc.status == NOCStatus.HIT and noc.hits
    assert inbox_for(org.writer_b1).filter(kind="portal_noc_hit").exists()  # the reporting station
    assert inbox_for(org.writer_a1).filter(kind="portal_noc_hit").exists()  # the chosen station
    c = citizen_client(client, citizen)
    assert c.get(reverse("portal:certificate_pdf", args=[noc.reference])).status_code == 404
    page = c.get(reverse("portal:application", args=[noc.reference])).content.decode()
    assert "cannot be issued online" in page and "Secret Owner" not in page and "PS B1" not in page
    assert track(noc.reference, citizen.mobile).kind == "noc"


@pytest.mark.django_db
def test_noc_needs_a_number(org, citizen):
    with pytest.raises(ValidationError) as exc:
        svc.apply_vehicle_noc(citizen, org.ps_a1, {"purpose": "Sale"})
    assert "registration_number" in exc.value.message_dict


@pytest.mark.django_db
def test_lost_article_enters_the_property_register(org, citizen):
    rep = svc.report_lost_article(citizen, org.ps_a1, {
        "category": "document", "description": "PAN card", "identifier": "ABCDE1234F", "lost_on": timezone.localdate(),
        "lost_place": "Bus", "reporter_name": "Asha", "reporter_address": "12 Road"})
    item = OtherProperty.objects.get(global_id=rep.property_item)
    assert item.state == PropertyState.LOST and item.police_station == org.ps_a1 and item.owner_mobile == citizen.mobile
    phone = svc.report_lost_article(citizen, org.ps_a1, {
        "category": "mobile", "description": "Redmi", "identifier": "490154203237518", "lost_on": timezone.localdate(),
        "lost_place": "Bus", "reporter_name": "Asha", "reporter_address": "12 Road"})
    assert MobilePhone.objects.get(global_id=phone.property_item).imei.endswith("7518")


@pytest.mark.django_db
def test_lost_phone_with_a_bad_imei_is_refused_on_the_field(org, citizen):
    with pytest.raises(ValidationError) as exc:
        svc.report_lost_article(citizen, org.ps_a1, {
            "category": "mobile", "description": "Redmi", "identifier": "490154203237519",
            "lost_on": timezone.localdate() - datetime.timedelta(days=1), "lost_place": "Bus",
            "reporter_name": "Asha", "reporter_address": "12 Road"})
    assert "identifier" in exc.value.message_dict


@pytest.mark.django_db
def test_public_vehicle_search_shows_no_owner_or_chassis(org, stolen):
    r = Client().get(reverse("portal:vehicle_search"), {"which": "stolen", "registration_number": "AP09BX4521", "go": "1"})
    assert [row["registration_number"] for row in r.context["rows"]] == ["AP 09 BX 4521"]
    html = r.content.decode()
    assert "Secret Owner" not in html and "MBLHA10AMGHB12345" not in html
    r = Client().get(reverse("portal:vehicle_search"), {"which": "recovered", "go": "1"})
    assert r.context["rows"] == []


@pytest.mark.django_db
def test_proclaimed_offenders_public_list_hides_children_and_protected(org):
    from cctns.persons import services as person_services

    adult = person_services.create_person(org.writer_a1, {
        "name": "Kalu Ram", "father_name": "Bhola Ram", "sex": "M", "is_proclaimed_offender": True,
        "proclamation_court": "CJM Guntur", "proclamation_reference": "PO 12/2025", "proclamation_date": datetime.date(2025, 3, 1)})
    child = person_services.create_person(org.writer_a1, {
        "name": "Kalu Chhota", "sex": "M", "is_proclaimed_offender": True, "age_min": 15, "age_max": 16,
        "proclamation_reference": "PO 13/2025", "proclamation_court": "JJB Guntur"})
    person_services.create_person(org.writer_a1, {"name": "Kalu Not Proclaimed", "sex": "M"})
    r = Client().get(reverse("portal:proclaimed_offenders"), {"name": "kalu", "go": "1"})
    names = [row["name"] for row in r.context["rows"]]
    assert names == ["Kalu Ram"]
    assert "CJM Guntur" in r.content.decode()
    assert not {"address", "phones", "documents"} & set(r.context["rows"][0])
    assert "JJB Guntur" not in r.content.decode() and child.pk != adult.pk
