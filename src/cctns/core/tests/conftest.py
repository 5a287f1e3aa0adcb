"""Registration's fixtures (reference law, FIR data, more officers) for the protection, approvals
and security tests that walk the whole site."""

from cctns.registration.tests.conftest import law, make_fir_data, officers  # noqa: F401
