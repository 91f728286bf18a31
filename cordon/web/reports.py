"""A run's report charts for the web app, built by :mod:`cordon.analytics.report`."""

from __future__ import annotations

from typing import Any

import duckdb

CHART_TITLES = {
    "chpl_by_month": "CHPL goods value by tier and month (USD)",
    "routes": "Top routes: origin → dispatch → destination (hubs marked)",
    "currency_share": "Settlement currency share by month",
    "alert_network": "Alerted exporter → importer flows",
}


def run_charts(
    conn: duckdb.DuckDBPyConnection, run_id: str
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The run's headline figures and its charts as plotly JSON, in report order."""
    from cordon.analytics import report  # plotly figures: imported only when a report is shown

    tables = report.collect_tables(conn, run_id)
    headline_rows = tables["headline"].to_pylist()
    headline = headline_rows[0] if headline_rows else {}
    figures = report.build_figures(tables)
    charts = [
        {
            "id": name,
            "title": CHART_TITLES.get(name, name.replace("_", " ")),
            "json": figure.to_json(),
        }
        for name, figure in figures.items()
    ]
    return headline, charts
