"""Benchmark: FIR registrations per second through the HTTP API on PostgreSQL (DESIGN.md §7, §9).

Run::

    .venv/bin/python bench/fir_registration.py [--requests 3000] [--clients 8] [--workers 3]

What it does, on this machine only (127.0.0.1):

1. creates a fresh UTF-8 PostgreSQL database (``--database``, default ``cctns_bench``; dropped
   first if it exists) on ``--pg`` (default ``postgres://postgres@127.0.0.1:5432``), migrates it,
   loads the reference law and geography (``cctns load_reference``), and adds one station writer
   posted at a police station of the reference geography, with an API token (``firs:*``);
2. starts gunicorn (``--workers`` sync workers, persistent database connections) bound to
   127.0.0.1 on a free port, with ``CCTNS_FIR_REQUIRES_APPROVAL=false`` so each registration
   takes its number at once;
3. sends ``--warmup`` registrations, then ``--requests`` ``POST /api/v1/firs/`` (a theft under
   BNS 303(2) with a victim, an unknown accused, stolen property and a Hindi narrative; each with
   its own ``Idempotency-Key``) from ``--clients`` client processes, stopping early after
   ``--max-seconds``;
4. checks that the station's FIR numbers are exactly 1..N (gapless, no duplicate) and that every
   answered registration is in the database;
5. writes ``bench/results/fir_registration.json`` (``bench/common.write_result``) with
   ``fir_registrations_per_s`` (successful registrations ÷ wall-clock seconds of the measured
   phase), latency percentiles ``latency_p50_ms`` / ``p95`` / ``p99`` (client side, the whole
   HTTP round trip) and ``queries_per_registration`` (one more registration, in this process,
   with its database queries counted). ``--baseline earlier.json --baseline-note "…"`` quotes an
   earlier result (e.g. before a change) beside the new one.

The clients run on the same machine as the server and PostgreSQL, so the figure is for the
whole system on these cores.
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing as mp
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH and the installed package

VENV_BIN = Path(sys.executable).parent
SECRET_KEY = "bench-" + uuid.uuid4().hex * 2
NARRATIVE = ("मेरी मोटरसाइकिल घर के सामने से चोरी हो गई। रात को मैंने उसे ताला लगाकर खड़ा किया था; "
             "सुबह वह वहाँ नहीं थी। My motorcycle was stolen from in front of my house.")


# --------------------------------------------------------------------------------------------
# Set-up: database, reference data, officer and token
# --------------------------------------------------------------------------------------------

def database_url(pg: str, name: str) -> str:
    return f"{pg.rstrip('/')}/{name}"


def create_database(pg: str, name: str) -> None:
    """Drop and create ``name`` as UTF-8 from template0 (pg_trgm treats Devanagari as letters)."""
    import psycopg

    with psycopg.connect(database_url(pg, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def server_env(url: str, **extra) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY, "DEBUG": "false", "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "CCTNS_FIR_REQUIRES_APPROVAL": "false", "LOG_LEVEL": "ERROR",
        "CCTNS_DATA_DIR": str(ROOT / "var" / "bench"), "DJANGO_SETTINGS_MODULE": "cctns.settings",
    })
    env.update(extra)
    return env


def cctns(args: list[str], env: dict) -> None:
    subprocess.run([str(VENV_BIN / "cctns"), *args], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def setup_officer() -> tuple[str, str]:
    """A station writer at the first police station of the node's state, and an API token.
    Returns ``(station code, token)``. Runs in this process (Django set up on the bench database)."""
    from django.conf import settings

    from cctns.accounts.tokens import issue_token
    from cctns.core.constants import Rank, Role, UnitKind
    from cctns.core.models import Unit, User

    station = (Unit.objects.filter(kind=UnitKind.POLICE_STATION, code__startswith=f"{settings.CCTNS_STATE_CODE}-")
               .order_by("code").first())
    if station is None:
        raise SystemExit("load_reference gave no police station for the node's state")
    user = User.objects.create_user("bench_writer", password=uuid.uuid4().hex, first_name="Bench", last_name="Writer",
                                    role=Role.STATION_WRITER, rank=Rank.HEAD_CONSTABLE, unit=station)
    _row, token = issue_token(user, scopes=["firs:write", "firs:read"], days=1, name="bench")
    return station.code, token


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    cmd = [str(VENV_BIN / "gunicorn"), "cctns.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
           "--worker-class", "sync", "--timeout", "60", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited at start")
    stop_server(proc)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    """Ask the gunicorn master to stop (it stops its workers); kill the group if it hangs."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --------------------------------------------------------------------------------------------
