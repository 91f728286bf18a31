"""The one reader of a run's screened records and alerts, and the one writer of alert statuses.

A stored run is two tables: ``records`` (every screened record of the run) and ``alerts`` (the
alerted ones, with their reasons and triage status). Triage, bulk triage, standing decisions,
the downloads, the "what changed" page and ``cordon rescreen`` all ask the same few questions of
them — an alert beside its record, whether an alert exists (:class:`UnknownAlert` if not), how
many a run has, the party-match pairs of some alerts — and set statuses the same way; they ask
here, so the join, the statements and the "no such alert" error are written once
(``tests/test_store_readers.py`` keeps it so). Writing a run is :mod:`cordon.screen.persist`;
the API's listings and filters are :mod:`cordon.api.queries`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from cordon.errors import NotFoundError
from cordon.partykey import party_key_sql
from cordon.screen.alerts import assumed_json_sql
from cordon.store import registered

ALERTS_WITH_RECORDS = (
    "alerts a LEFT JOIN records r ON r.run_id = a.run_id AND r.record_id = a.record_id"
)
"""FROM item of every alert (``a``) beside its screened record (``r``; NULLs if not stored)."""

RECORDS_WITH_ALERTS = (
    "records r LEFT JOIN alerts a ON a.run_id = r.run_id AND a.record_id = r.record_id"
)
"""FROM item of every screened record (``r``) beside its alert (``a``; NULLs if not alerted)."""


def alerted_records(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    columns: str,
    *,
    order: str,
    limit: int | None = None,
) -> list[tuple[Any, ...]]:
    """``columns`` (SQL over ``a`` and ``r``) of every alert of ``run_id``, in ``order``."""
    sql = f"SELECT {columns} FROM {ALERTS_WITH_RECORDS} WHERE a.run_id = ? ORDER BY {order}"
    params: list[Any] = [run_id]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return conn.execute(sql, params).fetchall()


class UnknownAlert(NotFoundError, LookupError):
    """No alert has this id."""


def require_alert(conn: duckdb.DuckDBPyConnection, alert_id: str) -> None:
    """Raise :class:`UnknownAlert` unless an alert has this id."""
    if conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", [alert_id]).fetchone() is None:
        raise UnknownAlert(f"No such alert: {alert_id}")


def alert_count(conn: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """How many alerts the run has."""
    row = conn.execute("SELECT count(*) FROM alerts WHERE run_id = ?", [run_id]).fetchone()
    return int(row[0]) if row else 0


def set_status(
    conn: duckdb.DuckDBPyConnection,
    status: str | None,
    at: datetime,
    *,
    alert_id: str | None = None,
    selection: str | None = None,
) -> None:
    """Set the status (kept when ``status`` is None) and ``updated_at`` of one alert, or of
    every alert whose id ``selection`` yields (SQL with an ``alert_id`` column: a table name
    or a SELECT). The caller holds the transaction that records the matching audit events."""
    if (alert_id is None) == (selection is None):
        raise ValueError("give exactly one of alert_id and selection")
    if alert_id is not None:
        where, params = "alert_id = ?", [alert_id]
    else:
        where, params = f"alert_id IN (SELECT alert_id FROM {selection})", []
    conn.execute(
        f"UPDATE alerts SET status = coalesce(?, status), updated_at = ? WHERE {where}",
        [status, at, *params],
    )


def _party_matches(alerts: str) -> str:
    """SQL of each party match of the alerts in relation ``alerts`` (with ``alert_id``,
    ``run_id``, ``record_id``, ``reasons``): ``alert_id``, ``run_id``, ``list``, ``entity_id``
    and ``party``, the record's exporter or importer as written."""
    return f"""
        SELECT i.alert_id, i.run_id, i.x->>'list' AS list, i.x->>'entity_id' AS entity_id,
               CASE i.x->>'role' WHEN 'exporter' THEN r.exporter_name
                    ELSE r.importer_name END AS party
        FROM (SELECT alert_id, run_id, record_id,
                     unnest(CAST(json_extract(reasons, '$[*]') AS JSON[])) AS x
              FROM {alerts}) i
        JOIN records r ON r.run_id = i.run_id AND r.record_id = i.record_id
        WHERE i.x->>'kind' = 'party_match'
    """


def pairs_of_alerts(
    conn: duckdb.DuckDBPyConnection, selection: str, params: list[Any] | None = None
) -> list[tuple[str, str, str]]:
    """Distinct (party as written, list, entity id) of the party matches of selected alerts.

    ``selection`` is SQL yielding an ``alert_id`` column (a table name or a SELECT).
    """
    chosen = f"(SELECT * FROM alerts WHERE alert_id IN (SELECT alert_id FROM {selection}))"
    rows = conn.execute(
        f"SELECT DISTINCT m.party, m.list, m.entity_id FROM ({_party_matches(chosen)}) m "
        "ORDER BY 2, 3, 1",
        params or [],
    ).fetchall()
    return [(str(p), str(d), str(e)) for p, d, e in rows if p]


