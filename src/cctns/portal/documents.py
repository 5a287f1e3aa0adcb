"""Printed portal documents (PDF with a QR code, via :func:`cctns.documents.services.issue_document`):
the acknowledgement of a complaint filed online and of an e-FIR, in the citizen's language.

The verify page's summary repeats only the acknowledgement number, the station, its district
and the date: never the citizen's name or mobile (anyone holding the paper can scan it)."""

from django.utils import timezone, translation

from cctns.documents.services import issue_document
from cctns.registration.display import localised

from .models import (
    EFIR,
    ComplaintFiling,
    LostArticleReport,
    NOCStatus,
    PermissionRequest,
    RequestStatus,
    VehicleNOC,
    VerificationRequest,
)
from .services.common import district_of

ACK_TEMPLATE = "portal/print/acknowledgement.html"


def _summary(app, language: str) -> dict:
    with translation.override(language):
        station = localised(app.police_station)
        district = localised(district_of(app.police_station))
    return {"reference": app.reference, "police_station": station[:200], "district": district[:200],
            "registered_on": timezone.localtime(app.submitted_at)}


def issue_acknowledgement(app, language: str):
    """Render and record the acknowledgement of ``app`` (a :class:`ComplaintFiling` or an
    :class:`EFIR`); returns ``(DocumentIssue, pdf bytes)``."""
    if isinstance(app, ComplaintFiling):
        kind = "complaint_acknowledgement"
    elif isinstance(app, EFIR):
        kind = "efir_acknowledgement"
    else:
        raise ValueError(type(app))
    context = {"app": app, "kind": kind, "unit": app.police_station,
               "district": district_of(app.police_station)}
    if isinstance(app, ComplaintFiling):
        context["complaint"] = app.complaint
    else:
        from .services.efir import OFFENCES

        context["offence"] = OFFENCES.get(app.offence)
    return issue_document(kind, app, language=language, summary=_summary(app, language), template_name=ACK_TEMPLATE,
                          context=context, user=None)


CERTIFICATE_TEMPLATE = "portal/print/certificate.html"

#: kind of document, for each application model, and whether it may be issued yet.
_DOCUMENTS = {
    VerificationRequest: ("verification_certificate", lambda r: r.status == RequestStatus.COMPLETED),
    PermissionRequest: ("noc", lambda r: r.status == RequestStatus.GRANTED),
    LostArticleReport: ("lost_article_report", lambda r: True),
    VehicleNOC: ("noc", lambda r: r.status == NOCStatus.CLEAN),
}


def document_available(app) -> bool:
    """Whether ``app`` (verification, permission, lost article) has a document to download now:
    a completed verification, a granted permission, any lost-article report."""
    entry = _DOCUMENTS.get(type(app))
    return bool(entry and entry[1](app))


def issue_certificate(app, language: str):
    """The verification certificate, the permission letter or the lost-article receipt of
    ``app`` as a PDF with a QR code; ``(DocumentIssue, pdf)``. Raises ``ValueError`` when none
    is available yet (:func:`document_available`). The verify page repeats the reference, the
    station, the district and the date, never a person."""
    if not document_available(app):
        raise ValueError("no document for this application yet")
    kind = _DOCUMENTS[type(app)][0]
    context = {"app": app, "kind": kind, "unit": app.police_station, "district": district_of(app.police_station)}
    summary = _summary(app, language)
    if getattr(app, "decided_at", None):
        summary["registered_on"] = timezone.localtime(app.decided_at)
    context["vehicle_noc"] = isinstance(app, VehicleNOC)
    return issue_document(kind, app, language=language, summary=summary, template_name=CERTIFICATE_TEMPLATE,
                          context=context, user=None)
