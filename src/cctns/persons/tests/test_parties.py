"""FIR parties join the person index by themselves after the FIR commits, follow its corrections,
and stay protected; the outbox sweep catches up on what a lost task missed."""

from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from rest_framework.test import APIClient

from cctns.persons import parties, services
from cctns.persons.constants import PersonRoleKind
from cctns.persons.models import OutboxCursor, Person, PersonRole
from cctns.persons.services import SearchQuery, search_persons
from cctns.registration.models import FIR
from cctns.registration.services import correct_fir, register_fir

from .conftest import ON

pytestmark = pytest.mark.django_db
no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)


def roles_of(fir):
    return {r.source: r for r in PersonRole.objects.filter(fir_global_id=fir.global_id).select_related("person")}


def register(org, make_fir_data, capture, **overrides):
    with capture(execute=True):
        return register_fir(None, org.writer_a1, make_fir_data(**overrides))


THEFT_PARTIES = {"accused": [{"name": "Raju Naik", "sex": "M", "age": 30, "alias": "Babloo"},
                             {"known": False, "description": "tall"}]}


@no_approval
def test_registering_an_fir_makes_its_parties_persons_after_the_commit(org, law, make_fir_data,
                                                                      django_capture_on_commit_callbacks):
    with mock.patch("cctns.core.jobs.enqueue", wraps=__import__("cctns.core.jobs", fromlist=["x"]).enqueue) as queued:
        fir = register(org, make_fir_data, django_capture_on_commit_callbacks, **THEFT_PARTIES)
    queued.assert_called_once_with(parties.TASK, fir.pk)
    roles = roles_of(fir)
    assert set(roles) == {"informant", "victim:#1", "accused:A1"}  # the unknown accused makes no person
    informant, victim, accused = (roles[k].person for k in ("informant", "victim:#1", "accused:A1"))
    assert informant == victim  # Ramesh Kumar reports the theft of his own phone
    assert informant.unit == fir.police_station and informant.father_name == "Suresh Kumar"
    assert informant.documents.get().masked == "XXXXXXXX9012"
    assert {"Raju Naik", "Babloo"} <= set(accused.names.values_list("text", flat=True))
    assert accused.age_min == 30 and roles["accused:A1"].fir == fir
    # and the officer finds them by search, in another script
    hits = search_persons(org.writer_a1, SearchQuery(name="राजू नाइक", on=ON)).hits
    assert accused.pk in [h.person.pk for h in hits]


@no_approval
def test_fir_api_registration_links_parties(org, law, make_fir_data, django_capture_on_commit_callbacks):
    from cctns.registration.tests.test_api import payload

    client = APIClient()
    client.force_authenticate(org.writer_a1)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/api/v1/firs/", payload(), format="json")
    assert resp.status_code == 201, resp.json()
    fir = FIR.objects.get(pk=resp.json()["id"])
    assert set(roles_of(fir)) == {"informant", "victim:#1", "accused:A1"}


@no_approval
def test_one_queued_sync_per_fir_per_transaction(org, law, make_fir_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            fir = register_fir(None, org.writer_a1, make_fir_data())
            fir.save()
            fir.save()
    assert len([c for c in callbacks if getattr(c, "cctns_fir_pk", None) == fir.pk]) == 1


@no_approval
def test_a_failed_enqueue_leaves_the_fir_registered_and_the_outbox_catches_up(org, law, make_fir_data,
                                                                              django_capture_on_commit_callbacks):
    parties.sync_recent()  # the cursor starts after whatever the fixtures wrote
    with mock.patch("cctns.core.jobs.enqueue", side_effect=RuntimeError("broker down")):
        fir = register(org, make_fir_data, django_capture_on_commit_callbacks)
    assert FIR.objects.filter(pk=fir.pk).exists() and not roles_of(fir)
    done = parties.sync_recent()
    assert done["firs"] == 1 and set(roles_of(fir)) == {"informant", "victim:#1"}
    cursor = OutboxCursor.objects.get(consumer=parties.OUTBOX_CONSUMER)
    assert cursor.last_event_id > 0
    assert parties.sync_recent() == {"events": 0, "firs": 0, "roles": 0}


@no_approval
def test_sync_is_idempotent(org, law, make_fir_data, django_capture_on_commit_callbacks):
    fir = register(org, make_fir_data, django_capture_on_commit_callbacks, **THEFT_PARTIES)
    versions = dict(Person.objects.values_list("pk", "version"))
    services.persons_from_fir(fir)
    services.persons_from_fir(fir)
    assert dict(Person.objects.values_list("pk", "version")) == versions
    assert PersonRole.objects.count() == 3


@no_approval
def test_a_correction_changes_the_person_made_from_the_party(org, law, make_fir_data,
                                                             django_capture_on_commit_callbacks):
    fir = register(org, make_fir_data, django_capture_on_commit_callbacks,
                   accused=[{"name": "Raju Naek", "sex": "M", "age": 30}])
    accused = roles_of(fir)["accused:A1"].person
    version = accused.version
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"accused": [{"code": "A1", "name": "Raju Naik", "sex": "M", "age": 31,
                                                   "relative_name": "Bhima Naik", "relation": "father"}]},
                    "accused's name misspelt")
    role = roles_of(fir)["accused:A1"]
    accused.refresh_from_db()
    assert role.person == accused and Person.objects.filter(name__startswith="Raju").count() == 1
    assert accused.name == "Raju Naik" and accused.father_name == "Bhima Naik" and accused.age_min == 31
    assert accused.version > version  # a new version, never a silent overwrite
    assert accused.names.get(kind="primary").text == "Raju Naik"
    assert accused.name_latin == "raju naik"


