"""HTML templates → PDF with WeasyPrint, in English or Hindi, without ever fetching from the network.

WeasyPrint lays text out with Pango and HarfBuzz, so Devanagari conjuncts and matras are
shaped properly as long as a Devanagari font is installed: the print stylesheet names
"Noto Sans" and "Noto Sans Devanagari" (Debian's ``fonts-noto-core``, installed by
``bin/setup``) with a generic fallback, and fontconfig finds them by family name; nothing is
downloaded (DESIGN.md §2: police intranets are often offline).

Text layer: WeasyPrint's ToUnicode map gives each glyph one text, which cannot be right for
Devanagari, where one glyph (a matra, a consonant) stands for different text in different
clusters and pre-base matras are drawn before their consonant; copied or extracted Hindi came
out scrambled ("पु लस" for "पुलिस"). :func:`install_actual_text` therefore wraps each line of
Indic text in a marked-content span carrying its logical text as ``/ActualText`` (ISO
32000-1 §14.9.4), which text extractors and PDF readers use instead of the glyph map.

Safety: the renderer's URL fetcher (:func:`safe_url_fetcher`) serves only ``data:`` URIs and
this application's own static files, read from disk. Any other URL (``http``, ``https``,
``file``, ``ftp`` …) is refused, so text or links a user typed into a narrative cannot make
the server fetch anything. Templates keep Django's autoescaping on, so markup in a context
value comes out as literal text.
"""

import inspect
import logging
import mimetypes
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

#: Base URL of every rendered document. ``.invalid`` never resolves (RFC 6761), so even a URL
#: that slipped past the fetcher could not reach a real host; the fetcher maps
#: ``<INTERNAL_BASE_URL><STATIC_URL>…`` to the static files on disk.
INTERNAL_BASE_URL = "https://cctns-print.invalid/"
_INTERNAL_HOST = urlsplit(INTERNAL_BASE_URL).netloc

#: Font families of printed documents, in order (see ``templates/documents/print.css``).
FONT_FAMILIES = ("Noto Sans", "Noto Sans Devanagari")


class FetchRefused(ValueError):
    """Raised by :func:`safe_url_fetcher` for any URL it will not serve."""


def _data_opener() -> urllib.request.OpenerDirector:
    # An opener that knows the data: scheme and nothing else (no HTTP, FTP or file handlers).
    opener = urllib.request.OpenerDirector()
    opener.add_handler(urllib.request.DataHandler())
    return opener


_DATA_OPENER = _data_opener()


def _static_path(url_path: str) -> Path | None:
    """The file on disk for a path under ``STATIC_URL``, or ``None``."""
    static_prefix = urlsplit(settings.STATIC_URL).path or "/static/"
    if not url_path.startswith(static_prefix):
        return None
    relative = unquote(url_path[len(static_prefix):])
    if not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative:
        return None
    if any(part in {"", ".", ".."} for part in relative.split("/")):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


def safe_url_fetcher(url: str, timeout: float = 10, ssl_context=None, http_headers=None) -> dict:
    """WeasyPrint URL fetcher that serves ``data:`` URIs and our own static files only.

    ``url`` is absolute (WeasyPrint resolves relative URLs against :data:`INTERNAL_BASE_URL`).
    Returns WeasyPrint's fetch dict (``string``, ``mime_type``, ``redirected_url``).
    Raises :class:`FetchRefused` for everything else: remote URLs, ``file:`` URLs (local file
    disclosure), and static paths that do not name a file of a static directory. WeasyPrint
    logs the failure and leaves the resource out of the PDF.
    """
    if url[:5].lower() == "data:":
        with _DATA_OPENER.open(url, timeout=timeout) as response:
            return {
                "string": response.read(),
                "mime_type": response.headers.get_content_type(),
                "redirected_url": url,
            }
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc == _INTERNAL_HOST:
        path = _static_path(parts.path)
        if path is not None and path.is_file():
            return {
                "string": path.read_bytes(),
                "mime_type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                "redirected_url": url,
            }
    logger.warning("PDF renderer refused to fetch %r", url[:200])
    raise FetchRefused(f"Refused to fetch {url[:200]!r}: documents load only data: URIs and static files.")


