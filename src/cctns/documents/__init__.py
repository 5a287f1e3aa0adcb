"""Printed documents: PDF rendering (WeasyPrint) and QR verification of every issued document.

Every printed form (FIR copy, acknowledgements, certificates, IIF-2..7) is rendered by
:func:`cctns.documents.pdf.render_pdf` and issued through
:func:`cctns.documents.services.issue_document`, which records a
:class:`~cctns.documents.models.DocumentIssue` and embeds a QR code pointing at the public
``/verify/<token>/`` page. Printing a form from another app::

    from cctns.documents.services import issue_document

    issue, pdf = issue_document(
        "fir_copy", fir, language="hi", user=request.user,
        template_name="registration/fir_copy.html", context={"fir": fir},
        # what the public verify page repeats: only facts the copy itself prints, never a
        # sexual-offence victim's identity (DESIGN.md §4)
        summary={"fir_number": fir.number, "police_station": fir.unit.name,
                 "registered_on": fir.registered_at},
    )
    return HttpResponse(pdf, content_type="application/pdf")

The template extends ``documents/base_print.html`` and fills ``heading``, ``subtitle`` and
``content`` (CSS classes ``fields``, ``list``, ``narrative``, ``note``, ``signatures``); the
base prints the letterhead, the QR block and the footer (page x of y, generation time,
document id) on A4. A new kind is registered with :func:`cctns.documents.kinds.register_kind`
and a new summary field label with :func:`cctns.documents.kinds.register_summary_label`.
"""
