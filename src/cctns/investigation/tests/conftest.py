"""Fixtures for investigation tests: the registration fixtures (acts and sections, extra officers)
and an FIR registered at PS A1 with ``io_a1`` as its IO."""

import pytest

from cctns.registration.services.fir import assign_io, register_fir
from cctns.registration.tests.conftest import (  # noqa: F401
    fir_data,
    ist,
    law,
    make_fir_data,
    officers,
)

__all__ = ["ist"]


@pytest.fixture
def make_case(org, law):  # noqa: F811
    """``make_case(**fir_overrides)``: a registered FIR at PS A1 investigated by ``io_a1``."""

    def make(io=None, **overrides):
        fir = register_fir(org.ps_a1, org.sho_a1, fir_data(law, **overrides))
        return assign_io(fir, org.sho_a1, io or org.io_a1)

    return make


@pytest.fixture
def case(make_case):
    return make_case()


def closure_data(**kw) -> dict:
    data = {"kind": "closure", "closure_class": "untraced", "reasons": "Accused not traced despite efforts."}
    data.update(kw)
    return data


def file_report(fir, approver, preparer=None, data=None, **approve_kw):
    """Prepare (by the case's IO), submit and approve a final report; returns the report."""
    from cctns.investigation.services.final_report import (
        approve_final_report,
        prepare_final_report,
        submit_final_report,
    )

    preparer = preparer or fir.io
    report = prepare_final_report(fir, preparer, data or closure_data())
    report = submit_final_report(report, preparer)
    return approve_final_report(report, approver, **approve_kw)
