"""Audit tests reuse the registration fixtures (a few sections, extra officers, FIR data)."""

from cctns.registration.tests.conftest import law, make_fir_data, officers  # noqa: F401
