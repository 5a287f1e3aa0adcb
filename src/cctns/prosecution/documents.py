"""Printed court forms: IIF-6 Court Disposal and IIF-7 Result of Appeal as PDF in English or Hindi
(DOMAIN.md "IIF-6": court, case number, per accused verdict, sentence, fine, adult or juvenile;
"IIF-7": appellate court, appeal number, outcome per accused).

Rendered by the documents app (:func:`cctns.documents.services.issue_document`: WeasyPrint,
shaped Devanagari, a QR code that opens ``/verify/<token>/``). A juvenile accused's name is
printed as "[protected]" for anyone but the case's own officers (JJ Act s.74); the verify page's
summary repeats only the FIR number, station, district and court case number, never a person.
"""

from django.utils import translation

from cctns.core.constants import UnitKind
from cctns.documents.services import issue_document
from cctns.registration.display import localised

from .models import CourtCase

#: Printable forms: URL code → (document kind, template).
DOCUMENTS = {
    "iif6": ("iif6_court_disposal", "prosecution/print/iif6.html"),
    "iif7": ("iif7_appeal_result", "prosecution/print/iif7.html"),
}


def court_document_context(case: CourtCase, user) -> dict:
    """Template context of IIF-6/IIF-7: ``case``, ``fir``, ``unit``, ``district``, ``rows`` (each
    accused facing trial with ``visible``, its current ``disposal`` and ``appeals``)."""
    from .views import accused_rows

    fir = case.fir
    return {
        "case": case, "fir": fir, "unit": fir.police_station,
        "district": fir.police_station.ancestor_of_kind(UnitKind.DISTRICT),
        "rows": accused_rows(user, case),
    }


def issue_court_document(form: str, case: CourtCase, user, language: str):
    """Render and record IIF-6 (``form="iif6"``) or IIF-7 (``"iif7"``) for ``case``; returns
    ``(DocumentIssue, pdf bytes)``. Raises ``ValueError`` when there is nothing to print (no
    disposal for IIF-6, no appeal for IIF-7) or for an unknown language or form."""
    if form not in DOCUMENTS:
        raise ValueError(f"unknown court form {form!r}")
    kind, template = DOCUMENTS[form]
    context = court_document_context(case, user)
    rows = context["rows"]
    if form == "iif6" and not any(r["disposal"] for r in rows):
        raise ValueError("IIF-6 is printed once a disposal is recorded.")
    if form == "iif7" and not any(r["appeals"] for r in rows):
        raise ValueError("IIF-7 is printed once an appeal is recorded.")
    with translation.override(language):
        summary = {
            "fir_number": case.fir.number,
            "police_station": localised(case.fir.police_station)[:200],
            "district": localised(context["district"])[:200],
            "reference": case.case_number[:200],
        }
    return issue_document(kind, case, language=language, user=user, template_name=template, summary=summary,
                          context=context)


def document_filename(form: str, case: CourtCase, language: str) -> str:
    """``IIF6-CC-12-2026-28-A-1-hi.pdf``."""
    number = "".join(ch if ch.isalnum() else "-" for ch in case.case_number).strip("-")
    return f"{form.upper()}-{number}-{case.fir.police_station.code}-{language}.pdf"
