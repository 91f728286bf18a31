"""Take a standing decision: on one pair, or on every party-match pair of an alert."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from cordon.decisions.apply import apply_decisions
from cordon.decisions.model import Decision, DecisionError, insert, new_decision, transaction
from cordon.errors import NotFoundError


class UnknownAlertError(NotFoundError, LookupError):
    """No alert has this id."""


@dataclass(frozen=True)
class Outcome:
    """Decisions recorded and alerts whose status they changed."""

    decisions: list[Decision]
    alerts_changed: int


def pairs_of_alerts(
    conn: duckdb.DuckDBPyConnection, selection: str, params: list[Any] | None = None
) -> list[tuple[str, str, str]]:
    """Distinct (party as written, list, entity id) of the party matches of selected alerts.

    ``selection`` is SQL yielding an ``alert_id`` column (a table name or a SELECT).
    """
    rows = conn.execute(
        f"""
        SELECT DISTINCT CASE x->>'role' WHEN 'exporter' THEN r.exporter_name
                        ELSE r.importer_name END AS party, x->>'list', x->>'entity_id'
        FROM (SELECT run_id, record_id,
                     unnest(CAST(json_extract(reasons, '$[*]') AS JSON[])) AS x
              FROM alerts WHERE alert_id IN (SELECT alert_id FROM {selection})) a
        JOIN records r ON r.run_id = a.run_id AND r.record_id = a.record_id
        WHERE x->>'kind' = 'party_match'
        ORDER BY 2, 3, 1
        """,
        params or [],
    ).fetchall()
    return [(str(p), str(d), str(e)) for p, d, e in rows if p]


def alert_pairs(conn: duckdb.DuckDBPyConnection, alert_id: str) -> list[tuple[str, str, str]]:
    """(party name as written, list, entity id) of every party match of one alert."""
    found = conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", [alert_id]).fetchone()
    if found is None:
        raise UnknownAlertError(f"No such alert: {alert_id}")
    return pairs_of_alerts(conn, "(SELECT ? AS alert_id)", [alert_id])


def decide(
    conn: duckdb.DuckDBPyConnection,
    pairs: list[tuple[str, str, str]],
    *,
    status: str,
    analyst: str,
    note: str | None,
    alert_id: str | None = None,
) -> Outcome:
    """Record one decision per (party name, list, entity id) pair, then apply them everywhere."""
    if not pairs:
        raise DecisionError("no party-match pair to decide on: the alert has no party match")
    decisions = [
        new_decision(conn, party_name=party, dataset=dataset, entity_id=entity_id,
                     status=status, analyst=analyst, note=note, alert_id=alert_id)
        for party, dataset, entity_id in pairs
    ]  # fmt: skip
    with transaction(conn, "recording a decision"):
        for decision in decisions:
            insert(conn, decision)
    changed = sum(
        apply_decisions(conn, dataset=d.list, entity_id=d.entity_id)
        for d in {(d.list, d.entity_id): d for d in decisions}.values()
    )
    return Outcome(decisions=decisions, alerts_changed=changed)


def decide_on_alert(
    conn: duckdb.DuckDBPyConnection,
    alert_id: str,
    *,
    status: str,
    analyst: str,
    note: str | None,
) -> Outcome:
    """A standing decision on every party-match pair of one alert."""
    return decide(conn, alert_pairs(conn, alert_id), status=status, analyst=analyst, note=note,
                  alert_id=alert_id)  # fmt: skip
