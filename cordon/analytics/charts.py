"""Plotly figures of the report, one function per chart, each built from a table of :mod:`flows`.

The functions only shape data already aggregated in DuckDB, so the web app can reuse them on the
same tables (``figure.to_json()`` for the browser). Labels are in the current language
(:mod:`cordon.i18n`); in a right-to-left language time runs from right to left, the value axis
and legend sit on the right and the alert network puts exporters on the right. The Sankey keeps
origin → destination left to right in every language (plotly cannot mirror it); the report says so.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import plotly.graph_objects as go
import pyarrow as pa
import pycountry

from cordon.i18n import N_, _, current, formatting
from cordon.i18n.languages import locale
from cordon.jurisdictions import RESTRICTED_DESTINATIONS, TRANSSHIPMENT_HUBS

FONT = (
    "Inter, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', "
    "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', Tahoma, "
    "Helvetica, Arial, sans-serif"
)
TIER_COLORS: dict[str, str] = {
    "1": "#991b1b", "2": "#dc2626", "3.A": "#f97316", "3.B": "#f59e0b",
    "4.A": "#2563eb", "4.B": "#7c3aed",
}  # fmt: skip
CURRENCY_COLORS: dict[str, str] = {
    "CNY": "#dc2626", "USD": "#2563eb", "EUR": "#0d9488", "RUB": "#7c3aed", "other": "#9ca3af",
}  # fmt: skip
# The titles of the plotly mode bar's buttons cordon keeps (plotly.js's own English texts), given
# to plotly in the current language (``config.locales``). The "Share chart..." button, which
# uploads the chart to Plotly Cloud, is removed: screening data stays on the analyst's machine.
MODEBAR_TITLES = (
    N_("Download plot as a PNG"), N_("Zoom"), N_("Pan"), N_("Box Select"), N_("Lasso Select"),
    N_("Zoom in"), N_("Zoom out"), N_("Autoscale"), N_("Reset axes"), N_("Reset view"),
    N_("Double-click to zoom back out"),
)
LISTED_COLOR = "#dc2626"
PARTY_COLOR = "#475569"
HUB_COLOR = "#f59e0b"


def plotly_config(**extra: Any) -> dict[str, Any]:
    """plotly's configuration for the report's and the web app's charts: no logo, no lasso or box
    selection, no Plotly Cloud button, and the mode bar's titles in the current language."""
    code = current().code
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"],
        "locale": code,
        "locales": {code: {"dictionary": {title: _(title) for title in MODEBAR_TITLES}}},
        **extra,
    }


def _rtl() -> bool:
    return current().dir == "rtl"


def _label(text: str) -> str:
    """A chart label in the page's direction: plotly draws SVG text left to right, so Arabic
    labels are isolated right to left (U+2067 … U+2069) to keep words and numbers in order."""
    return f"\u2067{text}\u2069" if _rtl() else text


def _separators() -> str:
    """plotly's decimal and thousands marks for the current language (``.,`` / ``, `` / ``٫٬``)."""
    symbols = locale(current().code).number_symbols.get(formatting.numbering_system(), {})
    return f"{symbols.get('decimal', '.')}{symbols.get('group', ',')}"


def _digits_meta() -> dict[str, str]:
    """``layout.meta``: the digits chart-digits.js writes in ticks and hovers (Arabic-Indic in
    Arabic), or nothing when the language writes 0-9."""
    shown = formatting.digits("0123456789")
    return {"digits": shown} if shown != "0123456789" else {}


def _layout(
    figure: go.Figure, *, height: int = 380, margin: dict[str, int] | None = None,
    mirror_axes: bool = False, **extra: Any,
) -> go.Figure:
    """Apply the report's common look: white template, system font, tight margins, direction."""
    rtl = _rtl()
    figure.update_layout(
        template="plotly_white",
        height=height,
        font={"family": FONT, "size": 12, "color": "#1f2937"},
        margin=margin or ({"l": 20, "r": 80, "t": 30, "b": 50} if rtl and mirror_axes
                          else {"l": 60, "r": 20, "t": 30, "b": 50}),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02,
                "xanchor": "right" if rtl else "left", "x": 1 if rtl else 0},
        hoverlabel={"font": {"family": FONT}},
        separators=_separators(),
        meta=_digits_meta(),
        **extra,
    )
    if rtl and mirror_axes:
        # Time runs right to left and the values sit on the right; the axis title goes above the
        # axis (plotly lays a right-hand title over its tick labels).
        figure.update_xaxes(autorange="reversed")
        title = figure.layout.yaxis.title.text
        figure.update_yaxes(side="right", title_text=None)
        if title:
            figure.add_annotation(
                x=1, y=1.0, xref="paper", yref="paper", xanchor="right", yanchor="bottom",
                yshift=28, text=_label(title), showarrow=False, font={"size": 12},
            )
    return figure


