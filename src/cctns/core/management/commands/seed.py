"""``cctns seed``: build the synthetic demo state on the node's real geography."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cctns.core.constants import Role
from cctns.core.demo import seeding


class Command(BaseCommand):
    help = (
        "Create demo officers of every role on the reference geography of the node's state "
        "(CCTNS_STATE_CODE, default 28; run `cctns load_reference` first). Every district gets an SP; "
        f"the first --districts districts by code (default {seeding.DEFAULT_STAFFED_DISTRICTS}) are "
        "staffed below it: an SDPO per sub-division, a CI per circle and, at each station, a SHO, IOs "
        "and two writers. The state gets an administrator, a DGP and an SCRB analyst, the national unit "
        "an NCRB analyst. Short logins: admin, ncrb, scrb, dgp, sp, sdpo, ci, sho, io, writer. Every "
        "demo user has the password $CCTNS_DEMO_PASSWORD (default Demo@2026!), hashed once and shared "
        "(demo only). Same --seed, same result. Persons (complainants, accused) are not created yet: "
        "they come with the persons app; the name generator they will use is cctns.core.demo.names."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=seeding.DEFAULT_SEED,
                            help=f"random seed (default {seeding.DEFAULT_SEED}); the same seed gives the same officers")
        parser.add_argument("--state", default=None,
                            help="LGD code of the state to staff (default: settings.CCTNS_STATE_CODE)")
        parser.add_argument("--districts", type=int, default=seeding.DEFAULT_STAFFED_DISTRICTS,
                            help="how many districts, by code, are staffed below the SP (0 = all; "
                                 f"default {seeding.DEFAULT_STAFFED_DISTRICTS})")
        parser.add_argument("--stations-per-district", type=int, default=seeding.DEFAULT_STATIONS_PER_DISTRICT,
                            help="how many stations, by code, are staffed in each staffed district (0 = all; default all)")
        parser.add_argument("--officers-per-station", type=int, default=seeding.DEFAULT_OFFICERS_PER_STATION,
                            help="officers per station: a SHO, two writers and the rest IOs (at least "
                                 f"{seeding.MIN_OFFICERS_PER_STATION}; default {seeding.DEFAULT_OFFICERS_PER_STATION})")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing when demo users already exist (used by bin/demo at every start)")

    def handle(self, *args, **opts):
        started = time.perf_counter()
        try:
            report = seeding.seed_demo(
                seed=opts["seed"], state_code=opts["state"], districts=opts["districts"],
                stations_per_district=opts["stations_per_district"],
                officers_per_station=opts["officers_per_station"], if_empty=opts["if_empty"],
            )
        except seeding.DemoSeedError as exc:
            raise CommandError(str(exc)) from exc
        if report.already_seeded:
            self.stdout.write(_("Demo users already exist; nothing to do (--if-empty)."))
            return
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if report.skipped:
            self.stderr.write(self.style.WARNING(
                _("%(n)d usernames belong to users who are not demo users and were left alone: %(names)s")
                % {"n": len(report.skipped), "names": ", ".join(report.skipped[:10])}
            ))
        roles = ", ".join(f"{Role(role).label}: {count}" for role, count in sorted(report.by_role.items()))
        self.stdout.write(self.style.SUCCESS(
            _("Demo state %(state)s (seed %(seed)d): %(created)d users created, %(updated)d updated in "
              "%(seconds).1f s.") % {"state": f"{report.state.name} ({report.state.code})", "seed": report.seed,
                                     "created": report.created, "updated": report.updated,
                                     "seconds": time.perf_counter() - started}
        ))
        self.stdout.write(
            _("%(districts)d districts with an SP; staffed: %(staffed)s (%(stations)d stations).")
            % {"districts": report.districts, "staffed": ", ".join(report.staffed_districts),
               "stations": report.staffed_stations}
        )
        self.stdout.write(roles)
        if report.offices_created:
            self.stdout.write(_("Offices created: %(codes)s") % {"codes": ", ".join(report.offices_created)})
        self.stdout.write(_("Logins: cctns demo_logins"))
