"""The admin: staff only; units, users and reference law registered with search and filters;
nothing of record deletable (DESIGN.md §4)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from cctns.core.admin_base import PoliceRecordAdmin
from cctns.core.constants import Rank, Role
from cctns.core.models import Unit, User
from cctns.legal.models import Act, Correspondence, CrimeHead, Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(db):
    ipc = Act.objects.create(code="IPC", short_name="IPC", name="Indian Penal Code", year=1860, kind="penal")
    bns = Act.objects.create(code="BNS", short_name="BNS", name="Bharatiya Nyaya Sanhita", year=2023, kind="penal")
    head = CrimeHead.objects.create(code="theft", name="Theft")
    s379 = Section.objects.create(act=ipc, number="379", title="Punishment for theft", is_offence=True,
                                  cognizable=True, bailable=False, crime_head=head)
    s303 = Section.objects.create(act=bns, number="303", title="Theft", is_offence=True, crime_head=head)
    Correspondence.objects.create(ipc_section=s379, bns_section=s303, ipc_label="379", bns_label="303(2)",
                                  relation="corresponds", source_row=1)
    return {"ipc": ipc, "bns": bns, "s379": s379, "s303": s303}


def test_non_staff_cannot_enter_the_admin(client, org):
    client.force_login(org.sho_a1)
    resp = client.get("/admin/")
    assert resp.status_code == 302 and resp["Location"].startswith("/admin/login/")
    assert client.get("/admin/core/user/").status_code == 302


def test_anonymous_cannot_enter_the_admin(client, db):
    assert client.get("/admin/core/unit/").status_code == 302


@pytest.mark.parametrize("model", [Unit, User, Act, Section, Correspondence, CrimeHead])
def test_models_are_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/core/unit/?q=PS&kind=ps",
        "/admin/core/user/?q=writer&role=writer&rank=20&unit__kind=ps",
        "/admin/legal/act/?q=BNS",
        "/admin/legal/section/?q=theft&classification=unknown",
        "/admin/legal/section/?classification=unverified&cognizable__exact=1",
        "/admin/legal/correspondence/?q=303",
        "/admin/legal/crimehead/?q=theft",
        "/admin/core/outboxevent/",
    ],
)
def test_admin_lists_search_and_filter(client, org, law, url):
    client.force_login(org.admin)
    resp = client.get(url)
    assert resp.status_code == 200, url


def test_section_filter_finds_unknown_classification(client, org, law):
    client.force_login(org.admin)
    html = client.get("/admin/legal/section/?classification=unknown").content.decode()
    assert "Theft" in html and "Punishment for theft" not in html


def test_user_search_by_belt_number_and_unit_code(client, org):
    org.io_a1.belt_number = "AP-4711"
    org.io_a1.save()
    client.force_login(org.admin)
    assert "io_a1" in client.get("/admin/core/user/?q=AP-4711").content.decode()
    found = client.get("/admin/core/user/?q=28-B-1").content.decode()
    assert "writer_b1" in found and "writer_a1" not in found


def test_user_change_form_has_rank_role_and_posting(client, org):
    client.force_login(org.admin)
    html = client.get(f"/admin/core/user/{org.io_a1.pk}/change/").content.decode()
    for field in ("id_rank", "id_role", "id_unit", "id_belt_number"):
        assert f'id="{field}"' in html


def test_admin_creates_a_posted_officer(client, org):
    client.force_login(org.admin)
    resp = client.post("/admin/core/user/add/", {
        "username": "si_new", "usable_password": "true",
        "password1": "Stronger-Passw0rd-26", "password2": "Stronger-Passw0rd-26",
        "first_name": "Asha", "last_name": "Reddy",
        "rank": Rank.SI, "role": Role.IO, "unit": org.ps_a2.pk, "belt_number": "AP-9",
    })
    assert resp.status_code == 302, resp.content.decode()[:2000]
    user = User.objects.get(username="si_new")
    assert (user.rank, user.role, user.unit, user.belt_number) == (Rank.SI, Role.IO, org.ps_a2, "AP-9")
    assert user.password.startswith("argon2")


def test_units_and_users_cannot_be_deleted_from_the_admin(client, org):
    client.force_login(org.admin)
    assert client.get(f"/admin/core/unit/{org.ps_a1.pk}/delete/").status_code == 403
    assert client.get(f"/admin/core/user/{org.writer_a1.pk}/delete/").status_code == 403
    assert 'value="delete_selected"' not in client.get("/admin/core/user/").content.decode()
    # a forged bulk delete is refused too
    client.post("/admin/core/unit/", {"action": "delete_selected", "_selected_action": [org.ps_a1.pk], "post": "yes"})
    assert Unit.objects.filter(pk=org.ps_a1.pk).exists()


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_police_record_admin_never_deletes(org):
    model_admin = PoliceRecordAdmin(User, admin.site)
    request = _request(org.admin)
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_delete_permission(request, org.writer_a1) is False
    assert "delete_selected" not in model_admin.get_actions(request)


def test_police_record_admin_shows_exchange_fields_read_only(org):
    class RecordAdmin(PoliceRecordAdmin):
        readonly_fields = ("username",)

    fields = RecordAdmin(User, admin.site).get_readonly_fields(_request(org.admin))
    assert fields[0] == "username"
    assert {"global_id", "origin_state", "origin_unit", "version", "created_by"} <= set(fields)


def test_police_record_admin_scopes_non_superusers_to_their_jurisdiction(org):
    model_admin = PoliceRecordAdmin(User, admin.site)
    org.sp_a.is_staff = True
    visible = set(model_admin.get_queryset(_request(org.sp_a)).values_list("username", flat=True))
    assert "writer_a1" in visible and "writer_b1" not in visible
    everyone = model_admin.get_queryset(_request(org.admin))
    assert everyone.count() == User.objects.count()
