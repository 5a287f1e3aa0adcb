"""``cctns sample_document`` and the font system check."""

from django.core.management import call_command

from cctns.documents import checks

from .utils import pdf_text


def test_sample_document_command_writes_a_hindi_pdf(tmp_path):
    out = tmp_path / "sample.pdf"
    call_command("sample_document", language="hi", out=str(out))
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "प्रथम सूचना रिपोर्ट" in text and "<script>alert(1)</script>" in text


def test_print_fonts_are_installed_here():
    assert checks.missing_font_families() == []
    assert checks.fonts_installed() == []


def test_font_check_warns_about_a_missing_family(monkeypatch):
    monkeypatch.setattr(checks, "FONT_FAMILIES", ("Noto Sans", "No Such Font Family 123"))
    warnings = checks.fonts_installed()
    assert [w.id for w in warnings] == ["documents.W001"]
    assert "No Such Font Family 123" in warnings[0].msg
