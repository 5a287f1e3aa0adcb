"""``cctns load_reference [--only law|geo]``: load the reference data shipped with the package.

Law (``legal/data/``): acts, sections, IPC↔BNS correspondence, classification, sensitive
sections, crime heads. Geography (``core/data/``): India, states/UTs, districts and the police
hierarchy where the data has it. Idempotent: running it again changes nothing. Each part runs
in one transaction; a bad file stops with an error naming file and line, and loads nothing.

Verbosity: ``-v 0`` silent; ``-v 1`` (default) rows created/updated/unchanged per table and the
total time; ``-v 2`` also the time of each part.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cctns.core.reference import ReferenceDataError, load_geography
from cctns.legal.reference import load_law

PARTS = {"law": load_law, "geo": load_geography}


class Command(BaseCommand):
    help = "Load reference law and geography (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", choices=sorted(PARTS), help="Load only the law or only the geography.",
        )

    def handle(self, *args, only=None, verbosity=1, **options):
        parts = [only] if only else ["law", "geo"]
        started = time.perf_counter()
        for part in parts:
            t0 = time.perf_counter()
            try:
                stats = PARTS[part]()
            except ReferenceDataError as exc:
                raise CommandError(_("Reference data error (%(part)s): %(error)s") % {"part": part, "error": exc}) from exc
            if verbosity >= 1:
                for table, st in stats.items():
                    self.stdout.write(f"{part}: {table}: {st}")
            if verbosity >= 2:
                self.stdout.write(f"{part}: {time.perf_counter() - t0:.2f} s")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(
                _("Reference data loaded in %(seconds).1f s.") % {"seconds": time.perf_counter() - started}
            ))
