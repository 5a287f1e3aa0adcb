"""The PDF renderer's URL fetcher: data: URIs and our static files only, nothing remote or local."""

import base64
import logging

import pytest

from cctns.documents.pdf import INTERNAL_BASE_URL, FetchRefused, html_to_pdf, safe_url_fetcher

from .utils import RecordingServer


@pytest.mark.parametrize("url", [
    "http://example.com/logo.png",
    "https://example.com/logo.png",
    "http://127.0.0.1:8000/static/cctns/cctns.css",   # our own server over the network
    "HTTP://EXAMPLE.COM/x.png",
    "file:///etc/passwd",
    "file://localhost/etc/hostname",
    "ftp://example.com/x.png",
    "gopher://example.com/",
    "javascript:alert(1)",
    f"{INTERNAL_BASE_URL}etc/passwd",                  # internal host, outside STATIC_URL
    f"{INTERNAL_BASE_URL}static/../settings.py",
    f"{INTERNAL_BASE_URL}static/%2e%2e/settings.py",
    f"{INTERNAL_BASE_URL}static//etc/passwd",
    f"{INTERNAL_BASE_URL}static/cctns/does-not-exist.css",
    f"{INTERNAL_BASE_URL}static/",
    "http://cctns-print.invalid/static/cctns/cctns.css",  # internal host over plain http
])
def test_fetcher_refuses_anything_but_data_and_static(url):
    with pytest.raises(FetchRefused):
        safe_url_fetcher(url)


def test_fetcher_serves_data_uris():
    payload = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    url = "data:image/svg+xml;base64," + base64.b64encode(payload).decode()
    result = safe_url_fetcher(url)
    assert result["string"] == payload
    assert result["mime_type"] == "image/svg+xml"


def test_fetcher_serves_our_static_files_from_disk():
    result = safe_url_fetcher(f"{INTERNAL_BASE_URL}static/cctns/cctns.css")
    assert b"CCTNS" in result["string"]
    assert result["mime_type"] == "text/css"


def test_renderer_never_contacts_remote_or_local_urls(caplog):
    with RecordingServer() as server, caplog.at_level(logging.WARNING, logger="cctns.documents.pdf"):
        html = f"""<html><head>
          <link rel="stylesheet" href="{server.url}/a.css">
          <style>@import url("{server.url}/b.css"); body {{ background: url("{server.url}/c.png"); }}
                 @font-face {{ font-family: X; src: url("{server.url}/d.ttf"); }}</style></head>
          <body><img src="{server.url}/e.svg"><img src="file:///etc/passwd">
          <object data="{server.url}/f.svg"></object><p style="font-family: X">text</p></body></html>"""
        pdf = html_to_pdf(html)
        assert server.requests == []
    assert pdf.startswith(b"%PDF-")
    refused = " ".join(r.getMessage() for r in caplog.records)
    assert f"{server.url}/e.svg" in refused and "file:///etc/passwd" in refused


def test_renderer_loads_relative_static_urls_from_disk(caplog):
    # A template may use {% static %}: "/static/..." resolves against the internal base URL.
    with caplog.at_level(logging.WARNING, logger="cctns.documents.pdf"):
        pdf = html_to_pdf('<html><head><link rel="stylesheet" href="/static/cctns/cctns.css"></head><body>x</body></html>')
    assert pdf.startswith(b"%PDF-")
    assert not [r for r in caplog.records if "refused" in r.getMessage()]
