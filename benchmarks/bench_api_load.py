"""Load benchmark of ``POST /match``: 50 concurrent clients, single-name queries, SDN + UN loaded.

Loads the OFAC SDN and UN consolidated lists from ../shared/data into a temporary CORDON_HOME,
starts ``cordon serve`` on 127.0.0.1 in its own process, warms the index, then for each
``--think-ms`` value runs ``--clients`` keep-alive connections until ``--requests`` answers or
``--seconds`` seconds, whichever comes first, and prints latency percentiles, errors (non-200
answers, timeouts, socket errors), CPU per request and the load average as a markdown table.

Think time 0 is the issue's target run: closed loop, each client sends its next query as soon as
the last is answered. A positive think time paces each client like a compliance system (query,
answer, pause, next query); it is reported as a separate, labelled row.

The load generator is ``wrk`` (C, epoll; driven by ``bench_api_load.lua``) when installed, so it
measures the server rather than itself; otherwise a lean asyncio raw-socket HTTP/1.1 client,
with a note saying so. Nothing is installed at run time. (wrk sleeps out ``--seconds`` even when
the count bound stopped it earlier; the wall time and req/s reported are those of the requests.)

Usage: ``.venv/bin/python benchmarks/bench_api_load.py [--requests 20000] [--seconds 30]
[--clients 50] [--think-ms 0 100] [--generator auto|wrk|python]``. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().with_suffix(".lua")
ERROR_KINDS = ("connect", "read", "write", "status", "timeout")  # wrk's error counters
SHARED = REPO.parent / "shared" / "data"
LISTS = {"us_ofac_sdn": SHARED / "ofac", "un_sc_sanctions": SHARED / "un" / "consolidated.xml"}
UNLISTED = [
    "Shenzhen Huaxin Electronics Co. Ltd", "Hong Kong Sunrise Trading Limited", "OOO Posuda Plus",
    "Istanbul Makina Ticaret A.S.", "Almaty Agro LLP", "Global Radio Technologies GmbH",
    "Ningbo Kitchenware Co. Ltd", "Dubai Star Electronics FZE", "Maria Gonzalez Lopez",
    "Tekhnopark Vostok OOO", "Pacific Trading Company Limited", "John Smith",
]  # fmt: skip


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_store(home: Path) -> tuple[list[tuple[str, str]], dict[str, float]]:
    """Load SDN + UN into ``home``; returns (schema, name) query samples and load timings."""
    from cordon.lists.load import load_dataset
    from cordon.store import connect

    timings: dict[str, float] = {}
    conn = connect(home / "cordon.duckdb")
    try:
        for dataset, path in LISTS.items():
            started = time.perf_counter()
            load_dataset(conn, dataset, [path])
            timings[dataset] = time.perf_counter() - started
        rows = conn.execute(
            "SELECT e.schema, n.name FROM names n JOIN entities e "
            "ON e.dataset = n.dataset AND e.version = n.version AND e.id = n.entity_id "
            "JOIN list_versions v ON v.dataset = n.dataset AND v.version = n.version "
            "WHERE v.active AND n.prop = 'name'"
        ).fetchall()
    finally:
        conn.close()
    return [(str(s), str(n)) for s, n in rows], timings


def make_queries(listed: list[tuple[str, str]], count: int, seed: int = 7) -> list[dict]:
    """Single-name match bodies: 80% listed names (some lower-cased or typo'd), 20% unlisted."""
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        if rng.random() < 0.8:
            schema, name = rng.choice(listed)
            if rng.random() < 0.3:
                name = name.lower()
            if rng.random() < 0.3 and len(name) > 6:
                i = rng.randrange(1, len(name) - 1)
                name = name[:i] + name[i + 1 :]
        else:
            schema, name = "LegalEntity", rng.choice(UNLISTED)
        schema = (
            schema if schema in ("Person", "Company", "Organization", "Vessel") else "LegalEntity"
        )
        bodies.append({"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}})
    return bodies


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    """``cordon serve`` on 127.0.0.1:port over ``home`` (its own process); its stderr goes to
    ``home/server-stderr.log`` (:func:`server_log`). Not a pipe: nobody reads one while the load
    runs, and once its 64 KiB buffer filled, the server's next log line blocked its event loop
    (clients saw connection resets)."""
    env = {**os.environ, "CORDON_HOME": str(home)}
    cli = "from cordon.cli import app; app()"
    cmd = [sys.executable, "-c", cli, "serve", "--host", "127.0.0.1", "--port", str(port)]
    with server_log(home).open("wb") as log:
        return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)


def server_log(home: Path) -> Path:
    """The file holding the stderr of the server :func:`start_server` started over ``home``."""
    return home / "server-stderr.log"


def wait_ready(base: str, probe: dict, timeout: float = 120) -> float:
    """Wait for /healthz, then time the first /match (index load or build)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    started = time.perf_counter()
    resp = httpx.post(f"{base}/match/default", json=probe, timeout=timeout)
    resp.raise_for_status()
    return time.perf_counter() - started


@dataclass
class Row:
    """One load run: what was sent, how long answers took, what it cost."""

    generator: str
    clients: int
    think_ms: float
    latencies_ms: list[float] = field(default_factory=list)  # empty when wrk summarised them
    count: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    percentiles_ms: dict[int, float] = field(default_factory=dict)  # 50, 90, 99, 100 (max)
    mean_ms: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    load: tuple[float, float] = (0.0, 0.0)


def encode_requests(bodies: list[dict], port: int) -> list[bytes]:
    """Complete HTTP/1.1 keep-alive requests, encoded once so the client spends no CPU on it."""
    requests = []
    for body in bodies:
        data = json.dumps(body, ensure_ascii=False).encode()
        head = (
            f"POST /match/default HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        requests.append(head.encode() + data)
    return requests


async def _read_answer(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (Content-Length or chunked body); returns its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = head.lower()
    if b"\r\ncontent-length:" in headers:
        length = int(headers.split(b"\r\ncontent-length:", 1)[1].split(b"\r\n", 1)[0])
        await reader.readexactly(length)
    elif b"\r\ntransfer-encoding: chunked" in headers:
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status


async def python_load(
    port: int, requests: list[bytes], clients: int, seconds: float, think_ms: float,
    timeout: float = 10.0,
) -> tuple[list[float], dict[str, int], float]:  # fmt: skip
    """Lean asyncio load: ``clients`` keep-alive sockets share ``requests`` until they run out
    or ``seconds`` pass; each waits for its answer, then ``think_ms``, before sending the next.
    Returns (latencies in ms, errors by kind, wall seconds). Non-200 answers and timeouts are
    errors; a connection that fails is reopened."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    pending = iter(requests)
    stop_at = time.monotonic() + seconds

    def error(kind: str) -> None:
        errors[kind] = errors.get(kind, 0) + 1

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for request in pending:
                if time.monotonic() >= stop_at:
                    return
                started = time.perf_counter()
                try:
                    async with asyncio.timeout(timeout):
                        writer.write(request)
                        status = await _read_answer(reader)
                    if status != 200:
                        error(f"HTTP {status}")
                except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError) as exc:
                    error(type(exc).__name__)
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                latencies.append((time.perf_counter() - started) * 1000)
                if think_ms:
                    await asyncio.sleep(think_ms / 1000)
        finally:
            writer.close()

    wall = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - wall


def wrk_load(
    port: int, bodies_file: Path, clients: int, count: int, seconds: float, think_ms: float
) -> dict[str, float]:
    """Run wrk (one thread, ``clients`` connections) with bench_api_load.lua; its summary."""
    env = {
        **os.environ,
        "CORDON_BENCH_BODIES": str(bodies_file),
        "CORDON_BENCH_LIMIT": str(count),
        "CORDON_BENCH_THINK_MS": str(int(think_ms)),
    }
    cmd = ["wrk", "-t1", f"-c{clients}", f"-d{math.ceil(seconds)}s", "--timeout", "10s",
           "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}"]  # fmt: skip
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("CORDON_RESULT "))
    result: dict[str, float] = json.loads(line.removeprefix("CORDON_RESULT "))
    return result


