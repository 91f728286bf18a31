"""Load benchmark of ``POST /match``: 50 concurrent clients, single-name queries, SDN + UN loaded.

Loads the OFAC SDN and UN consolidated lists from ../shared/data into a temporary CORDON_HOME,
starts ``cordon serve`` on 127.0.0.1 in its own process, warms the index, then runs 50 concurrent
httpx.AsyncClient workers until REQUESTS requests or SECONDS seconds, whichever comes first, and
prints latency percentiles and errors as a markdown table.

Usage: ``.venv/bin/python benchmarks/bench_api_load.py [--requests 5000] [--seconds 60]
[--clients 50]``. Loopback only; no other network.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
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
    """``cordon serve`` on 127.0.0.1:port over ``home`` (its own process)."""
    env = {**os.environ, "CORDON_HOME": str(home)}
    cli = "from cordon.cli import app; app()"
    cmd = [sys.executable, "-c", cli, "serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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


async def hammer(
    base: str, bodies: list[dict], clients: int, seconds: float
) -> tuple[list[float], list[str], float]:
    """``clients`` workers, each its own httpx.AsyncClient (one keep-alive connection), share
    ``bodies`` until they run out or ``seconds`` pass; returns (latencies s, errors, wall s)."""
    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[dict] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    stop_at = time.monotonic() + seconds

    async def worker() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while time.monotonic() < stop_at:
                try:
                    body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                try:
                    resp = await client.post("/match/default", json=body)
                    if resp.status_code != 200:
                        errors.append(f"HTTP {resp.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(type(exc).__name__)
                latencies.append(time.perf_counter() - started)

    wall = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - wall


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[rank]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cordon-bench-api-") as tmp:
        home = Path(tmp)
        listed, load_times = prepare_store(home)
        bodies = make_queries(listed, args.requests)
        port = free_port()
        server = start_server(home, port)
        base = f"http://127.0.0.1:{port}"
        try:
            first = wait_ready(base, bodies[0])
            asyncio.run(hammer(base, bodies[:200], min(args.clients, 10), 30))  # warm-up
            load_before = os.getloadavg()[0]
            cpu_before = cpu_seconds(server.pid)
            client_before = cpu_seconds(os.getpid())
            latencies, errors, wall = asyncio.run(hammer(base, bodies, args.clients, args.seconds))
            server_cpu = cpu_seconds(server.pid) - cpu_before
            client_cpu = cpu_seconds(os.getpid()) - client_before
            load_after = os.getloadavg()[0]
        finally:
            server.terminate()
            server.wait(timeout=30)

    ms = [v * 1000 for v in latencies]
    print(
        f"lists: {len(listed):,} primary names; load "
        + ", ".join(f"{k} {v:.1f} s" for k, v in load_times.items())
        + f"; first /match {first:.2f} s"
    )
    print()
    print(
        "| clients | requests | errors | wall s | req/s | p50 ms | p90 ms | p99 ms | max ms "
        "| mean ms |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.clients} | {len(ms):,} | {len(errors)} | {wall:.1f} | {len(ms) / wall:,.0f} | "
        f"{percentile(ms, 50):.1f} | {percentile(ms, 90):.1f} | {percentile(ms, 99):.1f} | "
        f"{max(ms):.1f} | {statistics.fmean(ms):.1f} |"
    )
    print(
        f"\nserver CPU {1000 * server_cpu / len(ms):.2f} ms per request "
        f"(capacity about {len(ms) / server_cpu:,.0f} req/s per free core); client CPU "
        f"{1000 * client_cpu / len(ms):.2f} ms per request; "
        f"1-min load average {load_before:.1f} -> {load_after:.1f} on {os.cpu_count()} cores"
    )
    if errors:
        print("errors:", sorted(set(errors)))
    target_met = not errors and percentile(ms, 99) < 50
    print(f"\ntarget p99 < 50 ms and zero errors: {'met' if target_met else 'NOT met'}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