def run_of_alert(conn: duckdb.DuckDBPyConnection, alert_id: str) -> str | None:
    """The run an alert belongs to, or None when no alert has this id."""
    row = conn.execute("SELECT run_id FROM alerts WHERE alert_id = ?", [alert_id]).fetchone()
    return str(row[0]) if row else None


def alert_row(
    conn: duckdb.DuckDBPyConnection, alert_id: str, columns: str
) -> tuple[Any, ...] | None:
    """``columns`` (SQL over the alert, alias ``a``) of one alert, or None."""
    return conn.execute(
        f"SELECT {columns} FROM alerts a WHERE a.alert_id = ?", [alert_id]
    ).fetchone()


def stored_record(
    conn: duckdb.DuckDBPyConnection, run_id: str, record_id: str
) -> dict[str, Any] | None:
    """One screened record of a run, every stored column by name, or None."""
    cur = conn.execute(
        "SELECT * FROM records WHERE run_id = ? AND record_id = ?", [run_id, record_id]
    )
    row = cur.fetchone()
    names = [d[0] for d in cur.description] if cur.description else []
    return dict(zip(names, row, strict=True)) if row else None


def alert_decision_id(conn: duckdb.DuckDBPyConnection, alert_id: str) -> str | None:
    """The standing decision whose status an alert carries (None: none, or no such alert)."""
    row = conn.execute(
        "SELECT decision_id FROM alerts WHERE alert_id = ?", [alert_id]
    ).fetchone()
    return str(row[0]) if row and row[0] is not None else None


def reason_keys(
    conn: duckdb.DuckDBPyConnection, run_id: str
) -> list[tuple[str | None, str | None, str | None]]:
    """Distinct (kind, rule, list) of the reasons of a run's alerts (None where absent)."""
    rows = conn.execute(
        "SELECT DISTINCT json_extract_string(x, '$.kind'), json_extract_string(x, '$.rule'), "
        "json_extract_string(x, '$.list') FROM (SELECT unnest(CAST(reasons AS JSON[])) AS x "
        "FROM alerts WHERE run_id = ?)",
        [run_id],
    ).fetchall()
    return [(k, r, d) for k, r, d in rows]


def parties_named(
    conn: duckdb.DuckDBPyConnection, text: str, limit: int
) -> list[tuple[Any, ...]]:
    """(name, country, tax id, shipments) of the stored records' parties whose name contains
    ``text`` (case-insensitive), exporters and importers alike, most shipments first."""
    return conn.execute(
        """
        SELECT name, country, tax_id, count(*) AS shipments FROM (
            SELECT exporter_name AS name, exporter_country AS country, NULL AS tax_id
            FROM records WHERE contains(lower(exporter_name), lower($q))
            UNION ALL
            SELECT importer_name, importer_country, importer_tax_id
            FROM records WHERE contains(lower(importer_name), lower($q)))
        GROUP BY ALL ORDER BY shipments DESC, name LIMIT $limit
        """,
        {"q": text, "limit": limit},
    ).fetchall()


def set_decided_statuses(conn: duckdb.DuckDBPyConnection, outcome: str, at: datetime) -> None:
    """Set status, ``decision_id`` and ``updated_at`` of the alerts named in table ``outcome``
    (columns ``alert_id``, ``status``, ``decision_id``): standing decisions applied. The caller
    holds the transaction that records the matching audit events."""
    conn.execute(
        "UPDATE alerts SET status = o.status, decision_id = o.decision_id, updated_at = ? "
        f"FROM {outcome} o WHERE alerts.alert_id = o.alert_id",
        [at],
    )


DECISION_SCOPE = "_decision_scope"
"""Temp table of :func:`stage_decision_scope`: the alerts in scope (``alert_id``, ``run_id``,
``record_id``, ``reasons``, ``status``, ``decision_id``)."""
DECISION_PAIRS = "_decision_pairs"
"""Temp table of :func:`stage_decision_scope`: each party-match pair of those alerts
(``alert_id``, ``run_id``, ``list``, ``entity_id``, ``party_key``)."""


