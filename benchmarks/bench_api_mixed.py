"""Mixed API load while a screening runs (issue 10): 50 clients, /match + triage + uploads, 60 s.

Loads OFAC SDN + UN into a temporary CORDON_HOME, starts ``cordon serve`` in its own process,
screens one demo file so there are alerts to triage, then keeps a big screening running in the
server (a new one is uploaded whenever the last finishes) while ``--clients`` asyncio clients
(httpx, keep-alive) each loop for ``--seconds``: 85 % ``POST /match`` (single names: listed,
typo'd, unlisted), 12 % ``PATCH /alerts/{id}`` (half with ``If-Match``), 3 % ``POST /screen`` of
a 200-row file. Prints per operation: count, p50/p95/p99 latency, status codes, and the errors —
any answer other than 2xx or the intended 409 (concurrent triage) and 412 (stale If-Match) — and
the share of the measured time a screening was running. Targets: 0 errors, p99 /match < 100 ms.

The client runs on the same machine as the server and shares its CPUs (2 on the project VM):
its own cost is inside the latencies; the load average is printed before and after.

Usage: ``.venv/bin/python benchmarks/bench_api_mixed.py [--clients 50] [--seconds 60]
[--rows 400000]``. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api_load import (
    free_port,
    make_queries,
    percentile,
    prepare_store,
    server_log,
    start_server,
    wait_ready,
)

transport_errors: Counter[str] = Counter()  # connection-level failures, by kind
INTENDED = {409, 412}  # a concurrent decision won / If-Match is stale: the client's business
STATUSES = ("open", "escalated", "dismissed", "confirmed")


def upload(client: httpx.Client, path: Path) -> str:
    """POST /screen a file; the run id."""
    with path.open("rb") as handle:
        answer = client.post("/screen", files={"file": (path.name, handle, "text/csv")})
    answer.raise_for_status()
    return str(answer.json()["run_id"])


def wait_done(client: httpx.Client, run_id: str, timeout: float = 1800) -> dict[str, object]:
    """Poll a run until it is no longer running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/runs/{run_id}").json()
        if run["status"] != "running":
            return dict(run)
        time.sleep(0.5)
    raise TimeoutError(run_id)