def children_cpu() -> float:
    """User + system CPU time of this process's finished children (wrk runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_load(
    generator: str, port: int, bodies: list[dict], bodies_file: Path, server_pid: int,
    clients: int, seconds: float, think_ms: float,
) -> Row:  # fmt: skip
    """One measured run with the chosen generator, with server and client CPU and load average."""
    row = Row(generator, clients, think_ms)
    load_before = os.getloadavg()[0]
    server_before = cpu_seconds(server_pid)
    client_before = cpu_seconds(os.getpid()) + children_cpu()
    if generator == "wrk":
        res = wrk_load(port, bodies_file, clients, len(bodies), seconds, think_ms)
        row.count, row.wall = int(res["requests"]), res["active_us"] / 1e6
        row.errors = {k: int(res[k]) for k in ERROR_KINDS if res[k]}
        row.percentiles_ms = {p: res[f"p{p}_us"] / 1000 for p in (50, 90, 99)}
        row.percentiles_ms[100] = res["max_us"] / 1000
        row.mean_ms = res["mean_us"] / 1000
    else:
        requests = encode_requests(bodies, port)
        lat, row.errors, row.wall = asyncio.run(
            python_load(port, requests, clients, seconds, think_ms)
        )
        row.latencies_ms, row.count = lat, len(lat)
        row.percentiles_ms = {p: percentile(lat, p) for p in (50, 90, 99, 100)}
        row.mean_ms = statistics.fmean(lat)
    row.server_cpu = cpu_seconds(server_pid) - server_before
    row.client_cpu = cpu_seconds(os.getpid()) + children_cpu() - client_before
    row.load = (load_before, os.getloadavg()[0])
    return row


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[rank]


def choose_generator(requested: str) -> str:
    """``wrk`` when asked for or available; otherwise the Python client, saying why."""
    if requested == "python":
        return "python"
    if shutil.which("wrk"):
        return "wrk"
    message = (
        "wrk is not installed (Debian: `bash scripts/apt-install.sh wrk`); nothing is installed "
        "by this benchmark."
    )
    if requested == "wrk":
        sys.exit(f"error: {message}")
    print(f"NOTE: {message} Falling back to the Python asyncio client, which shares the CPU "
          "with the server and so lowers the figures.", file=sys.stderr)  # fmt: skip
    return "python"


def print_rows(rows: list[Row]) -> None:
    """The runs as a markdown table."""
    print("| load pattern | generator | clients | requests | errors | wall s | req/s | p50 ms "
          "| p90 ms | p99 ms | max ms | mean ms | server CPU / req | client CPU / req "
          "| load avg |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        pattern = (
            "closed loop (next request as soon as answered)"
            if not row.think_ms
            else f"paced: {row.think_ms:g} ms pause after each answer"
        )
        pct = row.percentiles_ms
        n = max(row.count, 1)
        print(
            f"| {pattern} | {row.generator} | {row.clients} | {row.count:,} "
            f"| {sum(row.errors.values())} | {row.wall:.1f} | {row.count / row.wall:,.0f} "
            f"| {pct[50]:.1f} | {pct[90]:.1f} | {pct[99]:.1f} | {pct[100]:.1f} | {row.mean_ms:.1f} "
            f"| {1000 * row.server_cpu / n:.2f} ms | {1000 * row.client_cpu / n:.2f} ms "
            f"| {row.load[0]:.1f} → {row.load[1]:.1f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000, help="bound per run (count)")
    parser.add_argument("--seconds", type=float, default=30.0, help="bound per run (time)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--think-ms", type=float, nargs="+", default=[0.0, 100.0],
        help="pause after each answer, one run per value (0 = closed loop, the target's run)",
    )  # fmt: skip
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args()
    generator = choose_generator(args.generator)

    with tempfile.TemporaryDirectory(prefix="cordon-bench-api-") as tmp:
        home = Path(tmp)
        listed, load_times = prepare_store(home)
        bodies = make_queries(listed, args.requests)
        bodies_file = home / "bodies.jsonl"
        bodies_file.write_text(
            "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in bodies), encoding="utf-8"
        )
        port = free_port()
        server = start_server(home, port)
        base = f"http://127.0.0.1:{port}"
        rows = []
        try:
            first = wait_ready(base, bodies[0])
            # warm-up: 3 s at 10 clients (not reported)
            run_load(generator, port, bodies[:3000], bodies_file, server.pid, 10, 3, 0)
            for think_ms in args.think_ms:
                rows.append(
                    run_load(generator, port, bodies, bodies_file, server.pid,
                             args.clients, args.seconds, think_ms)
                )  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(
        f"lists: {len(listed):,} primary names; load "
        + ", ".join(f"{k} {v:.1f} s" for k, v in load_times.items())
        + f"; first /match {first:.2f} s; {os.cpu_count()} cores; "
        + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    )
    print()
    print_rows(rows)
    failed = False
    for row in rows:
        if row.errors:
            failed = True
            print(f"errors ({row.clients} clients, think {row.think_ms:g} ms): {row.errors}")
    closed = [r for r in rows if not r.think_ms]
    if closed:
        met = all(not r.errors and r.percentiles_ms[99] < 50 for r in closed)
        print(f"\ntarget (closed loop, {args.clients} clients): p99 < 50 ms and zero errors: "
              f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
