"""Gapless, unique numbering of records per series (FIR, NCR, General Diary, complaints …).

FIR numbers run per police station per calendar year (DESIGN.md §3: ``0042/2026``) and must never
skip or repeat, even when several officers register at the same moment (DESIGN.md §7). The number
is taken inside the same database transaction that saves the record:

- on PostgreSQL the counter row is locked with ``SELECT … FOR UPDATE`` (created first if it does
  not exist; a concurrent creator's ``IntegrityError`` is caught and the row re-read and locked);
- on SQLite the settings open every transaction with ``BEGIN IMMEDIATE``, so one writer at a time
  holds the database and the read-increment-write cannot interleave.

Because the counter update commits or rolls back with the record, a failed save never leaves a gap.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction

from .models import Counter

IST = ZoneInfo("Asia/Kolkata")


def next_number(scope: str, year: int) -> int:
    """Allocate and return the next number (1, 2, 3 …) of the series ``(scope, year)``.

    Must be called inside ``transaction.atomic()``: the caller saves the numbered record in the
    same transaction. Raises ``RuntimeError`` when called outside a transaction (the number
    could otherwise be lost and leave a gap).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("next_number() must run inside the transaction that saves the record.")
    counters = Counter.objects.select_for_update()
    try:
        counter = counters.get(scope=scope, year=year)
    except Counter.DoesNotExist:
        try:
            with transaction.atomic():  # a savepoint: the race below must not poison the outer transaction
                counter = Counter.objects.create(scope=scope, year=year, last_value=0)
        except IntegrityError:
            # Another transaction created the row first; wait for its lock and read its value.
            counter = counters.get(scope=scope, year=year)
    counter.last_value += 1
    Counter.objects.filter(pk=counter.pk).update(last_value=counter.last_value)
    return counter.last_value


def current_number(scope: str, year: int) -> int:
    """The last number issued in ``(scope, year)``, 0 when none (for reports and checks)."""
    return Counter.objects.filter(scope=scope, year=year).values_list("last_value", flat=True).first() or 0


def local_date(moment: datetime.datetime) -> datetime.date:
    """The calendar date of ``moment`` in Indian Standard Time (numbering years and GD days)."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(IST).date()


def display_number(serial: int, year: int) -> str:
    """A record number as printed: ``display_number(42, 2026)`` → ``"0042/2026"``."""
    return f"{serial:04d}/{year}"
