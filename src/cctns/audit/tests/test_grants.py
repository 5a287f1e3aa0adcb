"""PostgreSQL privileges: the application role can INSERT and SELECT audit rows but never UPDATE,
DELETE or TRUNCATE them (``cctns audit grants``). The statements are printed on every database;
the proof runs on PostgreSQL with a throwaway role."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cctns.audit.grants import audit_tables, grant_statements

ROLE = "cctns_audit_probe_role"


def test_grants_command_prints_insert_select_only_for_audit_tables(db):
    out = io.StringIO()
    call_command("audit", "grants", "--app-role", "cctns_app", stdout=out)
    text = out.getvalue()
    for table in audit_tables():
        assert f'REVOKE UPDATE, DELETE, TRUNCATE ON "{table}" FROM "cctns_app";' in text
        assert f'GRANT SELECT, INSERT ON "{table}" TO "cctns_app";' in text
    # the revoke comes after the blanket grant, or the blanket grant would undo it
    assert text.index("ON ALL TABLES") < text.index("REVOKE")


@pytest.mark.parametrize("bad", ["", "app; DROP TABLE x", "1app", 'a"b'])
def test_grants_refuse_anything_but_a_plain_role_name(bad, db):
    with pytest.raises(ValueError):
        grant_statements(bad)
    with pytest.raises(CommandError):
        call_command("audit", "grants", "--app-role", bad, stdout=io.StringIO())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_app_role_cannot_update_or_delete_audit_rows():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    import psycopg
    from psycopg import errors

    from cctns.audit.models import AuditEntry
    from cctns.audit.services import log_access
    from cctns.core.tests.factories import UserFactory

    user = UserFactory(username="grants_probe")
    entry = log_access(user, user)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {ROLE}")
        cursor.execute(f"CREATE ROLE {ROLE} LOGIN")
    try:
        call_command("audit", "grants", "--app-role", ROLE, "--apply", stdout=io.StringIO())
        params = connection.get_connection_params()
        conninfo = dict(host=params.get("host") or "127.0.0.1", port=params.get("port") or 5432,
                        dbname=params["dbname"], user=ROLE, autocommit=True)
        table = AuditEntry._meta.db_table
        with psycopg.connect(**conninfo) as app:
            with pytest.raises(errors.InsufficientPrivilege):
                app.execute(f"UPDATE {table} SET reason = 'rewritten' WHERE id = %s", [entry.pk])
            with pytest.raises(errors.InsufficientPrivilege):
                app.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
            with pytest.raises(errors.InsufficientPrivilege):
                app.execute(f"TRUNCATE {table}")
            with pytest.raises(errors.InsufficientPrivilege):
                app.execute("DELETE FROM audit_auditchainlink")
            row = app.execute(
                f"INSERT INTO {table} (content_type_id, object_pk, object_repr, action, changes_text, kind, "
                "actor_username, actor_role, actor_unit, user_agent, reason, timestamp) "
                "SELECT content_type_id, object_pk, object_repr, 3, '', 'access', '', '', '', '', 'probe', now() "
                f"FROM {table} WHERE id = %s RETURNING id", [entry.pk]).fetchone()
            assert row is not None
            assert app.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 2
            # ordinary tables stay writable for the application
            app.execute("UPDATE core_user SET first_name = 'Probe' WHERE id = %s", [user.pk])
        assert AuditEntry.objects.get(pk=entry.pk).reason == ""
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {ROLE}")
            cursor.execute(f"DROP ROLE {ROLE}")
