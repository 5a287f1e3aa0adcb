"""Reference law: load acts, sections, IPC↔BNS correspondence, classification, sensitive flags
and crime heads from the CSV files in ``legal/data/`` (sources in ``legal/data/SOURCES.md``).

The files are the source of truth for what they cover. For each section they describe, the
loader sets title, chapter, ``is_offence``, classification, sensitivity and crime head; a
section *absent* from ``classification.csv`` gets classification ``None`` (unknown, never
guessed — DOMAIN.md "Offence classification"), one absent from ``sensitive_sections.csv`` is not
sensitive, one absent from ``crime_head_sections.csv`` has no crime head. Acts, sections and crime
heads are never deleted (records refer to them); correspondence and clause-classification rows
not in the files are.

``is_offence`` (a section that defines or punishes an offence):
- BNS: chapters IV–XIX (sections 45–357: abetment, conspiracy and attempt, then the offence
  chapters "OF OFFENCES …"), except the pure definitions in :data:`NOT_OFFENCES`;
- IPC: chapters V–XXIII (sections 107–511, including VA criminal conspiracy and XXIII attempts),
  except :data:`NOT_OFFENCES` and sections repealed before 2024;
- other acts: the ``is_offence`` column of ``sll_sections.csv``.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.db import transaction

from cctns.core.reference import ReferenceDataError, SyncStats, read_csv, sync_rows

from .models import (
    Act,
    ClauseClassification,
    Correspondence,
    Court,
    CrimeHead,
    Section,
    section_sort_key,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Chapters (numbers) whose sections define or punish offences.
OFFENCE_CHAPTERS = {"BNS": range(4, 20), "IPC": range(5, 24)}

#: Sections inside those chapters that only define a term which is not itself an offence
#: ("Hurt", "Force", "Abettor", "Property mark", …) or only apply other sections.
NOT_OFFENCES = {
    "BNS": {"46", "86", "114", "116", "128", "167", "169", "335", "345"},
    "IPC": {"108", "139", "171A", "230", "319", "320", "349", "464", "479"},
}

_YES_NO = {"yes": True, "no": False, "": None}
_RELATIONS = {
    "corresponds": Correspondence.Relation.CORRESPONDS,
    "new_in_bns": Correspondence.Relation.NEW_IN_BNS,
    "omitted_in_bns": Correspondence.Relation.OMITTED,
    "not_in_source_table": Correspondence.Relation.NOT_IN_TABLE,
}
_BASE_SECTION = re.compile(r"\d+[A-Z]*")


def _flag(value: str, where: str) -> bool | None:
    try:
        return _YES_NO[value.lower()]
    except KeyError:
        raise ReferenceDataError(f"{where}: expected yes, no or empty, got {value!r}") from None


def _int_or_none(value: str, where: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise ReferenceDataError(f"{where}: expected a whole number, got {value!r}")
    return int(value)


def _date_or_none(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def base_section(label: str) -> str:
    """``"303(2)"`` → ``"303"``, ``"351(2), 351(3)"`` → ``"351"``, ``"376AB"`` → ``"376AB"``."""
    m = _BASE_SECTION.match(label)
    return m.group(0) if m else ""


def clean_title(title: str) -> str:
    """A section title with whitespace collapsed and a stray trailing backslash (BNS 258 in the
    source) removed."""
    return " ".join(title.split()).rstrip("\\").rstrip()


def is_offence_section(act: str, number: str, chapter_number: int, repealed: bool) -> bool:
    """Whether a BNS/IPC section defines or punishes an offence (see the module docstring)."""
    return (
        chapter_number in OFFENCE_CHAPTERS.get(act, ())
        and number not in NOT_OFFENCES.get(act, set())
        and not repealed
    )


def _where(filename: str, row: dict) -> str:
    return f"{filename} line {row['_line']}"


def load_acts(data_dir: Path) -> tuple[SyncStats, dict[str, Act]]:
    rows = [
        {
            "code": r["code"], "short_name": r["short_name"], "name": r["name"], "name_hi": r["name_hi"],
            "year": int(r["year"]), "act_number": r["act_number"], "kind": r["kind"],
            "in_force_from": _date_or_none(r["in_force_from"]), "in_force_to": _date_or_none(r["in_force_to"]),
            "source": r["source"],
        }
        for r in read_csv(data_dir / "acts.csv")
    ]
    stats, objs = sync_rows(Act, ("code",), rows)
    return stats, {k[0]: v for k, v in objs.items()}


def load_crime_heads(data_dir: Path) -> tuple[SyncStats, dict[str, CrimeHead]]:
    """Groups first (no parent), then heads under them."""
    rows = read_csv(data_dir / "crime_heads.csv")
    groups = [r for r in rows if not r["parent"]]
    heads = [r for r in rows if r["parent"]]

    def values(r, parent_id=None):
        return {"code": r["code"], "name": r["name"], "parent_id": parent_id,
                "seriousness": int(r["seriousness"])}

    stats1, objs = sync_rows(CrimeHead, ("code",), [values(r) for r in groups],
                             queryset=CrimeHead.objects.filter(code__in=[r["code"] for r in groups]))
    by_code = {k[0]: v for k, v in objs.items()}
    head_rows = []
    for r in heads:
        if r["parent"] not in by_code:
            raise ReferenceDataError(f"{_where('crime_heads.csv', r)}: unknown parent {r['parent']!r}")
        head_rows.append(values(r, by_code[r["parent"]].pk))
    stats2, objs = sync_rows(CrimeHead, ("code",), head_rows,
                             queryset=CrimeHead.objects.filter(code__in=[r["code"] for r in heads]))
    by_code.update({k[0]: v for k, v in objs.items()})
    stats = SyncStats(
        created=stats1.created + stats2.created, updated=stats1.updated + stats2.updated,
        unchanged=stats1.unchanged + stats2.unchanged,
    )
    return stats, by_code


def _section_rows(data_dir: Path, acts: dict[str, Act]) -> dict[tuple[str, str], dict]:
    """Section values from the BNS, IPC and special-law files, keyed by (act code, number)."""
    out: dict[tuple[str, str], dict] = {}
    for act, filename in (("BNS", "bns_sections.csv"), ("IPC", "ipc_sections.csv")):
        for r in read_csv(data_dir / filename):
            repealed = r.get("repealed_before_2024", "no") == "yes"
            out[(act, r["section"])] = {
                "act_id": acts[act].pk, "number": r["section"], "title": clean_title(r["section_title"]),
                "chapter": r["chapter_roman"], "chapter_title": r["chapter_title"],
                "is_offence": is_offence_section(act, r["section"], int(r["chapter_number"]), repealed),
                "repealed": repealed,
            }
    for r in read_csv(data_dir / "sll_sections.csv"):
        where = _where("sll_sections.csv", r)
        if r["act"] not in acts:
            raise ReferenceDataError(f"{where}: unknown act {r['act']!r}")
        out[(r["act"], r["section"])] = {
            "act_id": acts[r["act"]].pk, "number": r["section"], "title": clean_title(r["title"]),
            "chapter": "", "chapter_title": "", "is_offence": bool(_flag(r["is_offence"], where)),
            "repealed": False,
        }
    for row in out.values():
        row.update(
            cognizable=None, bailable=None, triable_by="", max_punishment_years=None,
            classification_source="", classification_verified=False,
            sensitive=False, sensitive_reason="", crime_head_id=None,
        )
    return out


def _lookup(sections: dict, act: str, number: str, where: str) -> dict:
    try:
        return sections[(act, number)]
    except KeyError:
        raise ReferenceDataError(f"{where}: no section {act} {number}") from None


def _classification(r: dict, where: str) -> dict:
    triable = r["triable_by"]
    if triable and triable not in Court.values:
        raise ReferenceDataError(f"{where}: unknown court {triable!r}")
    return {
        "cognizable": _flag(r["cognizable"], where), "bailable": _flag(r["bailable"], where),
        "triable_by": triable, "max_punishment_years": _int_or_none(r["max_punishment_years"], where),
    }


def load_sections(data_dir: Path, acts: dict[str, Act], heads: dict[str, CrimeHead]):
    """Sections with classification, sensitivity and crime head merged in; returns
    ``(stats, sections by (act, number), clause rows)``."""
    sections = _section_rows(data_dir, acts)
    clause_rows: list[tuple[tuple[str, str], dict]] = []
    for r in read_csv(data_dir / "classification.csv"):
        where = _where("classification.csv", r)
        row = _lookup(sections, r["act"], r["section"], where)
        values = _classification(r, where)
        verified = bool(_flag(r["verified"], where))
        if r["clause"]:
            clause_rows.append(((r["act"], r["section"]), {
                "clause": r["clause"], **values, "source": r["source"], "verified": verified,
                "note": r["note"],
            }))
        else:
            if row["classification_source"]:
                raise ReferenceDataError(f"{where}: {r['act']} {r['section']} classified twice")
            row.update(values, classification_source=r["source"], classification_verified=verified)
    for r in read_csv(data_dir / "sensitive_sections.csv"):
        row = _lookup(sections, r["act"], r["section"], _where("sensitive_sections.csv", r))
        row.update(sensitive=True, sensitive_reason=r["reason"])
    for r in read_csv(data_dir / "crime_head_sections.csv"):
        where = _where("crime_head_sections.csv", r)
        row = _lookup(sections, r["act"], r["section"], where)
        if r["crime_head"] not in heads:
            raise ReferenceDataError(f"{where}: unknown crime head {r['crime_head']!r}")
        row["crime_head_id"] = heads[r["crime_head"]].pk
    for row in sections.values():
        row["sort_key"] = section_sort_key(row["number"])  # what Section.save() would set
    stats, objs = sync_rows(
        Section, ("act_id", "number"), sections.values(),
        queryset=Section.objects.filter(act__in=list(acts.values())),
    )
    code_of = {a.pk: code for code, a in acts.items()}
    by_key = {(code_of[k[0]], k[1]): v for k, v in objs.items()}
    return stats, by_key, clause_rows


def load_clause_classifications(clause_rows, sections) -> SyncStats:
    rows = [{"section_id": sections[key].pk, **values} for key, values in clause_rows]
    stats, _ = sync_rows(ClauseClassification, ("section_id", "clause"), rows, delete_missing=True)
    return stats


def load_correspondence(data_dir: Path, sections: dict[tuple[str, str], Section]) -> SyncStats:
    """The 604 rows of ``ipc_bns_correspondence.csv``; labels as printed, links to base sections."""
    rows = []
    for r in read_csv(data_dir / "ipc_bns_correspondence.csv"):
        where = _where("ipc_bns_correspondence.csv", r)
        relation = _RELATIONS.get(r["relation"])
        if relation is None:
            raise ReferenceDataError(f"{where}: unknown relation {r['relation']!r}")
        ipc = sections.get(("IPC", r["ipc_section_base"])) if r["ipc_section_base"] else None
        bns = sections.get(("BNS", base_section(r["bns_section"]))) if r["bns_section"] else None
        if r["ipc_section_base"] and ipc is None:
            raise ReferenceDataError(f"{where}: no section IPC {r['ipc_section_base']}")
        if r["bns_section"] and bns is None:
            raise ReferenceDataError(f"{where}: no section BNS {r['bns_section']}")
        note = "; ".join(x for x in (r["bns_label"] and f"BNS label: {r['bns_label']}", r["note"]) if x)
        rows.append({
            "ipc_label": r["ipc_section"], "bns_label": r["bns_section"],
            "source_row": int(r["source_row"]) if r["source_row"] else None,
            "ipc_section_id": ipc.pk if ipc else None, "bns_section_id": bns.pk if bns else None,
            "relation": relation.value, "note": note,
        })
    stats, _ = sync_rows(
        Correspondence, ("ipc_label", "bns_label", "source_row"), rows, delete_missing=True,
    )
    return stats


def load_law(data_dir: Path = DATA_DIR) -> dict[str, SyncStats]:
    """Load all reference law in one transaction; returns stats per table.

    Idempotent: a second run creates, changes and deletes nothing. Raises
    :class:`~cctns.core.reference.ReferenceDataError` (and rolls back) when a file refers to a
    section, act, crime head or court that does not exist.
    """
    with transaction.atomic():
        act_stats, acts = load_acts(data_dir)
        head_stats, heads = load_crime_heads(data_dir)
        section_stats, sections, clause_rows = load_sections(data_dir, acts, heads)
        clause_stats = load_clause_classifications(clause_rows, sections)
        corr_stats = load_correspondence(data_dir, sections)
    return {
        "acts": act_stats, "crime heads": head_stats, "sections": section_stats,
        "clause classifications": clause_stats, "correspondence": corr_stats,
    }
