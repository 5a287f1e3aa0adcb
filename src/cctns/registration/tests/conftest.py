"""Fixtures for registration tests: a few acts and sections (no dependence on the reference loader),
extra officers, and helpers to build FIR data."""

import datetime
from decimal import Decimal

import pytest

from cctns.core.constants import Rank, Role
from cctns.core.numbering import IST
from cctns.core.tests.factories import UserFactory
from cctns.legal.models import Act, ActKind, Correspondence, Section


def ist(*args) -> datetime.datetime:
    """An aware datetime in IST: ``ist(2024, 7, 1, 0, 0)``."""
    return datetime.datetime(*args, tzinfo=IST)


@pytest.fixture
def law(db):
    """BNS, IPC, NDPS, Arms Act, POCSO with the handful of sections the tests use.

    Returns a namespace: ``bns_303, ipc_379, bns_64, ipc_376, bns_115, ipc_323, bns_356, bns_103,
    bns_316, bns_79, ndps_20, arms_25, pocso_4`` and the acts ``bns, ipc, ndps, arms, pocso``.
    """
    bns = Act.objects.create(code="BNS", short_name="BNS", name="Bharatiya Nyaya Sanhita, 2023", year=2023,
                             kind=ActKind.PENAL_CODE, in_force_from=datetime.date(2024, 7, 1))
    ipc = Act.objects.create(code="IPC", short_name="IPC", name="Indian Penal Code, 1860", year=1860,
                             kind=ActKind.PENAL_CODE, in_force_to=datetime.date(2024, 6, 30))
    ndps = Act.objects.create(code="NDPS", short_name="NDPS Act", name="Narcotic Drugs and Psychotropic Substances Act, 1985",
                              year=1985, kind=ActKind.SPECIAL)
    arms = Act.objects.create(code="ARMS", short_name="Arms Act", name="Arms Act, 1959", year=1959, kind=ActKind.SPECIAL)
    pocso = Act.objects.create(code="POCSO", short_name="POCSO Act", name="Protection of Children from Sexual Offences Act, 2012",
                               year=2012, kind=ActKind.SPECIAL)

    def sec(act, number, title, cognizable=True, max_years=None, sensitive=False, **kw):
        return Section.objects.create(act=act, number=number, title=title, is_offence=True, cognizable=cognizable,
                                      max_punishment_years=max_years, sensitive=sensitive, **kw)

    ns = dict(bns=bns, ipc=ipc, ndps=ndps, arms=arms, pocso=pocso)
    ns.update(
        bns_303=sec(bns, "303", "Theft", max_years=3),
        ipc_379=sec(ipc, "379", "Punishment for theft", max_years=3),
        bns_64=sec(bns, "64", "Punishment for rape", max_years=99, sensitive=True, sensitive_reason="BNS s.72"),
        ipc_376=sec(ipc, "376", "Punishment for rape", max_years=99, sensitive=True),
        bns_115=sec(bns, "115", "Voluntarily causing hurt", cognizable=False, max_years=1),
        ipc_323=sec(ipc, "323", "Punishment for voluntarily causing hurt", cognizable=False, max_years=1),
        bns_356=sec(bns, "356", "Defamation", cognizable=False, max_years=2),
        bns_103=sec(bns, "103", "Punishment for murder", max_years=100),
        bns_316=sec(bns, "316", "Criminal breach of trust", max_years=5),
        bns_79=sec(bns, "79", "Word, gesture or act intended to insult modesty of a woman", max_years=3),
        ndps_20=sec(ndps, "20", "Punishment for contravention in relation to cannabis plant and cannabis", cognizable=None),
        arms_25=sec(arms, "25", "Punishment for certain offences", cognizable=None, max_years=7),
        pocso_4=sec(pocso, "4", "Punishment for penetrative sexual assault", max_years=99, sensitive=True),
    )
    for ipc_s, bns_s, label in [("ipc_379", "bns_303", "303(2)"), ("ipc_376", "bns_64", "64"), ("ipc_323", "bns_115", "115(2)")]:
        Correspondence.objects.create(ipc_section=ns[ipc_s], bns_section=ns[bns_s], ipc_label=ns[ipc_s].number,
                                      bns_label=label, relation=Correspondence.Relation.CORRESPONDS)
    return type("Law", (), ns)


@pytest.fixture
def officers(org):
    """SHOs and writers at the other stations, an outside IO and a DSP over district A."""
    return type("Officers", (), dict(
        sho_a2=UserFactory(username="sho_a2", unit=org.ps_a2, role=Role.SHO, rank=Rank.INSPECTOR),
        sho_b1=UserFactory(username="sho_b1", unit=org.ps_b1, role=Role.SHO, rank=Rank.INSPECTOR),
        io_b1=UserFactory(username="io_b1", unit=org.ps_b1, role=Role.IO, rank=Rank.SI),
        constable_a1=UserFactory(username="constable_a1", unit=org.ps_a1, role=Role.IO, rank=Rank.CONSTABLE),
        dsp_a=UserFactory(username="dsp_a", unit=org.dist_a, role=Role.SUPERVISOR, rank=Rank.DSP),
    ))


def fir_data(law, **overrides) -> dict:
    """Valid data for a theft FIR (BNS 303(2), July 2025), to adjust per test."""
    data = {
        "occurrence_from": ist(2025, 7, 10, 22, 0),
        "occurrence_to": ist(2025, 7, 10, 23, 30),
        "information_received_at": ist(2025, 7, 11, 9, 15),
        "place_address": "Near the bus stand, Main Road",
        "beat": "Beat 3",
        "distance_km": Decimal("1.5"),
        "direction_from_ps": "NE",
        "informant_name": "Ramesh Kumar",
        "informant_relative_name": "Suresh Kumar",
        "informant_relation": "father",
        "informant_age": 42,
        "informant_sex": "M",
        "informant_phone": "9876543210",
        "informant_id_type": "aadhaar",
        "informant_id_number": "1234 5678 9012",
        "sections": [{"act": "BNS", "number": "303(2)"}],
        "victims": [{"name": "Ramesh Kumar", "sex": "M", "age": 42}],
        "accused": [{"known": False, "description": "Two men on a black motorcycle"}],
        "properties": [{"category": "mobile_phone", "description": "Mobile phone", "value": Decimal("15000.00")}],
        "narrative": "My mobile phone was stolen from my pocket near the bus stand.",
        "action_taken": "Case registered and taken up for investigation.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_fir_data(law):
    def make(**overrides):
        return fir_data(law, **overrides)
    return make
