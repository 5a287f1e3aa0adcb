"""Fixtures for person index tests: registration's law and officers, and a person factory."""

import datetime

import pytest

from cctns.persons import services
from cctns.registration.tests.conftest import law, make_fir_data, officers  # noqa: F401  (fixtures)

ON = datetime.date(2026, 1, 15)


@pytest.fixture
def make_person(org):
    """``make_person(user=None, unit=None, **data)``: a person created through the service,
    recorded by ``unit`` (default the user's posting, default PS A1's writer)."""

    def make(user=None, unit=None, propose=True, **data):
        user = user or org.writer_a1
        data.setdefault("name", "Ram Kumar Sharma")
        return services.create_person(user, data, unit=unit, propose=propose)

    return make
