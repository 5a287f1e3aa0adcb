"""``cctns seed_persons [--count 500] [--seed 7]``: demo persons for the person index.

Records synthetic persons (``cctns.core.demo.names``; about a third written in Devanagari, with
the father's or husband's name, age range and sex) at the demo state's police stations, plus one
fixed example — मोहम्मद सलीम, son of अब्दुल रहमान — that a search for ``Mohd Saleem`` finds
with an explanation. Runs after ``cctns seed``; does nothing when persons already exist (unless
``--force``). Persons are created through the service as the stations' writers (or without a
user when a station has none), so they are indexed; duplicates are found afterwards in one batch.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from cctns.core.constants import STATION_ROLES, UnitKind
from cctns.core.demo.names import PersonNameGenerator
from cctns.core.models import Unit, User
from cctns.persons.models import Person
from cctns.persons.services import batch_candidate_pairs, create_person

EXAMPLE = {"name": "मोहम्मद सलीम", "father_name": "अब्दुल रहमान", "sex": "M", "age_min": 30, "age_max": 35,
           "aliases": ["सलीम भाई"]}


class Command(BaseCommand):
    help = "Record demo persons (Latin and Devanagari names) at the demo police stations."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=500)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--force", action="store_true", help="Add persons even if some exist.")

    def handle(self, *args, count=500, seed=7, force=False, verbosity=1, **options):
        if Person.objects.exists() and not force:
            if verbosity:
                self.stdout.write(_("Persons already exist; nothing done (use --force to add more)."))
            return
        stations = list(Unit.objects.filter(kind=UnitKind.POLICE_STATION, is_active=True).order_by("code")[:50])
        if not stations:
            raise CommandError(_("No police stations: run cctns seed first."))
        writers = {u.unit_id: u for u in User.objects.filter(unit__in=stations, role__in=STATION_ROLES, is_active=True)}
        rng = random.Random(seed)
        gen = PersonNameGenerator(seed=seed)
        with transaction.atomic():
            first = stations[0]
            create_person(writers.get(first.pk), dict(EXAMPLE), unit=first, propose=False)
            for _i in range(count):
                p = gen.person()
                station = stations[rng.randrange(len(stations))]
                hindi = rng.random() < 1 / 3
                relative = p.father_hi if hindi else p.father
                data = {"name": p.full_name_hi if hindi else p.full_name, "sex": p.sex,
                        "age_min": max(p.age - 2, 0), "age_max": p.age + 3}
                data["husband_name" if p.relation == "husband" else "father_name"] = relative
                create_person(writers.get(station.pk), data, unit=station, propose=False)
        stats = batch_candidate_pairs()
        if verbosity:
            self.stdout.write(_("%(n)s persons recorded, %(pairs)s possible duplicates proposed. "
                                "Try the person search with: Mohd Saleem") % {"n": count + 1, "pairs": stats["proposed"]})
