"""``cctns sample_document --language hi --out var/sample.pdf``: a sample PDF for checking the layout."""

import uuid
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ...pdf import render_pdf
from ...services import document_context, prepare_issue

SAMPLE_NARRATIVE = {
    "en": (
        "The informant stated that on the night of 12 March, between 11 p.m. and 5 a.m., unknown "
        "persons broke the lock of his shop in the main market and took away cash and two mobile "
        "phones. A neighbour saw two persons leaving on a motorcycle.\n\n"
        "Typed text such as <script>alert(1)</script> or <img src=\"http://example.com/x.png\"> is "
        "printed as it was typed, never run or fetched."
    ),
    "hi": (
        "सूचनाकर्ता ने बताया कि 12 मार्च की रात 11 बजे से सुबह 5 बजे के बीच अज्ञात व्यक्तियों ने मुख्य "
        "बाज़ार स्थित उसकी दुकान का ताला तोड़कर नक़द राशि और दो मोबाइल फ़ोन चुरा लिए। पड़ोसी ने दो "
        "व्यक्तियों को मोटरसाइकिल पर जाते हुए देखा। प्राथमिकी दर्ज कर जाँच प्रारंभ की गई।\n\n"
        "लिखा गया पाठ जैसे <script>alert(1)</script> या <img src=\"http://example.com/x.png\"> "
        "जैसा लिखा गया वैसा ही छपता है; न चलाया जाता है, न लाया जाता है।"
    ),
}


class Command(BaseCommand):
    help = "Render a sample document with the base print template (no database write), for eyeballing."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="en", choices=[code for code, _name in settings.LANGUAGES])
        parser.add_argument("--out", default=str(Path(settings.DATA_DIR) / "sample.pdf"), help="PDF file to write")

    def handle(self, *args, language: str, out: str, **options):
        record = SimpleNamespace(global_id=uuid.uuid4(), version=1, origin_unit=None)
        issue = prepare_issue("sample", record, language=language, template_name="documents/sample.html",
                              summary={"fir_number": "0042/2026"})
        with translation.override(language):
            fields = [
                (_("FIR number"), "0042/2026"),
                (_("Date and time of registration"), timezone.localtime(issue.issued_at).strftime("%d/%m/%Y %H:%M")),
                (_("Acts and sections"), "BNS 2023: 305, 331(4)"),
                (_("Place of occurrence"), "मुख्य बाज़ार, वार्ड 7" if language == "hi" else "Main Market, Ward 7"),
                (_("Informant"), "रामप्रसाद शर्मा" if language == "hi" else "Ramprasad Sharma"),
            ]
            letterhead = {
                "police": _("%(state)s Police") % {"state": "आंध्र प्रदेश" if language == "hi" else "Andhra Pradesh"},
                "station": "नमूना थाना" if language == "hi" else "Sample PS",
                "district": "नमूना ज़िला" if language == "hi" else "Sample District",
            }
        context = {
            "document": document_context(issue),
            "letterhead": letterhead,
            "fields": fields,
            "narrative": SAMPLE_NARRATIVE[language],
        }
        pdf = render_pdf("documents/sample.html", context, language=language)
        path = Path(out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc}") from exc
        self.stdout.write(f"Wrote {path} ({len(pdf)} bytes, {language}); its QR code does not verify (not issued).")
