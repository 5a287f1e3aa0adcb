"""The synthetic demo state: officers of every role posted on the node's real geography.

``seed_demo`` reads the units ``cctns load_reference`` loaded for one state (the state, its
districts and, where the reference data has them, zones, ranges, sub-divisions, circles and
police stations), and creates demo officers on them:

| level | officers (username) | rank | role |
|---|---|---|---|
| national | ``ncrb`` in office ``IN-NCRB`` | DSP | NCRB analyst |
| state | ``admin`` | civilian | administrator (``is_staff``, ``is_superuser``) |
| state | ``dgp`` | DGP | supervisor |
| state | ``scrb`` in office ``<state>-SCRB`` | Inspector | SCRB analyst |
| zone / range (if any) | ``ig.<code>`` / ``dig.<code>`` | IG / DIG | supervisor |
| every district | ``sp.<code>`` | SP | supervisor |
| sub-division * | ``sdpo.<code>`` | DSP | supervisor |
| circle * | ``ci.<code>`` | Inspector | supervisor |
| police station * | ``sho.<code>`` | SI under a circle, else Inspector | SHO |
| police station * | ``io1.<code>`` … ``ioN.<code>`` | SI (io1), SI or ASI | IO |
| police station * | ``writer1.<code>``, ``writer2.<code>`` | HC or ASI | station writer |

``*`` only in the *staffed* districts (the first ``districts`` by code) and, in each, the first
``stations_per_district`` stations by code. ``<code>`` is the unit's code in lower case.
The headline officers — SHO, first IO and first writer of the first staffed station, its SDPO and
CI (for a station under no circle or sub-division: the district's first), and the SP of its
district — take the short names ``sho``, ``io``, ``writer``, ``sdpo``, ``ci`` and ``sp`` instead of
the pattern.

The two offices (``IN-NCRB`` under the national unit, ``<state>-SCRB`` under the state) are created
when missing, with ``source = "cctns seed"``. No other unit is created: a level the reference
data lacks (zones and ranges, or the stations of a state loaded with districts only) gets no
officers. There is no district administrator: the administrator role reads the whole node.

Demo users are marked by an e-mail address in the reserved ``.invalid`` domain
(``<username>@demo.cctns.invalid``) and a ``DEMO-`` belt number. They all share one password
(:func:`demo_password`), hashed **once** and the same hash stored on every user: hashing
thousands of users with Argon2 one by one would take minutes. That is acceptable for a demo only;
real users each get their own salt.

Deterministic: the same seed and the same geography give the same usernames, names, ranks and
postings. Names come from :class:`~cctns.core.demo.names.PersonNameGenerator`, ranks from a second
``random.Random`` derived from the seed; every query is ordered by unit code.
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cctns.core.constants import Rank, Role, UnitKind
from cctns.core.models import Unit, User

from .names import PersonNameGenerator, mix_for_state

DEFAULT_SEED = 2026
DEFAULT_STAFFED_DISTRICTS = 3
DEFAULT_STATIONS_PER_DISTRICT = 0  # 0 = every station of a staffed district
DEFAULT_OFFICERS_PER_STATION = 5  # SHO + 2 IOs + 2 writers
MIN_OFFICERS_PER_STATION = 5
WRITERS_PER_STATION = 2
FEMALE_SHARE = 0.12  # about the share of women in Indian state police forces (BPRD Data on Police Organisations)

DEFAULT_PASSWORD = "Demo@2026!"
PASSWORD_ENV = "CCTNS_DEMO_PASSWORD"
DEMO_EMAIL_DOMAIN = "demo.cctns.invalid"
SEED_SOURCE = "cctns seed"
NATIONAL_OFFICE_CODE = "IN-NCRB"

HEADLINE_USERNAMES = ("admin", "ncrb", "scrb", "dgp", "sp", "sdpo", "ci", "sho", "io", "writer")
"""The short demo logins, top of the hierarchy first."""

_USERNAME_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_UPDATE_FIELDS = ["first_name", "last_name", "name_hi", "email", "rank", "role", "unit",
                  "belt_number", "is_staff", "is_superuser", "is_active", "password"]


class DemoSeedError(Exception):
    """The demo state cannot be built (geography missing, bad option, password refused)."""


def demo_password() -> str:
    """The demo users' password: ``$CCTNS_DEMO_PASSWORD``, or ``Demo@2026!``."""
    return os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD


