"""Reference geography: India, every state/UT, districts and, where the data has them, the police
hierarchy down to police stations. Also the small sync helpers the law loader shares.

Sources (see ``core/data/SOURCES.md``): LGD state and district lists (GODL-India); the Andhra
Pradesh and Kerala police-station lists (third-party, licence not stated).

Unit codes (stable, deterministic; ``<state>`` is the LGD state code):

| unit | code | example |
|---|---|---|
| India | ``IN`` | ``IN`` |
| state / UT | LGD state code | ``28`` (Andhra Pradesh), ``32`` (Kerala) |
| district (LGD list) | ``<state>-<LGD district code>`` | ``9-118`` |
| police district (station files) | ``<state>-D<nn>`` | ``28-D07`` |
| sub-division | ``<district>-SD<nn>`` | ``28-D07-SD03`` |
| circle | ``<sub-division>-C<nn>`` | ``28-D07-SD03-C02`` |
| police station | ``<parent>-PS<nnn>`` | ``28-D07-SD03-C02-PS011``, ``32-D05-PS011`` |

Serial numbers follow the order of first appearance in the source file (``source_row`` order for
Andhra Pradesh, file order for Kerala), so codes stay the same when rows are appended to a file.
A district serial counts within the state, a sub-division serial within its district, a circle
serial within its sub-division, and a police-station serial within its *district*: the PS number
alone identifies a station within its district, whatever its circle.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from django.db import models, transaction

from .constants import UNIT_LEVEL, UnitKind
from .models import PATH_SEPARATOR, Unit

DATA_DIR = Path(__file__).resolve().parent / "data"
NATIONAL_CODE = "IN"
LOADER_SOURCE = "cctns load_reference"
BATCH_SIZE = 500


class ReferenceDataError(ValueError):
    """A reference data file is inconsistent (unknown key, conflicting rows); names file and line."""


# --------------------------------------------------------------------------- shared helpers


@dataclass
class SyncStats:
    """What one sync did to one table: rows created, updated, deleted and left unchanged."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        """Rows the file describes (created + updated + unchanged)."""
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def __str__(self) -> str:
        out = f"{self.total} rows: {self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return out + (f", {self.deleted} deleted" if self.deleted else "")


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file with a header, values stripped; ``_line`` is the 1-based file line."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = []
        for row in reader:
            clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
            clean["_line"] = str(reader.line_num)
            rows.append(clean)
        return rows


def to_decimal(value: str, places: int = 6) -> Decimal | None:
    """``"9.4994580"`` → ``Decimal("9.499458")`` (rounded half-even to ``places``); ``""`` → ``None``."""
    if not value:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def sync_rows(
    model: type[models.Model],
    key: tuple[str, ...],
    rows: Iterable[dict],
    *,
    queryset: models.QuerySet | None = None,
    delete_missing: bool = False,
) -> tuple[SyncStats, dict[tuple, models.Model]]:
    """Make ``model`` hold exactly ``rows`` (dicts of attribute name → value), keyed on ``key``.

    Equivalent to ``update_or_create`` on the natural key for every row, done with one read,
    one ``bulk_create`` and one ``bulk_update``: a second run with the same rows changes nothing.
    Only the attributes a row names are compared and written; others are left alone.
    ``delete_missing`` deletes rows of ``queryset`` (default: the whole table) whose key is not
    in ``rows`` — only for tables nothing else refers to. Rows must carry any field ``save()``
    would derive (``bulk_create`` does not call it).

    Returns the stats and a dict key → object (created objects carry their primary key).
    """
    qs = queryset if queryset is not None else model._default_manager.all()
    existing = {tuple(getattr(obj, k) for k in key): obj for obj in qs}
    seen: dict[tuple, models.Model] = {}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    update_fields: set[str] = set()
    stats = SyncStats()
    for row in rows:
        k = tuple(row[f] for f in key)
        if k in seen:
            raise ReferenceDataError(f"{model.__name__}: duplicate key {k}")
        obj = existing.get(k)
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
            stats.created += 1
        else:
            changed = [f for f, v in row.items() if getattr(obj, f) != v]
            if changed:
                for f in changed:
                    setattr(obj, f, row[f])
                to_update.append(obj)
                update_fields.update(changed)
                stats.updated += 1
            else:
                stats.unchanged += 1
        seen[k] = obj
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(update_fields), batch_size=BATCH_SIZE)
    if delete_missing:
        stale = [obj.pk for k, obj in existing.items() if k not in seen]
        if stale:
            qs.filter(pk__in=stale).delete()
            stats.deleted = len(stale)
    return stats, seen


# --------------------------------------------------------------------------- names

_SMALL_WORDS = {"and", "of", "the"}


def tidy_name(name: str) -> str:
    """Title-case a name the source writes in capitals; keep every other spelling as it is.

    ``"ANDHRA PRADESH"`` → ``"Andhra Pradesh"``, ``"JAMMU AND KASHMIR"`` → ``"Jammu and Kashmir"``,
    ``"JANJGIR-CHAMPA"`` → ``"Janjgir-Champa"``, ``"KAIMUR (BHABUA)"`` → ``"Kaimur (Bhabua)"``;
    initials with dots (``"Y.S.R."``) and mixed-case names (``"Alluri Sitharama Raju"``) unchanged.
    """
    name = " ".join(name.split())
    if name != name.upper() or not any(ch.isalpha() for ch in name):
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        lower = word.lower()
        if "." in word:
            words.append(word)
        elif i > 0 and lower in _SMALL_WORDS:
            words.append(lower)
        else:
            words.append(re.sub(r"(?<![a-z'])[a-z]", lambda m: m.group(0).upper(), lower))
    return " ".join(words)


# --------------------------------------------------------------------------- unit specs


@dataclass
class UnitSpec:
    """One unit as the reference files describe it; ``parent`` is the parent's code."""

    code: str
    name: str
    kind: str
    parent: str | None
    source: str
    lgd_code: str = ""
    name_hi: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    def values(self) -> dict:
        """Field values this spec sets (``name_hi`` only when the file gives one)."""
        out = {
            "name": self.name, "kind": self.kind, "lgd_code": self.lgd_code, "source": self.source,
            "latitude": self.latitude, "longitude": self.longitude,
        }
        if self.name_hi:
            out["name_hi"] = self.name_hi
        return out


