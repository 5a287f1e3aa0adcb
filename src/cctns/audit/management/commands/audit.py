"""``cctns audit verify|seal|head|grants``: the audit log's hash chain and database grants."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cctns.audit import chain, grants


class Command(BaseCommand):
    help = (
        "Audit log. verify: seal pending entries, then walk the hash chain and report the first broken "
        "link (exit status 1 when broken). seal: chain entries not yet sealed. head: print the last "
        "link's position and hash (publish it outside the database). grants --app-role NAME [--apply]: "
        "PostgreSQL GRANTs that let the application role only INSERT and SELECT audit rows."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="walk the chain; exit 1 at the first broken link")
        verify.add_argument("--no-seal", action="store_true", help="do not seal pending entries first")
        sub.add_parser("seal", help="chain entries not yet sealed")
        sub.add_parser("head", help="print '<position> <hash>' of the last link")
        g = sub.add_parser("grants", help="print (or apply) the PostgreSQL grants for the application role")
        g.add_argument("--app-role", required=True, help="the role the application connects as")
        g.add_argument("--apply", action="store_true", help="execute the statements (as the owner role)")

    def handle(self, *args, action, **options):
        if action == "verify":
            return self._verify(options)
        if action == "seal":
            self.stdout.write(f"sealed {chain.seal_pending()} entries")
        elif action == "head":
            seq, digest = chain.chain_head()
            self.stdout.write(f"{seq} {digest}")
        elif action == "grants":
            self._grants(options)

    def _verify(self, options):
        if not options["no_seal"]:
            sealed = chain.seal_pending()
            if sealed:
                self.stdout.write(f"sealed {sealed} pending entries")
        result = chain.verify_chain()
        if not result.ok:
            self.stderr.write(
                f"BROKEN at link {result.broken_seq}"
                + (f" (entry {result.broken_entry_id})" if result.broken_entry_id else "")
                + f": {result.problem}; {result.checked} links verified before it"
            )
            sys.exit(1)
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(f"OK: {result.checked} links verified; head {result.head_seq} {result.head_hash}")

    def _grants(self, options):
        role = options["app_role"]
        try:
            statements = grants.grant_statements(role)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["apply"]:
            if connection.vendor != "postgresql":
                raise CommandError("Grants apply to PostgreSQL only.")
            grants.apply(role)
            self.stdout.write(f"applied {len(statements)} statements for role {role}")
        else:
            self.stdout.write("\n".join(statements))
