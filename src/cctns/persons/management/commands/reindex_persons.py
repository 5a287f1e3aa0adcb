"""``cctns reindex_persons``: recompute every person's analysed names, match data, search text
and blocking keys (after a change of the matching rules), then recount key frequencies."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cctns.matching.services import rebuild_frequencies
from cctns.persons.models import Person
from cctns.persons.services import index_person


class Command(BaseCommand):
    help = "Recompute the person index (names, keys, search text)."

    def handle(self, *args, verbosity=1, **options):
        started = time.perf_counter()
        n = 0
        for person in Person.objects.select_related("unit").order_by("pk").iterator(chunk_size=500):
            index_person(person)
            n += 1
        keys = rebuild_frequencies()
        if verbosity:
            self.stdout.write(_("%(n)s persons, %(keys)s distinct keys, in %(secs).1f s") % {
                "n": n, "keys": keys, "secs": time.perf_counter() - started})
