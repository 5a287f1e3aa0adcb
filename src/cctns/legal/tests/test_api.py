"""``/api/v1/acts/`` and ``/api/v1/sections/`` over the loaded reference law."""

import pytest

from cctns.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    client.force_login(UserFactory())
    return client


def test_acts_list(law, api):
    data = api.get("/api/v1/acts/").json()
    by_code = {a["code"]: a for a in data}
    assert {"BNS", "IPC", "BNSS", "CRPC", "NDPS", "POCSO"} <= set(by_code)
    assert by_code["BNS"]["section_count"] == 358
    assert by_code["IPC"]["in_force_to"] == "2024-06-30"


def test_act_detail(law, api):
    assert api.get("/api/v1/acts/BNS/").json()["name"] == "Bharatiya Nyaya Sanhita, 2023"
    assert api.get("/api/v1/acts/NOPE/").status_code == 404


def test_search_ipc_302_shows_bns_103(law, api):
    results = api.get("/api/v1/sections/", {"act": "IPC", "q": "302"}).json()["results"]
    ipc302 = next(r for r in results if r["number"] == "302")
    assert ipc302["title"] == "Punishment for murder"
    assert {"act": "BNS", "number": "103", "label": "103", "title": "Punishment for murder."} in ipc302["corresponding"]
    assert ipc302["cognizable"] is True and ipc302["crime_head"] == "MURDER"


def test_subsection_label_finds_its_section(law, api):
    results = api.get("/api/v1/sections/", {"act": "BNS", "q": "318(4)"}).json()["results"]
    assert [r["number"] for r in results] == ["318"]
    clauses = {c["clause"]: c for c in results[0]["clauses"]}
    assert clauses["318(4)"]["cognizable"] is True
    assert results[0]["cognizable"] is None  # unknown at section level


def test_unknown_classification_is_null_in_api(law, api):
    r = api.get("/api/v1/sections/", {"act": "BNS", "q": "356"}).json()["results"][0]
    assert (r["cognizable"], r["bailable"], r["max_punishment_years"]) == (None, None, None)


def test_sensitive_filter(law, api):
    results = api.get("/api/v1/sections/", {"act": "POCSO", "sensitive": "true", "limit": 100}).json()["results"]
    assert "4" in {r["number"] for r in results}
    assert all(r["sensitive"] for r in results)


def test_section_list_query_count_is_constant(law, api, django_assert_max_num_queries):
    """A page of 50 sections with their correspondences costs a fixed number of queries (no N+1)."""
    # session, user, count, sections (+act, crime head), two correspondence prefetches, their
    # sections, clause classifications
    with django_assert_max_num_queries(8):
        data = api.get("/api/v1/sections/", {"act": "BNS", "limit": 50}).json()
    assert len(data["results"]) == 50 and data["count"] == 358


def test_sections_require_login(law, client):
    assert client.get("/api/v1/sections/").status_code in (401, 403)
