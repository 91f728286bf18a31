"""`cordon screen` + `cordon decisions list|export|import` through the real CLI (subprocesses)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from cordon.decisions.apply import apply_decisions
from cordon.decisions.model import DECISION_COLUMNS
from cordon.decisions.record import decide_on_alert
from cordon.decisions.transfer import DecisionFileError, read_decisions
from cordon.lists.sample import load_sample
from cordon.screen.pipeline import screen_file
from cordon.store import connect
from tests.cli_process import cordon

SHIPMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "api" / "shipments.csv"


def _home(path: Path) -> Path:
    path.mkdir(parents=True)
    conn = connect(path / "cordon.duckdb")
    load_sample(conn)
    conn.close()
    return path


def _screen(home: Path, out: Path) -> str:
    conn = connect(home / "cordon.duckdb")
    try:
        return screen_file(SHIPMENTS, out, conn=conn).run_id
    finally:
        conn.close()


def _status(home: Path, alert_id: str) -> tuple[str, str | None]:
    conn = connect(home / "cordon.duckdb", read_only=True)
    try:
        row = conn.execute(
            "SELECT status, decision_id FROM alerts WHERE alert_id = ?", [alert_id]
        ).fetchone()
    finally:
        conn.close()
    assert row is not None
    return str(row[0]), row[1]


def test_decisions_move_between_installations_and_apply_there(tmp_path: Path) -> None:
    here = _home(tmp_path / "here")
    run_id = _screen(here, tmp_path / "out1")
    conn = connect(here / "cordon.duckdb")
    decide_on_alert(conn, f"{run_id}:S-002", status="dismissed", analyst="Ana",
                    note="other INN, «not» the listed firm; checked")  # fmt: skip
    conn.close()
    exported = tmp_path / "decisions.csv"
    done = cordon(here, "decisions", "export", "--out", str(exported))
    assert done.returncode == 0, done.stderr
    [row] = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert (row["status"], row["analyst"], row["party_name"]) == (
        "dismissed", "Ana", "JSC Concern Almaz-Antey")

    there = _home(tmp_path / "there")
    other_run = _screen(there, tmp_path / "out2")
    assert _status(there, f"{other_run}:S-002") == ("open", None)
    done = cordon(there, "decisions", "import", str(exported))
    assert done.returncode == 0, done.stderr
    assert "added 1" in done.stdout and "1 alert changed status" in done.stdout
    assert _status(there, f"{other_run}:S-002") == ("dismissed", row["decision_id"])
    again = cordon(there, "decisions", "import", str(exported))  # idempotent
    assert "added 0, already present 1" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("decision_id,status\n1,dismissed\n", encoding="utf-8")
    done = cordon(there, "decisions", "import", str(bad))
    assert done.returncode == 2
    assert "bad.csv: line 1: missing column(s) party_key" in done.stderr, done.stderr


@pytest.mark.parametrize(("content", "says"), [
    ("{header}\nd1,k,Firm,l,e,,maybe,Ana,,2026-01-01T00:00:00,\n", "line 2: field status"),
    ("{header}\nd1,k,Firm,l,e,,dismissed,Ana,,yesterday,\n", "line 2: field decided_at"),
    ("{header}\nd1,k,,l,e,,dismissed,Ana,,2026-01-01T00:00:00,\n", "line 2: field party_name"),
    ("{header}\nd1,k,Firm,l\n", "line 2: field row"),
    ("{header}\nd1,k,Firm,l,e,,dismissed,Ana," + "x" * 10_001 + ",2026-01-01T00:00:00,\n",
     "line 2: field note"),
])
def test_bad_decision_files_name_file_line_and_field(
    tmp_path: Path, content: str, says: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(content.format(header=",".join(DECISION_COLUMNS)), encoding="utf-8")
    conn = duckdb.connect()
    with pytest.raises(DecisionFileError, match=f"^bad.csv: {says}"):
        read_decisions(conn, bad)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(DECISION_COLUMNS).encode() + b"\nd1,k,Soci\xe9t\xe9,l,e\n")
    with pytest.raises(DecisionFileError, match="not UTF-8"):
        read_decisions(conn, latin)


def test_a_decision_lapses_when_the_listed_entity_changes(tmp_path: Path) -> None:
    home = _home(tmp_path / "home")
    conn = connect(home / "cordon.duckdb")
    try:
        run_id = screen_file(SHIPMENTS, tmp_path / "out", conn=conn).run_id
        decide_on_alert(conn, f"{run_id}:S-002", status="dismissed", analyst="Ana", note=None)
        assert _status_of(conn, f"{run_id}:S-002") == "dismissed"
        # the version the run used now holds a changed entity (as a new list version would)
        conn.execute(
            "UPDATE entities SET properties = json_merge_patch(properties, "
            "'{\"notes\": [\"designation amended\"]}') WHERE source_id = '16865'")
        assert apply_decisions(conn) == 1
        assert _status_of(conn, f"{run_id}:S-002") == "open"
    finally:
        conn.close()


def _status_of(conn: object, alert_id: str) -> str:
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT status FROM alerts WHERE alert_id = ?", [alert_id]).fetchone()
    return str(row[0])
