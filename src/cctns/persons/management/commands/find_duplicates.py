"""``cctns find_duplicates [--rebuild-frequencies]``: duplicate detection over the whole person
index. Each active person's key candidates are scored with the matcher; pairs at or above the
review threshold are written as proposed duplicates (rejected pairs are never proposed again).
Reports records, pairs scored, pairs proposed and records per second."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cctns.matching.services import rebuild_frequencies
from cctns.persons.services import batch_candidate_pairs


class Command(BaseCommand):
    help = "Find likely duplicate persons across the whole index (blocking by keys, scoring pairs)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild-frequencies", action="store_true",
                            help="Recount key frequencies first (after bulk loads).")
        parser.add_argument("--limit", type=int, default=10, help="Pairs proposed per person at most.")

    def handle(self, *args, limit=10, verbosity=1, **options):
        if options.get("rebuild_frequencies"):
            rebuild_frequencies()

        def progress(n):
            if verbosity >= 2:
                self.stdout.write(_("%(n)s records…") % {"n": n})

        stats = batch_candidate_pairs(limit=limit, progress=progress)
        if verbosity:
            self.stdout.write(_("%(records)s records, %(pairs_scored)s pairs scored, %(proposed)s proposed, "
                                "%(seconds)s s, %(records_per_s)s records/s") % stats)
