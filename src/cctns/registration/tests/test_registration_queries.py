"""How many queries registering an FIR takes (the hot path of bench/fir_registration.py): pinned so
that a change that adds a query per registration, or per child row, fails here."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cctns.registration.models import FIR, GDEntry
from cctns.registration.services import register_fir

from .conftest import fir_data, ist

pytestmark = pytest.mark.django_db

#: Queries of one registration by a writer with approval off, including the audit log's and the
#: outbox's rows (measured: an idempotency read and a claim, section resolution, 2 counters,
#: station ancestors, FIR, 4 child inserts, GD entry, audit and outbox rows, 2 savepoints), plus
#: the audit entries of the 4 child inserts (``cctns.audit.bulk.one_insert``: one insert for all).
MAX_QUERIES = 28


def registration_queries(org, law, n_children: int, key: str) -> int:
    rows = [{"name": f"Victim {i}", "sex": "M", "age": 30 + i} for i in range(n_children)]
    accused = [{"known": False, "description": f"Person {i}"} for i in range(n_children)]
    properties = [{"category": "other", "description": f"Item {i}", "value": "100.00"} for i in range(n_children)]
    data = fir_data(law, victims=rows, accused=accused, properties=properties, sections=["BNS 303(2)", "BNS 316"])
    with CaptureQueriesContext(connection) as ctx:
        register_fir(None, org.writer_a1, data, idempotency_key=key, now=ist(2025, 7, 11, 10, 0))
    return len(ctx.captured_queries)


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_registering_an_fir_takes_a_fixed_number_of_queries(org, law):
    registration_queries(org, law, 1, "warm-up")  # counters and content types exist after the first
    one = registration_queries(org, law, 1, "one")
    many = registration_queries(org, law, 8, "many")
    assert one == many, "a query per victim, accused or property"
    assert one <= MAX_QUERIES, one
    fir = FIR.objects.get(number="0003/2025")
    assert fir.victims.count() == 8 and fir.accused.count() == 8 and fir.properties.count() == 8
    # the GD line names the sections without re-reading them
    assert GDEntry.objects.filter(object_id=fir.pk).get().text.startswith("FIR 0003/2025 under BNS 303(2), BNS 316 ")
