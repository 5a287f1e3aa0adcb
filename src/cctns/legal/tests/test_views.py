"""The legal pages render the loaded reference law without N+1 queries."""

import pytest
from django.urls import reverse

from cctns.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    client.force_login(UserFactory())
    return client


# Pinned query counts include the page frame: session, user and the menu's two permission queries.
ACT_LIST_QUERIES = 5
ACT_DETAIL_QUERIES = 10  # + act, sections, two correspondence prefetches, their sections, clauses


def test_act_list(law, officer, django_assert_max_num_queries):
    with django_assert_max_num_queries(ACT_LIST_QUERIES):
        resp = officer.get(reverse("legal:act_list"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Bharatiya Nyaya Sanhita, 2023" in html and "POCSO Act 2012" in html
    assert "358" in html


def test_bns_detail_lists_every_section_with_its_ipc_counterpart(law, officer, django_assert_max_num_queries):
    """358 rows, each with its IPC counterpart, in a fixed number of queries."""
    with django_assert_max_num_queries(ACT_DETAIL_QUERIES):
        resp = officer.get(reverse("legal:act_detail", args=["BNS"]))
    assert resp.status_code == 200
    rows = resp.context["filter"].qs
    assert len(rows) == 358
    html = resp.content.decode()
    assert "Punishment for murder." in html and "IPC 302" in html
    assert "318(4): cognizable, non-bailable" in html


def test_search_by_number(law, officer, django_assert_max_num_queries):
    with django_assert_max_num_queries(ACT_DETAIL_QUERIES):
        resp = officer.get(reverse("legal:act_detail", args=["IPC"]), {"q": "420"})
    assert [s.number for s in resp.context["filter"].qs] == ["420"]
    assert "BNS 318(4)" in resp.content.decode()


def test_unknown_act_is_404(law, officer):
    assert officer.get(reverse("legal:act_detail", args=["NOPE"])).status_code == 404


def test_pages_require_login(law, client):
    resp = client.get(reverse("legal:act_list"))
    assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_admin_section_page_shows_clause_classifications(law, client):
    from cctns.legal.models import Section

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    cheating = Section.objects.get(act__code="BNS", number="318")
    resp = client.get(reverse("admin:legal_section_change", args=[cheating.pk]))
    assert resp.status_code == 200
    assert "318(4)" in resp.content.decode()