def national_spec() -> UnitSpec:
    return UnitSpec(NATIONAL_CODE, "India", UnitKind.NATIONAL, None, LOADER_SOURCE, name_hi="भारत")


def state_specs(data_dir: Path = DATA_DIR) -> list[UnitSpec]:
    """Every state/UT of ``india_states.csv``: code = LGD state code; Hindi names from
    ``state_names_hi.csv``."""
    hindi = {r["state_lgd_code"]: r["name_hi"] for r in read_csv(data_dir / "state_names_hi.csv")}
    return [
        UnitSpec(
            r["state_lgd_code"], tidy_name(r["state_name"]), UnitKind.STATE, NATIONAL_CODE,
            "india_states.csv", lgd_code=r["state_lgd_code"], name_hi=hindi.get(r["state_lgd_code"], ""),
        )
        for r in read_csv(data_dir / "india_states.csv")
    ]


def lgd_district_specs(data_dir: Path = DATA_DIR, skip_states: Iterable[str] = ()) -> list[UnitSpec]:
    """Revenue districts of ``india_states_districts.csv`` (code ``<state>-<LGD district code>``),
    except for ``skip_states``, whose districts come from a police-station file instead."""
    skip = set(skip_states)
    return [
        UnitSpec(
            f"{r['state_lgd_code']}-{r['district_lgd_code']}", tidy_name(r["district_name"]),
            UnitKind.DISTRICT, r["state_lgd_code"], "india_states_districts.csv",
            lgd_code=r["district_lgd_code"],
        )
        for r in read_csv(data_dir / "india_states_districts.csv")
        if r["state_lgd_code"] not in skip
    ]


class _Serials:
    """Serial numbers by first appearance: ``number(scope, name)`` → 1, 2, 3 … within ``scope``."""

    def __init__(self) -> None:
        self._seen: dict[tuple, int] = {}
        self._next: dict = {}

    def number(self, scope, name) -> int:
        if (scope, name) not in self._seen:
            self._next[scope] = self._next.get(scope, 0) + 1
            self._seen[(scope, name)] = self._next[scope]
        return self._seen[(scope, name)]


def _district_lgd(rows: list[dict], district_key: str) -> dict[str, str]:
    """The revenue-district LGD code of each police district (blank when rows disagree)."""
    codes: dict[str, set[str]] = {}
    for r in rows:
        if r[district_key] and r["district_lgd_code"]:
            codes.setdefault(r[district_key], set()).add(r["district_lgd_code"])
    return {d: (c.pop() if len(c) == 1 else "") for d, c in codes.items()}


