"""Fixtures for the portal tests: the registration fixtures (org, law, officers), citizens, a
signed-in citizen client, and small valid files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cctns.portal import sms
from cctns.portal.auth import SESSION_KEY
from cctns.portal.models import Citizen
from cctns.registration.tests.conftest import law, officers  # noqa: F401 - fixtures

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _language_back_to_default():
    """A request in Hindi leaves Hindi active in the test thread (LocaleMiddleware activates it):
    deactivate after each test so that later tests of other apps start in the default language."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def citizen(db):
    return Citizen.objects.create(mobile="9876543210", name="Asha Rani")


@pytest.fixture
def other_citizen(db):
    return Citizen.objects.create(mobile="9123456780", name="Bala")


def citizen_client(client, citizen):
    session = client.session
    session[SESSION_KEY] = citizen.pk
    session.save()
    return client


@pytest.fixture
def cclient(client, citizen):
    """A test client signed in as ``citizen``."""
    return citizen_client(client, citizen)


def pdf_upload(name="letter.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def fake_upload(name="photo.jpg"):
    """A text file named like an image (the type is sniffed from the contents)."""
    return SimpleUploadedFile(name, b"MZ this is an executable pretending", content_type="image/jpeg")


def last_code(mobile: str) -> str:
    for msg in reversed(sms.outbox):
        if msg["mobile"] == mobile and msg["kind"].startswith("otp"):
            return msg["text"].split()[0]
    raise AssertionError("no OTP sent")


__all__ = ["io", "law", "officers"]
