"""``cctns restore PATH``: replace the database with a backup, then verify the audit chain."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cctns.audit import backup as ops


class Command(BaseCommand):
    help = ("Restore the database from a backup made by 'cctns backup' (replaces the current contents), "
            "then verify the audit chain and print the record counts. Exit status 1 if the chain is broken.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive",
                            help="do not ask for confirmation")

    def handle(self, *args, path, database, interactive, **options):
        if interactive:
            answer = input(f"This replaces everything in database '{database}' with {path}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            ops.restore(path, using=database)
        except ops.BackupError as exc:
            raise CommandError(str(exc)) from exc
        result = ops.summary(using=database)
        self.stdout.write(f"restored {path}")
        for label, n in result["counts"].items():
            self.stdout.write(f"  {label}: {n}")
        if not result["chain_ok"]:
            self.stderr.write(f"audit chain BROKEN: {result['chain_problem']}")
            sys.exit(1)
        self.stdout.write(f"  audit chain: OK ({result['chain_links']} links)")
