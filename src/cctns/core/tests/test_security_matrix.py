"""Generated security probes over every route of the site (issue 4 §6), from the URL resolver
and the API router (:mod:`.site_walk`), so that routes added later are covered unedited:

- access matrix: anonymous callers get a sign-in redirect (pages) or 401/403 (API), never a
  record; an officer of another station gets 403/404 on every route that names a record of
  station A (IDOR); the station's own SHO reaches the records; nobody gets a 5xx;
- stored XSS: a script tag in every free-text field of an FIR, its victim and accused is
  escaped on every page that shows it;
- SQL injection: quote and comment payloads in the search and filter parameters of every list
  give no 5xx and no rows of another station.
"""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from cctns.registration.services import register_fir

from .site_walk import body_text, candidates_from_db, concrete_urls, routes

pytestmark = pytest.mark.django_db

#: Routes anyone may open (the sign-in page, health, the public verify page, the schema) and
#: reference data every police user reads (units, acts and sections are not station records).
PUBLIC = {"home", "healthz", "login", "logout", "set_language", "verify", "api-schema", "api-docs", "api-token"}
#: The citizen portal's pages for the public (issue 8 §4, §5, §9): sign-in, status tracking, published
#: FIRs, stolen/recovered vehicles, proclaimed offenders, police stations and blank forms.
PUBLIC_PAGES = {"/citizen/", "/citizen/login/", "/citizen/login/code/", "/citizen/logout/", "/citizen/status/",
                "/citizen/firs/", "/citizen/firs/{key}/copy.pdf", "/citizen/stations/", "/citizen/vehicles/",
                "/citizen/proclaimed-offenders/", "/citizen/forms/", "/citizen/forms/{name}.pdf"}
REFERENCE = {"unit_list", "unit_detail", "act_list", "act_detail", "rules", "unit-list", "unit-detail", "act-list",
             "act-detail", "section-list", "section-detail", "api-root", "me", "section_suggest", "station_suggest",
             "list", "index", "2fa_setup", "2fa_verify", "search", "duplicates", "create", "approval-list",
             "alert-list", "fir_list", "fir_create", "ncr_list", "ncr_create", "complaint_list", "complaint_create",
             "ncr_fortnightly", "gd", "fir-list", "ncr-list", "ncr-fortnightly", "gd-list", "complaint-list",
             "person-list", "person-search", "person-duplicate-list", "person-merge-list"}
XSS = '<script>alert("xss")</script>'
SQLI = ["' OR '1'='1", "1; DROP TABLE registration_fir;--", "\" OR 1=1 --", "%' UNION SELECT username FROM core_user --"]
FILTERS = ["q", "name", "number", "status", "police_station", "station", "kind", "registered_after", "is_sensitive",
           "scope", "within", "role", "ordering"]


def _walk():
    out = []
    for route in routes():
        if route.is_admin:
            continue
        out.append(route)
    return out


@pytest.fixture
def station_a_records(org, law, make_fir_data):
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        fir = register_fir(None, org.writer_a1, make_fir_data(narrative=f"Theft at the market {XSS}",
                           place_address=f"Market {XSS}", informant_name=f"Ramesh {XSS}",
                           victims=[{"name": f"Ramesh {XSS}", "sex": "M", "age": 42, "address": XSS}],
                           accused=[{"known": True, "name": f"Suresh {XSS}", "alias": XSS, "sex": "M", "age": 30,
                                     "description": XSS}]))
    return fir


def _get(client, url):
    return client.get(url, HTTP_ACCEPT="text/html,application/json")


def test_access_matrix_idor_and_no_server_errors(org, officers, station_a_records):
    candidates = candidates_from_db(top=6)
    anonymous, outsider, own = APIClient(), APIClient(), APIClient()
    outsider.force_login(org.writer_b1)
    own.force_login(org.sho_a1)
    problems, probed = [], 0
    for route in _walk():
        for url in concrete_urls(route, candidates, limit=20):
            probed += 1
            anon = _get(anonymous, url)
            if anon.status_code >= 500:
                problems.append(("5xx anonymous", url, anon.status_code))
            if route.name not in PUBLIC and route.template not in PUBLIC_PAGES and anon.status_code == 200:
                problems.append(("anonymous reached", url, anon.status_code))
            if route.is_api and route.name not in PUBLIC and anon.status_code not in (401, 403, 404, 405):
                problems.append(("anonymous API not refused", url, anon.status_code))
            other = _get(outsider, url)
            if other.status_code >= 500:
                problems.append(("5xx other station", url, other.status_code))
            if route.params and route.name not in PUBLIC | REFERENCE and other.status_code == 200:
                text = body_text(other)
                if station_a_records.number in text or "Ramesh" in text:
                    problems.append(("IDOR: other station read a record of station A", url, other.status_code))
            mine = _get(own, url)
            if mine.status_code >= 500:
                problems.append(("5xx own station", url, mine.status_code))
    assert probed > 100, probed
    assert not problems, problems[:30]
    fir = station_a_records
    for url in (f"/registration/firs/{fir.pk}/", f"/api/v1/firs/{fir.pk}/", f"/api/v1/firs/{fir.pk}/versions/"):
        assert _get(own, url).status_code == 200, url
        assert _get(outsider, url).status_code == 404, url


def test_script_tags_in_free_text_are_escaped_on_every_page(org, station_a_records):
    candidates = candidates_from_db(top=4)
    client = APIClient()
    client.force_login(org.sho_a1)
    shown, problems = 0, []
    for route in _walk():
        if route.is_api:
            continue
        for url in concrete_urls(route, candidates, limit=10):
            response = _get(client, url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            text = body_text(response)
            if "&lt;script&gt;alert(" in text:
                shown += 1
            if XSS in text:
                problems.append(url)
    assert shown >= 1, "no page showed the probe (the walk did not reach the FIR)"
    assert not problems, problems


def test_sql_injection_probes_in_search_and_filter_parameters(org, station_a_records):
    candidates = candidates_from_db(top=2)
    outsider, own = APIClient(), APIClient()
    outsider.force_login(org.writer_b1)
    own.force_login(org.sho_a1)
    problems, probed = [], 0
    for route in _walk():
        if route.params or route.name in PUBLIC:
            continue
        for url in concrete_urls(route, candidates):
            for name in FILTERS:
                for payload in SQLI:
                    for who, client in (("own", own), ("other", outsider)):
                        response = client.get(url, {name: payload}, HTTP_ACCEPT="text/html,application/json")
                        probed += 1
                        if response.status_code >= 500:
                            problems.append((who, url, name, payload, response.status_code))
                        elif who == "other" and response.status_code == 200 and station_a_records.number in body_text(response):
                            problems.append(("rows of another station", url, name, payload))
    assert probed > 500, probed
    assert not problems, problems[:20]
