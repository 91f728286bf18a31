"""Helpers for tests that upload a file and wait for its screening run over HTTP."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx


def upload(client: httpx.Client, path: Path, **form: str) -> str:
    """POST a file to /screen; returns the run id (asserts 202)."""
    with path.open("rb") as fh:
        resp = client.post("/screen", files={"file": (path.name, fh, "text/csv")}, data=form)
    assert resp.status_code == 202, resp.text
    body = resp.json()
    assert body["url"] == f"/runs/{body['run_id']}"
    return str(body["run_id"])


def wait_for_run(client: httpx.Client, run_id: str, timeout: float = 180) -> dict[str, Any]:
    """Poll /runs/{id} until the run is done or failed; returns the final run."""
    deadline = time.monotonic() + timeout
    seen: list[float] = []
    while time.monotonic() < deadline:
        run = client.get(f"/runs/{run_id}").json()
        seen.append(run["progress"])
        assert 0.0 <= run["progress"] <= 1.0
        if run["status"] in ("done", "failed"):
            assert seen == sorted(seen), f"progress went backwards: {seen}"
            return dict(run)
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} did not finish in {timeout} s")
