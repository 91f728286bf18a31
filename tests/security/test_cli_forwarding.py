"""One store, many processes: while a real `cordon serve` holds the store, real CLI processes
hand their commands to it over loopback (before: a DuckDB lock error for every command, and no
way to load a list while serving)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.api.live import free_port, wait_healthy
from tests.security.conftest import CORDON

RECORDS = (
    "record_id,date,exporter_name,exporter_country,importer_name,importer_country,hs_code\n"
    "F1,2024-01-05,Harbin Parts,CN,ROSOBORONEXPORT,RU,852691\n"
    "F2,2024-01-06,Acme Tools,DE,Berlin Bakery,DE,190590\n"
)
DPL_NAME = "AARON ABRAHAM VILLA"  # the second row of BIS's real Denied Persons List


def _cli(*args: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run(
        [str(CORDON), *args], capture_output=True, text=True, timeout=300, env=env, cwd=cwd,
        check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def _alerts(out: Path) -> list[tuple[str, float]]:
    lines = (out / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((row["record_id"], row["risk"]) for row in map(json.loads, lines))


@pytest.fixture()
def work(sample_home: Path, tmp_path: Path) -> Path:
    """A working directory holding a customs file and a real list file, under relative names."""
    work = tmp_path / "work"
    (work / "lists").mkdir(parents=True)
    (work / "in.csv").write_text(RECORDS, encoding="utf-8")
    return work


def test_cli_commands_run_in_the_live_server(
    sample_home: Path, work: Path, shared_data: Path
) -> None:
    # the same commands without a server first: what the forwarded ones must print
    alone = {
        "show": _cli("lists", "show", "--json", home=sample_home, cwd=work),
        "match": _cli("match", "ROSOBORONEXPORT", "--json", home=sample_home, cwd=work),
        "screen": _cli("screen", "in.csv", "--out", "alone", home=sample_home, cwd=work),
    }
    assert all(result.returncode == 0 for result in alone.values()), alone
    expected_alerts = _alerts(work / "alone")
    assert expected_alerts and expected_alerts[0][0] == "F1"

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    process = subprocess.Popen(
        [str(CORDON), "serve", "--port", str(port)],
        env={**env, "CORDON_HOME": str(sample_home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    published = sample_home / "server.json"
    try:
        wait_healthy(base, lambda: process.poll() is None, seconds=60)
        info = json.loads(published.read_text(encoding="utf-8"))
        assert info["pid"] == process.pid and info["url"] == base
        assert stat.S_IMODE(published.stat().st_mode) == 0o600

        shown = _cli("lists", "show", "--json", home=sample_home, cwd=work)
        assert (shown.returncode, shown.stdout) == (0, alone["show"].stdout), shown.stderr
        matched = _cli("match", "ROSOBORONEXPORT", "--json", home=sample_home, cwd=work)
        assert (matched.returncode, matched.stdout) == (0, alone["match"].stdout)

        # relative paths are the caller's: in.csv and served/ are under work/, not the server's cwd
        screened = _cli("screen", "in.csv", "--out", "served", home=sample_home, cwd=work)
        assert screened.returncode == 0, screened.stderr
        assert _alerts(work / "served") == expected_alerts
        run_id = json.loads((work / "served" / "summary.json").read_text())["run_id"]
        reported = _cli("report", run_id, "--out", "r.html", home=sample_home, cwd=work)
        assert reported.returncode == 0 and (work / "r.html").stat().st_size > 1000
        exported = _cli(
            "export", run_id, "--table", "alerts", "--out", "a.csv", home=sample_home, cwd=work
        )
        assert exported.returncode == 0, exported.stderr
        assert "ROSOBORONEXPORT" in (work / "a.csv").read_text(encoding="utf-8")
        # the server's API sees the run the CLI made through it
        assert httpx.get(f"{base}/runs/{run_id}", timeout=30).status_code == 200

        # a list loaded while serving: the server's matchers pick it up without a restart
        shutil.copy(shared_data / "bis" / "dpl.txt", work / "lists" / "dpl.txt")
        query = {"queries": {"q": {"schema": "Person", "properties": {"name": [DPL_NAME]}}}}

        def top_dataset() -> list[str]:
            answer = httpx.post(f"{base}/match/default", json=query, timeout=30).json()
            results = answer["responses"]["q"]["results"]
            return [r["datasets"][0] for r in results if r["match"]]

        assert "us_bis_denied" not in top_dataset()
        loaded = _cli(
            "lists", "load", "--dataset", "us_bis_denied", "lists/dpl.txt",
            home=sample_home, cwd=work,
        )  # fmt: skip
        assert loaded.returncode == 0, loaded.stderr
        shown = _cli("lists", "show", "--json", home=sample_home, cwd=work)
        assert "us_bis_denied" in {row["dataset"] for row in json.loads(shown.stdout)}
        wait_for(lambda: "us_bis_denied" in top_dataset(), seconds=60)

        # errors stay one line with the command's own exit code
        missing = _cli("export", "no-such-run", "--table", "alerts", home=sample_home, cwd=work)
        assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1

        # the endpoint wants the token
        argv = {"argv": ["lists", "show"]}
        for headers in ({}, {"X-Cordon-Token": "not-the-token"}):
            answer = httpx.post(f"{base}/_cordon/cli", json=argv, headers=headers, timeout=30)
            assert answer.status_code == 403
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert not published.exists()  # removed on exit


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    """Poll ``condition()`` until true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.5)


def test_a_stale_server_file_is_ignored(sample_home: Path, work: Path) -> None:
    """A server killed with kill -9 leaves server.json behind: its dead PID is not followed."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = {"pid": dead.pid, "url": f"http://127.0.0.1:{free_port()}", "token": "x" * 43}
    (sample_home / "server.json").write_text(json.dumps(stale), encoding="utf-8")
    shown = _cli("lists", "show", "--json", home=sample_home, cwd=work)
    assert shown.returncode == 0, shown.stderr
    assert [row["dataset"] for row in json.loads(shown.stdout)] == ["cordon_sample"]