def _nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks up to ``top``."""
    rough = max(top, 1.0) / ticks
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


def money_axis(top: float) -> dict[str, Any]:
    """A USD value axis from 0 to ``top``: round ticks written as the language writes amounts
    ($50K, 50 тыс. $, 5万美元, ٥٠ ألف دولار: CLDR's compact numbers), not plotly's SI ``k``."""
    if top <= 0:
        return {"tickvals": [0], "ticktext": [formatting.usd(0)]}
    step = _nice_step(top)
    values = [step * i for i in range(int(top // step) + 2)]
    return {"tickvals": values, "ticktext": [formatting.usd(v) for v in values]}


def percent_axis() -> dict[str, Any]:
    """A 0-100 % axis with the language's percent sign and digits (20%, 20 %, ٢٠٪)."""
    values = list(range(0, 101, 20))
    return {"tickvals": values, "ticktext": [formatting.percent(v / 100, 0) for v in values],
            "range": [0, 100]}


def _month_label(month: date) -> str:
    return formatting.short_month(month)


def _other_color(key: str, palette: dict[str, str]) -> str:
    return palette.get(key, "#64748b")


def chpl_by_month_figure(table: pa.Table) -> go.Figure:
    """Stacked bars of CHPL value (USD) per month, one colour per tier (undated rows left out)."""
    rows = [row for row in table.to_pylist() if row["month"] is not None]
    months = sorted({row["month"] for row in rows})
    labels = [_month_label(month) for month in months]
    figure = go.Figure()
    for tier in sorted({row["tier"] for row in rows}):
        by_month = {row["month"]: row for row in rows if row["tier"] == tier}
        figure.add_bar(
            name=_label(_("Tier %(tier)s") % {"tier": formatting.ltr(tier)}),
            x=labels,
            y=[by_month[m]["value_usd"] if m in by_month else 0 for m in months],
            customdata=[by_month[m]["records"] if m in by_month else 0 for m in months],
            marker_color=_other_color(tier, TIER_COLORS),
            hovertemplate="%{x} · " + _("tier %(tier)s") % {"tier": tier} + "<br>"
            + _("%(value)s in %(count)s records") % {
                "value": "$%{y:,.0f}", "count": "%{customdata:,}"}
            + "<extra></extra>",
        )
    totals: dict[date, float] = defaultdict(float)
    for row in rows:
        totals[row["month"]] += row["value_usd"] or 0
    figure.update_yaxes(**money_axis(max(totals.values(), default=0)))
    return _layout(
        figure, barmode="stack", yaxis_title=_("value (USD)"), xaxis_type="category",
        mirror_axes=True,
    )


def currency_share_figure(table: pa.Table) -> go.Figure:
    """Stacked area of each settlement currency's share (%) of monthly USD value."""
    rows = [row for row in table.to_pylist() if row["month"] is not None]
    figure = go.Figure()
    groups = list(dict.fromkeys(row["currency_group"] for row in rows))
    for group in groups:
        series = [row for row in rows if row["currency_group"] == group]
        figure.add_scatter(
            name=group if group != "other" else _label(_("other")),
            x=[_month_label(row["month"]) for row in series],
            y=[100 * (row["value_share"] or 0) for row in series],
            customdata=[[row["records"], row["value_usd"]] for row in series],
            mode="lines",
            stackgroup="share",
            line={"width": 0.5, "color": _other_color(group, CURRENCY_COLORS)},
            hovertemplate=group + " %{x}: "
            + _("%(share)s of value") % {"share": "%{y:.1f}%"} + "<br>"
            + _("%(value)s in %(count)s records") % {
                "value": "$%{customdata[1]:,.0f}", "count": "%{customdata[0]:,}"}
            + "<extra></extra>",
        )
    figure.update_yaxes(**percent_axis())
    return _layout(
        figure, yaxis_title=_("share of value (%)"), xaxis_type="category", mirror_axes=True,
    )


def _country(code: str | None) -> str:
    return code or _("unknown")


def routes_sankey_figure(table: pa.Table) -> go.Figure:
    """Sankey of origin → dispatch → destination USD value; hubs and Russia/Belarus highlighted."""
    routes = [row for row in table.to_pylist() if row["value_usd"] > 0]
    index: dict[tuple[str, str], int] = {}
    labels: list[str] = []
    hovers: list[str] = []
    colors: list[str] = []

    def node(stage: str, code: str | None) -> int:
        key = (stage, _country(code))
        if key not in index:
            index[key] = len(labels)
            labels.append(key[1])
            hovers.append(f"{country_name(code)} · {_stage_label(stage)}")
            colors.append(_node_color(stage, code))
        return index[key]

    links: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for row in routes:
        origin = node("origin", row["origin"])
        dispatch = node("dispatch", row["dispatch"])
        destination = node("destination", row["destination"])
        for pair in ((origin, dispatch), (dispatch, destination)):
            links[pair][0] += row["value_usd"]
            links[pair][1] += row["value_usd"] if row["via_hub"] else 0.0
    pairs = list(links)
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "customdata": hovers, "color": colors, "pad": 12,
                  "thickness": 18, "line": {"color": "#ffffff", "width": 0.5},
                  "hovertemplate": "%{customdata}<br>$%{value:,.0f}<extra></extra>"},
            link={
                "source": [source for source, _ in pairs],
                "target": [target for _, target in pairs],
                "value": [links[pair][0] for pair in pairs],
                "color": [_link_color(*links[pair]) for pair in pairs],
                "customdata": [f"{hovers[s]} → {hovers[t]}" for s, t in pairs],
                "hovertemplate": "%{customdata}<br>$%{value:,.0f}<extra></extra>",
            },
        )
    )
    stages = max(sum(1 for stage, _ in index if stage == name)
                 for name in ("origin", "dispatch", "destination")) if index else 1
    return _layout(
        figure, height=max(360, 30 * stages), margin={"l": 10, "r": 10, "t": 34, "b": 10},
        annotations=[
            {"x": x, "y": 1.0, "yref": "paper", "yanchor": "bottom", "xanchor": anchor,
             "text": f"<b>{title}</b>", "showarrow": False}
            for x, anchor, title in ((0, "left", _("origin") + " →"),
                                     (0.5, "center", _("dispatched from") + " →"),
                                     (1, "right", _("destination")))
        ],
    )


