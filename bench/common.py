"""Shared helpers for benchmarks: machine facts and the results file (DESIGN.md §9).

Each benchmark writes ``bench/results/<name>.json``::

    {"name", "date", "command", "machine": {"cpus", "python", "database"},
     "metrics": {"<metric_with_unit>": number}, "baseline": {...}}
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile (0–100) of ``values`` by linear interpolation; ``nan`` when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def database_description() -> str:
    """``"postgresql 15.x"`` or ``"sqlite 3.x"`` for the configured Django database."""
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            return f"postgresql {cur.fetchone()[0]}"
        cur.execute("select sqlite_version()")
        return f"sqlite {cur.fetchone()[0]}"


def write_result(name: str, metrics: dict, baseline: dict | None = None, extra: dict | None = None) -> Path:
    """Write ``bench/results/<name>.json`` and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    doc = {
        "name": name,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "database": database_description(),
            "platform": platform.platform(),
        },
        "metrics": metrics,
        "baseline": baseline or {},
    }
    if extra:
        doc.update(extra)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
