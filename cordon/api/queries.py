"""Read queries over screening runs and alerts, shared by the JSON API and the web pages.

Every filter is a bound parameter; no user input is ever formatted into SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import orjson

from cordon.analytics.fx import rates_sql
from cordon.screen.run_store import (
    ALERTS_WITH_RECORDS,
    alert_decision_id,
    alert_row,
    reason_keys,
    run_of_alert,
    stored_record,
)

_RUN_COLUMNS = (
    "run_id",
    "input_path",
    "started_at",
    "finished_at",
    "status",
    "progress",
    "input_rows",
    "screened",
    "rejected",
    "alerted",
    "threshold",
    "lists",
    "summary",
    "error",
)
_ALERT_COLUMNS = "a.alert_id, a.run_id, a.record_id, a.risk, a.status, a.updated_at, a.reasons"
_ALERT_FROM = f"FROM {ALERTS_WITH_RECORDS}"
# Record fields shown next to an alert in lists (the full record is on the detail page).
_SUMMARY_FIELDS = (
    "exporter_name",
    "exporter_country",
    "importer_name",
    "importer_country",
    "hs6",
    "description",
    "value",
    "currency",
    "date",
)


def _json(value: Any) -> Any:
    if isinstance(value, str | bytes):
        return orjson.loads(value)
    return value


def _without_paths(summary: Any) -> Any:
    """A run summary minus the server's file-system paths (``*_path``, ``*_dir``)."""
    if not isinstance(summary, dict):
        return summary
    return {k: v for k, v in summary.items() if not k.endswith(("_path", "_dir", "_file"))}


def _run_from_row(row: tuple[Any, ...], input_name: str | None) -> dict[str, Any]:
    data = dict(zip(_RUN_COLUMNS, row, strict=True))
    data["lists"] = _json(data["lists"])
    data["summary"] = _without_paths(_json(data["summary"]))
    data["input_name"] = input_name
    del data["input_path"]  # a server-side path: never shown to clients
    return data


