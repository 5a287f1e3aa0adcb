from cctns.registration.tests.conftest import law, make_fir_data, officers  # noqa: F401
