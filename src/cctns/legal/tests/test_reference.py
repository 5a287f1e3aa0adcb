"""Reference law as loaded by ``cctns load_reference``: counts, spot checks, correspondence,
classification (unknown stays unknown), sensitive flags, crime heads, idempotency, bad files."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from cctns.core.reference import ReferenceDataError, read_csv
from cctns.legal.models import Act, ClauseClassification, Correspondence, CrimeHead, Section
from cctns.legal.reference import DATA_DIR, base_section, clean_title, load_law
from cctns.legal.services import corresponding_sections

pytestmark = pytest.mark.django_db


def section(act: str, number: str) -> Section:
    return Section.objects.select_related("act", "crime_head").get(act__code=act, number=number)


def labels(act: str, number: str) -> list[str]:
    return [f"{c['act']} {c['label']}" for c in corresponding_sections(section(act, number))]


# --------------------------------------------------------------------------- counts and spot checks


def test_first_load_creates_every_row(law):
    assert law["acts"].created == 16
    assert law["sections"].created == 358 + 575 + len(read_csv(DATA_DIR / "sll_sections.csv"))
    assert law["correspondence"].created == 604


def test_section_counts(law):
    assert Section.objects.filter(act__code="BNS").count() == 358
    assert Section.objects.filter(act__code="IPC").count() == 575
    assert Section.objects.filter(act__code="POCSO").count() == 16


def test_acts_and_periods_in_force(law):
    codes = set(Act.objects.values_list("code", flat=True))
    assert {"BNS", "BNSS", "BSA", "IPC", "CRPC", "IEA", "NDPS", "ARMS", "POCSO", "IT", "MV",
            "SCST_POA", "DP", "PWDVA", "JJ", "ITPA"} == codes
    bns, ipc = Act.objects.get(code="BNS"), Act.objects.get(code="IPC")
    assert str(bns.in_force_from) == "2024-07-01" and bns.in_force_to is None
    assert str(ipc.in_force_to) == "2024-06-30"
    assert Act.objects.get(code="CRPC").act_number == "2 of 1974"
    assert all(a.source for a in Act.objects.all())


@pytest.mark.parametrize(("act", "number", "title", "chapter"), [
    ("BNS", "103", "Punishment for murder.", "VI"),
    ("BNS", "64", "Punishment for rape.", "V"),
    ("BNS", "303", "Theft", "XVII"),
    ("BNS", "318", "Cheating", "XVII"),
    ("IPC", "302", "Punishment for murder", "XVI"),
    ("IPC", "376", "Punishment for rape", "XVI"),
    ("IPC", "379", "Punishment for theft", "XVII"),
    ("IPC", "420", "Cheating and dishonestly inducing delivery of property", "XVII"),
    ("IPC", "498A", "Husband or relative of husband of a woman subjecting her to cruelty", "XXA"),
])
def test_well_known_sections(law, act, number, title, chapter):
    s = section(act, number)
    assert (s.title, s.chapter) == (title, chapter)
    assert s.is_offence


def test_sort_key_set_as_save_would(law):
    s = section("IPC", "376AB")
    assert s.sort_key == "00376AB"
    numbers = list(Section.objects.filter(act__code="IPC", number__startswith="37").values_list("number", flat=True)[:3])
    assert numbers == ["37", "370", "370A"]


def test_stray_backslash_removed_from_title(law):
    assert not section("BNS", "258").title.endswith("\\")
    assert clean_title(" a  b\\ ") == "a b"


@pytest.mark.parametrize(("act", "number", "expected"), [
    ("BNS", "2", False),     # definitions, chapter II
    ("BNS", "45", True),     # abetment, chapter IV
    ("BNS", "114", False),   # "Hurt." only defines a term
    ("BNS", "115", True),
    ("BNS", "358", False),   # repeal and savings
    ("IPC", "107", True),    # abetment
    ("IPC", "120B", True),   # criminal conspiracy
    ("IPC", "319", False),   # "Hurt" definition
    ("IPC", "511", True),    # attempts
    ("IPC", "15", False),    # repealed before 2024
    ("NDPS", "37", False),   # classifies, does not punish
    ("NDPS", "20", True),
])
def test_is_offence(law, act, number, expected):
    assert section(act, number).is_offence is expected


def test_repealed_flag(law):
    assert Section.objects.filter(act__code="IPC", repealed=True).count() == 20
    assert section("IPC", "161").repealed


# --------------------------------------------------------------------------- correspondence


@pytest.mark.parametrize(("act", "number", "expected"), [
    ("IPC", "302", ["BNS 103"]),
    ("IPC", "379", ["BNS 303(2)"]),
    ("IPC", "420", ["BNS 318(4)"]),
    ("IPC", "498A", ["BNS 85", "BNS 86"]),
    ("BNS", "103", ["IPC 302"]),
    ("BNS", "64", ["IPC 376"]),
])
def test_correspondence(law, act, number, expected):
    assert labels(act, number) == expected


def test_ipc_376_maps_to_bns_64(law):
    assert "BNS 64" in labels("IPC", "376")


def test_correspondence_rows_and_links(law):
    assert Correspondence.objects.count() == 604
    counts = {r: Correspondence.objects.filter(relation=r).count() for r in Correspondence.Relation.values}
    assert counts == {"corresponds": 541, "new_in_bns": 18, "omitted": 16, "not_in_table": 29}
    # every row with a label is linked to its base section
    assert not Correspondence.objects.exclude(ipc_label="").filter(ipc_section=None).exists()
    assert not Correspondence.objects.exclude(bns_label="").filter(bns_section=None).exists()
    row = Correspondence.objects.get(ipc_label="379")
    assert row.bns_label == "303(2)" and row.bns_section.number == "303"
    assert Correspondence.objects.get(bns_label="351(2), 351(3)").bns_section.number == "351"


def test_sedition_has_no_listed_equivalent(law):
    assert labels("IPC", "124A") == []
    assert Correspondence.objects.get(ipc_label="124A").relation == "omitted"


def test_base_section():
    assert base_section("303(2)") == "303"
    assert base_section("351(2), 351(3)") == "351"
    assert base_section("376AB") == "376AB"


# --------------------------------------------------------------------------- classification


def test_known_classification(law):
    murder = section("BNS", "103")
    assert (murder.cognizable, murder.bailable, murder.triable_by, murder.max_punishment_years) == (
        True, False, "sessions", 100)
    assert murder.classification_source.startswith("BNSS 2023 First Schedule")
    assert murder.classification_verified is False
    hurt = section("IPC", "323")
    assert (hurt.cognizable, hurt.bailable) == (False, True)


def test_unknown_classification_stays_null(law):
    """A section absent from classification.csv has every classification field unknown."""
    listed = {(r["act"], r["section"]) for r in read_csv(DATA_DIR / "classification.csv") if not r["clause"]}
    unlisted = [s for s in Section.objects.select_related("act") if (s.act.code, s.number) not in listed]
    assert len(unlisted) > 900
    for s in unlisted:
        assert (s.cognizable, s.bailable, s.triable_by, s.max_punishment_years, s.classification_source) == (
            None, None, "", None, ""), s
    defamation = section("BNS", "356")
    assert defamation.cognizable is None and defamation.bailable is None


def test_clause_classification_where_clauses_differ(law):
    cheating = section("BNS", "318")
    assert cheating.cognizable is None  # 318(2) and 318(4) differ
    clauses = {c.clause: c for c in cheating.clause_classifications.all()}
    assert clauses["318(4)"].cognizable is True and clauses["318(4)"].bailable is False
    assert clauses["318(2)"].cognizable is False and clauses["318(2)"].bailable is True
    assert ClauseClassification.objects.count() == 9


def test_special_law_classification_from_its_own_provision(law):
    ndps = section("NDPS", "20")
    assert ndps.cognizable is True and ndps.bailable is None
    assert "s.37" in ndps.classification_source
    assert section("ARMS", "25").cognizable is None


# --------------------------------------------------------------------------- sensitive, crime heads


def test_sensitive_flags(law):
    rape = section("BNS", "64")
    assert rape.sensitive and "BNS s.72" in rape.sensitive_reason
    pocso = section("POCSO", "4")
    assert pocso.sensitive and "POCSO s.23" in pocso.sensitive_reason
    assert section("IPC", "376D").sensitive
    assert not section("BNS", "103").sensitive and section("BNS", "103").sensitive_reason == ""


def test_crime_heads(law):
    assert section("BNS", "103").crime_head.code == "MURDER"
    assert section("IPC", "302").crime_head.code == "MURDER"
    assert section("BNS", "303").crime_head.code == "THEFT"
    assert section("POCSO", "6").crime_head.code == "POCSO_PENETRATIVE"
    murder, theft = CrimeHead.objects.get(code="MURDER"), CrimeHead.objects.get(code="THEFT")
    assert murder.seriousness < theft.seriousness  # lower = graver
    assert theft.parent.code == "PROPERTY"
    for group in CrimeHead.objects.filter(parent=None):
        assert group.seriousness == min(group.children.values_list("seriousness", flat=True))


def test_corresponding_sections_share_a_crime_head(law):
    for row in Correspondence.objects.filter(relation="corresponds").select_related(
            "ipc_section", "bns_section"):
        a, b = row.ipc_section.crime_head_id, row.bns_section.crime_head_id
        if a and b:
            assert a == b, row


# --------------------------------------------------------------------------- idempotency and changes


def test_second_load_changes_nothing(law):
    counts = [m.objects.count() for m in (Act, Section, Correspondence, ClauseClassification, CrimeHead)]
    stats = load_law()
    assert not any(st.changed for st in stats.values()), stats
    assert stats["sections"].unchanged == law["sections"].created
    assert [m.objects.count() for m in (Act, Section, Correspondence, ClauseClassification, CrimeHead)] == counts


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changed_file_updates_rows(law, data_copy):
    replace_in(data_copy / "bns_sections.csv", "103,Punishment for murder.", "103,Punishment for murder (edited).")
    replace_in(data_copy / "classification.csv", "BNS,318,318(2),", "BNS,318,318(3),")
    stats = load_law(data_copy)
    assert (stats["sections"].updated, stats["sections"].created) == (1, 0)
    assert section("BNS", "103").title == "Punishment for murder (edited)."
    assert (stats["clause classifications"].created, stats["clause classifications"].deleted) == (1, 1)
    # a section dropped from classification.csv goes back to unknown
    replace_in(data_copy / "classification.csv", "BNS,352,,no,yes,any,2", "BNS,352,,,,,")
    load_law(data_copy)
    s = section("BNS", "352")
    assert (s.cognizable, s.bailable, s.triable_by, s.max_punishment_years) == (None, None, "", None)


def test_unknown_section_is_a_clear_error(law, data_copy):
    with open(data_copy / "sensitive_sections.csv", "a", encoding="utf-8") as fh:
        fh.write("BNS,999,test,test\n")
    with pytest.raises(ReferenceDataError, match=r"sensitive_sections.csv line \d+: no section BNS 999"):
        load_law(data_copy)


def test_bad_flag_is_a_clear_error(law, data_copy):
    replace_in(data_copy / "classification.csv", "BNS,103,,yes,", "BNS,103,,perhaps,")
    with pytest.raises(ReferenceDataError, match="expected yes, no or empty"):
        load_law(data_copy)
    assert section("BNS", "103").cognizable is True  # rolled back, nothing half-loaded


def test_command_reports_errors_without_traceback(law, data_copy, monkeypatch):
    replace_in(data_copy / "crime_head_sections.csv", "IPC,302,MURDER", "IPC,302,NO_SUCH_HEAD")
    from cctns.legal.management.commands import load_reference

    monkeypatch.setitem(load_reference.PARTS, "law", lambda: load_law(data_copy))
    with pytest.raises(CommandError, match="unknown crime head 'NO_SUCH_HEAD'"):
        call_command("load_reference", only="law", verbosity=0)
