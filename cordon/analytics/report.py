"""The analyst's report: one self-contained HTML file (plotly.js inlined once) per screening run."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import plotly.graph_objects as go
import pyarrow as pa
from jinja2 import Environment, PackageLoader, select_autoescape
from plotly.offline import get_plotlyjs

from cordon import __version__
from cordon.analytics import charts, flows
from cordon.analytics.narrative import currency_share_change
from cordon.i18n import Language, _, current, formatting, jinja, pgettext, use_language
from cordon.i18n.labels import (
    category_label,
    party_status_label,
    reason_kind_label,
    status_label,
)
from cordon.i18n.reasons import reason_text
from cordon.jurisdictions import RESTRICTED_DESTINATIONS, TRANSSHIPMENT_HUBS
from cordon.lists.status import ListStatus, run_list_statuses
from cordon.names.translit import romanize
from cordon.settings import NEAR_MISS_MARGIN

# The web app's script that writes chart digits per language, inlined so the report stays one file.
_CHART_DIGITS_JS = Path(__file__).resolve().parent.parent / "web" / "static" / "chart-digits.js"


def _environment() -> Environment:
    env = jinja.install(
        Environment(
            loader=PackageLoader("cordon.analytics", "templates"),
            autoescape=select_autoescape(["html", "j2"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    )
    env.filters["count"] = formatting.number
    env.filters["score"] = lambda v: formatting.number(v, 2)
    env.filters["status"] = status_label
    env.filters["party_status"] = party_status_label
    env.filters["reason_kind"] = reason_kind_label
    env.filters["category"] = category_label
    env.filters["latin"] = romanize
    return env


def _js_messages() -> dict[str, Any]:
    """What the report's alert-table script shows, in the current language."""
    return {
        "number_locale": formatting.js_locale(),
        "usd": pgettext("money", "$%(amount)s") % {"amount": "{amount}"},
        "more": _("{count} more"),
        "count": _("{shown} of {total} alerts"),
        "page": _("page {page} of {pages}"),
        "no_match": _("No alert matches the filter."),
        "kinds": {kind: reason_kind_label(kind) for kind in ("party_match", "chpl", "red_flag")},
        "statuses": {s: status_label(s) for s in ("open", "escalated", "dismissed", "confirmed")},
    }


