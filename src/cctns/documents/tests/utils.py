"""Helpers shared by the documents tests."""

import http.server
import shutil
import subprocess
import threading
import uuid
from types import SimpleNamespace

import pytest


def make_record(unit=None, version: int = 1):
    """A stand-in police record: what issue_document needs (global_id, version, origin_unit)."""
    return SimpleNamespace(global_id=uuid.uuid4(), version=version, origin_unit=unit)


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (it honours /ActualText)."""
    if shutil.which("pdftotext") is None:  # bin/setup installs poppler-utils
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


class RecordingServer:
    """A local HTTP server that counts the requests it receives (to prove nothing is fetched)."""

    def __init__(self):
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                outer.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/svg+xml")
                self.end_headers()
                self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
