"""Printed registration documents: the FIR copy (IIF-1) as PDF in English or Hindi.

Rendered by the documents app (:func:`cctns.documents.services.issue_document`: WeasyPrint,
shaped Devanagari, a QR code that opens ``/verify/<token>/``). The copy prints what the person
printing it may see (:mod:`cctns.registration.display`): a protected victim's identity, and for a
sensitive FIR seen from outside the case the informant and the first information, are printed as
"[protected]" (BNS s.72; POCSO s.23). The verify page's summary repeats only the FIR's number,
station, district, date and sections, never a person.
"""

import datetime

from django.utils import timezone, translation

from cctns.core.constants import UnitKind
from cctns.documents.services import issue_document
from cctns.legal.services import BNS_COMMENCEMENT

from .constants import ApprovalDecision
from .display import fir_display, localised, section_rows
from .models import FIR

FIR_COPY_TEMPLATE = "registration/print/fir_copy.html"


def fir_copy_context(fir: FIR, user, language: str) -> dict:
    """The template context of the FIR copy for ``user`` in ``language``.

    Keys: ``fir``, ``display``, ``protection_user`` (``user``: the ``{% protected %}`` tag's reader) (:class:`~cctns.registration.display.FIRDisplay`), ``sections``
    (:func:`~cctns.registration.display.section_rows`), ``accused``, ``properties``,
    ``property_total`` (₹, ``Decimal`` or ``None``), ``district``, ``unit`` (the FIR's station,
    for the letterhead), ``signed_by`` (the officer who approved or registered it), ``under_bnss``
    (registered from 1 July 2024: BNSS s.173, else CrPC s.154), ``transfer`` (the Zero FIR
    transfer out, if any).
    """
    with translation.override(language):
        display = fir_display(user, fir)
        sections = section_rows(fir)
    properties = list(fir.properties.all())
    values = [p.value for p in properties if p.value is not None]
    approvals = [a for a in fir.approvals.all() if a.decision == ApprovalDecision.APPROVED]
    signed_by = approvals[-1].decided_by if approvals else fir.created_by
    registered = fir.registered_at or timezone.now()
    return {
        "fir": fir,
        "display": display,
        "protection_user": user,
        "sections": sections,
        "accused": list(fir.accused.all()),
        "properties": properties,
        "property_total": sum(values) if values else None,
        "unit": fir.police_station,
        "district": fir.police_station.ancestor_of_kind(UnitKind.DISTRICT),
        "signed_by": signed_by,
        "under_bnss": timezone.localtime(registered).date() >= BNS_COMMENCEMENT,
        "transfer": next(iter(fir.transfers_out.all()), None),
    }


def fir_copy_summary(fir: FIR, context: dict, language: str) -> dict:
    """What the public verify page repeats: number, station, district, date, sections. Never a
    person's name (DESIGN.md §4)."""
    with translation.override(language):
        station = localised(fir.police_station)
        district = localised(context.get("district"))
    sections = ", ".join(f"{row['act']} {row['label']}" for row in context["sections"])
    if len(sections) > 200:
        sections = sections[:199] + "…"
    registered = fir.registered_at
    return {
        "fir_number": fir.number,
        "police_station": station[:200],
        "district": district[:200],
        "registered_on": registered if isinstance(registered, datetime.datetime) else None,
        "acts_sections": sections,
    }


def issue_fir_copy(fir: FIR, user, language: str):
    """Render and record a copy of an issued FIR; returns ``(DocumentIssue, pdf bytes)``.

    Printing a copy that shows protected values, or a copy of a sensitive FIR, is audited as a
    read (:func:`cctns.core.protection.audit_read`). Raises ``ValueError`` for an FIR without a
    number or an unknown language.
    """
    if not fir.is_issued:
        raise ValueError("An FIR copy is printed only once the FIR has its number.")
    context = fir_copy_context(fir, user, language)
    from cctns.core.protection import audit_read

    audit_read(user, fir, reason="FIR copy printed")
    return issue_document(
        "fir_copy", fir, language=language, user=user, template_name=FIR_COPY_TEMPLATE,
        summary=fir_copy_summary(fir, context, language), context=context,
    )


def fir_copy_filename(fir: FIR, language: str) -> str:
    """``FIR-0001-2026-PS-code-hi.pdf``."""
    number = (fir.number or str(fir.pk)).replace("/", "-")
    return f"FIR-{number}-{fir.police_station.code}-{language}.pdf"
