"""Benchmark: time to render one printed document (cctns.documents) to PDF.

Run: ``DEBUG=true .venv/bin/python bench/pdf_render.py [--runs 20]``. Renders the sample FIR
layout (one A4 page: letterhead, QR code, table, narrative) in English and Hindi, and times a
full ``issue_document`` (render + QR + database row, rolled back) in Hindi. Writes
``bench/results/pdf_render.json`` with medians and 95th percentiles in milliseconds.
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cctns.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from bench.common import median, percentile, write_result  # noqa: E402
from cctns.documents.management.commands.sample_document import SAMPLE_NARRATIVE  # noqa: E402
from cctns.documents.pdf import render_pdf  # noqa: E402
from cctns.documents.services import document_context, issue_document, prepare_issue  # noqa: E402


def sample_context(language: str) -> dict:
    record = SimpleNamespace(global_id=uuid.uuid4(), version=1, origin_unit=None)
    issue = prepare_issue("sample", record, language=language, summary={}, template_name="documents/sample.html")
    return {
        "document": document_context(issue),
        "letterhead": {"police": "Andhra Pradesh Police", "station": "Sample PS", "district": "Sample District"},
        "fields": [("FIR number", "0042/2026"), ("Acts and sections", "BNS 2023: 305, 331(4)")],
        "narrative": SAMPLE_NARRATIVE[language],
    }


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (this process) milliseconds of ``runs`` calls of ``fn``.

    CPU time is reported too because the figure is less disturbed by other work on the machine.
    """
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


class Rollback(Exception):
    pass


def issue_once():
    try:
        with transaction.atomic():
            record = SimpleNamespace(global_id=uuid.uuid4(), version=1, origin_unit=None)
            issue_document("sample", record, language="hi", summary={"fir_number": "0042/2026"},
                           template_name="documents/sample.html",
                           context={"fields": [], "narrative": SAMPLE_NARRATIVE["hi"]})
            raise Rollback
    except Rollback:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    start = time.perf_counter()
    render_pdf("documents/sample.html", sample_context("en"), language="en")  # cold: loads Pango, fonts
    cold_ms = (time.perf_counter() - start) * 1000
    metrics = {"cold_first_render_ms": round(cold_ms, 1)}
    for language in ("en", "hi"):
        ctx = sample_context(language)
        times, cpu = timed(lambda ctx=ctx, language=language: render_pdf("documents/sample.html", ctx, language=language), runs)
        metrics[f"render_{language}_median_ms"] = round(median(times), 1)
        metrics[f"render_{language}_p95_ms"] = round(percentile(times, 95), 1)
        metrics[f"render_{language}_cpu_median_ms"] = round(median(cpu), 1)
    times, cpu = timed(issue_once, runs)
    metrics["issue_document_hi_median_ms"] = round(median(times), 1)
    metrics["issue_document_hi_p95_ms"] = round(percentile(times, 95), 1)
    metrics["issue_document_hi_cpu_median_ms"] = round(median(cpu), 1)
    metrics["load_average_1min"] = round(os.getloadavg()[0], 2)
    path = write_result("pdf_render", metrics, extra={"runs": runs})
    for key, value in metrics.items():
        print(f"{key:32} {value}")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
