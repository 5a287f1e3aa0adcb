"""Running work in real threads, each with its own database connection, on either database.

On PostgreSQL the threads connect to the test database itself (the test must use
``django_db(transaction=True)`` so its fixtures are committed). On SQLite the test database is an
in-memory shared-cache database, whose table locks ignore the busy timeout — unlike the embedded
deployment, which is a WAL-mode file opened with ``BEGIN IMMEDIATE`` transactions. So for SQLite
the committed test database is copied to a file with SQLite's backup API and the threads connect
to that file, exactly as the embedded mode's worker threads do.
"""

import contextlib
import sqlite3
import threading

from django.db import connection, connections


@contextlib.contextmanager
def threaded_database(tmp_path):
    """Within the block, new threads' connections reach a database holding the test's data."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    path = tmp_path / "threads.sqlite3"
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    # Switch the copy to WAL once, before the threads connect: switching the journal mode needs
    # the database to itself, so threads racing to do it could see "database is locked".
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings_dict = connections.settings["default"]
    saved = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = saved


def run_threads(fn, count: int, timeout: float = 120) -> tuple[list, list[BaseException]]:
    """Run ``fn(i)`` in ``count`` threads released together by a barrier; return (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def work(i):
        try:
            barrier.wait(timeout=timeout)
            value = fn(i)
            with lock:
                results.append(value)
        except BaseException as exc:  # noqa: BLE001 - returned to the test, which asserts on it
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return results, errors


def in_thread(fn):
    """Run ``fn()`` in one new thread (its own connection) and return its result."""
    results, errors = run_threads(lambda _i: fn(), 1)
    if errors:
        raise errors[0]
    return results[0]
