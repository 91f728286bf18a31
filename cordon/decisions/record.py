"""Take a standing decision: on one pair, or on every party-match pair of an alert."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cordon.decisions.apply import apply_decisions
from cordon.decisions.model import Decision, DecisionError, insert, new_decision, transaction
from cordon.screen.run_store import pairs_of_alerts, require_alert


@dataclass(frozen=True)
class Outcome:
    """Decisions recorded and alerts whose status they changed."""

    decisions: list[Decision]
    alerts_changed: int


def alert_pairs(conn: duckdb.DuckDBPyConnection, alert_id: str) -> list[tuple[str, str, str]]:
    """(party name as written, list, entity id) of every party match of one alert."""
    require_alert(conn, alert_id)
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
