"""Reads stay served while a file is being screened in the background."""

from __future__ import annotations

from pathlib import Path

import httpx

from cordon.demo import generate_demo_dataset
from tests.api.flow import upload, wait_for_run

QUERY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Almaz Antey"]}}}}


def test_api_answers_while_a_run_screens(client: httpx.Client, tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    generate_demo_dataset(path, rows=20_000)
    run_id = upload(client, path)
    served_while_running = 0
    progress_seen: list[float] = []
    while True:
        run = client.get(f"/runs/{run_id}").json()
        if run["status"] != "running":
            break
        progress_seen.append(run["progress"])
        assert client.get("/healthz").status_code == 200
        matched = client.post("/match/default", json=QUERY)
        assert matched.status_code == 200
        assert matched.json()["responses"]["q"]["results"]
        assert client.get("/runs").status_code == 200
        served_while_running += 1
    final = wait_for_run(client, run_id)
    assert final["status"] == "done", final.get("error")
    assert final["input_rows"] == 20_000 == final["screened"] + final["rejected"]
    assert served_while_running >= 1
    assert progress_seen == sorted(progress_seen)
    page = client.get(f"/runs/{run_id}/alerts", params={"limit": 5}).json()
    assert page["total"] == final["alerted"] > 0