def stage_decision_scope(
    conn: duckdb.DuckDBPyConnection,
    *,
    run_id: str | None = None,
    dataset: str | None = None,
    entity_id: str | None = None,
) -> None:
    """Stage the alerts standing decisions apply to, and their party-match pairs, as the temp
    tables :data:`DECISION_SCOPE` and :data:`DECISION_PAIRS` (dropped by
    :func:`drop_decision_scope`).

    Scope: the alerts with a party match — of one run (``run_id``), whose reasons name
    ``dataset`` and/or ``entity_id``, or all. A pair's party is the record's exporter or importer
    as written, keyed by :func:`cordon.partykey.party_key_sql`.
    """
    clauses = ["contains(CAST(a.reasons AS VARCHAR), '\"party_match\"')", "TRUE"]
    params: dict[str, Any] = {}
    if run_id is not None:
        clauses.append("a.run_id = $run_id")
        params["run_id"] = run_id
    if entity_id is not None:
        clauses.append("contains(CAST(a.reasons AS VARCHAR), $entity_id)")
        params["entity_id"] = entity_id
    if dataset is not None:
        clauses.append("contains(CAST(a.reasons AS VARCHAR), $dataset)")
        params["dataset"] = dataset
    conn.execute(
        f"CREATE OR REPLACE TEMP TABLE {DECISION_SCOPE} AS "
        "SELECT alert_id, run_id, record_id, reasons, status, decision_id FROM alerts a "
        f"WHERE {' AND '.join(clauses)}",
        params,
    )
    conn.execute(
        f"CREATE OR REPLACE TEMP TABLE {DECISION_PAIRS} AS "
        "SELECT m.alert_id, m.run_id, m.list, m.entity_id, "
        f"{party_key_sql('m.party')} AS party_key "
        f"FROM ({_party_matches(DECISION_SCOPE)}) m"
    )


def drop_decision_scope(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop the temp tables of :func:`stage_decision_scope`."""
    conn.execute(f"DROP TABLE IF EXISTS {DECISION_PAIRS}")
    conn.execute(f"DROP TABLE IF EXISTS {DECISION_SCOPE}")


def parties_of_runs(
    conn: duckdb.DuckDBPyConnection, run_ids: list[str]
) -> list[tuple[str, str, str | None, str | None]]:
    """The distinct parties of some runs' records: (role, name, country, tax id), exporters
    (no tax id) and importers, empty names left out."""
    rows = conn.execute(
        """
        SELECT DISTINCT 'exporter' AS role, exporter_name AS name, exporter_country AS country,
               NULL::VARCHAR AS tax_id
        FROM records WHERE run_id IN (SELECT unnest($runs)) AND coalesce(exporter_name, '') <> ''
        UNION
        SELECT DISTINCT 'importer', importer_name, importer_country, importer_tax_id
        FROM records WHERE run_id IN (SELECT unnest($runs)) AND coalesce(importer_name, '') <> ''
        """,
        {"runs": run_ids},
    ).fetchall()
    return [(str(r), str(n), c, t) for r, n, c, t in rows]


def records_of_parties(
    conn: duckdb.DuckDBPyConnection, run_ids: list[str], parties: pa.Table
) -> list[tuple[str, str, str, int, str]]:
    """(run id, record id, role, party, alert reasons as JSON text or ``[]``) of the records of
    ``run_ids`` whose exporter or importer is one of ``parties`` (columns ``party`` (an int
    key), ``role``, ``name``, ``country``, ``tax_id``; importers also by tax id), in run and
    line order."""
    with registered(conn, "_run_store_parties", parties):
        return conn.execute(
            """
            SELECT r.run_id, r.record_id, p.role, p.party,
                   coalesce(CAST(a.reasons AS VARCHAR), '[]') AS reasons
            FROM records r
            JOIN _run_store_parties p ON (
                (p.role = 'exporter' AND r.exporter_name = p.name
                 AND r.exporter_country IS NOT DISTINCT FROM p.country)
                OR (p.role = 'importer' AND r.importer_name = p.name
                    AND r.importer_country IS NOT DISTINCT FROM p.country
                    AND r.importer_tax_id IS NOT DISTINCT FROM p.tax_id))
            LEFT JOIN alerts a ON a.run_id = r.run_id AND a.record_id = r.record_id
            WHERE r.run_id IN (SELECT unnest($runs))
            ORDER BY r.run_id, r.line, p.role
            """,
            {"runs": run_ids},
        ).fetchall()


def hit_records(
    conn: duckdb.DuckDBPyConnection, keys: pa.Table
) -> list[tuple[str, str, float | None, str, bool, str | None]]:
    """The stored records named by ``keys`` (columns ``source_run``, ``record_id``), in run and
    line order: (run id, record id, risk, alert reasons as JSON text or ``[]``, whether the
    record id is repeated across the runs, the assumed values as JSON or None)."""
    with registered(conn, "_run_store_hits", keys):
        return conn.execute(
            f"""
            SELECT r.run_id, r.record_id, r.risk, coalesce(CAST(a.reasons AS VARCHAR), '[]'),
                   count(*) OVER (PARTITION BY r.record_id) > 1 AS repeated,
                   {assumed_json_sql("r")} AS assumed
            FROM records r JOIN _run_store_hits h
              ON h.source_run = r.run_id AND h.record_id = r.record_id
            LEFT JOIN alerts a ON a.run_id = r.run_id AND a.record_id = r.record_id
            ORDER BY r.run_id, r.line
            """
        ).fetchall()
