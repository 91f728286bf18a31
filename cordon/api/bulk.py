"""Bulk triage: one status and note for every alert of a run that a listing's filter selects.

Set-based and in one transaction: one audit event per alert (the same analyst, status and
note), statuses updated together, so the log never disagrees with the alerts. With
``standing``, a standing decision is also recorded on every party pair of the selection
(:mod:`cordon.decisions`), which then reaches the same pairs in other runs and future runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cordon.api.queries import AlertFilter
from cordon.decisions.model import now, transaction
from cordon.decisions.record import decide
from cordon.screen.run_store import ALERTS_WITH_RECORDS, pairs_of_alerts, set_status


@dataclass(frozen=True)
class BulkOutcome:
    """Alerts the filter selected and standing decisions recorded."""

    alerts: int
    decisions: int


def bulk_triage(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    flt: AlertFilter,
    *,
    analyst: str,
    status: str | None,
    note: str | None,
    standing: bool = False,
) -> BulkOutcome:
    """Triage every alert of ``run_id`` matching ``flt``; see the module docstring."""
    where, params = flt.where()
    stamp = now()
    with transaction(conn, "bulk triage"):
        conn.execute(
            "CREATE OR REPLACE TEMP TABLE _bulk AS "
            f"SELECT a.alert_id FROM {ALERTS_WITH_RECORDS} "
            f"WHERE a.run_id = ? AND {where}",
            [run_id, *params],
        )
        row = conn.execute(
            'INSERT INTO alert_events (event_id, alert_id, "at", analyst, status, note) '
            "SELECT replace(CAST(uuid() AS VARCHAR), '-', ''), alert_id, ?, ?, ?, ? FROM _bulk",
            [stamp, analyst.strip(), status, note],
        ).fetchone()
        if status is not None:
            set_status(conn, status, stamp, selection="_bulk")
        pairs = pairs_of_alerts(conn, "_bulk") if standing else []
        conn.execute("DROP TABLE _bulk")
    decided = 0
    if pairs and status is not None:
        decided = len(decide(conn, pairs, status=status, analyst=analyst, note=note).decisions)
    return BulkOutcome(alerts=int(row[0]) if row else 0, decisions=decided)
