"""`cordon report` and `cordon export` driven through the real CLI on the fixture run."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cordon.analytics import flows
from cordon.cli import app
from tests.analytics.fixture_run import RUN_ID

runner = CliRunner()


@pytest.fixture()
def store_on_disk(fixture_store: duckdb.DuckDBPyConnection) -> None:
    """The fixture run in CORDON_HOME's store, closed so the CLI can open it."""
    fixture_store.close()


def read_back_csv(path: Path, schema: pa.Schema) -> pa.Table:
    options = pa_csv.ConvertOptions(column_types=schema, strings_can_be_null=True)
    return pa_csv.read_csv(path, convert_options=options)


@pytest.mark.parametrize("name", sorted(flows.TABLES))
def test_export_round_trips_every_table(
    name: str, store_on_disk: None, cordon_home: Path, tmp_path: Path
) -> None:
    with duckdb.connect(str(cordon_home / "cordon.duckdb"), read_only=True) as conn:
        expected = flows.TABLES[name](conn, RUN_ID)
    assert expected.num_rows > 0
    csv_path, parquet_path = tmp_path / f"{name}.csv", tmp_path / f"{name}.parquet"
    for fmt, path in (("csv", csv_path), ("parquet", parquet_path)):
        result = runner.invoke(
            app, ["export", RUN_ID, "--table", name, "--format", fmt, "--out", str(path)]
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.strip().endswith(str(path))
    assert pq.read_table(parquet_path).equals(expected)
    assert read_back_csv(csv_path, expected.schema).equals(expected)


def test_export_default_path(
    store_on_disk: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", RUN_ID, "--table", "routes", "--format", "parquet"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "fixture-run-routes.parquet"
    assert result.stdout.strip() == str(written)
    assert pq.read_table(written).num_rows == 5


def test_export_unknown_table_lists_the_names(store_on_disk: None) -> None:
    result = runner.invoke(app, ["export", RUN_ID, "--table", "nope"])
    assert result.exit_code == 1
    assert "no report table 'nope'" in result.stderr and "currency_share" in result.stderr


def test_export_unknown_run(store_on_disk: None) -> None:
    result = runner.invoke(app, ["export", "missing-run", "--table", "routes"])
    assert result.exit_code == 1
    assert "no screening run 'missing-run'" in result.stderr


def test_export_bad_format_is_refused(store_on_disk: None) -> None:
    result = runner.invoke(app, ["export", RUN_ID, "--table", "routes", "--format", "xlsx"])
    assert result.exit_code == 2


def test_report_defaults_to_latest_finished_run(store_on_disk: None, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "r.html"
    result = runner.invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert "Run <code>fixture-run</code>" in html
    assert html.count("Plotly.newPlot(") == 4
    assert html.count("* plotly.js v") == 1  # the bundle is inlined exactly once
    assert "<script src=" not in html  # nothing loaded from elsewhere
    assert "/ui/party" not in html  # an offline file links nowhere unless asked


def test_report_links_parties_to_the_web_app_when_asked(
    store_on_disk: None, tmp_path: Path
) -> None:
    out = tmp_path / "linked.html"
    result = runner.invoke(app, ["report", "--out", str(out), "--link-to", "http://127.0.0.1:8000/"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a class="party-link" href="([^"]+)"', html)
    assert links and all(x.startswith("http://127.0.0.1:8000/ui/party?name=") for x in links)
    assert 'class="party-link"' in html[html.index('id="network-table"'):]


def test_report_of_named_run(store_on_disk: None, tmp_path: Path) -> None:
    out = tmp_path / "other.html"
    result = runner.invoke(app, ["report", "other-run", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Run <code>other-run</code>" in out.read_text(encoding="utf-8")


def test_report_on_empty_store_explains(cordon_home: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "no finished screening run" in result.stderr
    assert not (tmp_path / "r.html").exists()
