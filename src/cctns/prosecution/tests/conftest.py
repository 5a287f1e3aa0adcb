"""Fixtures for court tests: a registered theft FIR at PS A1 with two known accused and an IO,
and a court case on it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

from cctns.core.constants import Rank, Role
from cctns.core.tests.factories import UserFactory
from cctns.registration.services import assign_io, register_fir
from cctns.registration.tests.conftest import law, make_fir_data, officers  # noqa: F401  (fixtures)

from .. import services

#: "Today" of the tests (IST): courts work on past dates, so fixtures use dates before it.
TODAY = datetime.date(2026, 3, 2)
#: When the fixture FIR is registered.
FIR_REGISTERED = datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def fir(org, make_fir_data):  # noqa: F811
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        fir = register_fir(org.ps_a1, org.writer_a1, make_fir_data(accused=[
            {"known": True, "name": "Mohan Lal", "age": 30, "sex": "M"},
            {"known": True, "name": "Sohan Lal", "age": 28, "sex": "M"},
        ]), now=FIR_REGISTERED)
    return assign_io(fir, org.sho_a1, org.io_a1)


@pytest.fixture
def case(fir, org):
    return services.register_court_case(
        fir, org.io_a1, court_name="Court of the Judicial Magistrate First Class, A", case_number="CC 12/2026",
        cnr_number="APAB010000122026", court_establishment="APAB01", public_prosecutor="Smt. Lakshmi",
    )


@pytest.fixture
def accused(fir):
    return list(fir.accused.order_by("order"))


@pytest.fixture
def icjs(org):
    """An ICJS court-system account posted at district A."""
    user = UserFactory(username="icjs_a", unit=org.dist_a, role=Role.SUPERVISOR, rank=Rank.CIVILIAN)
    user.groups.add(Group.objects.get_or_create(name="icjs")[0])
    return user


def file_chargesheet(fir, org, sent_up=("A1", "A2")):
    """Take up the investigation and file a charge-sheet (IIF-5) sending up ``sent_up``."""
    from cctns.investigation.lifecycle import transition
    from cctns.investigation.services.final_report import (
        approve_final_report,
        prepare_final_report,
        submit_final_report,
    )
    from cctns.registration.constants import FIRStatus

    fir = transition(fir, FIRStatus.UNDER_INVESTIGATION, by=org.io_a1, reason="Investigation taken up")
    accused = [{"code": a.code, "custody_status": "on_bail", "sections": ["BNS 303(2)"]} if a.code in sent_up
               else {"code": a.code, "sent_up": False, "remarks": "No evidence"} for a in fir.accused.order_by("order")]
    data = {"kind": "chargesheet", "sections": ["BNS 303(2)"], "reasons": "Phone recovered from A1.",
            "witnesses": [{"name": "Ramesh Kumar", "kind": "informant"}], "documents": [{"description": "Seizure memo"}],
            "property_items": [{"description": "Mobile phone", "where_kept": "Malkhana"}],
            "electronic_evidence_custody": "Phone sealed before panch witnesses.", "accused": accused}
    report = submit_final_report(prepare_final_report(fir, org.io_a1, data), org.io_a1)
    approve_final_report(report, org.sho_a1, "Approved")
    fir.refresh_from_db()
    return fir
