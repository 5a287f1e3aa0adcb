"""``cctns index_fir_parties [--station CODE] [--since YYYY-MM-DD] [--outbox]``: create, link or
correct the persons of the informant, named victims and known accused of every FIR (idempotent:
:func:`cctns.persons.parties.sync_fir_parties`). With ``--outbox``, only the FIRs changed since
the last run of the periodic job ``persons.fir_parties`` (the outbox after its cursor). This
happens by itself after each FIR save; the command is for catching up (an index built before the
person index existed, a worker that was down). Prints how many roles were linked and the time taken."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cctns.persons.parties import sync_recent
from cctns.persons.services import persons_from_fir
from cctns.registration.models import FIR


class Command(BaseCommand):
    help = "Create or link person index records for FIR parties (informant, victims, accused)."

    def add_arguments(self, parser):
        parser.add_argument("--station", help="Only FIRs of this police station (unit code).")
        parser.add_argument("--since", help="Only FIRs created on or after this date (YYYY-MM-DD).")
        parser.add_argument("--outbox", action="store_true",
                            help="Only FIRs changed since the last sync, read from the outbox.")

    def handle(self, *args, station=None, since=None, outbox=False, verbosity=1, **options):
        if outbox:
            started = time.perf_counter()
            done = sync_recent()
            if verbosity:
                self.stdout.write(_("%(firs)s FIRs, %(roles)s roles linked, in %(secs).1f s") % {
                    "firs": done["firs"], "roles": done["roles"], "secs": time.perf_counter() - started})
            return
        qs = FIR.objects.select_related("police_station").prefetch_related("victims", "accused").order_by("pk")
        if station:
            qs = qs.filter(police_station__code=station)
        if since:
            try:
                qs = qs.filter(created_at__date__gte=datetime.date.fromisoformat(since))
            except ValueError as exc:
                raise CommandError(_("--since must be a date: YYYY-MM-DD.")) from exc
        started = time.perf_counter()
        firs = roles = 0
        for fir in qs.iterator(chunk_size=200):
            roles += len(persons_from_fir(fir))
            firs += 1
        if verbosity:
            self.stdout.write(_("%(firs)s FIRs, %(roles)s roles linked, in %(secs).1f s") % {
                "firs": firs, "roles": roles, "secs": time.perf_counter() - started})
