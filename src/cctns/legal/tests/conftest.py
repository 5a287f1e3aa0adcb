"""Fixtures for the legal tests: the reference law loaded once per test module.

The load runs inside an outer transaction that is rolled back when the module ends, so the
loaded acts and sections never leak into other apps' tests; each test still runs in its own
savepoint (pytest-django's ``db``), so what a test changes is undone after it.
"""

import pytest
from django.db import transaction

from cctns.legal.reference import load_law


@pytest.fixture(scope="module")
def law(django_db_setup, django_db_blocker):
    """The stats of one full :func:`~cctns.legal.reference.load_law` (the first load)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_law()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