def andhra_pradesh_specs(data_dir: Path = DATA_DIR, state: str = "28") -> list[UnitSpec]:
    """Police district → sub-division → circle → police station from
    ``police_stations_andhra_pradesh.csv`` (in ``source_row`` order).

    - A station whose ``circle_or_unit`` is ``UPS`` (an urban police station under the DSP) or
      blank sits directly under its sub-division.
    - The four rows whose ``police_district`` the compiler left blank (a conflict between the
      sheet and the repository JSON, see SOURCES.md) are placed where the sheet puts them: under
      the one police district whose sub-division has the same name ("DSP East Zone" → East
      Godavari). A blank district whose sub-division name is not unique is an error.
    """
    filename = "police_stations_andhra_pradesh.csv"
    rows = sorted(read_csv(data_dir / filename), key=lambda r: int(r["source_row"]))
    sub_to_districts: dict[str, set[str]] = {}
    for r in rows:
        if r["police_district"]:
            sub_to_districts.setdefault(r["sub_division"], set()).add(r["police_district"])
    for r in rows:
        if not r["police_district"]:
            candidates = sub_to_districts.get(r["sub_division"], set())
            if len(candidates) != 1:
                raise ReferenceDataError(
                    f"{filename} line {r['_line']}: no police district, and sub-division "
                    f"{r['sub_division']!r} does not name exactly one district"
                )
            r["police_district"] = next(iter(candidates))
            r["_conflict"] = "1"
    lgd = _district_lgd(rows, "police_district")
    serials = _Serials()
    specs: dict[str, UnitSpec] = {}
    stations: list[UnitSpec] = []
    for r in rows:
        d = f"{state}-D{serials.number('district', r['police_district']):02d}"
        specs.setdefault(d, UnitSpec(d, r["police_district"], UnitKind.DISTRICT, state, filename,
                                     lgd_code=lgd.get(r["police_district"], "")))
        sd = f"{d}-SD{serials.number(d, r['sub_division']):02d}"
        specs.setdefault(sd, UnitSpec(sd, r["sub_division"], UnitKind.SUBDIVISION, d, filename))
        parent = sd
        if r["circle_or_unit"] not in ("", "UPS"):
            parent = f"{sd}-C{serials.number(sd, r['circle_or_unit']):02d}"
            specs.setdefault(parent, UnitSpec(parent, r["circle_or_unit"], UnitKind.CIRCLE, sd, filename))
        ps = f"{parent}-PS{serials.number(('ps', d), r['source_row']):03d}"
        source = f"{filename} row {r['source_row']}"
        if r.get("_conflict"):
            source += " (district conflict in the source; placed as the sheet lists it, see SOURCES.md)"
        stations.append(UnitSpec(ps, r["police_station"], UnitKind.POLICE_STATION, parent, source))
    return [*specs.values(), *stations]


def kerala_specs(data_dir: Path = DATA_DIR, state: str = "32") -> list[UnitSpec]:
    """Police district → police station, with coordinates, from ``police_stations_kerala.csv``
    (in file order). Rows are never merged: the two "Chevayur" rows (same name, different
    points) become two stations. "Railway Police" is a police district without an LGD code."""
    filename = "police_stations_kerala.csv"
    rows = read_csv(data_dir / filename)
    lgd = _district_lgd(rows, "police_district")
    serials = _Serials()
    districts: dict[str, UnitSpec] = {}
    stations: list[UnitSpec] = []
    for i, r in enumerate(rows, start=1):
        d = f"{state}-D{serials.number('district', r['police_district']):02d}"
        districts.setdefault(d, UnitSpec(d, r["police_district"], UnitKind.DISTRICT, state, filename,
                                         lgd_code=lgd.get(r["police_district"], "")))
        ps = f"{d}-PS{serials.number(('ps', d), i):03d}"
        stations.append(UnitSpec(
            ps, r["police_station"], UnitKind.POLICE_STATION, d, f"{filename} line {r['_line']}",
            latitude=to_decimal(r["latitude"]), longitude=to_decimal(r["longitude"]),
        ))
    return [*districts.values(), *stations]


#: States whose districts come from a police-station file (police districts, not LGD ones).
POLICE_HIERARCHIES: dict[str, Callable[..., list[UnitSpec]]] = {
    "28": andhra_pradesh_specs,
    "32": kerala_specs,
}


def geography_specs(data_dir: Path = DATA_DIR) -> list[UnitSpec]:
    """Every unit the reference files describe, parents before children."""
    specs = [national_spec(), *state_specs(data_dir)]
    specs += lgd_district_specs(data_dir, skip_states=POLICE_HIERARCHIES)
    for state, build in POLICE_HIERARCHIES.items():
        specs += build(data_dir, state=state)
    return specs


