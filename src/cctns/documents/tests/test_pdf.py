"""PDF rendering: Devanagari shaping and text layer, fonts, page furniture, inert user text."""

import io

import pypdf
import pytest
from django.utils import translation

from cctns.documents.pdf import page_of_pages_css, render_html, render_pdf
from cctns.documents.services import document_context, prepare_issue

from .utils import RecordingServer, make_record, pdf_text

HINDI_TITLE = "प्रथम सूचना रिपोर्ट"  # conjuncts (प्र, र्ट) and matras (ि, ो, ू)


def sample_context(language: str, narrative: str = "", **extra) -> dict:
    issue = prepare_issue("sample", make_record(), language=language, summary={},
                          template_name="documents/sample.html")
    return {
        "document": document_context(issue),
        "letterhead": {"police": "आंध्र प्रदेश पुलिस" if language == "hi" else "Andhra Pradesh Police",
                       "station": "PS A1", "district": "District A"},
        "fields": [("FIR", "0042/2026")],
        "narrative": narrative,
        **extra,
    }


def fonts_of(pdf: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_hindi_pdf_reads_back_with_conjuncts_and_matras():
    narrative = "अज्ञात व्यक्तियों ने दुकान का ताला तोड़कर नक़द राशि चुरा ली। प्राथमिकी दर्ज की गई।"
    pdf = render_pdf("documents/sample.html", sample_context("hi", narrative), language="hi")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for words in [HINDI_TITLE, "आंध्र प्रदेश पुलिस", "भारतीय नागरिक सुरक्षा संहिता",
                  "अज्ञात व्यक्तियों", "तोड़कर नक़द राशि", "प्राथमिकी", "सूचनाकर्ता के हस्ताक्षर"]:
        assert words in text, words
    # the scrambled forms WeasyPrint's glyph map alone produces
    assert "पु लस" not in text and "रिपो र्ट" not in text


def test_hindi_pdf_uses_the_noto_devanagari_font():
    pdf = render_pdf("documents/sample.html", sample_context("hi", "नमूना"), language="hi")
    fonts = fonts_of(pdf)
    assert any(name.endswith("+Noto-Sans-Devanagari") for name in fonts), fonts
    assert any(name.endswith("+Noto-Sans") for name in fonts), fonts  # Latin digits and text


def test_english_pdf_has_letterhead_title_and_page_counter():
    pdf = render_pdf("documents/sample.html", sample_context("en", "Short narrative."), language="en")
    text = pdf_text(pdf)
    assert "Andhra Pradesh Police" in text
    assert "First Information Report" in text
    assert "Page 1 of 1" in text
    assert "Police station: PS A1 · District: District A" in text


def test_long_document_repeats_letterhead_and_numbers_pages():
    narrative = "\n\n".join(f"Paragraph {i}: " + "the informant stated the facts. " * 30 for i in range(25))
    pdf = render_pdf("documents/sample.html", sample_context("en", narrative), language="en")
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 2
    text = pdf_text(pdf)
    assert text.count("Andhra Pradesh Police") == pages
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text


def test_hindi_page_counter_reorders_numbers():
    with translation.override("hi"):
        assert page_of_pages_css() == 'counter(pages) " में से पृष्ठ " counter(page)'
    with translation.override("en"):
        assert page_of_pages_css() == '"Page " counter(page) " of " counter(pages)'
    pdf = render_pdf("documents/sample.html", sample_context("hi", "नमूना"), language="hi")
    assert "1 में से पृष्ठ 1" in pdf_text(pdf)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        render_pdf("documents/sample.html", sample_context("en"), language="fr")


def test_markup_in_a_context_value_is_printed_as_text_and_never_fetched():
    with RecordingServer() as server:
        narrative = (
            f"<script>alert('x')</script><img src={server.url}/pixel.svg>"
            f'<link rel="stylesheet" href="{server.url}/evil.css"><b>bold?</b>'
        )
        ctx = sample_context("en", narrative)
        html = render_html("documents/sample.html", ctx, language="en")
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert f"<img src={server.url}" not in html
        pdf = render_pdf("documents/sample.html", ctx, language="en")
        assert server.requests == []
    text = pdf_text(pdf)
    assert "<script>alert('x')</script>" in text
    assert f"<img src={server.url}/pixel.svg>" in text
    assert "<b>bold?</b>" in text


def test_renders_from_several_threads_at_once():
    from concurrent.futures import ThreadPoolExecutor

    ctx = sample_context("hi", "अज्ञात व्यक्तियों")
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda _i: render_pdf("documents/sample.html", ctx, language="hi"), range(6)))
    for pdf in pdfs:
        text = pdf_text(pdf)
        assert HINDI_TITLE in text and "अज्ञात व्यक्तियों" in text
