"""A standing decision lapses when the listed entity changes in a new list version loaded with
the real ``cordon lists load`` — and holds through a new version that leaves the entity alone."""

from __future__ import annotations

import json
from pathlib import Path

from cordon.decisions.record import decide_on_alert
from cordon.lists.sample import load_sample
from cordon.screen.pipeline import screen_file
from cordon.store import connect
from tests.cli_process import cordon

SHIPMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "api" / "shipments.csv"
LISTED = {"id": "amend-950", "schema": "Company", "datasets": ["amend"],
          "properties": {"name": ["GUANGZHOU OCEAN TEXTILE CO., LTD."], "country": ["cn"],
                         "program": ["RUSSIA-EO14024"], "topics": ["sanction"]}}  # fmt: skip
OTHER = {"id": "amend-951", "schema": "Company", "datasets": ["amend"],
         "properties": {"name": ["NOVAYA ZARYA DEFENCE LLC"], "country": ["ru"],
                        "topics": ["sanction"]}}  # fmt: skip


def _version(folder: Path, name: str, *entities: dict[str, object]) -> Path:
    path = folder / f"{name}.ftm.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in entities), encoding="utf-8")
    return path


def _screen_s003(home: Path, out: Path) -> tuple[str, str]:
    """Screen the shipments; the run id and the status of S-003 (its only match: amend 950)."""
    conn = connect(home / "cordon.duckdb")
    try:
        run_id = screen_file(SHIPMENTS, out, conn=conn).run_id
        row = conn.execute("SELECT status, CAST(reasons AS VARCHAR) FROM alerts "
                           "WHERE alert_id = ?", [f"{run_id}:S-003"]).fetchone()  # fmt: skip
    finally:
        conn.close()
    assert row is not None and '"entity_id":"950"' in row[1].replace(" ", "")
    return run_id, str(row[0])


def test_decision_lapses_on_a_changed_entity_in_a_loaded_version(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    conn = connect(home / "cordon.duckdb")
    load_sample(conn)  # a real list beside it, so words weigh as they do in practice
    conn.close()
    load = cordon(home, "lists", "load", "--dataset", "amend",
                  str(_version(tmp_path, "v1", LISTED)))  # fmt: skip
    assert load.returncode == 0, load.stderr
    first, status = _screen_s003(home, tmp_path / "r1")
    assert status == "open"
    conn = connect(home / "cordon.duckdb")
    decide_on_alert(conn, f"{first}:S-003", status="dismissed", analyst="Ana",
                    note="a weaving mill, not the listed firm")  # fmt: skip
    conn.close()

    # version 2 adds another designation; the listed entity is unchanged: the decision holds
    load = cordon(home, "lists", "load", "--dataset", "amend",
                  str(_version(tmp_path, "v2", LISTED, OTHER)))  # fmt: skip
    assert load.returncode == 0, load.stderr
    assert _screen_s003(home, tmp_path / "r2")[1] == "dismissed"

    # version 3 amends the listed entity (a new alias and programme): the decision lapses
    amended = json.loads(json.dumps(LISTED))
    amended["properties"]["alias"] = ["GUANGZHOU OCEAN TEXTILE GROUP"]
    amended["properties"]["program"].append("UKRAINE-EO13662")
    load = cordon(home, "lists", "load", "--dataset", "amend",
                  str(_version(tmp_path, "v3", amended, OTHER)))  # fmt: skip
    assert load.returncode == 0, load.stderr
    third, status = _screen_s003(home, tmp_path / "r3")
    assert status == "open"
    conn = connect(home / "cordon.duckdb", read_only=True)
    try:
        statuses = dict(conn.execute(
            "SELECT run_id, status FROM alerts WHERE record_id = 'S-003'").fetchall())
    finally:
        conn.close()
    # the runs screened against the versions the analyst judged keep the decision
    assert statuses[first] == "dismissed" and statuses[third] == "open"
    assert sorted(statuses.values()) == ["dismissed", "dismissed", "open"]
    listed = cordon(home, "decisions", "list")
    assert listed.returncode == 0 and "a weaving mill" in listed.stdout