def demo_users():
    """Every demo user (marked by the ``@demo.cctns.invalid`` address), ordered by username."""
    return User.objects.filter(email__iendswith="@" + DEMO_EMAIL_DOMAIN).order_by("username")


def headline_users() -> list[User]:
    """The demo users with the short headline names that exist, in :data:`HEADLINE_USERNAMES` order."""
    found = {u.username: u for u in demo_users().filter(username__in=HEADLINE_USERNAMES).select_related("unit")}
    return [found[name] for name in HEADLINE_USERNAMES if name in found]


def username_for(prefix: str, unit_code: str) -> str:
    """``username_for("sho", "28-502-11")`` → ``"sho.28-502-11"`` (code lower-cased, other characters → ``-``)."""
    return f"{prefix}.{_USERNAME_UNSAFE.sub('-', unit_code.lower())}"


@dataclass
class OfficerPlan:
    """One demo officer to create: username, role, rank and posting (names are drawn later)."""

    username: str
    role: str
    rank: int
    unit: Unit
    is_staff: bool = False
    is_superuser: bool = False


@dataclass
class SeedReport:
    """What :func:`seed_demo` did. ``skipped`` lists usernames held by users that are not demo users."""

    state: Unit | None = None
    seed: int = DEFAULT_SEED
    already_seeded: bool = False
    created: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)
    offices_created: list[str] = field(default_factory=list)
    staffed_districts: list[str] = field(default_factory=list)
    districts: int = 0
    staffed_stations: int = 0
    by_role: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def find_state(state_code: str) -> Unit:
    """The state unit with ``code`` (or LGD code) ``state_code``; :class:`DemoSeedError` when absent."""
    state = (
        Unit.objects.filter(kind=UnitKind.STATE, code=state_code).first()
        or Unit.objects.filter(kind=UnitKind.STATE, lgd_code=state_code).order_by("code").first()
    )
    if state is None:
        raise DemoSeedError(
            _("State %(code)s is not in the database: run `cctns load_reference` first.") % {"code": state_code}
        )
    return state


def _office(code: str, parent: Unit, name: str, name_hi: str, report: SeedReport) -> Unit:
    office = Unit.objects.filter(code=code).first()
    if office is None:
        office = Unit(code=code, name=name, name_hi=name_hi, kind=UnitKind.OFFICE, parent=parent, source=SEED_SOURCE)
        office.save()
        report.offices_created.append(code)
    return office


