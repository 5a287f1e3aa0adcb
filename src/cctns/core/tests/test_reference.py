"""Reference geography as loaded by ``cctns load_reference --only geo``: states, districts, the
Andhra Pradesh and Kerala police hierarchies, unit codes, paths equal to ``Unit.save``'s,
idempotency."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from cctns.core.constants import UnitKind
from cctns.core.models import PATH_SEPARATOR, Unit
from cctns.core.reference import (
    DATA_DIR,
    ReferenceDataError,
    UnitSpec,
    andhra_pradesh_specs,
    load_geography,
    read_csv,
    sync_units,
    tidy_name,
    to_decimal,
)

pytestmark = pytest.mark.django_db

AP_FILE = DATA_DIR / "police_stations_andhra_pradesh.csv"
KERALA_FILE = DATA_DIR / "police_stations_kerala.csv"


@pytest.fixture(scope="module")
def geo(django_db_setup, django_db_blocker):
    """One full geography load per module, rolled back when the module ends (so no other app's
    tests see these units); each test runs in its own savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_geography()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def kind_count(kind: str, **filters) -> int:
    return Unit.objects.filter(kind=kind, **filters).count()


# --------------------------------------------------------------------------- what is loaded


def test_national_and_states(geo):
    india = Unit.objects.get(code="IN")
    assert india.kind == UnitKind.NATIONAL and india.parent is None
    assert kind_count(UnitKind.STATE) == 36
    assert set(Unit.objects.filter(kind=UnitKind.STATE).values_list("parent__code", flat=True)) == {"IN"}
    ap, kerala = Unit.objects.get(code="28"), Unit.objects.get(code="32")
    assert (ap.name, ap.lgd_code, ap.name_hi) == ("Andhra Pradesh", "28", "आंध्र प्रदेश")
    assert (kerala.name, kerala.lgd_code) == ("Kerala", "32")
    assert Unit.objects.get(code="1").name == "Jammu and Kashmir"
    assert Unit.objects.get(code="38").name == "The Dadra and Nagar Haveli and Daman and Diu"
    assert not Unit.objects.filter(kind=UnitKind.STATE, name_hi="").exists()


def test_lgd_districts_for_other_states(geo):
    lgd = read_csv(DATA_DIR / "india_states_districts.csv")
    others = [r for r in lgd if r["state_lgd_code"] not in ("28", "32")]
    assert kind_count(UnitKind.DISTRICT, source="india_states_districts.csv") == len(others) == 723
    agra = Unit.objects.get(code="9-118")
    assert (agra.name, agra.lgd_code, agra.parent.code, agra.kind) == ("Agra", "118", "9", UnitKind.DISTRICT)
    # every state has at least one district
    for state in Unit.objects.filter(kind=UnitKind.STATE):
        assert state.children.filter(kind=UnitKind.DISTRICT).exists(), state.code


def test_andhra_pradesh_police_hierarchy(geo):
    rows = read_csv(AP_FILE)
    assert kind_count(UnitKind.POLICE_STATION, code__startswith="28-") == len(rows) == 958
    assert kind_count(UnitKind.DISTRICT, parent__code="28") == 26
    first = Unit.objects.get(code="28-D01")
    assert (first.name, first.lgd_code, first.source) == ("Ananthapuram", "502", AP_FILE.name)
    ps = Unit.objects.get(code="28-D01-SD01-PS001")
    assert (ps.name, ps.parent.kind) == ("Anantapur I Town", UnitKind.SUBDIVISION)  # a UPS
    circle = Unit.objects.filter(kind=UnitKind.CIRCLE, code__startswith="28-").first()
    assert circle.name.startswith(("CI ", "ACP ", "VIjayawada")) and circle.children.exists()
    # the 4 rows whose district the source left blank sit where the sheet lists them
    mandapeta = Unit.objects.get(kind=UnitKind.POLICE_STATION, name="Mandapeta Town")
    assert mandapeta.ancestor_of_kind(UnitKind.DISTRICT).name == "East Godavari"
    assert "conflict" in mandapeta.source


def test_kerala_police_districts_with_coordinates(geo):
    rows = read_csv(KERALA_FILE)
    assert kind_count(UnitKind.POLICE_STATION, code__startswith="32-") == len(rows) == 534
    assert kind_count(UnitKind.DISTRICT, parent__code="32") == 21
    assert not Unit.objects.filter(kind=UnitKind.POLICE_STATION, code__startswith="32-", latitude=None).exists()
    # the duplicate "Chevayur" rows are two stations, not merged
    chevayur = Unit.objects.filter(name="Chevayur").order_by("code")
    assert [u.latitude for u in chevayur] == [Decimal("11.292997"), Decimal("11.273254")]
    railway = Unit.objects.get(kind=UnitKind.DISTRICT, parent__code="32", name="Railway Police")
    assert railway.lgd_code == ""
    assert Unit.objects.get(kind=UnitKind.DISTRICT, parent__code="32", name="Ernakula city").lgd_code == "555"


