"""Printed documents: PDF rendering (WeasyPrint) and QR verification of every issued document.

Every printed form (FIR copy, acknowledgements, certificates, IIF-2..7) is rendered by
:func:`cctns.documents.pdf.render_pdf` and issued through
:func:`cctns.documents.services.issue_document`, which records a :class:`DocumentIssue` and
embeds a QR code pointing at the public ``/verify/<token>/`` page.
"""