def plan_officers(
    state: Unit,
    *,
    seed: int = DEFAULT_SEED,
    districts: int = DEFAULT_STAFFED_DISTRICTS,
    stations_per_district: int = DEFAULT_STATIONS_PER_DISTRICT,
    officers_per_station: int = DEFAULT_OFFICERS_PER_STATION,
    report: SeedReport | None = None,
) -> list[OfficerPlan]:
    """The officers to post in ``state``'s subtree, in a fixed order (state level first, then zones,
    ranges, districts, and the staffed districts' sub-divisions, circles and stations by code).

    ``districts`` and ``stations_per_district``: how many districts (by code) are staffed below the
    SP, and how many stations in each (``0`` = all). ``officers_per_station`` ≥ 5: one SHO, two
    writers and the rest IOs. Creates the SCRB and NCRB offices when missing. Raises
    :class:`DemoSeedError` when the state has no districts or an option is out of range.
    """
    report = report if report is not None else SeedReport()
    if districts < 0 or stations_per_district < 0:
        raise DemoSeedError(_("--districts and --stations-per-district must be 0 (all) or more."))
    if officers_per_station < MIN_OFFICERS_PER_STATION:
        raise DemoSeedError(
            _("--officers-per-station must be at least %(n)d (a SHO, two IOs and two writers).")
            % {"n": MIN_OFFICERS_PER_STATION}
        )
    rng = random.Random(f"cctns-demo-ranks:{seed}")
    units = list(
        Unit.objects.filter(path__startswith=state.path, is_active=True)
        .exclude(kind=UnitKind.OFFICE)
        .only("id", "code", "name", "kind", "path", "parent_id")
        .order_by("code")
    )
    by_kind: dict[str, list[Unit]] = {}
    for unit in units:
        by_kind.setdefault(unit.kind, []).append(unit)
    all_districts = by_kind.get(UnitKind.DISTRICT, [])
    if not all_districts:
        raise DemoSeedError(
            _("State %(code)s has no districts in the database: run `cctns load_reference` first.")
            % {"code": state.code}
        )
    report.districts = len(all_districts)
    staffed = all_districts if districts == 0 else all_districts[:districts]
    report.staffed_districts = [d.code for d in staffed]
    circles = {u.pk for u in by_kind.get(UnitKind.CIRCLE, [])}

    def within(kind: str, district: Unit) -> list[Unit]:
        return [u for u in by_kind.get(kind, []) if u.path.startswith(district.path)]

    plans: list[OfficerPlan] = []
    national = Unit.objects.filter(pk=state.parent_id, kind=UnitKind.NATIONAL).first() or (
        Unit.objects.filter(kind=UnitKind.NATIONAL).order_by("code").first()
    )
    plans.append(OfficerPlan("admin", Role.ADMIN, Rank.CIVILIAN, state, is_staff=True, is_superuser=True))
    if national is not None:
        ncrb = _office(NATIONAL_OFFICE_CODE, national, "National Crime Records Bureau",
                       "राष्ट्रीय अपराध रिकॉर्ड ब्यूरो", report)
        plans.append(OfficerPlan("ncrb", Role.NCRB_ANALYST, Rank.DSP, ncrb))
    else:
        report.warnings.append(_("No national unit: the NCRB analyst was not created."))
    scrb = _office(
        f"{state.code}-SCRB", state, f"State Crime Records Bureau, {state.name}",
        f"राज्य अपराध रिकॉर्ड ब्यूरो, {state.name_hi}" if state.name_hi else "राज्य अपराध रिकॉर्ड ब्यूरो", report,
    )
    plans.append(OfficerPlan("scrb", Role.SCRB_ANALYST, Rank.INSPECTOR, scrb))
    plans.append(OfficerPlan("dgp", Role.SUPERVISOR, Rank.DGP, state))
    for zone in by_kind.get(UnitKind.ZONE, []):
        plans.append(OfficerPlan(username_for("ig", zone.code), Role.SUPERVISOR, Rank.IG, zone))
    for range_ in by_kind.get(UnitKind.RANGE, []):
        plans.append(OfficerPlan(username_for("dig", range_.code), Role.SUPERVISOR, Rank.DIG, range_))
    for district in all_districts:
        plans.append(OfficerPlan(username_for("sp", district.code), Role.SUPERVISOR, Rank.SP, district))

    aliases: dict[str, str] = {}
    for district in staffed:
        for sub in within(UnitKind.SUBDIVISION, district):
            plans.append(OfficerPlan(username_for("sdpo", sub.code), Role.SUPERVISOR, Rank.DSP, sub))
        for circle in within(UnitKind.CIRCLE, district):
            plans.append(OfficerPlan(username_for("ci", circle.code), Role.SUPERVISOR, Rank.INSPECTOR, circle))
        stations = within(UnitKind.POLICE_STATION, district)
        if stations_per_district:
            stations = stations[:stations_per_district]
        report.staffed_stations += len(stations)
        for ps in stations:
            ancestor_ids = {int(x) for x in ps.path.strip("/").split("/")[:-1]}
            under_circle = bool(ancestor_ids & circles)
            plans.append(OfficerPlan(username_for("sho", ps.code), Role.SHO,
                                     Rank.SI if under_circle else Rank.INSPECTOR, ps))
            for i in range(1, officers_per_station - WRITERS_PER_STATION):
                rank = Rank.SI if i == 1 else rng.choice((Rank.SI, Rank.ASI))
                plans.append(OfficerPlan(username_for(f"io{i}", ps.code), Role.IO, rank, ps))
            for i in range(1, WRITERS_PER_STATION + 1):
                rank = rng.choice((Rank.HEAD_CONSTABLE, Rank.ASI))
                plans.append(OfficerPlan(username_for(f"writer{i}", ps.code), Role.STATION_WRITER, rank, ps))
            if not aliases:  # the first staffed station carries the headline logins
                aliases = {username_for("sho", ps.code): "sho", username_for("io1", ps.code): "io",
                           username_for("writer1", ps.code): "writer", username_for("sp", district.code): "sp"}
                for kind, prefix in ((UnitKind.SUBDIVISION, "sdpo"), (UnitKind.CIRCLE, "ci")):
                    # The station's own SDPO and CI; else (a station straight under the SDPO or the
                    # district) the first of the district, so that every short login exists.
                    above = [u for u in by_kind.get(kind, []) if u.pk in ancestor_ids] or within(kind, district)
                    if above:
                        aliases[username_for(prefix, above[0].code)] = prefix
    if not aliases:
        aliases = {username_for("sp", staffed[0].code): "sp"}
        report.warnings.append(
            _("No police stations in the staffed districts: no SHO, IO or writer was created.")
        )
    for plan in plans:
        plan.username = aliases.get(plan.username, plan.username)
    names = [p.username for p in plans]
    if len(set(names)) != len(names):
        dup = sorted(n for n, c in Counter(names).items() if c > 1)
        raise DemoSeedError(_("Unit codes give duplicate usernames: %(names)s") % {"names": ", ".join(dup[:5])})
    return plans


