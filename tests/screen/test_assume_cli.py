"""A Russian ДТ import extract without a destination column, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cordon.analytics import flows
from cordon.cli import app
from cordon.lists.sample import load_sample
from cordon.store import connect
from tests.cli_process import cordon

DT_IMPORT = Path(__file__).resolve().parents[1] / "fixtures" / "records" / "dt_import.csv"


def test_dt_import_extract_fires_russia_bound_flags_and_routes_end_in_ru(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    conn = connect(home / "cordon.duckdb")
    load_sample(conn)
    conn.close()
    out = tmp_path / "out"
    done = cordon(home, "screen", str(DT_IMPORT), "--out", str(out))
    assert done.returncode == 0, done.stderr
    alerts = {a["record_id"]: a for a in map(json.loads, (out / "alerts.jsonl").open())}
    navigation = alerts["10005020/150323/0012345"]
    rules = {r["rule"] for r in navigation["reasons"] if r["kind"] == "red_flag"}
    assert {"RF-01", "RF-03"} <= rules  # consigned to RU; CN origin via hub HK bound for RU
    assert navigation["assumed"] == {"destination_country": "RU"}
    assert all(a.get("assumed") == {"destination_country": "RU"} for a in alerts.values())

    report = tmp_path / "report.html"
    done = cordon(home, "report", "--out", str(report))
    assert done.returncode == 0, done.stderr
    conn = connect(home / "cordon.duckdb", read_only=True)
    try:
        run_id = flows.resolve_run(conn, None)
        routes = flows.routes(conn, run_id).to_pylist()
    finally:
        conn.close()
    imports = [r for r in routes if r["dispatch"] in ("HK", "CN")]
    assert imports and all(r["destination"] == "RU" for r in imports)
    export = [r for r in routes if r["dispatch"] == "RU"]
    assert [r["destination"] for r in export] == [None]  # the ЭК row is not defaulted
    assert "dt_import.csv" in report.read_text(encoding="utf-8")


def test_a_bad_assumption_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["screen", str(DT_IMPORT), "--assume",
                                      "destination_country=Narnia", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--assume" in result.output and "'Narnia' is not a recognized country" in result.output
