"""The analyst's report: one self-contained HTML file (plotly.js inlined once) per screening run."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
import pyarrow as pa
from jinja2 import Environment, PackageLoader, select_autoescape
from plotly.offline import get_plotlyjs

from cordon import __version__
from cordon.analytics import charts, flows
from cordon.analytics.narrative import currency_share_change
from cordon.jurisdictions import RESTRICTED_DESTINATIONS, TRANSSHIPMENT_HUBS
from cordon.lists.status import ListStatus, run_list_statuses

_PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def format_usd(value: float | None) -> str:
    """A compact dollar amount: ``$950``, ``$20.5k``, ``$1.23M``, ``$4.50B``."""
    if value is None:
        return "–"
    for size, suffix, digits in ((1e9, "B", 2), (1e6, "M", 2), (1e3, "k", 1)):
        if abs(value) >= size:
            return f"${value / size:,.{digits}f}{suffix}"
    return f"${value:,.0f}"


def format_count(value: int | float | None) -> str:
    """A count with thousands separators, or a dash for missing."""
    return "–" if value is None else f"{value:,.0f}"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cordon.analytics", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["usd"] = format_usd
    env.filters["count"] = format_count
    return env


def _chart_html(name: str, figure: go.Figure) -> str:
    """A figure as an HTML fragment that relies on the page's single inlined plotly.js."""
    return str(
        figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{name}",
            config=_PLOTLY_CONFIG,
            default_width="100%",
            default_height=f"{figure.layout.height or 380}px",
        )
    )


def _json_for_script(payload: Any) -> str:
    """JSON safe to place inside a ``<script>`` element."""
    text = json.dumps(payload, default=_json_default, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


_ALERT_COLUMNS = (
    "alert_id", "record_id", "date", "exporter", "exporter_country", "importer",
    "importer_country", "hs6", "chpl_tier", "origin", "dispatch", "destination", "value",
    "currency", "value_usd", "category", "risk", "status", "reason_kinds", "reasons",
)  # fmt: skip


def collect_tables(conn: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, pa.Table]:
    """Every report table of :data:`flows.TABLES` for one run."""
    return {name: function(conn, run_id) for name, function in flows.TABLES.items()}


def build_figures(tables: Mapping[str, pa.Table]) -> dict[str, go.Figure]:
    """The report's charts from its tables; a chart with no data is left out."""
    builders = {
        "chpl_by_month": ("chpl_by_tier_month", charts.chpl_by_month_figure),
        "routes": ("routes", charts.routes_sankey_figure),
        "currency_share": ("currency_share", charts.currency_share_figure),
        "alert_network": ("alert_network", charts.alert_network_figure),
    }
    return {
        name: build(tables[source])
        for name, (source, build) in builders.items()
        if _has_chart_data(name, tables[source])
    }


def _has_chart_data(name: str, table: pa.Table) -> bool:
    rows = table.to_pylist()
    if name in ("chpl_by_month", "currency_share"):
        return any(row["month"] is not None and row["value_usd"] > 0 for row in rows)
    if name == "routes":
        return any(row["value_usd"] > 0 for row in rows)
    return bool(rows)


def render_report(
    run_id: str, tables: Mapping[str, pa.Table], lists: Sequence[ListStatus] = ()
) -> str:
    """The report's HTML for tables already computed by :func:`collect_tables`; ``lists``: the
    publication date, age and staleness of the list versions the run screened against."""
    [headline] = tables["headline"].to_pylist()
    figures = build_figures(tables)
    alerts = tables["alerts"].select(list(_ALERT_COLUMNS)).to_pylist()
    change = currency_share_change(tables["currency_share"])
    return _environment().get_template("report.html.j2").render(
        run_id=run_id,
        version=__version__,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        headline=headline,
        tiers=tables["chpl_by_tier"].to_pylist(),
        routes=tables["routes"].to_pylist(),
        exporters=tables["top_exporters"].to_pylist(),
        importers=tables["top_importers"].to_pylist(),
        network_edges=tables["alert_network"].num_rows,
        categories=tables["story_categories"].to_pylist(),
        run_lists=tables["run_lists"].to_pylist(),
        charts={name: _chart_html(name, figure) for name, figure in figures.items()},
        currency_sentence=change.sentence() if change else None,
        alerts_json=_json_for_script(alerts),
        alerts_shown=len(alerts),
        limits={"routes": flows.TOP_ROUTES, "parties": flows.TOP_PARTIES,
                "network": flows.TOP_NETWORK_EDGES, "alerts": flows.MAX_ALERT_ROWS},
        hubs=", ".join(sorted(TRANSSHIPMENT_HUBS)),
        restricted=", ".join(sorted(RESTRICTED_DESTINATIONS)),
        near_miss_margin=flows.NEAR_MISS_MARGIN,
        near_miss_rule=flows.NEAR_MISS_RULE,
        plotly_js=get_plotlyjs(),
        lists=lists,
    )


def build_report(conn: duckdb.DuckDBPyConnection, run_id: str | None, out_path: Path) -> Path:
    """Write the self-contained HTML report of ``run_id`` (latest finished run when None).

    Returns the path written. Raises :class:`cordon.analytics.errors.UnknownRunError` for a run
    that is not in the store.
    """
    resolved = flows.resolve_run(conn, run_id)
    html = render_report(
        resolved, collect_tables(conn, resolved), run_list_statuses(conn, resolved)
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return out_path