async def keep_screening(base: str, big: Path, stop: float, busy: list[float]) -> None:
    """Keep one big screening submitted until ``stop``; adds the seconds one was running to
    busy. A run waits as ``queued`` behind the clients' small uploads (one worker): it is
    followed until it ends, and counted only while ``running`` (before, ``queued`` ended the
    wait at once, so big screenings piled up and the busy share read ~1 %)."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        while time.monotonic() < stop:
            with big.open("rb") as handle:
                answer = await http.post("/screen", files={"file": (big.name, handle, "text/csv")})
            run_id = answer.json()["run_id"]
            running_since: float | None = None
            while time.monotonic() < stop:
                try:
                    status = (await http.get(f"/runs/{run_id}")).json()["status"]
                except httpx.TransportError as exc:  # counted like the clients', then polled again
                    transport_errors[f"status poll: {type(exc).__name__}"] += 1
                    await asyncio.sleep(0.5)
                    continue
                if status == "running" and running_since is None:
                    running_since = time.monotonic()
                if status not in ("queued", "running"):
                    break
                await asyncio.sleep(0.5)
            if running_since is not None:
                busy.append(min(time.monotonic(), stop) - running_since)


async def client_loop(
    base: str,
    number: int,
    stop: float,
    queries: list[dict],
    alerts: list[str],
    small: Path,
    latencies: dict[str, list[float]],
    codes: dict[str, Counter[int]],
) -> None:
    """One client: a random mix of match, triage and upload until ``stop``."""
    rng = random.Random(number)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.monotonic() < stop:
            roll = rng.random()
            op = "match" if roll < 0.85 else "triage" if roll < 0.97 else "upload"
            started = time.perf_counter()
            try:
                answer, started = await _request(http, op, rng, number, queries, alerts, small)
                status = answer.status_code
            except httpx.TransportError as exc:  # counted as an error (status 0), not fatal
                status = 0
                transport_errors[type(exc).__name__] += 1
            latencies[op].append(time.perf_counter() - started)
            codes[op][status] += 1


async def _request(
    http: httpx.AsyncClient,
    op: str,
    rng: random.Random,
    number: int,
    queries: list[dict],
    alerts: list[str],
    small: Path,
) -> tuple[httpx.Response, float]:
    """One request of kind ``op``; the answer and when its timing started."""
    started = time.perf_counter()
    if op == "match":
        return await http.post("/match/default", json=rng.choice(queries)), started
    if op == "triage":
        alert = rng.choice(alerts)
        headers = {}
        if rng.random() < 0.5:
            seen = await http.get(f"/alerts/{alert}")
            headers["If-Match"] = seen.headers.get("ETag", "*")
            started = time.perf_counter()
        body = {"analyst": f"load{number}", "status": rng.choice(STATUSES)}
        return await http.patch(f"/alerts/{alert}", json=body, headers=headers), started
    with small.open("rb") as handle:
        files = {"file": (small.name, handle.read(), "text/csv")}
    return await http.post("/screen", files=files), started


async def run_load(
    base: str,
    clients: int,
    seconds: float,
    queries: list[dict],
    alerts: list[str],
    small: Path,
    big: Path,
) -> tuple[dict[str, list[float]], dict[str, Counter[int]], float]:
    """Screening kept running, clients looping; latencies, status codes, busy share."""
    latencies: dict[str, list[float]] = defaultdict(list)
    codes: dict[str, Counter[int]] = defaultdict(Counter)
    busy: list[float] = []
    stop = time.monotonic() + seconds
    screener = asyncio.create_task(keep_screening(base, big, stop, busy))
    await asyncio.sleep(1.0)  # the screening is under way before the clients start
    loops = [
        client_loop(base, n, stop, queries, alerts, small, latencies, codes) for n in range(clients)
    ]
    await asyncio.gather(*loops)
    await screener
    return latencies, codes, sum(busy) / max(seconds - 1.0, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rows", type=int, default=400_000, help="rows of the big screening")
    args = parser.parse_args()
    from cordon.demo import generate_demo_dataset

    with tempfile.TemporaryDirectory(prefix="cordon-mixed-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        os.environ["CORDON_HOME"] = str(home)
        listed, _ = prepare_store(home)
        small, big = Path(folder) / "small.csv", Path(folder) / "big.csv"
        generate_demo_dataset(small, rows=200)
        generate_demo_dataset(big, rows=args.rows)
        queries = make_queries(listed, 5_000)
        port = free_port()
        server = start_server(home, port)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, queries[0])
            with httpx.Client(base_url=base, timeout=120) as http:
                first = upload(http, small)
                wait_done(http, first)
                page = http.get(f"/runs/{first}/alerts", params={"limit": 200}).json()
                alerts = [a["alert_id"] for a in page["results"]]
            assert alerts, "the demo run raised no alert to triage"
            before = os.getloadavg()
            latencies, codes, busy = asyncio.run(
                run_load(base, args.clients, args.seconds, queries, alerts, small, big)
            )
            after = os.getloadavg()
            alive = server.poll() is None
            log_tail = server_log(home).read_text(encoding="utf-8", errors="replace")[-2000:]
        except BaseException:
            tail = server_log(home).read_text(encoding="utf-8", errors="replace")[-4000:]
            print(f"server stderr (last 4,000 characters):\n{tail}", file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(
        f"{args.clients} clients, {args.seconds:.0f} s; a screening of {args.rows:,} rows was "
        f"running {busy:.0%} of the time; load average before {before[0]:.2f}, after "
        f"{after[0]:.2f}; server {'alive' if alive else 'DEAD'} at the end; transport "
        f"errors: {dict(transport_errors) or 'none'}"
    )
    if log_tail.strip():
        print(f"server stderr (last 2,000 characters):\n{log_tail}")
    print("| operation | requests | p50 (ms) | p95 (ms) | p99 (ms) | status codes | errors |")
    print("|---|---:|---:|---:|---:|---|---:|")
    errors = 0
    for op in ("match", "triage", "upload"):
        values = latencies.get(op, [])
        if not values:
            continue
        bad = sum(
            n for code, n in codes[op].items() if not 200 <= code < 300 and code not in INTENDED
        )
        errors += bad
        shown = ", ".join(f"{code}: {n:,}" for code, n in sorted(codes[op].items()))
        print(
            f"| {op} | {len(values):,} | {percentile(values, 50) * 1000:.1f} | "
            f"{percentile(values, 95) * 1000:.1f} | {percentile(values, 99) * 1000:.1f} | "
            f"{shown} | {bad} |"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