@no_approval
def test_a_removed_party_is_withdrawn_not_deleted_and_returns(org, law, make_fir_data,
                                                             django_capture_on_commit_callbacks):
    fir = register(org, make_fir_data, django_capture_on_commit_callbacks,
                   accused=[{"name": "Raju Naik", "sex": "M"}, {"name": "Mohan Lal", "sex": "M"}])
    mohan = roles_of(fir)["accused:A2"].person
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"accused": [{"code": "A1", "name": "Raju Naik", "sex": "M"}]},
                    "Mohan Lal was named by mistake")
    role = roles_of(fir)["accused:A2"]
    assert role.withdrawn_at is not None and role.person == mohan
    query = SearchQuery(name="Mohan Lal", role=PersonRoleKind.ACCUSED, on=ON)
    assert mohan.pk not in [h.person.pk for h in search_persons(org.writer_a1, query).hits]
    assert mohan.pk in [h.person.pk for h in search_persons(org.writer_a1, SearchQuery(name="Mohan Lal", on=ON)).hits]
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"accused": [{"code": "A1", "name": "Raju Naik", "sex": "M"},
                                                  {"code": "A2", "name": "Mohan Lal", "sex": "M"}]}, "he was named")
    assert roles_of(fir)["accused:A2"].withdrawn_at is None
    assert mohan.pk in [h.person.pk for h in search_persons(org.writer_a1, query).hits]


@no_approval
def test_a_person_of_several_firs_is_not_rewritten_by_one_correction(org, law, make_fir_data,
                                                                     django_capture_on_commit_callbacks):
    first = register(org, make_fir_data, django_capture_on_commit_callbacks, victims=[])
    second = register(org, make_fir_data, django_capture_on_commit_callbacks, victims=[])
    ramesh = roles_of(first)["informant"].person
    assert roles_of(second)["informant"].person == ramesh  # the same Aadhaar: a certain match
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(second, org.sho_a1, {"informant_occupation": "Farmer"}, "occupation left out")
    ramesh.refresh_from_db()
    assert ramesh.occupation == "" and roles_of(second)["informant"].person == ramesh  # the name still agrees
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(second, org.sho_a1, {"informant_name": "Venkata Subbaiah", "informant_id_type": "",
                                         "informant_id_number": ""}, "another informant")
    moved = roles_of(second)["informant"]
    assert moved.person != ramesh and moved.person.name == "Venkata Subbaiah" and moved.note
    assert roles_of(first)["informant"].person == ramesh


@no_approval
def test_a_protected_victim_made_on_commit_stays_hidden_outside_the_case(org, law, make_fir_data,
                                                                         django_capture_on_commit_callbacks):
    fir = register(org, make_fir_data, django_capture_on_commit_callbacks,
                   sections=["BNS 64"], informant_name="Lakshmi Devi", informant_sex="F",
                   informant_id_type="", informant_id_number="",
                   victims=[{"name": "Lakshmi Devi", "sex": "F", "age": 24}], accused=[{"name": "Raju Naik", "sex": "M"}])
    victim = roles_of(fir)["victim:#1"].person
    query = SearchQuery(name="Laxmi Devi", on=ON)
    assert victim.pk in [h.person.pk for h in search_persons(org.writer_a1, query).hits]
    for outsider in (org.writer_b1, org.ncrb, org.admin):
        assert victim.pk not in [h.person.pk for h in search_persons(outsider, query).hits], outsider
    # a correction that withdraws her role keeps her protected
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"victims": []}, "the informant is not the victim")
    assert roles_of(fir)["victim:#1"].withdrawn_at is not None
    assert victim.pk not in [h.person.pk for h in search_persons(org.ncrb, query).hits]


@no_approval
def test_a_child_victim_added_by_correction_is_flagged_minor(org, law, make_fir_data,
                                                            django_capture_on_commit_callbacks):
    fir = register(org, make_fir_data, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"victims": [{"name": "Ramesh Kumar", "sex": "M", "age": 42},
                                                  {"name": "Chinna Babu", "sex": "M", "age": 12}]}, "son too")
    child = roles_of(fir)["victim:#2"]
    assert child.minor and child.person.name == "Chinna Babu"
    assert child.person.pk not in [h.person.pk for h in search_persons(org.ncrb, SearchQuery(name="Chinna Babu", on=ON)).hits]


@no_approval
def test_the_person_page_and_api_show_a_withdrawn_role(org, law, make_fir_data, django_capture_on_commit_callbacks,
                                                       client):
    fir = register(org, make_fir_data, django_capture_on_commit_callbacks,
                   accused=[{"name": "Raju Naik", "sex": "M"}, {"name": "Mohan Lal", "sex": "M"}])
    with django_capture_on_commit_callbacks(execute=True):
        correct_fir(fir, org.sho_a1, {"accused": [{"code": "A1", "name": "Raju Naik", "sex": "M"}]}, "named by mistake")
    mohan = roles_of(fir)["accused:A2"].person
    client.force_login(org.writer_a1)
    page = client.get(f"/persons/{mohan.global_id}/").content.decode()
    assert "withdrawn by a correction of the FIR" in page
    api = APIClient()
    api.force_authenticate(org.writer_a1)
    body = api.get(f"/api/v1/persons/{mohan.global_id}/").json()
    assert body["roles"][0]["withdrawn_at"]