def _chart_html(name: str, figure: go.Figure) -> str:
    """A figure as an HTML fragment that relies on the page's single inlined plotly.js."""
    return str(
        figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{name}",
            config=charts.plotly_config(),
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


def _watermark(run_id: str, status: str) -> str:
    """A banner over every page of a report of an unfinished run, in the current language."""
    text = _(
        "PARTIAL: run %(run)s is %(status)s, not finished. These figures cover only the records "
        "it had written and are not a screening result."
    ) % {"run": formatting.ltr(escape(run_id)), "status": escape(status_label(status))}
    return (
        '<div role="alert" style="position:sticky;top:0;z-index:99;background:#b91c1c;'
        f'color:#fff;padding:10px 16px;font-weight:600;text-align:center">{text}</div>'
    )


def _alert_rows(table: pa.Table) -> list[dict[str, Any]]:
    """The alert table's rows with their reasons as sentences in the current language, and the
    Latin transliteration of party names written in another script."""
    rows = table.select([*_ALERT_COLUMNS, "reasons_json"]).to_pylist()
    for row in rows:
        for role in ("exporter", "importer"):  # names in other scripts: their Latin reading too
            name = row[role]
            if name and romanize(name) != name:
                row[f"{role}_latin"] = romanize(name)
        reasons = json.loads(row.pop("reasons_json") or "[]")
        if current().code != "en":
            row["reasons_text"] = "; ".join(reason_text(reason) for reason in reasons)
    return rows


def render_report(
    run_id: str,
    tables: Mapping[str, pa.Table],
    lists: Sequence[ListStatus] = (),
    language: Language | str | None = None,
    *,
    party_links: str | None = None,
) -> str:
    """The report's HTML for tables already computed by :func:`collect_tables`; ``lists``: the
    publication date, age and staleness of the list versions the run screened against.

    ``language`` (a code or :class:`Language`) defaults to the current one (``CORDON_LANG``);
    ``party_links``: the party page's URL, to link the parties of the tables (see build_report).
    """
    with use_language(language if language is not None else current()):
        return _render(run_id, tables, lists, party_links)


def partial_party_url(base: str | None) -> Callable[..., str | None]:
    """:func:`party_url` bound to ``base`` (for the template)."""
    return lambda name, country=None: party_url(base, name, country)


def party_url(base: str | None, name: str | None, country: str | None = None) -> str | None:
    """The party page of a party as written (its country when it declares one), or None."""
    if not base or not name:
        return None
    query = {"name": name}
    if country and len(country) == 2:  # "CN, HK": a party declaring several countries
        query["country"] = country
    return f"{base}?{urlencode(query)}"


def _render(
    run_id: str,
    tables: Mapping[str, pa.Table],
    lists: Sequence[ListStatus],
    party_links: str | None = None,
) -> str:
    [headline] = tables["headline"].to_pylist()
    figures = build_figures(tables)
    alerts = _alert_rows(tables["alerts"])
    change = currency_share_change(tables["currency_share"])
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            run_id=run_id,
            version=__version__,
            generated_at=formatting.ltr(
                formatting.digits(datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
            ),
            headline=headline,
            tiers=tables["chpl_by_tier"].to_pylist(),
            routes=tables["routes"].to_pylist(),
            exporters=tables["top_exporters"].to_pylist(),
            importers=tables["top_importers"].to_pylist(),
            network_edges=tables["alert_network"].num_rows,
            network=tables["alert_network"].select(["exporter", "importer", "alerts"]).to_pylist(),
            party_url=partial_party_url(party_links),
            categories=tables["story_categories"].to_pylist(),
            run_lists=tables["run_lists"].to_pylist(),
            charts={name: _chart_html(name, figure) for name, figure in figures.items()},
            currency_sentence=change.sentence() if change else None,
            alerts_json=_json_for_script(alerts),
            alerts_shown=len(alerts),
            limits={
                "routes": flows.TOP_ROUTES,
                "parties": flows.TOP_PARTIES,
                "network": flows.TOP_NETWORK_EDGES,
                "alerts": flows.MAX_ALERT_ROWS,
            },
            hubs=sorted(TRANSSHIPMENT_HUBS),
            restricted=sorted(RESTRICTED_DESTINATIONS),
            near_miss_margin=formatting.number(NEAR_MISS_MARGIN, 2),
            near_miss_rule=flows.NEAR_MISS_RULE,
            js_messages=_js_messages(),
            plotly_js=get_plotlyjs(),
            chart_digits_js=_CHART_DIGITS_JS.read_text(encoding="utf-8"),
            lists=lists,
        )
    )


def build_report(
    conn: duckdb.DuckDBPyConnection,
    run_id: str | None,
    out_path: Path,
    language: Language | str | None = None,
    *,
    partial: bool = False,
    party_links: str | None = None,
) -> Path:
    """Write the self-contained HTML report of ``run_id`` (latest finished run when None).

    ``language`` defaults to the current one (``CORDON_LANG``). ``party_links`` (the URL of
    the web app's party page, e.g. ``/ui/party``) links every party of the report's tables to
    its page; without it the file has no link out. Returns the path written. Raises
    :class:`cordon.analytics.errors.UnknownRunError` for a run that is not in the store and
    :class:`~cordon.analytics.errors.UnfinishedRunError` for one that is running or failed,
    unless ``partial``: the report then carries a watermark.
    """
    resolved = flows.resolve_run(conn, run_id)
    status = flows.require_finished(conn, resolved, partial)
    html = render_report(
        resolved, collect_tables(conn, resolved), run_list_statuses(conn, resolved), language,
        party_links=party_links,
    )
    if status != "done":  # right after the opening <body ...> tag
        with use_language(language if language is not None else current()):
            banner = _watermark(resolved, status)
        html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, html, count=1)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html, encoding="utf-8")
    return out_path
