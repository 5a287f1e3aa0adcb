"""Shared pytest fixtures: a small two-district state with stations and officers of each role."""

import pytest

from cctns.core.constants import Rank, Role, UnitKind
from cctns.core.tests.factories import TEST_PASSWORD, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: start every test with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture
def org(db):
    """A tiny hierarchy: India → state 28 → districts A and B → two stations in A, one in B.

    Returns a namespace-like dict of units and users:
    ``national, state, dist_a, dist_b, ps_a1, ps_a2, ps_b1`` and users
    ``writer_a1, io_a1, sho_a1, writer_a2, writer_b1, sp_a, sp_b, scrb, ncrb, admin``.
    """
    national = UnitFactory(code="IN", name="India", kind=UnitKind.NATIONAL)
    state = UnitFactory(code="28", name="Andhra Pradesh", kind=UnitKind.STATE, parent=national, lgd_code="28")
    scrb_office = UnitFactory(code="28-SCRB", name="SCRB Andhra Pradesh", kind=UnitKind.OFFICE, parent=state)
    ncrb_office = UnitFactory(code="IN-NCRB", name="NCRB", kind=UnitKind.OFFICE, parent=national)
    dist_a = UnitFactory(code="28-A", name="District A", kind=UnitKind.DISTRICT, parent=state)
    dist_b = UnitFactory(code="28-B", name="District B", kind=UnitKind.DISTRICT, parent=state)
    ps_a1 = UnitFactory(code="28-A-1", name="PS A1", kind=UnitKind.POLICE_STATION, parent=dist_a)
    ps_a2 = UnitFactory(code="28-A-2", name="PS A2", kind=UnitKind.POLICE_STATION, parent=dist_a)
    ps_b1 = UnitFactory(code="28-B-1", name="PS B1", kind=UnitKind.POLICE_STATION, parent=dist_b)
    users = {
        "writer_a1": UserFactory(username="writer_a1", unit=ps_a1, role=Role.STATION_WRITER, rank=Rank.HEAD_CONSTABLE),
        "io_a1": UserFactory(username="io_a1", unit=ps_a1, role=Role.IO, rank=Rank.SI),
        "sho_a1": UserFactory(username="sho_a1", unit=ps_a1, role=Role.SHO, rank=Rank.INSPECTOR),
        "writer_a2": UserFactory(username="writer_a2", unit=ps_a2, role=Role.STATION_WRITER, rank=Rank.ASI),
        "writer_b1": UserFactory(username="writer_b1", unit=ps_b1, role=Role.STATION_WRITER, rank=Rank.ASI),
        "sp_a": UserFactory(username="sp_a", unit=dist_a, role=Role.SUPERVISOR, rank=Rank.SP),
        "sp_b": UserFactory(username="sp_b", unit=dist_b, role=Role.SUPERVISOR, rank=Rank.SP),
        "scrb": UserFactory(username="scrb", unit=scrb_office, role=Role.SCRB_ANALYST, rank=Rank.INSPECTOR),
        "ncrb": UserFactory(username="ncrb", unit=ncrb_office, role=Role.NCRB_ANALYST, rank=Rank.DSP),
        "admin": UserFactory(username="admin", unit=state, role=Role.ADMIN, rank=Rank.CIVILIAN, is_staff=True, is_superuser=True),
    }
    ns = dict(national=national, state=state, scrb_office=scrb_office, ncrb_office=ncrb_office,
              dist_a=dist_a, dist_b=dist_b, ps_a1=ps_a1, ps_a2=ps_a2, ps_b1=ps_b1, **users)
    return type("Org", (), ns)