def test_unit_codes_follow_the_scheme(geo):
    patterns = {
        UnitKind.STATE: r"\d{1,2}",
        UnitKind.DISTRICT: r"\d{1,2}-(\d+|D\d{2})",
        UnitKind.SUBDIVISION: r"28-D\d{2}-SD\d{2}",
        UnitKind.CIRCLE: r"28-D\d{2}-SD\d{2}-C\d{2}",
        UnitKind.POLICE_STATION: r"(28-D\d{2}-SD\d{2}(-C\d{2})?|32-D\d{2})-PS\d{3}",
    }
    for unit in Unit.objects.exclude(kind=UnitKind.NATIONAL).only("code", "kind"):
        assert re.fullmatch(patterns[unit.kind], unit.code), unit.code
    # a code starts with its parent's code
    for unit in Unit.objects.filter(code__contains="-D").select_related("parent"):
        assert unit.code.startswith(unit.parent.code + "-")


def test_station_serials_are_unique_within_a_police_district(geo):
    seen = set()
    for code in Unit.objects.filter(kind=UnitKind.POLICE_STATION).values_list("code", flat=True):
        district, ps = code.split("-")[:2], code.rsplit("-", 1)[1]
        key = (*district, ps)
        assert key not in seen, code
        seen.add(key)


def test_every_station_has_a_district_and_a_state_above_it(geo):
    kinds = dict(Unit.objects.values_list("pk", "kind"))
    stations = Unit.objects.filter(kind=UnitKind.POLICE_STATION).values_list("code", "path")
    assert len(stations) == 958 + 534
    for code, path in stations:
        above = {kinds[int(pk)] for pk in path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1]}
        assert {UnitKind.NATIONAL, UnitKind.STATE, UnitKind.DISTRICT} <= above, code


def test_paths_equal_what_unit_save_computes(geo):
    """Bulk-created units carry exactly the path/depth Unit.save would give them."""
    units = {u.pk: u for u in Unit.objects.only("pk", "parent_id", "path", "depth")}
    for unit in units.values():
        prefix = units[unit.parent_id].path if unit.parent_id else PATH_SEPARATOR
        assert unit.path == f"{prefix}{unit.pk}{PATH_SEPARATOR}"
        assert unit.depth == unit.path.count(PATH_SEPARATOR) - 2
    # and saving a sample with Unit.save changes nothing
    for code in ("IN", "28", "28-D06", "28-D06-SD02-C02-PS011", "32-D12-PS004", "9-118"):
        unit = Unit.objects.get(code=code)
        before = (unit.path, unit.depth)
        unit.save()
        unit.refresh_from_db()
        assert (unit.path, unit.depth) == before


def test_subtree_query_finds_a_district_s_stations(geo):
    district = Unit.objects.get(code="28-D01")
    stations = district.descendants().filter(kind=UnitKind.POLICE_STATION)
    assert stations.count() == sum(1 for r in read_csv(AP_FILE) if r["police_district"] == "Ananthapuram")


def test_second_load_changes_nothing(geo):
    count = Unit.objects.count()
    assert sum(st.created for st in geo.values()) == count
    stats = load_geography()
    assert not any(st.changed for st in stats.values()), stats
    assert Unit.objects.count() == count


def test_units_outside_the_files_are_left_alone(geo):
    state = Unit.objects.get(code="28")
    office = Unit.objects.create(code="28-SCRB", name="SCRB", kind=UnitKind.OFFICE, parent=state)
    load_geography()
    office.refresh_from_db()
    assert office.parent_id == state.pk and office.path.startswith(state.path)


def test_command_only_geo(geo, capsys):
    call_command("load_reference", only="geo", verbosity=1)
    out = capsys.readouterr().out
    assert "units (ps): 1492 rows: 0 created, 0 updated, 1492 unchanged" in out


# --------------------------------------------------------------------------- sync on small trees