def _stage_label(stage: str) -> str:
    labels = {"origin": _("origin"), "dispatch": _("dispatch"),
              "destination": _("destination")}
    return labels.get(stage, stage)


def country_name(code: str | None) -> str:
    """``"KZ Kazakhstan"`` for an ISO alpha-2 code, the name in the current language."""
    if not code:
        return _("unknown")
    name = formatting.country(code)
    if name == code:
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            return code
        name = getattr(country, "common_name", None) or country.name
    return f"{code} {name}"


def _node_color(stage: str, code: str | None) -> str:
    if stage == "dispatch" and code in TRANSSHIPMENT_HUBS:
        return HUB_COLOR
    if stage == "destination" and code in RESTRICTED_DESTINATIONS:
        return LISTED_COLOR
    return "#64748b"


def _link_color(total: float, via_hub: float) -> str:
    return "rgba(245, 158, 11, 0.45)" if via_hub > total / 2 else "rgba(148, 163, 184, 0.35)"


def _column_positions(names: Sequence[str]) -> dict[str, float]:
    """Evenly spaced y positions from top (1) to bottom (0) in the given order."""
    if len(names) == 1:
        return {names[0]: 0.5}
    return {name: 1 - i / (len(names) - 1) for i, name in enumerate(names)}


def _ranked(pairs: Iterable[tuple[str, float]]) -> list[str]:
    totals: dict[str, float] = defaultdict(float)
    for name, weight in pairs:
        totals[name] += weight
    return sorted(totals, key=lambda name: (-totals[name], name))


def _barycentric_order(edges: list[dict[str, Any]], left: dict[str, float]) -> list[str]:
    """Importers ordered by the alert-weighted mean height of their exporters (fewer crossings)."""
    weight: dict[str, float] = defaultdict(float)
    height: dict[str, float] = defaultdict(float)
    for edge in edges:
        weight[edge["importer"]] += edge["alerts"]
        height[edge["importer"]] += edge["alerts"] * left[edge["exporter"]]
    return sorted(weight, key=lambda name: (-height[name] / weight[name], -weight[name], name))


