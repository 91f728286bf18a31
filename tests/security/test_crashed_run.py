"""A screening killed with `kill -9` (before: 'running' forever, reported as a normal run with
a fraction of its records): the next cordon command marks it failed and drops its partial
records, and reports and exports refuse it unless asked for a watermarked partial report."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from cordon.demo import generate_demo_dataset
from cordon.store import connect
from tests.security.conftest import CORDON, run_cordon


def test_kill_9_mid_screening_is_marked_failed_and_never_reported(
    sample_home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "big.csv"
    generate_demo_dataset(source, rows=60_000)
    out = tmp_path / "out"
    env = {**os.environ, "CORDON_HOME": str(sample_home)}
    screening = subprocess.Popen(
        [str(CORDON), "screen", str(source), "--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not (out / "rejects.csv").exists():  # opened once the run is registered
        assert screening.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    assert screening.poll() is None, "the screening finished before it could be killed"
    os.kill(screening.pid, signal.SIGKILL)
    screening.wait(timeout=30)

    with connect(sample_home / "cordon.duckdb", read_only=True) as conn:  # no recovery here
        (run_id, status) = conn.execute("SELECT run_id, status FROM runs").fetchone() or ("", "")
    assert status == "running"  # what the kill left behind

    refused = run_cordon("report", run_id, "--out", str(tmp_path / "r.html"), home=sample_home)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"run {run_id} is failed, not finished" in refused.stderr
    exported = run_cordon("export", run_id, "--table", "alerts", home=sample_home)
    assert exported.returncode == 1 and "is failed" in exported.stderr
    with connect(sample_home / "cordon.duckdb", read_only=True) as conn:
        status, error = conn.execute("SELECT status, error FROM runs").fetchone() or ("", "")
        records = conn.execute("SELECT count(*) FROM records").fetchone()
    assert status == "failed" and f"PID {screening.pid}" in error
    assert records == (0,)

    partial = run_cordon(
        "report", run_id, "--partial", "--out", str(tmp_path / "p.html"), home=sample_home
    )
    assert partial.returncode == 0, partial.stderr
    assert "PARTIAL: run" in (tmp_path / "p.html").read_text(encoding="utf-8")
