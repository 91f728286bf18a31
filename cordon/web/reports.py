"""A run's report charts for the web app, built by :mod:`cordon.analytics.report`."""

from __future__ import annotations

from typing import Any

import duckdb

from cordon.i18n import _


def chart_titles() -> dict[str, str]:
    """The web page's chart titles in the current language."""
    return {
        "chpl_by_month": _("CHPL goods value by tier and month (USD)"),
        "routes": _("Top routes: origin → dispatch → destination (hubs marked)"),
        "currency_share": _("Settlement currency share by month"),
        "alert_network": _("Alerted exporter → importer flows"),
    }


def chart_notes() -> dict[str, str]:
    """What to know to read a chart in the current language (direction, mainly)."""
    return {
        "routes": _("The flow reads from left to right in every language: origin, then the "
                    "country of dispatch, then the destination; hubs are amber."),
    }


def chart_config() -> dict[str, Any]:
    """plotly's configuration of the page's charts, in the current language."""
    from cordon.analytics.charts import plotly_config  # plotly: imported only for a report

    return plotly_config()


def run_charts(
    conn: duckdb.DuckDBPyConnection, run_id: str
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The run's headline figures and its charts as plotly JSON, in report order."""
    from cordon.analytics import report  # plotly figures: imported only when a report is shown

    tables = report.collect_tables(conn, run_id)
    headline_rows = tables["headline"].to_pylist()
    headline = headline_rows[0] if headline_rows else {}
    figures = report.build_figures(tables)
    titles, notes = chart_titles(), chart_notes()
    charts = [
        {
            "id": name,
            "title": titles.get(name, name.replace("_", " ")),
            "note": notes.get(name, ""),
            "json": figure.to_json(),
        }
        for name, figure in figures.items()
    ]
    return headline, charts