# --------------------------------------------------------------------------- sync


def _levels(specs: list[UnitSpec]) -> list[list[UnitSpec]]:
    """Specs grouped by depth below their top unit, so each level's parents already exist."""
    depth: dict[str, int] = {}
    levels: list[list[UnitSpec]] = []
    for spec in specs:
        if spec.code in depth:
            raise ReferenceDataError(f"duplicate unit code {spec.code}")
        if spec.parent is None:
            d = 0
        elif spec.parent in depth:
            d = depth[spec.parent] + 1
        else:
            d = -1  # parent already in the database, outside these specs
        depth[spec.code] = d
        if d < 0:
            levels.insert(0, [spec])
            continue
        while len(levels) <= d:
            levels.append([])
        levels[d].append(spec)
    return [lvl for lvl in levels if lvl]


def expected_path(unit: Unit, parent: Unit | None) -> str:
    """The ``path`` :meth:`Unit.save` gives ``unit`` under ``parent``: ``<parent path><pk>/``."""
    prefix = parent.path if parent is not None else PATH_SEPARATOR
    return f"{prefix}{unit.pk}{PATH_SEPARATOR}"


def sync_units(specs: list[UnitSpec]) -> dict[str, SyncStats]:
    """Create or update units from ``specs`` (natural key: ``code``), level by level, in bulk.

    New units are inserted with ``bulk_create`` and their ``path``/``depth`` set with one
    ``bulk_update`` per level, to exactly what :meth:`Unit.save` would compute. An existing unit
    whose parent changed is saved with :meth:`Unit.save`, which also moves its subtree. Units
    that are not in ``specs`` (offices, units entered by hand) are left alone; none is deleted.

    Returns stats per unit kind (``{"state": SyncStats, "ps": …}``).
    """
    stats: dict[str, SyncStats] = {}
    units = {u.code: u for u in Unit.objects.filter(code__in=[s.code for s in specs])}
    missing_parents = {s.parent for s in specs if s.parent} - {s.code for s in specs}
    units.update({u.code: u for u in Unit.objects.filter(code__in=missing_parents)})
    for level in _levels(specs):
        to_create: list[Unit] = []
        to_update: list[Unit] = []
        update_fields: set[str] = set()
        for spec in level:
            st = stats.setdefault(str(spec.kind), SyncStats())
            parent = units.get(spec.parent) if spec.parent else None
            if spec.parent and parent is None:
                raise ReferenceDataError(f"unit {spec.code}: parent {spec.parent} does not exist")
            unit = units.get(spec.code)
            values = spec.values()
            if unit is None:
                unit = Unit(code=spec.code, parent=parent, **values)
                units[spec.code] = unit
                to_create.append(unit)
                st.created += 1
                continue
            changed = [f for f, v in values.items() if getattr(unit, f) != v]
            for f in changed:
                setattr(unit, f, values[f])
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save()  # recomputes path/depth for the unit and its whole subtree
                st.updated += 1
            elif changed:
                to_update.append(unit)
                update_fields.update(changed)
                st.updated += 1
            elif unit.path != expected_path(unit, parent):
                unit.save()  # repair a path that drifted
                st.updated += 1
            else:
                st.unchanged += 1
        if to_create:
            Unit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
            for unit in to_create:
                # ``unit.parent`` is the cached parent object, whose path is already final.
                unit.path = expected_path(unit, unit.parent if unit.parent_id else None)
                unit.depth = unit.path.count(PATH_SEPARATOR) - 2
            Unit.objects.bulk_update(to_create, ["path", "depth"], batch_size=BATCH_SIZE)
        if to_update:
            Unit.objects.bulk_update(to_update, sorted(update_fields), batch_size=BATCH_SIZE)
    return stats


def load_geography(data_dir: Path = DATA_DIR) -> dict[str, SyncStats]:
    """Load every unit of the reference files in one transaction; returns stats per unit kind
    (``{"units (state)": SyncStats, …}``).

    Idempotent: a second run creates and changes nothing. Raises :class:`ReferenceDataError`
    (and rolls back) when a file is inconsistent.
    """
    specs = geography_specs(data_dir)
    with transaction.atomic():
        stats = sync_units(specs)
    order = sorted(stats, key=lambda kind: UNIT_LEVEL[UnitKind(kind)])
    return {f"units ({kind})": stats[kind] for kind in order}
