"""Printed investigation forms: IIF-2 Crime Details and IIF-5 Final Report as PDF in English or
Hindi, through the documents app (WeasyPrint, a signed QR code opening ``/verify/<token>/``).

Only the case's own officers print them (the pages check it). The verify page's summary repeats
only the FIR's number, the station, the district and the report's number — never a person.
"""

from django.utils import translation

from cctns.core.constants import UnitKind
from cctns.documents.services import issue_document
from cctns.registration.display import localised

from .models import CrimeDetails, FinalReport
from .vocabulary import mo_label


def _base(fir, language: str) -> dict:
    district = fir.police_station.ancestor_of_kind(UnitKind.DISTRICT)
    return {"fir": fir, "unit": fir.police_station, "district": district}


def _summary(fir, context: dict, language: str, reference: str = "") -> dict:
    with translation.override(language):
        summary = {"fir_number": fir.number, "police_station": localised(fir.police_station)[:200],
                   "district": localised(context.get("district"))[:200]}
    if reference:
        summary["reference"] = reference
    return summary


def issue_crime_details(record: CrimeDetails, user, language: str):
    """Render and record the IIF-2 form in force; returns ``(DocumentIssue, pdf bytes)``."""
    fir = record.fir
    context = _base(fir, language)
    with translation.override(language):
        context.update(details=record, mo=[(c, mo_label(c)) for c in record.mo_codes])
    return issue_document("iif2_crime_details", record, language=language, user=user,
                          template_name="investigation/print/crime_details.html",
                          summary=_summary(fir, context, language), context=context)


def issue_final_report(report: FinalReport, user, language: str):
    """Render and record an IIF-5 final report; returns ``(DocumentIssue, pdf bytes)``."""
    fir = report.fir
    context = _base(fir, language)
    context.update(report=report, accused=list(report.accused.select_related("accused")))
    return issue_document("iif5_final_report", report, language=language, user=user,
                          template_name="investigation/print/final_report.html",
                          summary=_summary(fir, context, language, report.number or ""), context=context)


def filename(record, language: str) -> str:
    """``IIF2-0001-2026-<ps>-en.pdf`` / ``IIF5-…``."""
    fir = record.fir
    number = (fir.number or str(fir.pk)).replace("/", "-")
    form = "IIF2" if isinstance(record, CrimeDetails) else "IIF5"
    return f"{form}-{number}-{fir.police_station.code}-{language}.pdf"