def _matches_line(edge: dict[str, Any]) -> str:
    """The hover line of a flow's list matches: parties as written, "≈ NAME (list, score)"."""
    parts = [
        f"{edge[role]} {edge.get(role + '_match')}"
        for role in ("exporter", "importer") if edge.get(role + "_match")
    ]
    return "<br>" + "<br>".join(parts) if parts else ""


def alert_network_figure(table: pa.Table) -> go.Figure:
    """Bipartite network of alerted flows: exporters left (busiest on top), importers right.

    Listed parties and edges touching them are red; edge width grows with the alert count.
    """
    edges = table.to_pylist()
    for edge in edges:
        edge["exporter"] = edge["exporter"] or _("unknown")
        edge["importer"] = edge["importer"] or _("unknown")
    exporters = _ranked((e["exporter"], e["alerts"]) for e in edges)
    left = _column_positions(exporters)
    importers = _barycentric_order(edges, left)
    right = _column_positions(importers)
    most = max((e["alerts"] for e in edges), default=1)
    x_exp, x_imp = (1, 0) if _rtl() else (0, 1)
    figure = go.Figure()
    for edge in edges:
        listed = edge["exporter_listed"] or edge["importer_listed"]
        figure.add_scatter(
            x=[x_exp, x_imp], y=[left[edge["exporter"]], right[edge["importer"]]], mode="lines",
            line={"width": 1 + 5 * edge["alerts"] / most,
                  "color": "rgba(220, 38, 38, 0.55)" if listed else "rgba(100, 116, 139, 0.45)"},
            hoverinfo="skip", showlegend=False,
        )
    figure.add_scatter(
        x=[0.5] * len(edges),
        y=[(left[e["exporter"]] + right[e["importer"]]) / 2 for e in edges],
        mode="markers", marker={"size": 10, "opacity": 0}, showlegend=False,
        customdata=[[e["exporter"], e["importer"], e["alerts"], e["value_usd"], e["max_risk"],
                     _matches_line(e)] for e in edges],
        hovertemplate="%{customdata[0]} → %{customdata[1]}<br>"
        + _("%(alerts)s alerts, %(value)s, max risk %(risk)s") % {
            "alerts": "%{customdata[2]}", "value": "$%{customdata[3]:,.0f}",
            "risk": "%{customdata[4]:.2f}"}
        + "%{customdata[5]}<extra></extra>",
    )
    outer = ("middle right", "middle left") if _rtl() else ("middle left", "middle right")
    _add_party_nodes(figure, exporters, left, x_exp, {e["exporter"] for e in edges
                                                       if e["exporter_listed"]}, outer[0])
    _add_party_nodes(figure, importers, right, x_imp, {e["importer"] for e in edges
                                                        if e["importer_listed"]}, outer[1])
    rows = max(len(exporters), len(importers))
    pad = 0.5 / max(rows - 1, 1)
    return _layout(
        figure, height=max(320, 24 * rows + 60), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=False,
        xaxis={"visible": False, "range": [-0.9, 1.9], "fixedrange": True},
        yaxis={"visible": False, "range": [-pad, 1 + pad], "fixedrange": True},
        annotations=[
            {"x": x, "y": 1, "yref": "paper", "text": f"<b>{_label(title)}</b>", "showarrow": False,
             "yanchor": "bottom"}
            for x, title in ((x_exp, _("exporters")), (x_imp, _("importers")))
        ],
    )


def _add_party_nodes(
    figure: go.Figure, names: list[str], positions: dict[str, float], x: float,
    listed: set[str], text_position: str,
) -> None:
    """One marker trace for a column of parties, listed ones in red."""
    figure.add_scatter(
        x=[x] * len(names), y=[positions[name] for name in names], mode="markers+text",
        text=[_short(name) for name in names], textposition=text_position,
        hovertext=[_("%(name)s (listed)") % {"name": name} if name in listed else name
                   for name in names],
        hoverinfo="text", showlegend=False,
        marker={"size": 12, "line": {"width": 1, "color": "#ffffff"},
                "color": [LISTED_COLOR if name in listed else PARTY_COLOR for name in names]},
    )


def _short(name: str, width: int = 34) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
