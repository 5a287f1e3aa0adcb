"""Rules over reference law: which code applies on a date, and corresponding sections.

Source: BNS s.1(2) and BNSS s.1(2) with notification S.O. 850(E), 23 Feb 2024 (in force
1 July 2024); BNSS s.531 (earlier matters continue under the old code).
"""

import datetime

from .models import Correspondence, Section

BNS_COMMENCEMENT = datetime.date(2024, 7, 1)


def penal_code_for(offence_date: datetime.date) -> str:
    """The penal code that books an offence committed on ``offence_date``: ``"BNS"`` or ``"IPC"``.

    Offences on or after 2024-07-01 are booked under BNS, earlier ones under IPC.
    """
    if isinstance(offence_date, datetime.datetime):
        offence_date = offence_date.date()
    return "BNS" if offence_date >= BNS_COMMENCEMENT else "IPC"


def procedure_code_for(offence_date: datetime.date) -> str:
    """``"BNSS"`` for offences from 2024-07-01, ``"CrPC"`` before (BNSS s.531)."""
    return "BNSS" if penal_code_for(offence_date) == "BNS" else "CRPC"


def corresponding_sections(section: Section) -> list[dict]:
    """Sections of the other code that correspond to ``section``.

    Returns ``[{"act", "number", "label", "title"}]``: BNS sections for an IPC section, IPC
    sections for a BNS section, empty for other acts or when the table has no counterpart.
    Uses prefetched ``bns_correspondences``/``ipc_correspondences`` where present.
    """
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    if section.act.code == "IPC":
        rows = section.bns_correspondences.all()
        for row in rows:
            if row.relation == Correspondence.Relation.CORRESPONDS and row.bns_section_id:
                other = row.bns_section
                key = ("BNS", row.bns_label or other.number)
                if key not in seen:
                    seen.add(key)
                    out.append({"act": "BNS", "number": other.number, "label": key[1], "title": other.title})
    elif section.act.code == "BNS":
        rows = section.ipc_correspondences.all()
        for row in rows:
            if row.relation == Correspondence.Relation.CORRESPONDS and row.ipc_section_id:
                other = row.ipc_section
                key = ("IPC", row.ipc_label or other.number)
                if key not in seen:
                    seen.add(key)
                    out.append({"act": "IPC", "number": other.number, "label": key[1], "title": other.title})
    return out
