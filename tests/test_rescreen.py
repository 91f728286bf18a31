"""`cordon rescreen` through the real CLI: a list update adding one designation."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from cordon.lists.load import load_dataset
from cordon.rescreen.run import rescreen
from cordon.store import connect
from tests.api.live import live_server
from tests.cli_process import cordon
from tests.rescreen_fixture import NEW_DESIGNATION, designation_file, screened_home


def test_a_new_designation_finds_exactly_the_shipments_of_that_party(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_id = screened_home(home, tmp_path / "screened")
    nothing = cordon(home, "rescreen", "--out", str(tmp_path / "before"))
    assert nothing.returncode == 0, nothing.stderr
    assert "0 shipments with a new party match" in nothing.stdout
    assert not (tmp_path / "before" / "alerts.jsonl").exists()

    # the update, re-screened automatically when asked (lists load … --rescreen DIR)
    update = designation_file(tmp_path)
    out = tmp_path / "after"
    done = cordon(home, "lists", "load", "--dataset", "testlinks", str(update), "--rescreen",
                  str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 shipments with a new party match" in done.stdout
    assert "≈ SHENZHEN HUAXIN ELECTRONICS CO., LTD. (testlinks 900" in done.stdout
    alerts = [json.loads(line) for line in (out / "alerts.jsonl").open(encoding="utf-8")]
    # exactly the two shipments of "Shenzhen Huaxin Electronics Co. Ltd" (S-001, S-007)
    assert [a["record_id"] for a in alerts] == ["S-001", "S-007"]
    for alert in alerts:
        assert set(alert) == {"record_id", "risk", "reasons"}  # the cordon screen contract
        first = alert["reasons"][0]
        assert (first["kind"], first["role"], first["list"], first["entity_id"]) == (
            "party_match", "exporter", "testlinks", "900")
        assert first["score"] >= 0.8 and 0 < alert["risk"] <= 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rescreen"]["source_runs"] == [run_id]
    assert summary["alerted"] == 2 and summary["rescreen"]["designations"] == 1
    assert (out / "rejects.csv").read_text(encoding="utf-8").startswith("line,record_id,field")

    # the new run is a run like any other: in the API and the web app, with the two hits
    new_run = summary["run_id"]
    with live_server(home) as base, httpx.Client(base_url=base, timeout=30) as client:
        runs = {r["run_id"]: r for r in client.get("/runs").json()["results"]}
        assert runs[new_run]["alerted"] == 2
        page = client.get(f"/runs/{new_run}/alerts").json()
        assert sorted(a["record_id"] for a in page["results"]) == ["S-001", "S-007"]
        assert "S-007" in client.get(f"/ui/runs/{new_run}").text


def test_a_party_hitting_several_new_designations_reports_them_all(tmp_path: Path) -> None:
    home = tmp_path / "home"
    screened_home(home, tmp_path / "screened")
    update = designation_file(tmp_path)
    twins = [{**NEW_DESIGNATION, "id": f"testlinks-{900 + i}"} for i in range(1, 12)]
    update.write_text(update.read_text(encoding="utf-8")
                      + "".join(json.dumps(e) + "\n" for e in twins), encoding="utf-8")  # fmt: skip
    conn = connect(home / "cordon.duckdb")
    try:
        load_dataset(conn, "testlinks", [update])
        # twelve entries of one name weigh its words down (IDF): a lower threshold keeps them
        result = rescreen(conn, tmp_path / "out", threshold=0.6)
    finally:
        conn.close()
    assert result.records == 2 and result.designations == 12
    for line in (tmp_path / "out" / "alerts.jsonl").read_text(encoding="utf-8").splitlines():
        new = [r["entity_id"] for r in json.loads(line)["reasons"]
               if r["kind"] == "party_match" and r["list"] == "testlinks"]  # fmt: skip
        # twelve designations of one name: all twelve, beyond any top-10 candidate cut
        assert sorted(new, key=int) == [str(900 + i) for i in range(12)]


def test_a_change_that_hits_nothing_is_kept_as_an_empty_run_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    screened_home(home, tmp_path / "screened")
    update = designation_file(tmp_path)
    unrelated = {**NEW_DESIGNATION, "id": "testlinks-901",
                 "properties": {"name": ["VOSTOCHNY KOSMODROM SUPPLY LLC"], "country": ["ru"]}}
    update.write_text(json.dumps(unrelated) + "\n" + update.read_text(encoding="utf-8").replace(
        json.dumps(NEW_DESIGNATION) + "\n", ""), encoding="utf-8")  # fmt: skip
    conn = connect(home / "cordon.duckdb")
    try:
        load_dataset(conn, "testlinks", [update])
        first = rescreen(conn, tmp_path / "first")
        again = rescreen(conn, tmp_path / "again")
    finally:
        conn.close()
    assert first.run_id is not None and first.records == 0 and first.designations == 1
    assert (tmp_path / "first" / "alerts.jsonl").read_text(encoding="utf-8") == ""
    assert again.run_id is None and again.designations == 0  # reported once


def test_a_list_loaded_after_the_run_is_screened_against_once(tmp_path: Path) -> None:
    """A list the run never saw (loaded for the first time this week) is all new to it: its
    designations are matched, the banner offers the re-screening, and only once."""
    from cordon.api.changes import lists_changed_since_rescreen

    home = tmp_path / "home"
    screened_home(home, tmp_path / "screened")
    newcomer = tmp_path / "newlist.ftm.jsonl"
    newcomer.write_text(json.dumps({**NEW_DESIGNATION, "id": "newlist-1", "datasets": ["newlist"]})
                        + "\n", encoding="utf-8")  # fmt: skip
    conn = connect(home / "cordon.duckdb")
    try:
        load_dataset(conn, "newlist", [newcomer])
        assert lists_changed_since_rescreen(conn)
        first = rescreen(conn, tmp_path / "first")
        assert not lists_changed_since_rescreen(conn)
        again = rescreen(conn, tmp_path / "again")
    finally:
        conn.close()
    assert first.records == 2 and first.designations == 1
    assert list(first.since.values()) == [{"newlist": None}]
    alerts = [json.loads(line) for line in (tmp_path / "first" / "alerts.jsonl").open()]
    assert [a["record_id"] for a in alerts] == ["S-001", "S-007"]
    assert {a["reasons"][0]["list"] for a in alerts} == {"newlist"}
    assert again.run_id is None and again.designations == 0  # reported once
