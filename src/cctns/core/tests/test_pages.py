"""Pages: the landing page of each role, error pages, nothing loaded from outside the
application, and the basics of accessibility (labels tied to inputs, language, skip link)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from cctns.core import errors
from cctns.core.services import landing_summary
from cctns.legal.models import Act

pytestmark = pytest.mark.django_db

ROLES = ["writer_a1", "io_a1", "sho_a1", "sp_a", "scrb", "ncrb", "admin"]


class _Tags(HTMLParser):
    """Collect start tags as (name, attrs dict)."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str):
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def external_assets(html: str) -> list[str]:
    """src/href of script, link, img, iframe, source tags that point outside the application."""
    out = []
    for tag, attrs in tags(html):
        if tag in {"script", "link", "img", "iframe", "source", "video", "audio", "embed"}:
            for attr in ("src", "href", "srcset"):
                value = (attrs.get(attr) or "").strip()
                if re.match(r"^(https?:)?//", value, re.I):
                    out.append(f"<{tag} {attr}={value}>")
    return out


def unlabelled_inputs(html: str) -> list[str]:
    """Visible form controls without a <label for=id>, aria-label or aria-labelledby."""
    parsed = tags(html)
    label_for = {attrs.get("for") for tag, attrs in parsed if tag == "label"}
    missing = []
    for tag, attrs in parsed:
        if tag not in {"input", "select", "textarea"}:
            continue
        if attrs.get("type") in {"hidden", "submit", "button", "reset", "image"}:
            continue
        if attrs.get("aria-label") or attrs.get("aria-labelledby"):
            continue
        if not attrs.get("id") or attrs["id"] not in label_for:
            missing.append(f"<{tag} name={attrs.get('name')} id={attrs.get('id')}>")
    return missing


@pytest.fixture
def bns(db):
    return Act.objects.create(code="BNS", short_name="BNS 2023", name="Bharatiya Nyaya Sanhita", year=2023, kind="penal")


# ---- landing page by role -------------------------------------------------------------------

