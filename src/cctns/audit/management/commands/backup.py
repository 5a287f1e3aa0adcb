"""``cctns backup PATH``: a backup of the database (PostgreSQL custom format, or SQLite)."""

from django.core.management.base import BaseCommand, CommandError

from cctns.audit import backup as ops


class Command(BaseCommand):
    help = ("Back up the database to PATH: pg_dump custom format on PostgreSQL, the SQLite online backup "
            "on SQLite. Prints the record counts and the audit chain head to compare after a restore.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, database, **options):
        from cctns.audit.chain import chain_head, seal_pending

        seal_pending(using=database)
        try:
            written = ops.backup(path, using=database)
        except ops.BackupError as exc:
            raise CommandError(str(exc)) from exc
        seq, digest = chain_head(using=database)
        self.stdout.write(f"backup written to {written}")
        for label, n in ops.record_counts(using=database).items():
            self.stdout.write(f"  {label}: {n}")
        self.stdout.write(f"  audit chain head: {seq} {digest}")