# The clients
# --------------------------------------------------------------------------------------------

def payload(now: datetime.datetime) -> bytes:
    """One FIR: a theft a few hours ago under BNS 303(2)."""
    def iso(hours: float) -> str:
        return (now - datetime.timedelta(hours=hours)).isoformat()

    return json.dumps({
        "occurrence_from": iso(9), "occurrence_to": iso(8), "information_received_at": iso(1),
        "place_address": "In front of house no. 12-4, Kothapet", "beat": "Beat 3", "distance_km": "1.20",
        "direction_from_ps": "NE", "informant_name": "Venkata Rao", "informant_relative_name": "Subba Rao",
        "informant_relation": "father", "informant_sex": "M", "informant_age": 46, "informant_phone": "9848012345",
        "sections": ["BNS 303(2)"],
        "victims": [{"name": "Venkata Rao", "sex": "M", "age": 46}],
        "accused": [{"known": False, "description": "Unknown person(s)"}],
        "properties": [{"category": "vehicle", "description": "Motorcycle AP 07 BK 4521", "value": "55000.00"}],
        "narrative": NARRATIVE, "action_taken": "Case registered and taken up for investigation.",
    }, ensure_ascii=False).encode("utf-8")


def client_worker(port: int, token: str, count: int, deadline: float, out) -> None:
    """Send up to ``count`` registrations before ``deadline`` (monotonic); put
    ``[(ok, status, latency_ms, fir_number)]`` on ``out``."""
    import http.client

    results = []
    body = payload(datetime.datetime.now(datetime.UTC))
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json",
                   "Idempotency-Key": uuid.uuid4().hex, "Accept": "application/json"}
        start = time.perf_counter()
        status, number = 0, ""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("POST", "/api/v1/firs/", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
            conn.close()
            if status == 201:
                number = json.loads(data).get("number", "")
        except (OSError, http.client.HTTPException):
            status = 0
        results.append((status == 201, status, (time.perf_counter() - start) * 1000, number))
    out.put(results)


def run_clients(port: int, token: str, total: int, clients: int, max_seconds: float) -> tuple[list, float]:
    """Run ``clients`` processes sharing ``total`` requests; returns ``(results, wall seconds)``."""
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    share = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]
    start = time.perf_counter()
    deadline = time.monotonic() + max_seconds
    procs = [ctx.Process(target=client_worker, args=(port, token, n, deadline, out)) for n in share if n]
    for p in procs:
        p.start()
    results = []
    for _ in procs:
        results.extend(out.get())
    wall = time.perf_counter() - start
    for p in procs:
        p.join()
    return results, wall


# --------------------------------------------------------------------------------------------
# Checks and report
# --------------------------------------------------------------------------------------------

