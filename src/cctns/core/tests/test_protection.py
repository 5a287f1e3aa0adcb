"""The field-level protection policy (cctns.core.protection): its registry, masking in the API,
pages, PDFs and the person index, and the audit of unmasked reads."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from cctns.audit.constants import Kind
from cctns.audit.models import AuditEntry
from cctns.core import protection
from cctns.documents.tests.utils import pdf_text
from cctns.registration.models import FIR, FIRAccused, FIRVictim
from cctns.registration.protection import sample_child_fir, sample_sensitive_fir
from cctns.registration.services import register_fir

pytestmark = pytest.mark.django_db
no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)


def accesses(obj):
    return AuditEntry.objects.for_object(obj).filter(kind=Kind.ACCESS)


def test_registered_policies_cover_the_fir_parties():
    by_name = {p.name: p for p in protection.policies()}
    assert {"registration.victim", "registration.child_accused", "registration.informant",
            "registration.first_information"} <= set(by_name)
    assert by_name["registration.victim"].model is FIRVictim and "name" in by_name["registration.victim"].fields
    assert by_name["registration.child_accused"].basis == "JJ Act s.74"
    assert {p.model for p in protection.policies_for(FIR)} == {FIR}
    for policy in protection.policies():
        assert policy.sample is not None, f"{policy.label} has no sample for the leak test"


def test_register_refuses_a_field_the_model_does_not_have():
    with pytest.raises(ValueError, match="no field"):
        protection.register(FIRVictim, ["nickname"], when=lambda o: True, may_see=lambda u, o: False, basis="x")


def test_child_accused_is_masked_outside_the_case_in_api_page_and_pdf(org, law, client):
    fir = sample_child_fir("Zqxalpha", org.sho_a1)
    accused = fir.accused.get()
    assert not fir.is_sensitive and protection.protected_fields(accused)
    assert not protection.can_see(org.scrb, accused) and protection.can_see(org.sho_a1, accused)
    assert protection.can_see(org.sp_a, accused) and not protection.can_see(org.sp_b, accused)
    assert protection.value(org.scrb, accused, "name") == protection.PROTECTED
    assert protection.value(org.sho_a1, accused, "name") == "Zqxalpha Childaccused"
    api = APIClient()
    api.force_authenticate(org.scrb)
    body = api.get(f"/api/v1/firs/{fir.pk}/").content.decode()
    assert "Zqxalpha" not in body and "[protected]" in body
    api.force_authenticate(org.sho_a1)
    data = api.get(f"/api/v1/firs/{fir.pk}/").json()
    assert data["accused"][0]["name"] == "Zqxalpha Childaccused" and data["informant_name"] == "Zqxalpha Informant"
    client.force_login(org.scrb)
    page = client.get(f"/registration/firs/{fir.pk}/").content.decode()
    assert "Zqxalpha" not in page and "JJ Act s.74" in page
    pdf = pdf_text(client.get(f"/registration/firs/{fir.pk}/copy/en/").content)
    assert "Zqxalpha" not in pdf and "[protected]" in pdf
    client.force_login(org.sho_a1)
    assert "Zqxalpha Childaccused" in client.get(f"/registration/firs/{fir.pk}/").content.decode()


def test_mask_data_masks_text_nulls_dates_and_keeps_empty_values_empty(org, law):
    fir = sample_sensitive_fir("Zqxbeta", org.sho_a1)
    victim = fir.victims.get()
    row = {"name": "Zqxbeta Victim", "phone": "", "age": 24, "date_of_birth": None, "sex": "F"}
    assert protection.mask_data(org.scrb, victim, dict(row)) == {
        "name": "[protected]", "phone": "", "age": None, "date_of_birth": None, "sex": "F"}
    assert protection.mask_data(org.sho_a1, victim, dict(row)) == row


def test_template_tag_masks_for_the_request_user(org, law):
    fir = sample_child_fir("Zqxgamma", org.sho_a1)
    accused = fir.accused.get()
    template = Template('{% load protection %}{% protected a "name" %}|{% if a|hidden_for:request.user %}hidden{% endif %}')
    request = RequestFactory().get("/")
    request.user = org.ncrb
    out = template.render(Context({"a": accused, "request": request}))
    assert "Zqxgamma" not in out and "[protected]" in out and out.endswith("|hidden")
    request.user = org.io_a1
    assert template.render(Context({"a": accused, "request": request})) == "Zqxgamma Childaccused|"


@no_approval
def test_unmasked_read_of_protected_values_is_audited_once_per_request(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(victims=[{"name": "Young One", "sex": "M", "age": 10}]))
    assert not fir.is_sensitive
    api = APIClient()
    api.force_authenticate(org.sho_a1)
    assert api.get(f"/api/v1/firs/{fir.pk}/").status_code == 200
    entry = accesses(fir).get()
    assert entry.actor == org.sho_a1 and "firvictim.name" in entry.additional_data["protected_fields"]
    assert entry.additional_data["basis"] == ["BNS s.72; POCSO s.23; JJ Act s.74"]
    # an outsider sees the mask: nothing shown, nothing to account for (the FIR is not sensitive)
    api.force_authenticate(org.scrb)
    assert "Young One" not in api.get(f"/api/v1/firs/{fir.pk}/").content.decode()
    assert accesses(fir).count() == 1
    # an ordinary FIR with adults only leaves no access entry
    plain = register_fir(None, org.writer_a1, make_fir_data())
    api.force_authenticate(org.sho_a1)
    api.get(f"/api/v1/firs/{plain.pk}/")
    assert not accesses(plain).exists()


def test_printing_a_copy_with_protected_values_is_audited(org, law, client):
    fir = sample_child_fir("Zqxdelta", org.sho_a1)
    client.force_login(org.sho_a1)
    assert client.get(f"/registration/firs/{fir.pk}/copy/en/").status_code == 200
    assert accesses(fir).filter(reason="FIR copy printed").exists()


def test_past_versions_are_withheld_outside_the_case_when_the_fir_protects_someone(org, law):
    from cctns.registration.services import correct_fir

    fir = sample_child_fir("Zqxepsilon", org.sho_a1)
    correct_fir(fir, org.sho_a1, {"beat": "Beat 7"}, "beat misread")
    api = APIClient()
    api.force_authenticate(org.scrb)
    body = api.get(f"/api/v1/firs/{fir.pk}/versions/").json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    assert rows and all(r["snapshot"] is None for r in rows)
    assert "Zqxepsilon" not in api.get(f"/api/v1/firs/{fir.pk}/versions/").content.decode()
    api.force_authenticate(org.sho_a1)
    body = api.get(f"/api/v1/firs/{fir.pk}/versions/").json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    assert all(r["snapshot"] is not None for r in rows)


def test_child_accused_is_not_a_person_index_result_outside_the_case(org, law, client, django_capture_on_commit_callbacks):
    from cctns.persons.models import Person

    with django_capture_on_commit_callbacks(execute=True):
        sample_child_fir("Zqxzeta", org.sho_a1)
    assert Person.objects.filter(names__text__icontains="Zqxzeta Childaccused").exists()
    assert not Person.objects.for_user(org.scrb).filter(names__text__icontains="Zqxzeta").exists()
    assert Person.objects.for_user(org.sho_a1).filter(names__text__icontains="Zqxzeta Childaccused").exists()
    assert FIRAccused.objects.filter(name="Zqxzeta Childaccused").exists()
