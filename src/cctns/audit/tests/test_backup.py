"""``cctns backup`` / ``cctns restore``: a backup restored into a fresh, empty database has the same
records, the same audit chain, and the chain verifies (SQLite always; PostgreSQL when the suite
runs on it)."""

import contextlib
import copy
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import override_settings

from cctns.audit.backup import record_counts, summary
from cctns.audit.chain import chain_head
from cctns.registration.services import register_fir

ALIAS = "restored"


@contextlib.contextmanager
def fresh_database(tmp_path):
    """An empty database beside the test database, reachable as ``using=ALIAS``."""
    default = connections["default"]
    cfg = copy.deepcopy(default.settings_dict)
    admin = None
    if default.vendor == "sqlite":
        cfg["NAME"] = str(tmp_path / "fresh.sqlite3")
    else:
        import psycopg

        cfg["NAME"] = f"{cfg['NAME']}_restored"
        admin = psycopg.connect(host=cfg.get("HOST") or "127.0.0.1", port=cfg.get("PORT") or 5432,
                                user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
                                dbname="postgres", autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{cfg["NAME"]}" TEMPLATE template0 ENCODING \'UTF8\'')
    connections.settings[ALIAS] = cfg
    wrapper = default.__class__(cfg, ALIAS)
    connections[ALIAS] = wrapper
    wrapper.connect()  # directly: the test case only lets known aliases connect through ensure_connection
    try:
        yield ALIAS
    finally:
        wrapper.close()
        del connections[ALIAS]
        del connections.settings[ALIAS]
        if admin is not None:
            admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
            admin.close()


@pytest.mark.django_db(transaction=True)
@override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)
def test_backup_restores_into_a_fresh_database_with_records_and_chain(org, make_fir_data, tmp_path):
    for _ in range(3):
        register_fir(None, org.writer_a1, make_fir_data())
    path = tmp_path / "cctns.backup"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert path.stat().st_size > 0 and "registration.fir: 3" in out.getvalue()
    before = record_counts()
    head = chain_head()
    assert before["registration.fir"] == 3 and head[0] == before["audit.auditentry"] > 0

    with fresh_database(tmp_path) as alias:
        out = io.StringIO()
        call_command("restore", str(path), "--database", alias, "--no-input", stdout=out)
        assert "audit chain: OK" in out.getvalue()
        after = summary(using=alias)
        assert after["counts"] == before
        assert after["chain_ok"] and after["chain_links"] == head[0]
        assert chain_head(using=alias) == head


def test_restore_refuses_a_missing_or_foreign_file(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "nothing"), "--no-input")
    if connections["default"].vendor == "sqlite":
        bogus = tmp_path / "bogus"
        bogus.write_bytes(b"not a database at all")
        with pytest.raises(CommandError, match="not an SQLite backup"):
            call_command("restore", str(bogus), "--no-input")