def list_runs(
    conn: duckdb.DuckDBPyConnection, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Runs, newest first, with the uploaded file's original name when there was one."""
    total_row = conn.execute("SELECT count(*) FROM runs").fetchone()
    cols = ", ".join(f"r.{c}" for c in _RUN_COLUMNS)
    rows = conn.execute(
        f"SELECT {cols}, u.original_name FROM runs r LEFT JOIN uploads u USING (run_id) "
        "ORDER BY r.started_at DESC, r.run_id DESC LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    return (total_row[0] if total_row else 0), [_run_from_row(row[:-1], row[-1]) for row in rows]


def get_run(conn: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any] | None:
    """One run by id, or None."""
    cols = ", ".join(f"r.{c}" for c in _RUN_COLUMNS)
    row = conn.execute(
        f"SELECT {cols}, u.original_name FROM runs r LEFT JOIN uploads u USING (run_id) "
        "WHERE r.run_id = ?",
        [run_id],
    ).fetchone()
    return _run_from_row(row[:-1], row[-1]) if row else None


@dataclass(frozen=True)
class AlertFilter:
    """Filters of an alert listing; None means 'any'."""

    kind: str | None = None  # party_match, chpl, red_flag
    rule: str | None = None  # a red-flag rule id, e.g. RF-03
    list_name: str | None = None  # dataset of a party match, e.g. us_ofac_sdn
    min_risk: float | None = None
    party: str | None = None  # case-insensitive substring of exporter or importer name
    hs_chapter: str | None = None  # two digits
    status: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions (joined with AND) and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for path, value in (
            ("$[*].kind", self.kind),
            ("$[*].rule", self.rule),
            ("$[*].list", self.list_name),
        ):
            if value is not None:
                clauses.append(f"list_contains(json_extract_string(a.reasons, '{path}'), ?)")
                params.append(value)
        if self.min_risk is not None:
            clauses.append("a.risk >= ?")
            params.append(self.min_risk)
        if self.party:
            clauses.append(
                "(contains(lower(coalesce(r.exporter_name, '')), lower(?)) "
                "OR contains(lower(coalesce(r.importer_name, '')), lower(?)))"
            )
            params.extend([self.party, self.party])
        if self.hs_chapter is not None:
            clauses.append("left(r.hs6, 2) = ?")
            params.append(self.hs_chapter)
        if self.status is not None:
            clauses.append("a.status = ?")
            params.append(self.status)
        return (" AND ".join(clauses) or "TRUE"), params


def _alert_from_row(row: tuple[Any, ...]) -> dict[str, Any]:
    alert_id, run_id, record_id, risk, status, updated_at, reasons = row[:7]
    data: dict[str, Any] = {
        "alert_id": alert_id,
        "run_id": run_id,
        "record_id": record_id,
        "risk": risk,
        "status": status,
        "updated_at": updated_at,
        "reasons": _json(reasons),
    }
    if len(row) > 7:
        data["record"] = dict(zip(_SUMMARY_FIELDS, row[7:], strict=True))
    return data


# Orders of an alert listing (``sort=``); every one ends on the alert id, so it is total.
# "value" ranks by US dollars at each currency's latest rate in cordon.analytics.fx.
ALERT_SORTS: dict[str, str] = {
    "risk": "a.risk DESC, a.alert_id",
    "date": "r.date DESC NULLS LAST, a.risk DESC, a.alert_id",
    "value": "r.value * fx.rate DESC NULLS LAST, a.risk DESC, a.alert_id",
    "party": "lower(r.exporter_name) NULLS LAST, lower(r.importer_name) NULLS LAST, a.alert_id",
}
_FX_JOIN = (
    f" LEFT JOIN (SELECT currency, arg_max(usd_per_unit, year) AS rate FROM {rates_sql()} "
    "GROUP BY currency) fx ON fx.currency = upper(trim(r.currency))"
)


def _order(sort: str) -> tuple[str, str]:
    """(extra join, ORDER BY body) of a sort name; ValueError for an unknown one."""
    if sort not in ALERT_SORTS:
        raise ValueError(f"sort must be one of {', '.join(ALERT_SORTS)}, not {sort!r}")
    return (_FX_JOIN if sort == "value" else ""), ALERT_SORTS[sort]


def alerts_page(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    flt: AlertFilter,
    limit: int,
    offset: int,
    sort: str = "risk",
) -> tuple[int, list[dict[str, Any]]]:
    """One page of a run's alerts in ``sort`` order (riskiest first by default), and the total."""
    where, params = flt.where()
    join, order = _order(sort)
    total_row = conn.execute(
        f"SELECT count(*) {_ALERT_FROM} WHERE a.run_id = ? AND {where}", [run_id, *params]
    ).fetchone()
    summary = ", ".join(f"r.{c}" for c in _SUMMARY_FIELDS)
    rows = conn.execute(
        f"SELECT {_ALERT_COLUMNS}, {summary} {_ALERT_FROM}{join} WHERE a.run_id = ? AND {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [run_id, *params, limit, offset],
    ).fetchall()
    return (total_row[0] if total_row else 0), [_alert_from_row(row) for row in rows]


def alert_neighbours(
    conn: duckdb.DuckDBPyConnection,
    alert_id: str,
    flt: AlertFilter | None = None,
    sort: str = "risk",
) -> dict[str, Any] | None:
    """Previous and next alert of the same run in a listing's filter and order, and position.

    None when the alert is not in the filtered listing.
    """
    where, params = (flt or AlertFilter()).where()
    join, order = _order(sort)
    run_id = run_of_alert(conn, alert_id)
    if run_id is None:
        return None
    row = conn.execute(
        f"SELECT previous, next, position, total FROM (SELECT a.alert_id, "
        f"lag(a.alert_id) OVER w AS previous, lead(a.alert_id) OVER w AS next, "
        f"row_number() OVER w AS position, count(*) OVER () AS total {_ALERT_FROM}{join} "
        f"WHERE a.run_id = ? AND {where} "
        f"WINDOW w AS (ORDER BY {order})) WHERE alert_id = ?",
        [run_id, *params, alert_id],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("previous", "next", "position", "total"), row, strict=True))


def alert_events(conn: duckdb.DuckDBPyConnection, alert_id: str) -> list[dict[str, Any]]:
    """An alert's audit log, oldest first."""
    rows = conn.execute(
        'SELECT event_id, "at", analyst, status, note FROM alert_events WHERE alert_id = ? '
        'ORDER BY "at", event_id',
        [alert_id],
    ).fetchall()
    keys = ("event_id", "at", "analyst", "status", "note")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def get_alert(conn: duckdb.DuckDBPyConnection, alert_id: str) -> dict[str, Any] | None:
    """One alert with its full record and its audit log, or None."""
    row = alert_row(conn, alert_id, _ALERT_COLUMNS)
    if row is None:
        return None
    alert = _alert_from_row(row)
    alert["record"] = stored_record(conn, alert["run_id"], alert["record_id"])
    alert["events"] = alert_events(conn, alert_id)
    alert["decision"] = standing_decision(conn, alert_id)
    return alert


def standing_decision(conn: duckdb.DuckDBPyConnection, alert_id: str) -> dict[str, Any] | None:
    """The standing decision whose status an alert carries, or None."""
    decision_id = alert_decision_id(conn, alert_id)
    if decision_id is None:
        return None
    cur = conn.execute("SELECT * FROM decisions WHERE decision_id = ?", [decision_id])
    row = cur.fetchone()
    names = [d[0] for d in cur.description] if cur.description else []
    return dict(zip(names, row, strict=True)) if row else None


def reason_facets(conn: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, list[str]]:
    """Distinct reason kinds, rules and lists of a run's alerts, for filter menus."""
    rows = reason_keys(conn, run_id)
    return {
        "kinds": sorted({r[0] for r in rows if r[0]}),
        "rules": sorted({r[1] for r in rows if r[1]}),
        "lists": sorted({r[2] for r in rows if r[2]}),
    }