@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("language", ["en", "hi"])
def test_every_role_gets_a_working_landing_page_in_both_languages(client, org, bns, username, language):
    user = getattr(org, username)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    resp = client.get(reverse("home"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'data-testid="role"' in html and str(user.get_role_display()) in html
    assert external_assets(html) == []
    assert unlabelled_inputs(html) == []
    # every link on the page resolves (no links to pages of later issues)
    for tag, attrs in tags(html):
        href = attrs.get("href", "")
        if tag == "a" and href.startswith("/") and not href.startswith("/static/"):
            assert client.get(href).status_code in (200, 302), href


def test_station_writer_sees_own_station_staff_not_other_stations(client, org, bns):
    client.force_login(org.writer_a1)
    html = client.get("/").content.decode()
    assert "Officers at PS A1" in html
    summary = landing_summary(org.writer_a1)
    staff = {u.username for u in summary["station_staff"]}
    assert staff == {"writer_a1", "io_a1", "sho_a1"}
    assert summary["station_staff"][0].username == "sho_a1"  # senior first
    assert summary["subunits"] == []
    assert "accounts" not in summary and "reference" not in summary


def test_law_in_force_today_and_section_lookup(client, org, bns):
    import datetime

    summary = landing_summary(org.io_a1, today=datetime.date(2024, 6, 30))
    assert summary["law_today"]["penal_code"] == "IPC" and summary["law_today"]["procedure_code"] == "CrPC"
    summary = landing_summary(org.io_a1, today=datetime.date(2024, 7, 1))
    assert summary["law_today"]["penal_code"] == "BNS" and summary["law_today"]["act"] == bns
    client.force_login(org.io_a1)
    html = client.get("/").content.decode()
    assert 'action="/law/BNS/"' in html and '<label for="lookup-q">' in html


def test_supervisor_sees_units_under_the_district_with_counts(client, org, bns):
    summary = landing_summary(org.sp_a)
    rows = {r["unit"].code: (r["stations"], r["personnel"]) for r in summary["subunits"]}
    assert rows == {"28-A-1": (1, 3), "28-A-2": (1, 1)}
    assert summary["counts"] == {"stations": 2, "districts": 1, "personnel": 5}
    assert summary["station_staff"] == []
    client.force_login(org.sp_a)
    html = client.get("/").content.decode()
    assert "Units under District A" in html and "PS B1" not in html


def test_scrb_sees_the_state_and_reference_law_status(org, bns):
    summary = landing_summary(org.scrb)
    codes = {r["unit"].code for r in summary["subunits"]}
    assert {"28-A", "28-B"} <= codes and "IN-NCRB" not in codes
    assert summary["reference"]["acts"] == 1
    assert "accounts" not in summary


def test_admin_sees_accounts_including_locked_ones(client, org, bns, password):
    for _ in range(5):
        client.post("/login/", {"username": "writer_b1", "password": "wrong"})
    summary = landing_summary(org.admin)
    assert summary["accounts"]["locked"] == 1
    assert summary["accounts"]["active"] == 10
    client.force_login(org.admin)
    html = client.get("/").content.decode()
    assert 'data-testid="locked-count">1<' in html
    assert "/admin/axes/accessattempt/" in html


def test_counts_use_indian_grouping(org, bns, client, monkeypatch):
    from cctns.core import views

    def big_summary(user, today=None):
        data = landing_summary(user)
        data["counts"] = {"stations": 17000, "districts": 780, "personnel": 2100000}
        return data

    monkeypatch.setattr(views, "landing_summary", big_summary)
    client.force_login(org.ncrb)
    html = client.get("/").content.decode()
    assert "21,00,000" in html and "17,000" in html


# ---- no external assets ---------------------------------------------------------------------

def test_no_page_loads_anything_from_outside(client, org, bns):
    assert external_assets(client.get("/login/").content.decode()) == []
    client.force_login(org.admin)
    pages = ["/no-such-page/", "/", "/units/", "/units/28-A-1/", "/law/", "/law/BNS/", "/api/docs/", "/admin/", "/admin/core/user/"]
    for url in pages:
        resp = client.get(url)
        assert resp.status_code in (200, 404), url
        assert external_assets(resp.content.decode()) == [], url
    browsable = client.get("/api/v1/units/", HTTP_ACCEPT="text/html")
    assert browsable["Content-Type"].startswith("text/html")
    assert external_assets(browsable.content.decode()) == []


def test_static_assets_are_served_by_the_application(client, db):
    html = client.get("/login/").content.decode()
    assets = [attrs.get("href") or attrs.get("src") for tag, attrs in tags(html)
              if tag in {"link", "script", "img"} and (attrs.get("href") or attrs.get("src"))]
    assert any("cctns.css" in a for a in assets) and any("htmx" in a for a in assets)
    for asset in assets:
        resp = client.get(asset)
        assert resp.status_code == 200, asset


def test_the_external_asset_check_catches_a_cdn():
    html = '<script src="https://cdn.example.com/x.js"></script><link href="//fonts.example/a.css"><img src="/static/a.png">'
    assert len(external_assets(html)) == 2


# ---- accessibility basics -------------------------------------------------------------------

def test_login_and_lists_have_labelled_controls_and_a_skip_link(client, org, bns):
    login = client.get("/login/").content.decode()
    assert unlabelled_inputs(login) == []
    assert 'href="#main"' in login and 'id="main"' in login
    client.force_login(org.sp_a)
    for url in ["/", "/units/", "/law/BNS/"]:
        assert unlabelled_inputs(client.get(url).content.decode()) == [], url


def test_stylesheet_has_visible_focus_and_a_narrow_screen_layout(client, db):
    css = b"".join(client.get("/static/cctns/cctns.css").streaming_content).decode()
    assert ":focus-visible" in css and "outline:3px" in css
    assert "@media (max-width: 640px)" in css
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in client.get("/login/").content.decode()


# ---- error pages ----------------------------------------------------------------------------

def test_404_page_in_the_users_language(client, db):
    resp = client.get("/no-such-page/")
    assert resp.status_code == 404 and "Page not found" in resp.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    resp = client.get("/no-such-page/")
    assert resp.status_code == 404 and "पेज नहीं मिला" in resp.content.decode()


def test_unit_outside_jurisdiction_is_the_404_page(client, org):
    client.force_login(org.writer_a1)
    resp = client.get("/units/28-B-1/")
    assert resp.status_code == 404 and "not within your jurisdiction" in resp.content.decode()


def test_403_and_400_pages(org):
    request = RequestFactory().get("/units/")
    request.user = org.writer_a1
    resp = errors.permission_denied(request, PermissionDenied())
    assert resp.status_code == 403 and "Not permitted" in resp.content.decode()
    assert errors.bad_request(request).status_code == 400
    api = RequestFactory().get("/api/v1/units/")
    api.user = org.writer_a1
    assert errors.permission_denied(api).status_code == 403
    assert errors.permission_denied(api)["Content-Type"] == "application/json"


def test_500_page_needs_no_database_or_context(rf):
    resp = errors.server_error(rf.get("/units/"))
    assert resp.status_code == 500 and "Server error" in resp.content.decode()
    assert external_assets(resp.content.decode()) == []


def test_a_page_fault_is_the_500_page(client, org, monkeypatch):
    from cctns.core import views

    def boom(user, today=None):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(views, "landing_summary", boom)
    client.raise_request_exception = False
    client.force_login(org.writer_a1)
    resp = client.get("/")
    assert resp.status_code == 500
    assert "Server error" in resp.content.decode() and "simulated" not in resp.content.decode()


def test_expired_form_is_a_friendly_403(org):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    resp = csrf_client.post("/login/", {"username": "writer_a1", "password": "x"})
    assert resp.status_code == 403 and "Form expired" in resp.content.decode()


def test_units_under_the_jurisdiction_list_offices_last(org):
    rows = [r["unit"].code for r in landing_summary(org.admin)["subunits"]]
    assert rows == ["28", "IN-NCRB"]


def test_landing_page_queries_do_not_grow_with_the_number_of_units(client, org, bns):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cctns.core.constants import UnitKind
    from cctns.core.tests.factories import UnitFactory

    client.force_login(org.scrb)
    client.get("/")  # warm the per-process caches (content types, permissions) first
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(25):
        district = UnitFactory(code=f"28-X{n}", name=f"District X{n}", kind=UnitKind.DISTRICT, parent=org.state)
        UnitFactory(code=f"28-X{n}-1", name=f"PS X{n}", kind=UnitKind.POLICE_STATION, parent=district)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert "District X24" in html
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_menu_asks_rules_predicates_even_of_a_superuser(org, monkeypatch):
    import rules

    from cctns.core import navigation

    rules.add_perm("cctns_test.station_only", rules.predicate(lambda user: user.unit_id is not None and user.unit.kind == "ps"))
    try:
        monkeypatch.setattr(navigation, "_ITEMS", [
            navigation.MenuItem("Home", "home", order=0),
            navigation.MenuItem("Station page", "core:unit_list", permission="cctns_test.station_only", order=1),
            navigation.MenuItem("Admin", "admin:index", permission="core.view_user", order=2),
        ])
        superuser = [i["label"] for i in navigation.menu_for(org.admin)]
        writer = [i["label"] for i in navigation.menu_for(org.writer_a1)]
    finally:
        rules.remove_perm("cctns_test.station_only")
    assert superuser == ["Home", "Admin"]  # a superuser without a station is not offered the station page
    assert writer == ["Home", "Station page"]  # no model permission to view users
