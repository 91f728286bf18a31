"""The report builder, its charts and its narrative on the fixture run and on edge cases."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from cordon.analytics import charts, flows
from cordon.analytics.narrative import MIN_MONTH_RECORDS, currency_share_change
from cordon.analytics.report import build_report, collect_tables
from cordon.i18n import formatting
from tests.analytics.fixture_run import RUN_ID


def share_table(
    rows: list[tuple[date | None, str, float | None, float | None]], records: int = 1
) -> pa.Table:
    return pa.Table.from_pylist([
        {"month": m, "currency_group": g, "records": records, "value_usd": 1.0, "value_share": v,
         "record_share": r} for m, g, v, r in rows
    ])


def test_cny_sentence_compares_first_and_last_month() -> None:
    table = share_table([
        (date(2022, 1, 1), "CNY", 0.1, 0.2), (date(2022, 1, 1), "USD", 0.9, 0.8),
        (date(2023, 6, 1), "CNY", 0.9, 0.9),
        (date(2024, 12, 1), "CNY", 0.4, 0.5), (None, "CNY", 1.0, 1.0),
    ], records=40)
    change = currency_share_change(table)
    assert change is not None
    assert (change.first_month, change.last_month) == (date(2022, 1, 1), date(2024, 12, 1))
    assert change.sentence() == (
        "CNY settled 10.0% of shipment value in January 2022 (80 shipments) and 40.0% in "
        "December 2024 (40 shipments): the share rose by 30.0 percentage points between these "
        "two single months of the 3 in the file (by number of shipments: 20.0% → 50.0%)."
    )


def test_cny_sentence_is_suppressed_below_the_minimum_sample() -> None:
    table = share_table([(date(2022, 1, 1), "CNY", 0.1, 0.2), (date(2022, 2, 1), "CNY", 0.9, 0.9)],
                        records=MIN_MONTH_RECORDS - 1)
    change = currency_share_change(table)
    assert change is not None and not change.enough
    assert change.sentence() == (
        f"CNY share of settlement not compared: January 2022 has {MIN_MONTH_RECORDS - 1} "
        f"shipments and February 2022 {MIN_MONTH_RECORDS - 1}, fewer than the "
        f"{MIN_MONTH_RECORDS} a month needs for a share to be meaningful."
    )


def test_cny_sentence_needs_two_dated_months() -> None:
    assert currency_share_change(share_table([(date(2022, 1, 1), "CNY", 0.1, 0.2),
                                              (None, "CNY", 1.0, 1.0)])) is None


@pytest.mark.parametrize(("value", "text"), [
    (None, "–"), (950, "$950"), (20515.4, "$20.5K"), (1_234_567, "$1.23M"), (4.5e9, "$4.5B"),
])
def test_format_usd(value: float | None, text: str) -> None:
    assert formatting.usd(value) == text


def test_sankey_marks_hubs_and_restricted_destinations(
    fixture_store: duckdb.DuckDBPyConnection,
) -> None:
    figure = charts.routes_sankey_figure(flows.routes(fixture_store, RUN_ID))
    sankey = figure.data[0]
    colors = dict(zip(sankey.node.customdata, sankey.node.color, strict=True))
    assert colors["HK Hong Kong · dispatch"] == charts.HUB_COLOR
    assert colors["KZ Kazakhstan · dispatch"] == charts.HUB_COLOR
    assert colors["DE Germany · dispatch"] != charts.HUB_COLOR
    assert colors["RU Russia · destination"] == charts.LISTED_COLOR
    # CN→CN (5 records valued 8417.4) + CN→HK (5000): origin CN carries 13417.4 to dispatch
    flows_out = [v for s, v in zip(sankey.link.source, sankey.link.value, strict=True)
                 if sankey.node.customdata[s] == "CN China · origin"]
    assert sum(flows_out) == pytest.approx(13417.4)


def test_network_layout_is_deterministic_and_uncrossed(
    fixture_store: duckdb.DuckDBPyConnection,
) -> None:
    table = flows.alert_network(fixture_store, RUN_ID)
    first, second = charts.alert_network_figure(table), charts.alert_network_figure(table)
    assert first.to_json() == second.to_json()
    exporters, importers = first.data[-2], first.data[-1]
    left = dict(zip(exporters.text, exporters.y, strict=True))
    right = dict(zip(importers.text, importers.y, strict=True))
    # Harbin and Shenzhen have 3 alerts each (ties broken by name), Astana 1: top to bottom
    assert left["Harbin Avionics"] > left["Shenzhen Parts"] > left["Astana Import"]
    # Rostec (listed) only trades with the top exporter, so it sits above Ural Trade
    assert right["Rostec Avia"] > right["Ural Trade"]
    assert "Rostec" not in right  # parties as written, never the listed entity's caption
    assert list(exporters.marker.color) == [charts.PARTY_COLOR, charts.PARTY_COLOR,
                                            charts.LISTED_COLOR]


def test_chpl_chart_leaves_out_undated_records(fixture_store: duckdb.DuckDBPyConnection) -> None:
    figure = charts.chpl_by_month_figure(flows.chpl_by_tier_month(fixture_store, RUN_ID))
    tier1 = next(trace for trace in figure.data if trace.name == "Tier 1")
    assert list(tier1.x) == ["2023-01", "2023-02", "2024-03"]
    assert list(tier1.y) == [5000.0, 2824.0, 2000.0]  # r9 (undated, $139) is not plotted


def test_report_states_its_figures(
    fixture_store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    html = build_report(fixture_store, RUN_ID, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "$20.5K" in html and "$14.4K" in html  # total and CHPL value
    assert "of 14 input rows · 2 rejected" in html
    assert "<b>Tier 3.B</b>$3K · 1 records · 1 alerted" in html
    assert "1 records in currencies without a reference rate" in html
    # June 2022 has one shipment, March 2024 five: below the minimum sample, no share sentence
    assert ("CNY share of settlement not compared: June 2022 has 1 shipments and March 2024 5,"
            " fewer than the 30 a month needs") in html
    assert "CNY settled" not in html
    assert "fixture-run.csv" in html and "/data/" not in html  # file name, never a local path
    assert "cordon_sample v1" in html and "threshold <code>0.80</code>" in html
    assert "All 7 alerts." in html


def test_report_of_an_empty_run(fixture_store: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    fixture_store.execute(
        "INSERT INTO runs (run_id, input_path, started_at, status)"
        " VALUES (?, 'empty.csv', ?, 'done')",
        ["empty-run", datetime(2025, 1, 1)],
    )
    tables = collect_tables(fixture_store, "empty-run")
    assert tables["headline"].to_pylist()[0]["records"] == 0
    html = build_report(fixture_store, "empty-run", tmp_path / "e.html").read_text(encoding="utf-8")
    assert "No CHPL goods in this run." in html and "No alerts in this run." in html
    assert "Plotly.newPlot(" not in html


def test_alert_cap_is_stated(
    fixture_store: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(flows.TABLES, "alerts", lambda conn, run: flows.alerts(conn, run, limit=3))
    html = build_report(fixture_store, RUN_ID, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "The 3 highest-risk of 7 alerts" in html
