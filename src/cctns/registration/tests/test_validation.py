"""Every coded validation rule: one case that must trigger it, and the valid record that must not.

``test_every_registered_rule_has_a_case`` fails when a rule is added without a case here.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import override_settings

from cctns.core.validation import WARNING, as_markdown, rules_for
from cctns.registration.services import resolve_sections
from cctns.registration.validation import validate_complaint, validate_fir, validate_ncr

from .conftest import fir_data, ist

pytestmark = pytest.mark.django_db

NOW = ist(2025, 7, 11, 10, 0)


def fir_violations(law, **overrides):
    data = fir_data(law, **overrides)
    data = {**data, "sections": [s for s, _ in resolve_sections(data["sections"])]}
    data.setdefault("registered_at", NOW)
    data.setdefault("now", NOW)
    return validate_fir(data)


def ncr_violations(law, **overrides):
    data = {"informant_name": "Kamala", "narrative": "Abused in public by a neighbour.",
            "sections": [{"act": "BNS", "number": "356"}], "occurrence_at": ist(2025, 7, 10, 9, 0),
            "registered_at": NOW, "now": NOW}
    data.update(overrides)
    data["sections"] = [s for s, _ in resolve_sections(data["sections"])]
    return validate_ncr(data)


def complaint_violations(law, **overrides):
    data = {"complainant_name": "Lakshmi", "narrative": "A dispute over a boundary wall.",
            "complainant_phone": "9000000001", "received_at": NOW, "now": NOW, "attachments": []}
    data.update(overrides)
    return validate_complaint(data)


def codes(violations, level=None):
    return {v.code for v in violations if level is None or v.level == level}


FIR_CASES = {
    "FIR-001": dict(sections=[]),
    "FIR-002": dict(sections=[{"act": "BNS", "number": "999"}]),
    "FIR-003": dict(sections=[{"act": "IPC", "number": "379"}]),
    "FIR-004": dict(sections=[{"act": "BNS", "number": "303"}, "BNS 303(2)"]),
    "FIR-005": dict(occurrence_to=ist(2025, 7, 10, 21, 0)),
    "FIR-006": dict(sections=[{"act": "BNS", "number": "115"}, {"act": "BNS", "number": "356"}]),
    "FIR-007": dict(sections=[{"act": "NDPS", "number": "20"}]),
    "FIR-008": dict(registered_at=NOW + datetime.timedelta(days=1)),
    "FIR-009": dict(information_received_at=ist(2025, 7, 10, 23, 0)),
    "FIR-010": dict(registered_at=ist(2025, 7, 11, 9, 0)),
    "FIR-011": dict(information_received_at=ist(2025, 7, 14, 9, 0), registered_at=ist(2025, 7, 14, 10, 0),
                    now=ist(2025, 7, 14, 10, 0)),
    "FIR-012": dict(informant_name="  "),
    "FIR-013": dict(accused=[{"code": "A1", "name": "Raju"}, {"code": "a1", "name": "Babu"}]),
    "FIR-014": dict(properties=[{"description": "Cash", "value": Decimal("-1")}]),
    "FIR-015": dict(latitude=Decimal("95"), longitude=Decimal("80")),
    "FIR-016": dict(sections=[{"act": "BNS", "number": "79"}], victims=[{"name": "S", "sex": "F", "age": 30}]),
    "FIR-017": dict(narrative=""),
    "FIR-018": dict(occurrence_from=None, occurrence_to=None),
    "FIR-019": dict(information_received_at=None),
    "FIR-020": dict(victims=[{"name": "Old", "age": 130}]),
    "FIR-021": dict(accused=[{"name": "Raju", "date_of_birth": datetime.date(2026, 1, 1)}]),
    "FIR-022": dict(informant_age=200),
    "FIR-023": dict(accused=[{"known": True, "name": ""}]),
    "FIR-024": dict(distance_km=Decimal("-0.5")),
}
NCR_CASES = {
    "NCR-001": dict(informant_name=""),
    "NCR-002": dict(narrative=" "),
    "NCR-003": dict(sections=[{"act": "BNS", "number": "303"}]),
    "NCR-004": dict(sections=[{"act": "IPC", "number": "323"}]),
    "NCR-005": dict(sections=["BNS 9999"]),
    "NCR-006": dict(occurrence_at=NOW + datetime.timedelta(hours=2)),
}
CMP_CASES = {
    "CMP-001": dict(complainant_name=""),
    "CMP-002": dict(narrative=""),
    "CMP-003": dict(attachments=[{"name": "x.exe", "size": 10, "content_type": ""}]),
    "CMP-004": dict(attachments=[{"name": "big.pdf", "size": 50 * 1024 * 1024, "content_type": "application/pdf"}]),
    "CMP-005": dict(received_at=NOW + datetime.timedelta(days=2)),
    "CMP-006": dict(complainant_phone="", complainant_address="", complainant_email=""),
}


def test_every_registered_rule_has_a_case():
    registered = {r.code for r in rules_for()}
    assert registered == set(FIR_CASES) | set(NCR_CASES) | set(CMP_CASES)


def test_valid_records_break_no_rule(law):
    assert fir_violations(law) == []
    assert ncr_violations(law) == []
    assert complaint_violations(law) == []


@pytest.mark.parametrize("code", sorted(FIR_CASES))
def test_fir_rule(code, law):
    found = fir_violations(law, **FIR_CASES[code])
    assert code in codes(found)
    rule = next(r for r in rules_for("fir") if r.code == code)
    assert all(v.field == rule.field for v in found if v.code == code)


@pytest.mark.parametrize("code", sorted(NCR_CASES))
def test_ncr_rule(code, law):
    assert code in codes(ncr_violations(law, **NCR_CASES[code]))


@pytest.mark.parametrize("code", sorted(CMP_CASES))
def test_complaint_rule(code, law):
    assert code in codes(complaint_violations(law, **CMP_CASES[code]))


def test_every_rule_has_hindi_and_a_source_with_the_same_placeholders():
    for r in rules_for():
        assert re.search("[\u0900-\u097F]", r.message_hi), r.code
        assert r.source and r.description, r.code
        assert set(re.findall(r"%\((\w+)\)s", str(r.message))) == set(re.findall(r"%\((\w+)\)s", r.message_hi)), r.code


# --- the law follows the date of offence, at the IST boundary --------------------------------

@pytest.mark.parametrize(("occurred", "good", "bad"), [
    (ist(2024, 6, 30, 23, 59), "IPC 379", "BNS 303(2)"),
    (ist(2024, 7, 1, 0, 0), "BNS 303(2)", "IPC 379"),
])
def test_law_by_date_of_offence_at_the_boundary(law, occurred, good, bad):
    """2024-06-30 23:59 IST is IPC; 2024-07-01 00:00 IST (18:30 UTC on 30 June) is BNS."""
    times = dict(occurrence_from=occurred, occurrence_to=occurred, information_received_at=occurred + datetime.timedelta(hours=1))
    assert "FIR-003" not in codes(fir_violations(law, sections=[good], **times))
    found = [v for v in fir_violations(law, sections=[bad], **times) if v.code == "FIR-003"]
    assert len(found) == 1
    expected = "IPC" if good.startswith("IPC") else "BNS"
    assert found[0].extra["expected_code"] == expected
    assert found[0].extra["suggested"][0]["act"] == expected  # the corresponding section is offered
    assert good.split()[1].split("(")[0] in found[0].message


def test_wrong_code_suggests_the_corresponding_section(law):
    v = next(v for v in fir_violations(law, sections=["BNS 303", "IPC 379"]) if v.code == "FIR-003")
    assert v.index == 1 and v.path == "sections.1"
    assert "BNS 303(2)" in v.message


def test_special_and_local_laws_go_with_either_code(law):
    for when in (ist(2024, 6, 1, 10, 0), ist(2025, 6, 1, 10, 0)):
        times = dict(occurrence_from=when, occurrence_to=when, information_received_at=when + datetime.timedelta(hours=1))
        found = fir_violations(law, sections=["ARMS 25", "NDPS 20"], cognizability_confirmed_by=True, **times)
        assert codes(found, "error") == set()


def test_mixed_cognizable_and_non_cognizable_is_an_fir(law):
    """BNSS s.174(4): one cognizable offence makes the case cognizable."""
    assert "FIR-006" not in codes(fir_violations(law, sections=["BNS 303", "BNS 115"]))


def test_non_cognizable_offer_carries_the_ncr_link(law):
    v = next(v for v in fir_violations(law, sections=["BNS 115"]) if v.code == "FIR-006")
    assert v.extra["alternative"] == "ncr"
    assert v.extra["sections"] == [law.bns_115.pk]


def test_unknown_classification_confirmed_by_the_officer_passes(law):
    assert "FIR-007" not in codes(fir_violations(law, sections=["NDPS 20"], cognizability_confirmed_by=True))


def test_special_law_default_classification_from_punishment(law):
    """BNSS First Schedule Part II: Arms Act 25 (up to 7 years, classification unknown) → cognizable."""
    assert "FIR-007" not in codes(fir_violations(law, sections=["ARMS 25"]))


def test_delay_threshold_is_configurable(law):
    late = dict(information_received_at=ist(2025, 7, 11, 12, 0), registered_at=ist(2025, 7, 11, 12, 5),
                now=ist(2025, 7, 11, 12, 5))
    assert "FIR-011" not in codes(fir_violations(law, **late))  # 12.5 hours after
    with override_settings(CCTNS_FIR_DELAY_HOURS=6):
        assert "FIR-011" in codes(fir_violations(law, **late))
        assert "FIR-011" not in codes(fir_violations(law, delay_reason="Informant was in hospital.", **late))


def test_suo_motu_fir_needs_no_informant_name(law):
    assert "FIR-012" not in codes(fir_violations(law, informant_name="", suo_motu=True))


def test_coordinates_given_together(law):
    assert "FIR-015" in codes(fir_violations(law, latitude=Decimal("17.4")))
    assert "FIR-015" not in codes(fir_violations(law, latitude=Decimal("17.4"), longitude=Decimal("78.5")))


def test_woman_officer_proviso_is_a_warning_only(law):
    found = fir_violations(law, sections=["BNS 64"], victims=[{"name": "S", "sex": "F", "age": 25}])
    assert codes(found, WARNING) == {"FIR-016"}
    assert codes(found, "error") == set()
    assert "FIR-016" not in codes(fir_violations(law, sections=["BNS 64"], recorded_by_woman_officer=True,
                                                 victims=[{"name": "S", "sex": "F", "age": 25}]))
    assert "FIR-016" not in codes(fir_violations(law, sections=["BNS 303"], victims=[{"name": "S", "sex": "F"}]))


def test_child_row_paths(law):
    v = next(v for v in fir_violations(law, victims=[{"name": "a"}, {"name": "b", "age": 150}]) if v.code == "FIR-020")
    assert (v.index, v.subfield, v.path) == (1, "age", "victims.1.age")


def test_markdown_registry_and_command(capsys):
    md = as_markdown()
    assert "| FIR-003 |" in md and "BNS s.1(2)" in md and "कम से कम" in md
    call_command("validation_rules")
    out = capsys.readouterr().out
    assert out.count("\n| FIR-") == len(FIR_CASES)
    call_command("validation_rules", record="ncr")
    assert "FIR-001" not in capsys.readouterr().out