def specs_tree(parent_of_ps: str = "T-D01") -> list[UnitSpec]:
    return [
        UnitSpec("T", "Test State", UnitKind.STATE, None, "test"),
        UnitSpec("T-D01", "District One", UnitKind.DISTRICT, "T", "test"),
        UnitSpec("T-D02", "District Two", UnitKind.DISTRICT, "T", "test"),
        UnitSpec("T-D01-SD01", "Sub-division", UnitKind.SUBDIVISION, "T-D01", "test"),
        UnitSpec("T-PS001", "Station", UnitKind.POLICE_STATION, parent_of_ps, "test", latitude=to_decimal("9.1234567")),
        UnitSpec("T-PS002", "Station Two", UnitKind.POLICE_STATION, "T-D01-SD01", "test"),
    ]


def test_bulk_sync_equals_unit_save():
    """The same tree built by sync_units and by Unit.save has the same shape of paths."""
    sync_units(specs_tree())
    by_save = {}
    for spec in specs_tree():
        parent = by_save.get(spec.parent)
        by_save[spec.code] = Unit.objects.create(
            code="S" + spec.code, parent=parent, **spec.values(),
        )

    def code_path(unit):
        return [Unit.objects.get(pk=int(pk)).code.lstrip("S")
                for pk in unit.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)]

    for spec in specs_tree():
        bulk, saved = Unit.objects.get(code=spec.code), Unit.objects.get(code="S" + spec.code)
        assert code_path(bulk) == code_path(saved)
        assert bulk.depth == saved.depth
        assert (bulk.latitude, bulk.name, bulk.kind) == (saved.latitude, saved.name, saved.kind)


def test_changed_parent_moves_the_subtree():
    sync_units(specs_tree())
    child = Unit.objects.create(code="T-PS001-OP1", name="Outpost", kind=UnitKind.OUTPOST,
                                parent=Unit.objects.get(code="T-PS001"))
    stats = sync_units(specs_tree(parent_of_ps="T-D02"))
    assert stats[UnitKind.POLICE_STATION].updated == 1
    ps, d2 = Unit.objects.get(code="T-PS001"), Unit.objects.get(code="T-D02")
    child.refresh_from_db()
    assert ps.parent_id == d2.pk and ps.path == f"{d2.path}{ps.pk}/"
    assert child.path == f"{ps.path}{child.pk}/"


def test_changed_name_is_updated():
    sync_units(specs_tree())
    specs = specs_tree()
    specs[1].name = "District One (renamed)"
    stats = sync_units(specs)
    assert stats[UnitKind.DISTRICT].updated == 1 and stats[UnitKind.DISTRICT].unchanged == 1
    assert Unit.objects.get(code="T-D01").name == "District One (renamed)"


def test_unknown_parent_is_an_error():
    with pytest.raises(ReferenceDataError, match="parent NOPE does not exist"):
        sync_units([UnitSpec("X-1", "X", UnitKind.DISTRICT, "NOPE", "test")])


def test_blank_district_with_ambiguous_sub_division_is_an_error(tmp_path):
    text = AP_FILE.read_text(encoding="utf-8")
    # "DSP Atmakur" exists in two police districts, so a row without a district cannot be placed
    text += "ANDHRA PRADESH,,DSP Atmakur,UPS,Test Station,,,99999,\n"
    (tmp_path / AP_FILE.name).write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="does not name exactly one district"):
        andhra_pradesh_specs(tmp_path)


def test_appended_rows_keep_existing_codes(tmp_path):
    before = {s.code: s.name for s in andhra_pradesh_specs()}
    text = AP_FILE.read_text(encoding="utf-8")
    text += "ANDHRA PRADESH,Ananthapuram,DSP New,UPS,New Station,ANANTAPUR,502,99999,\n"
    (tmp_path / AP_FILE.name).write_text(text, encoding="utf-8")
    after = {s.code: s.name for s in andhra_pradesh_specs(tmp_path)}
    assert all(after[code] == name for code, name in before.items())
    new = set(after) - set(before)
    assert new == {"28-D01-SD06", "28-D01-SD06-PS046"}


@pytest.mark.parametrize(("raw", "tidy"), [
    ("ANDHRA PRADESH", "Andhra Pradesh"),
    ("JAMMU AND KASHMIR", "Jammu and Kashmir"),
    ("THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU", "The Dadra and Nagar Haveli and Daman and Diu"),
    ("JANJGIR-CHAMPA", "Janjgir-Champa"),
    ("KAIMUR (BHABUA)", "Kaimur (Bhabua)"),
    ("24 PARAGANAS NORTH", "24 Paraganas North"),
    ("Y.S.R.", "Y.S.R."),
    ("Alluri Sitharama Raju", "Alluri Sitharama Raju"),
    ("S.A.S Nagar", "S.A.S Nagar"),
    ("Ernakula city", "Ernakula city"),
])
def test_tidy_name(raw, tidy):
    assert tidy_name(raw) == tidy
