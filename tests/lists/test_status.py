"""Honest list status: publication date, age and the stale flag in the CLI, report and web app;
`lists remove` with its audit row; unknown dataset names refused with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cordon.analytics.report import build_report
from cordon.cli import app
from cordon.config import get_settings
from cordon.errors import UsageError
from cordon.lists.catalog import ListVersion, active_version
from cordon.lists.load import load_dataset
from cordon.lists.status import list_statuses, status_of
from cordon.store import connect
from tests.api.live import live_server

NOW = datetime(2026, 12, 4, 12, 0)
CORDON = Path(sys.executable).with_name("cordon")  # the installed console script
runner = CliRunner()


def _version(published: datetime | None, loaded: datetime = NOW) -> ListVersion:
    return ListVersion("us_ofac_sdn", "v1", "abc", published, loaded, None, 10, 20, True)


def test_age_counts_from_publication_else_from_load() -> None:
    fresh = status_of(_version(NOW - timedelta(days=3)), NOW, 7)
    assert (fresh.age_days, fresh.age_basis, fresh.stale) == (3, "published", False)
    old = status_of(_version(NOW - timedelta(days=8)), NOW, 7)
    assert (old.age_days, old.stale) == (8, True)
    assert "STALE" in old.describe()
    undated = status_of(_version(None, loaded=NOW - timedelta(days=30)), NOW, 7)
    assert (undated.age_days, undated.age_basis, undated.stale) == (30, "loaded", True)
    assert "publication date not stated" in undated.describe()


def test_stale_age_is_configurable(cordon_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_settings().list_stale_days == 7
    monkeypatch.setenv("CORDON_LIST_STALE_DAYS", "30")
    assert status_of(_version(NOW - timedelta(days=20)), NOW).stale is False
    monkeypatch.setenv("CORDON_LIST_STALE_DAYS", "soon")
    with pytest.raises(UsageError, match="CORDON_LIST_STALE_DAYS must be a whole number"):
        get_settings()


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run(
        [str(CORDON), *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def stale_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """A store with the real 2022 OFAC consolidated list loaded (stale by years)."""
    home = tmp_path_factory.mktemp("stale-home")
    conn = connect(home / "cordon.duckdb")
    try:
        xml = shared_data / "real-formats" / "ofac_xml"
        load_dataset(conn, "us_ofac_cons", [xml])
    finally:
        conn.close()
    return home


def test_cli_show_warns_of_stale_lists(
    stale_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(stale_home))
    monkeypatch.setenv("COLUMNS", "200")
    shown = runner.invoke(app, ["lists", "show"])
    assert shown.exit_code == 0, shown.output
    assert "2022-03-24" in shown.stdout and "STALE" in shown.stdout
    assert "warning: 1 list older than 7 days" in " ".join(shown.stderr.split())
    data = json.loads(runner.invoke(app, ["lists", "show", "--json"]).stdout)
    assert data[0]["dataset"] == "us_ofac_cons" and data[0]["stale"] is True
    assert data[0]["age_basis"] == "published" and data[0]["age_days"] > 365


def test_cli_refuses_unknown_dataset_before_reading(tmp_path: Path, cordon_home: Path) -> None:
    missing = tmp_path / "not-there.csv"  # never opened: the name is refused first
    result = _cli(tmp_path / "home", "lists", "load", "--dataset", "us_ofac_sd", str(missing))
    assert result.returncode == 2
    assert "unknown dataset 'us_ofac_sd'" in result.stderr
    assert "us_ofac_sdn" in result.stderr and "us_ofac_cons" in result.stderr
    assert "not-there" not in result.stderr
    update = runner.invoke(app, ["lists", "update", "eu_fs"])
    assert update.exit_code == 2 and "valid names: us_ofac_sdn" in update.stderr


def test_cli_remove_sample_list_with_audit_row(cordon_home: Path, fixtures_dir: Path) -> None:
    loaded = runner.invoke(app, ["lists", "load", str(fixtures_dir / "lists" / "ftm_small.jsonl")])
    assert loaded.exit_code == 0, loaded.output
    removed = runner.invoke(app, ["lists", "remove", "example_dataset", "--note", "demo list"])
    assert removed.exit_code == 0, removed.output
    assert "removed 1 version (" in " ".join(removed.stdout.split())
    again = runner.invoke(app, ["lists", "remove", "example_dataset"])
    assert again.exit_code == 2 and "is not loaded" in again.stderr
    conn = connect(cordon_home / "cordon.duckdb")
    try:
        assert conn.execute("SELECT count(*) FROM entities").fetchone() == (0,)
        event = conn.execute("SELECT action, dataset, versions, note FROM list_events").fetchall()
    finally:
        conn.close()
    assert event == [("remove", "example_dataset", 1, "demo list")]


def test_report_shows_the_lists_used_and_their_age(
    stale_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(stale_home))
    conn = connect(stale_home / "cordon.duckdb")
    try:
        version = active_version(conn, "us_ofac_cons")
        assert version is not None
        conn.execute(
            "INSERT INTO runs (run_id, input_path, started_at, status, lists)"
            " VALUES ('r-stale', 'x.csv', ?, 'done', ?)",
            [datetime(2022, 4, 3), json.dumps({"us_ofac_cons": version.version})],
        )
        statuses = list_statuses(conn, {"us_ofac_cons": version.version}, datetime(2022, 4, 3))
        assert [(s.age_days, s.stale) for s in statuses] == [(10, True)]
        html = build_report(conn, "r-stale", tmp_path / "r.html").read_text(encoding="utf-8")
    finally:
        conn.execute("DELETE FROM runs WHERE run_id = 'r-stale'")
        conn.close()
    assert "published 2022-03-24" in html
    assert "10 days old at screening" in html and "STALE" in html


def test_web_pages_show_list_age_and_stale_warning(stale_home: Path) -> None:
    with live_server(stale_home) as base, httpx.Client(base_url=base, timeout=30) as client:
        for page in ("/ui/", "/ui/search"):
            html = client.get(page).text
            assert "list-status is-stale" in html, page
            assert "us_ofac_cons" in html and "published 2022-03-24" in html
            assert "Stale list:" in html
