"""Fixtures for the browser tests: headless Debian Chromium driven by Playwright's sync API.

The tests skip when ``/usr/bin/chromium`` (or Playwright) is missing, except under ``CI=true``,
where a missing browser fails the run. Playwright's sync API runs an event loop in the test
thread, which trips Django's async-safety check on ORM calls; the check is switched off only
while these tests run (``DJANGO_ALLOW_ASYNC_UNSAFE``).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CCTNS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
REPO = Path(settings.BASE_DIR).parents[1]
SCREENSHOTS = REPO / "var" / "screenshots"
DOC_SCREENSHOTS = REPO / "docs" / "screenshots"


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def _allow_async_unsafe():
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def chromium(_allow_async_unsafe):
    """A headless Chromium browser, shared by the tests of a module."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("playwright is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser context (no cookies) and page, recording every URL it requests in
    ``page.requested`` so a test can check nothing was fetched from outside the application."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-IN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


@pytest.fixture
def shot():
    """``shot(page, name, docs=False)``: save a PNG to var/screenshots/ (and, with ``docs=True``
    and ``CCTNS_UPDATE_DOC_SCREENSHOTS=1``, to docs/screenshots/ for the README)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, docs: bool = False, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        if docs and os.environ.get("CCTNS_UPDATE_DOC_SCREENSHOTS") == "1":
            DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOC_SCREENSHOTS / f"{name}.png"), full_page=full_page)
        return path

    return take


#: Readable names for the ``org`` fixture's units and station officers, as in a real station
#: (the screenshots in docs/ show them).
UNIT_NAMES = {
    "state": ("Andhra Pradesh", "आंध्र प्रदेश"),
    "dist_a": ("Guntur", "गुंटूर"),
    "ps_a1": ("Arundelpet PS", "अरुंडेलपेट थाना"),
}
OFFICER_NAMES = {
    "writer_a1": ("Ramesh", "Kumar", "रमेश कुमार", "GNT-1207"),
    "io_a1": ("Lakshmi", "Devi", "लक्ष्मी देवी", "GNT-0931"),
    "sho_a1": ("Suresh", "Reddy", "सुरेश रेड्डी", "GNT-0415"),
}


@pytest.fixture
def named_org(org):
    """The ``org`` fixture with readable unit and officer names in English and Hindi."""
    for attr, (name, name_hi) in UNIT_NAMES.items():
        unit = getattr(org, attr)
        unit.name, unit.name_hi = name, name_hi
        unit.save()
    for attr, (first, last, name_hi, belt) in OFFICER_NAMES.items():
        user = getattr(org, attr)
        user.first_name, user.last_name, user.name_hi, user.belt_number = first, last, name_hi, belt
        user.save()
    return org
