"""`cordon screen` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cordon.cli import app

runner = CliRunner()


def test_screen_writes_the_three_files_and_prints_a_summary(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["screen", str(fixtures_dir / "screen" / "shipments.csv"), "--out", str(out),
              "--lists", "cordon_sample", "--threshold", "0.85"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "alerted" in result.output and "alerts.jsonl" in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["thresholds"]["party_match"] == 0.85
    assert summary["input_rows"] == 6
    assert (out / "alerts.jsonl").stat().st_size > 0 and (out / "rejects.csv").exists()


def test_screen_with_a_column_map(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    folder = fixtures_dir / "screen"
    result = runner.invoke(
        app, ["screen", str(folder / "odd_headers.csv"), "--out", str(tmp_path),
              "--columns", str(folder / "odd_headers.columns.yaml")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert [a["record_id"] for a in alerts] == ["X-1"]
    parties = [r for r in alerts[0]["reasons"] if r["kind"] == "party_match"]
    assert parties[0]["entity_id"] == "sinno-electronics"


def test_unknown_list_is_a_clear_error(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    result = runner.invoke(
        app, ["screen", str(fixtures_dir / "screen" / "shipments.csv"), "--out", str(tmp_path),
              "--lists", "no_such_list"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "no_such_list" in result.output


def test_missing_input_file_is_a_clear_error(
    sample_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    result = runner.invoke(app, ["screen", str(tmp_path / "nope.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope.csv" in result.output
