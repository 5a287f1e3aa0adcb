"""Browser test of the main sign-in flow in headless Chromium (DESIGN.md §7).

A station writer logs in, lands on the home page showing their role, switches to Hindi, sees
Hindi navigation, checks the page on a 360 px wide screen, and logs out (the login page stays
in Hindi). Every request the browser makes must go to the application itself.
"""

import re

import pytest

from cctns.legal.models import Act

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def station(named_org):
    """The ``org`` fixture with readable names, as in a real station (for the screenshots)."""
    org = named_org
    Act.objects.get_or_create(
        code="BNS", defaults={"short_name": "BNS 2023", "name": "Bharatiya Nyaya Sanhita, 2023", "year": 2023, "kind": "penal"},
    )
    return org


def only_same_origin(requested: list[str], origin: str) -> list[str]:
    """Requests that left the application (anything but ``origin``, ``data:`` and ``blob:``)."""
    return [u for u in requested if not (u.startswith(origin) or u.startswith(("data:", "blob:")))]


def test_station_writer_logs_in_switches_to_hindi_and_logs_out(page, live_server, station, password, shot):
    origin = live_server.url
    page.goto(f"{origin}/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "login", docs=True)

    # the username field has the focus; Tab moves to the password with a visible focus ring
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert ring == "solid 3px"

    # a wrong password first: a clear error, the form again, no server error
    page.get_by_label("Username").fill("writer_a1")
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Log in").click()
    assert "Please enter a correct username and password" in page.get_by_test_id("login-error").inner_text()
    shot(page, "login-error")

    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{origin}/")
    assert page.get_by_test_id("role").inner_text() == "Station writer / duty officer"
    assert "Ramesh Kumar" in page.get_by_test_id("who").inner_text()
    assert "Officers at Arundelpet PS" in page.content()
    # keyboard: the first Tab on a page reaches the skip link, which comes into view
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator("a.skip").bounding_box()["x"] >= 0
    shot(page, "home-en")

    page.select_option("#lang-select", "hi")
    page.get_by_test_id("lang-submit").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "hi"
    nav = page.get_by_role("navigation", name="मुख्य मेनू").inner_text()
    assert "मुखपृष्ठ" in nav and "इकाइयाँ" in nav and "अधिनियम और धाराएँ" in nav
    assert page.get_by_test_id("role").inner_text() == "थाना लेखक / ड्यूटी अधिकारी"
    assert "रमेश कुमार" in page.get_by_test_id("who").inner_text()
    shot(page, "home-hi", docs=True)

    # a 360 px wide screen: nothing wider than the screen, the menu still there
    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_role("navigation", name="मुख्य मेनू").is_visible()
    assert page.get_by_test_id("logout").is_visible()
    shot(page, "home-hi-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r".*/login/$"))
    assert page.locator("html").get_attribute("lang") == "hi"  # the choice outlives the session
    assert page.get_by_role("button", name="लॉग इन करें").is_visible()
    shot(page, "logged-out-hi")

    assert only_same_origin(page.requested, origin) == []


def test_login_page_fits_a_360px_screen(page, live_server, shot):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/login/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.get_by_label("Username").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    shot(page, "login-360")


def test_api_docs_render_from_the_application_alone(page, live_server, station, password, shot):
    origin = live_server.url
    page.goto(f"{origin}/login/?next=/api/docs/")
    page.get_by_label("Username").fill("writer_a1")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{origin}/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()
    # the schema the page renders (120-odd paths, drawn progressively) comes from the application
    schema = page.request.get(f"{origin}/api/schema/", headers={"Accept": "application/json"})
    assert schema.ok and "/api/v1/units/" in schema.json()["paths"]
    shot(page, "api-docs", full_page=False)
    assert only_same_origin(page.requested, origin) == []