def seed_demo(
    *,
    seed: int = DEFAULT_SEED,
    state_code: str | None = None,
    districts: int = DEFAULT_STAFFED_DISTRICTS,
    stations_per_district: int = DEFAULT_STATIONS_PER_DISTRICT,
    officers_per_station: int = DEFAULT_OFFICERS_PER_STATION,
    if_empty: bool = False,
    password: str | None = None,
) -> SeedReport:
    """Create (or bring up to date) the demo officers of one state; see the module docstring.

    ``state_code`` defaults to ``settings.CCTNS_STATE_CODE``; ``password`` to :func:`demo_password`.
    With ``if_empty``, does nothing when any demo user exists (``report.already_seeded``).
    Existing demo users with a planned username are updated in place (names, rank, role, posting,
    password); users are never deleted. A planned username held by a user who is not a demo user
    is left alone and listed in ``report.skipped``. Everything happens in one transaction.
    Raises :class:`DemoSeedError` (geography missing, option out of range, password refused by
    the password validators).
    """
    report = SeedReport(seed=seed)
    if if_empty and demo_users().exists():
        report.already_seeded = True
        return report
    password = password or demo_password()
    try:
        validate_password(password)
    except ValidationError as exc:
        raise DemoSeedError(_("The demo password is refused: %(why)s") % {"why": " ".join(exc.messages)}) from exc
    state_code = str(state_code or settings.CCTNS_STATE_CODE)
    with transaction.atomic():
        state = report.state = find_state(state_code)
        plans = plan_officers(state, seed=seed, districts=districts, stations_per_district=stations_per_district,
                              officers_per_station=officers_per_station, report=report)
        people = PersonNameGenerator(seed, mix_for_state(state.lgd_code or state.code))
        password_hash = make_password(password)  # once for every demo user: demo only (module docstring)
        existing: dict[str, User] = {}
        usernames = [p.username for p in plans]
        for start in range(0, len(usernames), 500):
            for user in User.objects.filter(username__in=usernames[start:start + 500]).order_by("username"):
                existing[user.username] = user
        to_create, to_update = [], []
        for number, plan in enumerate(plans, start=1):
            person = people.person(min_age=22, max_age=58, female_share=FEMALE_SHARE)
            user = existing.get(plan.username)
            if user is not None and not user.email.lower().endswith("@" + DEMO_EMAIL_DOMAIN):
                report.skipped.append(plan.username)
                continue
            user = user or User(username=plan.username)
            user.first_name, user.last_name = person.given, person.surname
            user.name_hi = person.full_name_hi
            user.email = f"{plan.username}@{DEMO_EMAIL_DOMAIN}"
            user.rank, user.role, user.unit = plan.rank, plan.role, plan.unit
            user.belt_number = f"DEMO-{state.code}-{number:05d}"
            user.is_staff, user.is_superuser, user.is_active = plan.is_staff, plan.is_superuser, True
            user.password = password_hash
            (to_update if user.pk else to_create).append(user)
            report.by_role[plan.role] += 1
        User.objects.bulk_create(to_create, batch_size=500)
        User.objects.bulk_update(to_update, _UPDATE_FIELDS, batch_size=500)
        report.created, report.updated = len(to_create), len(to_update)
    return report
