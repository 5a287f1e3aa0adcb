"""Person index services: indexing, search (scripts, spellings, explanations, scoping,
sensitivity), documents, duplicates, merge and unmerge, FIR parties."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from cctns.matching.models import PersonKey, PersonKeyFrequency
from cctns.matching.services import TOTAL_KEY, rebuild_frequencies
from cctns.persons import services
from cctns.persons.constants import DuplicateStatus, NameKind, PersonRoleKind
from cctns.persons.models import (
    DuplicateCandidate,
    IdentityDocument,
    MergeRecord,
    Person,
    PersonName,
    PersonRole,
)
from cctns.persons.services import SearchQuery, search_persons
from cctns.registration.services import register_fir

from .conftest import ON

pytestmark = pytest.mark.django_db
no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)


def ids(results):
    return [h.person.pk for h in results.hits]


# --- indexing ------------------------------------------------------------------------------

def test_index_stores_analysis_keys_and_frequencies(org, make_person):
    p = make_person(name="मोहम्मद सलीम", father_name="अब्दुल रहमान", aliases=["Pappu"])
    primary = p.names.get(kind=NameKind.PRIMARY)
    assert primary.script == "devanagari" and primary.latin == "mohammad salim"
    assert primary.tokens[0][:3] == ["मोहम्मद", "devanagari", "mohammad"]
    keys = set(PersonKey.objects.filter(person=p).values_list("key", flat=True))
    assert {"s:salim", "r:rhmn"} <= keys and any(k.startswith("s:pap") for k in keys)  # alias and relative keys
    assert PersonKeyFrequency.objects.get(key="s:salim").count == 1
    assert PersonKeyFrequency.objects.get(key=TOTAL_KEY).count == 1
    make_person(name="Salim Khan")
    assert PersonKeyFrequency.objects.get(key="s:salim").count == 2
    counted = {f.key: f.count for f in PersonKeyFrequency.objects.all()}
    rebuild_frequencies()
    assert counted == {f.key: f.count for f in PersonKeyFrequency.objects.all()}
    assert "salim" in Person.objects.get(pk=p.pk).search_text


def test_create_person_errors_are_per_field(org, make_person):
    with pytest.raises(ValidationError) as exc:
        make_person(name="Ram", age_min=40, age_max=30, height_min_cm=10,
                    documents=[{"doc_type": "aadhaar", "number": "0123"}], phones=["12"])
    errors = exc.value.message_dict
    assert {"age_max", "height_min_cm", "documents.0.number", "phones.0"} <= set(errors)
    with pytest.raises(ValidationError) as exc:
        make_person(name="...")
    assert "name" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        make_person(user=org.writer_b1, unit=org.ps_a1)  # records only at their own station
    with pytest.raises(PermissionDenied):
        make_person(user=org.sp_a, unit=org.ps_a1)  # supervisors do not record persons


def test_aadhaar_is_never_stored_in_clear_and_found_by_hash(org, make_person):
    p = make_person(documents=[{"doc_type": "aadhaar", "number": "2345 6789 0123"}])
    doc = IdentityDocument.objects.get(person=p)
    assert doc.masked == "XXXXXXXX0123" and len(doc.digest) == 64
    for value in IdentityDocument.objects.filter(person=p).values_list("masked", "digest").get():
        assert "234567890123" not in value and "23456789" not in value
    assert services.find_by_document("aadhaar", "234567890123") == [p]
    assert services.find_by_document("aadhaar", "234567890124") == []


# --- search --------------------------------------------------------------------------------

def test_devanagari_entry_found_by_latin_misspelling_with_explanation(org, make_person):
    target = make_person(name="मोहम्मद सलीम", father_name="अब्दुल रहमान", sex="M", age_min=30, age_max=35)
    make_person(name="Salma Begum", sex="F")
    make_person(name="Mohan Lal", sex="M")
    results = search_persons(org.writer_a1, SearchQuery(name="Md. Saleem", relative="Abdul Rehman", sex="M",
                                                        age=(33, 33), on=ON))
    assert ids(results)[0] == target.pk
    hit = results.hits[0]
    ex = hit.explanation()
    fields = {c["field"]: c for c in ex["comparisons"]}
    assert fields["name"]["score"] > 0.9 and "मोहम्मद" in fields["name"]["detail"] and "सलीम" in fields["name"]["detail"]
    assert fields["relative_name"]["score"] > 0.8 and fields["sex"]["detail"]
    assert "age" in fields and ex["decision"] == "match" and ex["text"].startswith("score")


def test_search_by_relative_only_and_role_filter(org, make_person, law, make_fir_data):
    a = make_person(name="Ramesh Yadav", father_name="Suresh Yadav")
    make_person(name="Dinesh Verma", father_name="Mahesh Verma")
    results = search_persons(org.writer_a1, SearchQuery(relative="Suresh Yadav", on=ON))
    assert ids(results)[0] == a.pk
    PersonRole.objects.create(person=a, role=PersonRoleKind.ACCUSED)
    assert ids(search_persons(org.writer_a1, SearchQuery(name="Ramesh", role="accused", on=ON))) == [a.pk]
    assert ids(search_persons(org.writer_a1, SearchQuery(name="Ramesh", role="victim", on=ON))) == []


def test_station_officers_search_only_their_jurisdiction(org, make_person):
    here = make_person(name="Venkata Ramana Reddy")
    there = make_person(user=org.writer_b1, name="Venkata Ramana Reddy")
    assert ids(search_persons(org.writer_a1, SearchQuery(name="Venkat Ramana Reddi", on=ON))) == [here.pk]
    assert ids(search_persons(org.writer_b1, SearchQuery(name="Venkat Ramana Reddi", on=ON))) == [there.pk]
    assert ids(search_persons(org.writer_a2, SearchQuery(name="Venkat Ramana Reddi", on=ON))) == []


def test_supervisors_search_across_with_minimal_fields(org, make_person, monkeypatch):
    here = make_person(name="Venkata Ramana Reddy", father_name="Narayana Reddy")
    there = make_person(user=org.writer_b1, name="Venkata Ramana Reddy", father_name="Narayana Reddy")
    reads = []
    monkeypatch.setattr(services, "on_cross_jurisdiction_read", lambda user, persons, query: reads.append((user, persons)))
    results = search_persons(org.sp_a, SearchQuery(name="Venkata Ramana Reddy", relative="Narayan Reddy", on=ON))
    by_id = {h.person.pk: h for h in results.hits}
    assert set(by_id) == {here.pk, there.pk}
    assert not by_id[here.pk].restricted and by_id[there.pk].restricted
    restricted = by_id[there.pk].explanation()
    rel = next(c for c in restricted["comparisons"] if c["field"] == "relative_name")
    assert rel["detail"] == "…" and "Narayana" not in restricted["text"]
    assert reads == [(org.sp_a, [there])]
    # the state's NCRB analyst sees the whole node: nothing restricted
    assert not any(h.restricted for h in search_persons(org.ncrb, SearchQuery(name="Venkata Ramana Reddy", on=ON)).hits)


@no_approval
def test_victim_of_bns_64_never_appears_outside_the_case(org, law, make_fir_data, officers):
    fir = register_fir(None, org.writer_a1, make_fir_data(
        sections=["BNS 64"], informant_name="Lakshmi Devi", informant_sex="F", informant_id_number="",
        informant_id_type="", victims=[{"name": "Lakshmi Devi", "sex": "F", "age": 24}],
        accused=[{"name": "Raju Naik", "sex": "M"}]))
    roles = services.persons_from_fir(fir)
    victim = next(r.person for r in roles if r.role == PersonRoleKind.VICTIM)
    accused = next(r.person for r in roles if r.role == PersonRoleKind.ACCUSED)
    query = SearchQuery(name="Laxmi Devi", on=ON)
    assert victim.pk in ids(search_persons(org.writer_a1, query))  # the case's own station
    assert victim.pk in ids(search_persons(org.sp_a, query))  # the supervisor over the station
    for outsider in (org.writer_a2, org.writer_b1, org.sp_b, org.scrb, org.ncrb, org.admin, officers.sho_b1):
        assert victim.pk not in ids(search_persons(outsider, query)), outsider
        assert not services.person_visible_to(outsider, victim)
        assert not Person.objects.for_user(outsider).filter(pk=victim.pk).exists()
    # the accused of the same FIR is not protected
    assert accused.pk in ids(search_persons(org.ncrb, SearchQuery(name="Raju Naik", on=ON)))


@no_approval
def test_child_victim_hidden_outside_the_case_even_in_a_non_sensitive_fir(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(victims=[{"name": "Chinna Babu", "sex": "M", "age": 12}]))
    services.persons_from_fir(fir)
    child = Person.objects.get(name="Chinna Babu")
    assert PersonRole.objects.get(person=child).minor
    assert child.pk in ids(search_persons(org.writer_a1, SearchQuery(name="Chinna Babu", on=ON)))
    assert child.pk not in ids(search_persons(org.ncrb, SearchQuery(name="Chinna Babu", on=ON)))


@no_approval
def test_persons_from_fir_links_parties_once(org, law, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(accused=[{"name": "Raju @ Babloo", "sex": "M", "alias": "Raja"},
                                                                   {"known": False, "description": "tall"}]))
    roles = services.persons_from_fir(fir)
    assert sorted(r.role for r in roles) == ["accused", "informant", "victim"]
    informant = next(r.person for r in roles if r.role == "informant")
    victim = next(r.person for r in roles if r.role == "victim")
    assert informant == victim  # "Ramesh Kumar" informs of his own phone's theft
    assert informant.father_name == "Suresh Kumar" and informant.age_min == 42
    doc = IdentityDocument.objects.get(person=informant)
    assert doc.masked == "XXXXXXXX9012" and doc.digest == fir.informant_id_hash
    accused = next(r.person for r in roles if r.role == "accused")
    assert {"Raja"} <= set(accused.names.values_list("text", flat=True))
    assert services.persons_from_fir(fir) and PersonRole.objects.count() == 3 and Person.objects.count() == 2
    # a second FIR by the same informant (same Aadhaar) links the same person
    fir2 = register_fir(None, org.writer_a1, make_fir_data(victims=[], accused=[]))
    roles2 = services.persons_from_fir(fir2)
    assert [r.person for r in roles2] == [informant]


# --- duplicates, merge, unmerge ------------------------------------------------------------

def test_duplicates_proposed_on_save_and_rejected_pair_not_proposed_again(org, make_person):
    a = make_person(name="Shrivastava Rajesh Kumar", father_name="Ramesh Chandra", sex="M", age_min=40, age_max=45)
    b = make_person(name="Rajesh Kr. Srivastava", father_name="Ramesh Chandra", sex="M", age_min=42, age_max=42)
    pair = DuplicateCandidate.objects.get()
    assert (pair.person_a, pair.person_b) == (a, b) and pair.score >= 0.9
    assert pair.explanation["comparisons"][0]["field"] == "name"
    services.reject_duplicate(pair, org.sho_a1, "different persons: checked with the family")
    services.update_person(b, org.writer_a1, {"occupation": "Driver"})
    services.propose_duplicates(a)
    services.batch_candidate_pairs()
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.REJECTED and DuplicateCandidate.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.reject_duplicate(DuplicateCandidate(person_a=a, person_b=b), org.writer_a1)


def test_batch_find_duplicates_reports_throughput(org, make_person):
    a = make_person(name="Suresh Babu Naidu", sex="M", propose=False)
    b = make_person(name="Naidu Suresh Babu", sex="M", propose=False)
    make_person(name="Fatima Begum", sex="F", propose=False)
    stats = services.batch_candidate_pairs()
    assert stats["records"] == 3 and stats["proposed"] == 1 and stats["records_per_s"] > 0
    assert DuplicateCandidate.objects.filter(person_a=a, person_b=b).exists()


@no_approval
def test_merge_and_unmerge_keep_every_link(org, law, make_fir_data, make_person):
    fir = register_fir(None, org.writer_a1, make_fir_data(accused=[{"name": "Raju Naik", "sex": "M"}]))
    services.persons_from_fir(fir)
    merged = Person.objects.get(name="Raju Naik")
    survivor = make_person(name="राजू नाईक", sex="M", aliases=["Raja"], documents=[{"doc_type": "pan", "number": "ABCDE1234F"}])
    third = make_person(name="Raju Naik", sex="M")  # will join the cluster through merged
    services.merge_persons(merged, third, org.sho_a1, "same person, same address")
    merged.refresh_from_db()
    names_before = {p: sorted(PersonName.objects.filter(person=p).values_list("pk", "kind")) for p in (merged, survivor)}
    roles_before = sorted(PersonRole.objects.filter(person=merged).values_list("pk", flat=True))
    keys_before = {p.pk: set(PersonKey.objects.filter(person=p).values_list("key", flat=True)) for p in (merged, survivor)}
    assert roles_before and Person.objects.get(pk=third.pk).cluster_id == merged.pk

    with pytest.raises(PermissionDenied):
        services.merge_persons(survivor, merged, org.writer_a1, "writer may not merge")
    with pytest.raises(ValidationError):
        services.merge_persons(survivor, merged, org.sho_a1, " ")
    record = services.merge_persons(survivor, merged, org.sho_a1, "same person: photograph and address agree")
    merged.refresh_from_db()
    survivor.refresh_from_db()
    assert merged.merged_into == survivor and merged.survivor() == survivor
    assert Person.objects.get(pk=third.pk).survivor() == survivor
    assert set(Person.objects.filter(pk__in=[merged.pk, third.pk, survivor.pk]).values_list("cluster_id", flat=True)) == {survivor.pk}
    assert set(PersonRole.objects.filter(person=survivor).values_list("pk", flat=True)) >= set(roles_before)
    assert PersonName.objects.filter(person=survivor, moved_from=merged).exists()
    assert not PersonKey.objects.filter(person=merged).exists()
    assert Person.objects.filter(pk=merged.pk).exists()  # never deleted
    assert record.before["roles"] == roles_before
    # the merged record's names now find the survivor
    assert ids(search_persons(org.writer_a1, SearchQuery(name="Raju Naik", on=ON)))[0] == survivor.pk
    with pytest.raises(ValidationError):
        services.merge_persons(survivor, merged, org.sho_a1, "again")

    services.unmerge(record, org.sho_a1, "the photographs are of two brothers")
    merged.refresh_from_db()
    survivor.refresh_from_db()
    assert merged.merged_into is None and merged.cluster_id == merged.pk
    assert Person.objects.get(pk=third.pk).cluster_id == merged.pk and survivor.cluster_id == survivor.pk
    assert {p: sorted(PersonName.objects.filter(person=p).values_list("pk", "kind")) for p in (merged, survivor)} == names_before
    assert sorted(PersonRole.objects.filter(person=merged).values_list("pk", flat=True)) == roles_before
    assert {p.pk: set(PersonKey.objects.filter(person=p).values_list("key", flat=True)) for p in (merged, survivor)} == keys_before
    record.refresh_from_db()
    assert record.undone_by == org.sho_a1 and MergeRecord.objects.count() == 2
    with pytest.raises(ValidationError):
        services.unmerge(record, org.sho_a1, "twice")
    with pytest.raises(ValidationError):
        MergeRecord.objects.get(pk=record.pk).delete()


def test_unmerge_refused_while_the_survivor_is_merged_elsewhere(org, make_person):
    a, b, c = (make_person(name=n, propose=False) for n in ("Ravi Teja", "Ravi Theja", "Ravi Tej"))
    first = services.merge_persons(b, a, org.sho_a1, "one")
    services.merge_persons(c, b, org.sho_a1, "two")
    with pytest.raises(ValidationError):
        services.unmerge(first, org.sho_a1, "out of order")


def test_person_records_are_never_deleted(org, make_person):
    p = make_person()
    with pytest.raises(ValidationError):
        p.delete()
    with pytest.raises(ValidationError):
        Person.objects.all().delete()
