"""e-FIR: enabled offences only, unknown accused only; an FIR only on the informant's signature
within 3 days (BNSS s.173(1)(ii)); alert, reminder SMS, lapse with a reason by the daily job."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cctns.core.alerts import inbox_for
from cctns.core.jobs import jobs, run_job
from cctns.core.models import Alert
from cctns.portal import sms
from cctns.portal.models import EFIR, EFIRStatus
from cctns.portal.services.efir import daily, sign_efir, submit_efir
from cctns.registration.constants import FIRKind, FIRStatus
from cctns.registration.services import approve_fir

from .conftest import citizen_client


def efir_data(**extra):
    now = timezone.now()
    data = {"offence": "vehicle_theft", "informant_name": "Asha Rani", "informant_address": "12 Gandhi Road",
            "informant_sex": "F", "informant_age": 34,
            "occurrence_from": now - datetime.timedelta(hours=5), "occurrence_to": now - datetime.timedelta(hours=4),
            "place_address": "Market parking", "property_description": "Black Honda Activa scooter",
            "property_value": 45000, "vehicle_registration": "ap 07 ab 1234", "narrative": "Parked at 9, gone at 10."}
    data.update(extra)
    return data


@pytest.fixture
def efir(org, law, citizen):
    return submit_efir(citizen, org.ps_a1, efir_data(), accused_unknown=True)


@pytest.mark.django_db
def test_submit_sets_deadline_alert_and_sms(efir, org, citizen):
    assert efir.status == EFIRStatus.SUBMITTED
    assert efir.sign_by - efir.submitted_at == datetime.timedelta(days=3)
    assert efir.vehicle_registration == "AP07AB1234"
    alert = inbox_for(org.writer_a1).get(kind="portal_efir_signature")
    assert alert.due_at == efir.sign_by
    assert sms.outbox[-1]["kind"] == "efir_ack" and efir.reference in sms.outbox[-1]["text"]


@pytest.mark.django_db
def test_only_unknown_accused_and_enabled_offences(org, law, citizen):
    with pytest.raises(ValidationError) as exc:
        submit_efir(citizen, org.ps_a1, efir_data(), accused_unknown=False)
    assert "accused_unknown" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        submit_efir(citizen, org.ps_a1, efir_data(offence="mobile_theft"), accused_unknown=True)
    assert "offence" in exc.value.message_dict
    with override_settings(CCTNS_EFIR_OFFENCES="mobile_theft"):
        submit_efir(citizen, org.ps_a1, efir_data(offence="mobile_theft", vehicle_registration=""), accused_unknown=True)
        with pytest.raises(ValidationError):
            submit_efir(citizen, org.ps_a1, efir_data(), accused_unknown=True)


@pytest.mark.django_db
def test_vehicle_theft_needs_an_identifier_and_no_future(org, law, citizen):
    with pytest.raises(ValidationError) as exc:
        submit_efir(citizen, org.ps_a1, efir_data(vehicle_registration="",
                                                  occurrence_from=timezone.now() + datetime.timedelta(hours=2),
                                                  occurrence_to=None), accused_unknown=True)
    assert {"vehicle_registration", "occurrence_from"} <= set(exc.value.message_dict)


@pytest.mark.django_db
def test_signature_within_three_days_makes_the_fir(efir, org):
    fir = sign_efir(efir, org.sho_a1, now=efir.submitted_at + datetime.timedelta(days=2, hours=23))
    efir.refresh_from_db()
    assert efir.status == EFIRStatus.SIGNED and efir.fir == fir
    assert fir.kind == FIRKind.EFIR and fir.status == FIRStatus.REGISTERED and fir.number
    assert fir.informant_signed_at == efir.signed_at and fir.information_received_at == efir.submitted_at
    assert fir.police_station == org.ps_a1 and fir.unknown_accused_count == 1
    assert "AP07AB1234" in fir.properties.get().description
    assert not Alert.objects.filter(kind="portal_efir_signature", state="open").exists()
    assert sms.outbox[-1]["kind"] == "efir_signed"


@pytest.mark.django_db
def test_signed_before_a_writer_waits_for_the_sho(efir, org):
    fir = sign_efir(efir, org.writer_a1)
    assert fir.status == FIRStatus.PENDING_APPROVAL
    approve_fir(fir, org.sho_a1)
    fir.refresh_from_db()
    assert fir.number


@pytest.mark.django_db
def test_signature_after_three_days_is_refused(efir, org):
    with pytest.raises(ValidationError) as exc:
        sign_efir(efir, org.sho_a1, now=efir.sign_by + datetime.timedelta(minutes=1))
    assert "173(1)(ii)" in str(exc.value)
    efir.refresh_from_db()
    assert efir.status == EFIRStatus.SUBMITTED and efir.fir is None


@pytest.mark.django_db
def test_only_the_station_may_take_the_signature(efir, org):
    with pytest.raises(PermissionDenied):
        sign_efir(efir, org.writer_b1)
    with pytest.raises(PermissionDenied):
        sign_efir(efir, org.sp_a)


@pytest.mark.django_db
def test_daily_job_reminds_then_lapses_with_reason(efir, org):
    assert "portal.efir_daily" in {j.name for j in jobs()}
    sms.outbox.clear()
    assert daily(now=efir.submitted_at + datetime.timedelta(hours=12)) == {"reminded": 0, "lapsed": 0}
    assert daily(now=efir.submitted_at + datetime.timedelta(days=1, hours=12)) == {"reminded": 1, "lapsed": 0}
    assert sms.outbox[-1]["kind"] == "efir_reminder"
    assert daily(now=efir.submitted_at + datetime.timedelta(days=2, hours=12)) == {"reminded": 0, "lapsed": 0}
    assert daily(now=efir.sign_by + datetime.timedelta(hours=1)) == {"reminded": 0, "lapsed": 1}
    efir.refresh_from_db()
    assert efir.status == EFIRStatus.LAPSED and "173(1)(ii)" in efir.lapse_reason and efir.lapsed_at
    assert sms.outbox[-1]["kind"] == "efir_lapsed"
    assert not Alert.objects.filter(kind="portal_efir_signature", state="open").exists()
    with pytest.raises(ValidationError):
        sign_efir(efir, org.sho_a1, now=efir.submitted_at + datetime.timedelta(days=1))
    assert run_job("portal.efir_daily") == {"reminded": 0, "lapsed": 0}


@pytest.mark.django_db
def test_pages_citizen_files_police_signs_citizen_gets_fir_copy(org, law, citizen, client):
    c = citizen_client(client, citizen)
    now = timezone.localtime()
    r = c.post(reverse("portal:efir_new"), {
        "district": org.dist_a.pk, "police_station": org.ps_a1.pk, "offence": "property_theft", "accused_unknown": "on",
        "informant_name": "Asha Rani", "informant_address": "12 Gandhi Road", "informant_sex": "F",
        "occurrence_from": (now - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "place_address": "Bus stand", "property_description": "Bag with papers", "narrative": "Bag taken from the bench."})
    assert r.status_code == 302, r.context["form"].errors
    efir = EFIR.objects.get()
    assert c.get(reverse("portal:application", args=[efir.reference])).context["report"].steps[-1].done is False
    police = client_class_login(org.sho_a1)
    assert police.get(reverse("portal:police_efirs")).status_code == 200
    r = police.post(reverse("portal:police_efir", args=[efir.pk]), {"confirm": "on"})
    assert r.status_code == 302
    efir.refresh_from_db()
    assert efir.fir.number
    report = c.get(reverse("portal:application", args=[efir.reference])).context["report"]
    assert report.fir == efir.fir and report.progress_due == timezone.localtime(efir.fir.registered_at).date() + datetime.timedelta(days=90)
    pdf = c.get(reverse("portal:informant_fir_copy", args=[efir.reference]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # another station's officer cannot open it
    assert client_class_login(org.writer_b1).get(reverse("portal:police_efir", args=[efir.pk])).status_code == 404


def client_class_login(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c