#: Characters of the Indic scripts (Devanagari … Sinhala, Devanagari Extended, Vedic Extensions)
#: whose lines get an ``/ActualText`` span.
_INDIC_RE = re.compile("[\u0900-\u0DFF\uA8E0-\uA8FF\u1CD0-\u1CFF]")
_ACTUAL_TEXT_LOCK = threading.Lock()
_actual_text_installed = False


def install_actual_text() -> bool:
    """Make WeasyPrint mark every drawn line of Indic text with its ``/ActualText``.

    Wraps ``weasyprint.draw.text.draw_first_line`` (WeasyPrint is pinned; the wrapper checks
    the signature it expects and otherwise leaves WeasyPrint alone and logs a warning, so the
    text-extraction tests fail loudly rather than silently). Idempotent; returns whether the
    wrapper is active.
    """
    global _actual_text_installed
    with _ACTUAL_TEXT_LOCK:
        if _actual_text_installed:
            return True
        import pydyf
        import weasyprint.draw.text as weasy_text

        original = weasy_text.draw_first_line
        expected = ["stream", "textbox", "text_overflow", "block_ellipsis", "matrix"]
        if list(inspect.signature(original).parameters) != expected:
            logger.warning("WeasyPrint's draw_first_line changed; Hindi text extraction may be scrambled.")
            return False

        def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
            text = getattr(textbox, "text", "")
            if not _INDIC_RE.search(text):
                return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
            try:
                return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            finally:
                stream.end_marked_content()

        draw_first_line.__wrapped__ = original
        weasy_text.draw_first_line = draw_first_line
        _actual_text_installed = True
        return True


def render_html(template_name: str, context: dict, *, language: str) -> str:
    """Render ``template_name`` with ``context`` and translations active for ``language``.

    ``language`` is a code of ``settings.LANGUAGES`` (``"en"``, ``"hi"``); ``ValueError`` otherwise.
    """
    _check_language(language)
    with translation.override(language):
        return render_to_string(template_name, context)


def html_to_pdf(html: str) -> bytes:
    """Lay ``html`` out as a PDF (bytes) with the safe fetcher and the internal base URL."""
    from weasyprint import HTML  # imported lazily: loading Pango costs ~0.3 s

    install_actual_text()
    return HTML(string=html, base_url=INTERNAL_BASE_URL, url_fetcher=safe_url_fetcher).write_pdf(
        font_config=_font_config()
    )


_THREAD_STATE = threading.local()


def _font_config():
    """This thread's WeasyPrint font configuration, made once and reused.

    A fresh configuration per document reloads the fontconfig/Pango font map, which was about
    half the time of a one-page render; Pango objects are not shared across threads, hence
    one per thread. Our templates declare no ``@font-face`` (fonts come from the system), so
    nothing document-specific accumulates in it.
    """
    config = getattr(_THREAD_STATE, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _THREAD_STATE.font_config = FontConfiguration()
    return config


def render_pdf(template_name: str, context: dict, *, language: str) -> bytes:
    """Render a document template to PDF bytes in ``language`` (``"en"`` or ``"hi"``).

    The template normally extends ``documents/base_print.html`` (A4, letterhead, footer with
    page x of y, generation time and document id, QR block). Raises ``ValueError`` for an
    unknown language and ``TemplateDoesNotExist`` for an unknown template.
    """
    return html_to_pdf(render_html(template_name, context, language=language))


def _check_language(language: str) -> None:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValueError(f"Unknown document language {language!r}; expected one of settings.LANGUAGES.")


def _css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string (quotes, backslashes, newlines and ``<`` escaped)."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    )
    return f'"{escaped}"'


def page_of_pages_css() -> str:
    """The CSS ``content`` value for "Page x of y" in the active language.

    Built from one translatable sentence (``Page %(page)s of %(pages)s``) so that a language may
    reorder the numbers; each placeholder becomes ``counter(page)`` / ``counter(pages)``.
    """
    sentence = gettext("Page %(page)s of %(pages)s")
    pieces = []
    for piece in re.split(r"(%\(pages?\)s)", sentence):
        if piece == "%(page)s":
            pieces.append("counter(page)")
        elif piece == "%(pages)s":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append(_css_string(piece))
    return " ".join(pieces)
