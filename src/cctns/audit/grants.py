"""PostgreSQL privileges: the application role may INSERT and SELECT audit rows, never UPDATE,
DELETE or TRUNCATE them (docs/security.md).

Two roles: an *owner* role that owns the tables and runs migrations (``cctns migrate``), and the
*application* role that the web and worker processes connect as. The application role gets
ordinary read/write on every other table and sequence, and only INSERT/SELECT on the audit
tables, so even a compromised application cannot rewrite history; the hash chain makes
changes by the owner role evident.
"""

import re

from django.apps import apps
from django.db import connection, transaction

_ROLE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def audit_tables() -> list[str]:
    """Tables that are append-only for the application role."""
    return [apps.get_model("audit", name)._meta.db_table for name in ("AuditEntry", "AuditChainLink")]


def grant_statements(role: str) -> list[str]:
    """The SQL statements, in order, for application role ``role`` (a plain identifier).

    Raises ``ValueError`` for a role name that is not a plain PostgreSQL identifier.
    """
    if not _ROLE_RE.match(role or ""):
        raise ValueError(f"Not a plain role name: {role!r}")
    q = connection.ops.quote_name if connection.vendor == "postgresql" else (lambda n: f'"{n}"')
    r = q(role)
    out = [
        f"GRANT USAGE ON SCHEMA public TO {r};",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r};",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r};",
    ]
    for table in audit_tables():
        out.append(f"REVOKE UPDATE, DELETE, TRUNCATE ON {q(table)} FROM {r};")
        out.append(f"GRANT SELECT, INSERT ON {q(table)} TO {r};")
    return out


def apply(role: str) -> None:
    """Execute :func:`grant_statements` on the default database (as a role that may grant)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in grant_statements(role):
            cursor.execute(statement)