def queries_per_registration(token: str) -> int:
    """The database queries of one ``POST /api/v1/firs/`` (whole request: authentication,
    validation, registration, audit, response), run in this process through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        response = client.post("/api/v1/firs/", payload(datetime.datetime.now(datetime.UTC)), content_type="application/json",
                               HTTP_AUTHORIZATION=f"Token {token}", HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex)
        count = len(ctx.captured_queries)  # read before the next request resets the log
    if response.status_code != 201:
        raise SystemExit(f"in-process registration failed: {response.status_code} {response.content[:300]!r}")
    return count


def check_numbers(station_code: str, answered: list[str]) -> dict:
    """The station's FIR serials must be exactly 1..N, and every answered number must exist."""
    from cctns.registration.models import FIR

    rows = list(FIR.objects.filter(police_station__code=station_code).values_list("serial", "number"))
    serials = sorted(s for s, _n in rows)
    numbers = {n for _s, n in rows}
    gapless = serials == list(range(1, len(serials) + 1))
    missing = [n for n in answered if n not in numbers]
    return {"firs_in_database": len(rows), "gapless": gapless, "duplicates": len(serials) - len(set(serials)),
            "answered_but_missing": len(missing)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured registrations (default 3000)")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8, help="client processes (default 8)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (2-4; default 3)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="stop the measured phase after this long")
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default="cctns_bench")
    parser.add_argument("--keep-database", action="store_true", help="reuse an existing, set-up database")
    parser.add_argument("--baseline", type=Path, help="a previous result file to quote as the baseline")
    parser.add_argument("--baseline-note", default="", help="what the baseline was (e.g. the code before a change)")
    args = parser.parse_args()

    url = database_url(args.pg, args.database)
    env = server_env(url)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "SECRET_KEY", "CCTNS_DATA_DIR", "DJANGO_SETTINGS_MODULE",
                                           "CCTNS_FIR_REQUIRES_APPROVAL", "ALLOWED_HOSTS")})
    t0 = time.perf_counter()
    if not args.keep_database:
        print(f"creating {args.database}, migrating, loading reference data …", flush=True)
        create_database(args.pg, args.database)
        cctns(["migrate", "--no-input"], env)
        cctns(["load_reference"], env)
    import django

    django.setup()
    from django.db import connection

    from bench.common import median, percentile, write_result
    from cctns.core.models import User

    if args.keep_database and User.objects.filter(username="bench_writer").exists():
        raise SystemExit("--keep-database needs a database without an earlier bench run's officer")
    station_code, token = setup_officer()
    connection.close()  # the clients fork; no shared connection
    setup_s = time.perf_counter() - t0
    print(f"set up in {setup_s:.0f} s; station {station_code}", flush=True)

    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        if args.warmup:
            run_clients(port, token, args.warmup, min(args.clients, args.warmup), 60)
        results, wall = run_clients(port, token, args.requests, args.clients, args.max_seconds)
    finally:
        stop_server(server)

    ok = [r for r in results if r[0]]
    failures: dict[str, int] = {}
    for r in results:
        if not r[0]:
            failures[str(r[1])] = failures.get(str(r[1]), 0) + 1
    latencies = [r[2] for r in ok]
    queries = queries_per_registration(token)
    check = check_numbers(station_code, [r[3] for r in ok])
    metrics = {
        "fir_registrations_per_s": round(len(ok) / wall, 1),
        "latency_p50_ms": round(percentile(latencies, 50), 1),
        "latency_p95_ms": round(percentile(latencies, 95), 1),
        "latency_p99_ms": round(percentile(latencies, 99), 1),
        "latency_median_ms": round(median(latencies), 1),
        "registrations_ok": len(ok),
        "registrations_failed": len(results) - len(ok),
        "measured_seconds": round(wall, 2),
        "queries_per_registration": queries,
        "numbers_gapless": 1 if check["gapless"] and not check["duplicates"] and not check["answered_but_missing"] else 0,
        "firs_in_database": check["firs_in_database"],
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    baseline = {}
    if args.baseline and args.baseline.exists():
        baseline = json.loads(args.baseline.read_text()).get("metrics", {})
    path = write_result("fir_registration", metrics, baseline=baseline, extra={
        "setup": {"requests": args.requests, "warmup": args.warmup, "clients": args.clients,
                  "gunicorn_workers": args.workers, "approval_required": False, "station": station_code,
                  "setup_seconds": round(setup_s, 1)},
        "failures_by_status": failures,
        **({"baseline_note": args.baseline_note} if baseline else {}),
    })
    for key, value in metrics.items():
        print(f"{key:28} {value}")
    if failures:
        print(f"failures by HTTP status: {failures}")
    print(f"wrote {path}")
    if not metrics["numbers_gapless"]:
        raise SystemExit(f"FIR numbers are not gapless 1..N: {check}")


if __name__ == "__main__":
    main()
