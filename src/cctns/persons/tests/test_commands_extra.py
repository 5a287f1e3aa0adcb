"""Commands (index_fir_parties, find_duplicates, reindex_persons), photographs, trigram
candidates on PostgreSQL, candidate-generation limits and list query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from PIL import Image
from rest_framework.test import APIClient

from cctns.matching import services as keystore
from cctns.matching.blocking import search_text
from cctns.matching.models import PersonKeyFrequency
from cctns.matching.names import analyse_name
from cctns.persons.models import DuplicateCandidate, Person, PersonPhoto, PersonRole
from cctns.persons.services import SearchQuery, search_persons
from cctns.registration.services import register_fir

from .conftest import ON

pytestmark = pytest.mark.django_db


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_index_fir_parties_command_is_idempotent(org, law, make_fir_data):
    register_fir(None, org.writer_a1, make_fir_data(accused=[{"name": "Raju Naik", "sex": "M"}]))
    out = io.StringIO()
    call_command("index_fir_parties", stdout=out)
    assert "1 FIRs, 3 roles" in out.getvalue()
    call_command("index_fir_parties", stdout=io.StringIO())
    assert PersonRole.objects.count() == 3 and Person.objects.count() == 2


def test_find_duplicates_and_reindex_commands(org, make_person):
    make_person(name="Suresh Babu Naidu", sex="M", propose=False)
    make_person(name="Naidu Suresh Babu", sex="M", propose=False)
    out = io.StringIO()
    call_command("find_duplicates", "--rebuild-frequencies", stdout=out)
    assert "2 records" in out.getvalue() and "records/s" in out.getvalue()
    assert DuplicateCandidate.objects.count() == 1
    PersonKeyFrequency.objects.update(count=0)
    out = io.StringIO()
    call_command("reindex_persons", stdout=out)
    assert "2 persons" in out.getvalue()
    assert PersonKeyFrequency.objects.get(key=keystore.TOTAL_KEY).count == 2


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()


def test_photo_upload_checks_the_image(org, make_person, tmp_path):
    person = make_person()
    client = APIClient()
    client.force_authenticate(org.writer_a1)
    with override_settings(MEDIA_ROOT=tmp_path):
        fake = SimpleUploadedFile("photo.jpg", b"<html>not an image</html>", content_type="image/jpeg")
        r = client.post(f"/api/v1/persons/{person.global_id}/photos/", {"image": fake}, format="multipart")
        assert r.status_code == 400 and "image" in r.json()
        good = SimpleUploadedFile("x.exe", png_bytes(), content_type="application/octet-stream")
        r = client.post(f"/api/v1/persons/{person.global_id}/photos/", {"image": good, "caption": "front"}, format="multipart")
        assert r.status_code == 201, r.content
        photo = PersonPhoto.objects.get()
        assert photo.image.name.startswith(f"persons/{person.global_id}/") and photo.image.name.endswith(".png")
        assert (tmp_path / photo.image.name).exists()
    other = APIClient()
    other.force_authenticate(org.writer_b1)
    assert other.post(f"/api/v1/persons/{person.global_id}/photos/", {"image": good}, format="multipart").status_code == 404


def test_stop_keys_are_skipped_and_fallback_reads_the_rarest(org, make_person, monkeypatch):
    for name in ["Ram Kumar", "Shyam Kumar", "Mohan Kumar", "Sohan Kumar"]:
        make_person(name=name, propose=False)
    monkeypatch.setattr(keystore, "FALLBACK_KEYS", 1)
    found = keystore.key_candidates(["s:kumar", "s:ram"], max_postings=2)
    assert [c.shared for c in found] == [frozenset({"s:ram"})]  # s:kumar (4 persons) is a stop key
    fallback = keystore.key_candidates(["s:kumar"], max_postings=2)
    assert len(fallback) == 2  # every key common: the rarest read, capped at max_postings


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists on PostgreSQL only")
def test_trigram_candidates_rescue_a_spelling_that_breaks_every_key(org, make_person):
    target = make_person(name="Bhupendranath Chattopadhyay", propose=False)
    query = SearchQuery(name="Bupendernath Chatopadyay", on=ON)
    keys_only = search_persons(org.writer_a1, query, use_trigram=False)
    with_trigram = search_persons(org.writer_a1, query, use_trigram=True)
    assert with_trigram.trigram_used and target.pk in [h.person.pk for h in with_trigram.hits]
    hit = next(h for h in with_trigram.hits if h.person.pk == target.pk)
    assert "trigram" in hit.sources
    assert target.pk not in [h.person.pk for h in keys_only.hits] or "keys" in hit.sources


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm exists on PostgreSQL only")
def test_a_station_officers_trigram_candidates_come_from_the_jurisdiction(org, make_person, monkeypatch):
    monkeypatch.setattr(keystore, "TRIGRAM_LIMIT", 2)
    for _ in range(3):  # elsewhere, spelt exactly as searched: node-wide they fill the limit
        make_person(user=org.writer_b1, name="Bupendernath Chatopadyay", propose=False)
    target = make_person(name="Bhupendranath Chattopadhyay", propose=False)
    text = search_text(analyse_name("Bupendernath Chatopadyay"))
    node_wide = [pid for pid, _sim in keystore.trigram_candidates(text, limit=2)]
    assert target.pk not in node_wide
    query = SearchQuery(name="Bupendernath Chatopadyay", on=ON)
    hits = search_persons(org.writer_a1, query, use_trigram=True).hits
    assert [h.person.pk for h in hits] == [target.pk] and "trigram" in hits[0].sources
    assert keystore.trigram_candidates(text, unit_ids=[]) == []


def test_api_list_query_count_does_not_grow(org, make_person, django_assert_max_num_queries):
    for i in range(3):
        make_person(name=f"Person Number{'abc'[i]}", propose=False)
    client = APIClient()
    client.force_authenticate(org.writer_a1)
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/v1/persons/").json()["results"]) == 3
    for i in range(6):
        make_person(name=f"Other Person{'abcdef'[i]}", propose=False)
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/v1/persons/").json()["results"]) == 9


def test_seed_persons_gives_the_demo_example(org):
    out = io.StringIO()
    call_command("seed_persons", "--count", "20", stdout=out)
    assert Person.objects.count() == 21 and "Mohd Saleem" in out.getvalue()
    hits = search_persons(org.sho_a1, SearchQuery(name="Mohd Saleem", on=ON)).hits
    assert hits[0].person.name == "मोहम्मद सलीम" and "सलीम" in hits[0].result.explanation
    call_command("seed_persons", stdout=io.StringIO())
    assert Person.objects.count() == 21  # idempotent
