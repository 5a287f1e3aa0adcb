"""FIR numbering: gapless and unique per station per IST calendar year, under concurrency, on
SQLite and PostgreSQL (DESIGN.md §3 and §7)."""

import pytest
from django.db import connection, transaction
from django.test import override_settings

from cctns.core.models import Counter
from cctns.core.numbering import display_number, next_number
from cctns.registration.constants import FIRStatus
from cctns.registration.models import FIR
from cctns.registration.services import approve_fir, register_fir

from .conftest import ist
from .threads import in_thread, run_threads, threaded_database

SIMULTANEOUS = 50


@pytest.mark.django_db(transaction=True)
def test_next_number_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        next_number("X", 2026)


def test_next_number_counts_per_scope_and_year(db):
    with transaction.atomic():
        assert [next_number("FIR:1", 2026) for _ in range(3)] == [1, 2, 3]
        assert next_number("FIR:2", 2026) == 1
        assert next_number("FIR:1", 2027) == 1
    assert Counter.objects.get(scope="FIR:1", year=2026).last_value == 3


def test_rolled_back_number_is_reused(db):
    with transaction.atomic():
        assert next_number("FIR:9", 2026) == 1
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert next_number("FIR:9", 2026) == 2
        raise ZeroDivisionError  # the record's save fails: the number goes back
    with transaction.atomic():
        assert next_number("FIR:9", 2026) == 2


def test_display_number():
    assert display_number(42, 2026) == "0042/2026"
    assert display_number(12345, 2026) == "12345/2026"


@pytest.mark.django_db(transaction=True)
@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_fifty_simultaneous_registrations_at_one_station_are_gapless(org, law, make_fir_data, tmp_path):
    """50 threads, each with its own connection, register at one station at the same moment; the
    serials are exactly 1..50 (no gap, no duplicate), on SQLite and on PostgreSQL."""
    station, writer = org.ps_a1, org.writer_a1
    at = ist(2026, 3, 5, 11, 0)
    with threaded_database(tmp_path):
        results, errors = run_threads(lambda i: register_fir(station, writer, make_fir_data(), now=at).serial, SIMULTANEOUS)
        assert errors == [], f"{connection.vendor}: {errors[:3]}"
        rows = in_thread(lambda: list(FIR.objects.filter(police_station=station).values_list("serial", "number", "national_key")))
        gd_numbers = in_thread(lambda: sorted(station.gd_entries.values_list("number", flat=True)))
    serials = sorted(r[0] for r in rows)
    assert serials == list(range(1, SIMULTANEOUS + 1))
    assert sorted(results) == serials
    assert len({r[1] for r in rows}) == SIMULTANEOUS and "0050/2026" in {r[1] for r in rows}
    assert len({r[2] for r in rows}) == SIMULTANEOUS
    assert gd_numbers == list(range(1, SIMULTANEOUS + 1))  # the GD series is gapless too


@pytest.mark.django_db(transaction=True)
@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=True)
def test_simultaneous_approvals_are_gapless(org, law, make_fir_data, tmp_path):
    """With approval on, the number is taken at approval: 20 approvals at once give 1..20."""
    pending = [register_fir(org.ps_a1, org.writer_a1, make_fir_data()) for _ in range(20)]
    assert {f.status for f in pending} == {FIRStatus.PENDING_APPROVAL}
    assert all(f.serial is None for f in pending)
    with threaded_database(tmp_path):
        _, errors = run_threads(lambda i: approve_fir(pending[i], org.sho_a1, "ok"), 20)
        assert errors == []
        serials = in_thread(lambda: sorted(FIR.objects.values_list("serial", flat=True)))
    assert serials == list(range(1, 21))


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_numbers_restart_at_the_ist_year_boundary(org, law, make_fir_data):
    """31 Dec 23:59 IST is the old year; 1 Jan 00:00 IST (still 31 Dec in UTC) starts the new one at 1."""
    data = make_fir_data(
        occurrence_from=ist(2025, 12, 31, 20, 0), occurrence_to=ist(2025, 12, 31, 21, 0),
        information_received_at=ist(2025, 12, 31, 23, 0),
    )
    first = register_fir(org.ps_a1, org.writer_a1, data, now=ist(2025, 12, 31, 23, 58))
    last_of_year = register_fir(org.ps_a1, org.writer_a1, data, now=ist(2025, 12, 31, 23, 59))
    new_year = register_fir(org.ps_a1, org.writer_a1, data, now=ist(2026, 1, 1, 0, 0))
    second = register_fir(org.ps_a1, org.writer_a1, data, now=ist(2026, 1, 1, 0, 1))
    assert (first.year, first.serial, last_of_year.serial) == (2025, 1, 2)
    assert last_of_year.number == "0002/2025"
    assert (new_year.year, new_year.serial, new_year.number) == (2026, 1, "0001/2026")
    assert second.serial == 2
    assert new_year.national_key == "28-A-1-2026-0001"


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_each_station_has_its_own_series(org, law, make_fir_data, officers):
    a = register_fir(org.ps_a1, org.writer_a1, make_fir_data())
    b = register_fir(org.ps_b1, org.writer_b1, make_fir_data())
    assert a.serial == b.serial == 1
    assert a.national_key != b.national_key
    assert b.national_key.startswith("28-B-1-")


@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_failed_registration_leaves_no_gap(org, law, make_fir_data):
    first = register_fir(org.ps_a1, org.writer_a1, make_fir_data())
    with pytest.raises(Exception):  # noqa: B017 - any failure inside the transaction
        register_fir(org.ps_a1, org.writer_a1, make_fir_data(accused=[{"known": True, "name": "X", "bogus": 1}]))
    second = register_fir(org.ps_a1, org.writer_a1, make_fir_data())
    assert (first.serial, second.serial) == (1, 2)


@pytest.mark.django_db(transaction=True)
@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_simultaneous_retries_with_one_idempotency_key_make_one_fir(org, law, make_fir_data, tmp_path):
    """Ten retries of one request arrive together: one FIR, all answers name it."""
    data = make_fir_data()
    with threaded_database(tmp_path):
        results, errors = run_threads(
            lambda i: register_fir(None, org.writer_a1, data, idempotency_key="same-request").pk, 10)
        assert errors == []
        count = in_thread(lambda: FIR.objects.count())
    assert count == 1 and len(set(results)) == 1
