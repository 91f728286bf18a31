"""Alert triage: every decision appended to ``alert_events``, the alert's status updated with it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import duckdb

ALERT_STATUSES = ("open", "escalated", "dismissed", "confirmed")


class UnknownAlert(LookupError):
    """No alert has this id."""


def record_decision(
    conn: duckdb.DuckDBPyConnection,
    alert_id: str,
    *,
    analyst: str,
    status: str | None,
    note: str | None,
) -> str:
    """Append one audit event (and set the alert's status when given); returns the event id.

    The event and the status change are one transaction, so the log never disagrees with the
    alert. Earlier events are never modified.
    """
    if status is not None and status not in ALERT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(ALERT_STATUSES)}, not {status!r}")
    event_id = uuid.uuid4().hex
    now = datetime.now(UTC).replace(tzinfo=None)
    conn.execute("BEGIN TRANSACTION")
    try:
        found = conn.execute("SELECT 1 FROM alerts WHERE alert_id = ?", [alert_id]).fetchone()
        if found is None:
            raise UnknownAlert(alert_id)
        conn.execute(
            'INSERT INTO alert_events (event_id, alert_id, "at", analyst, status, note) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [event_id, alert_id, now, analyst.strip(), status, note],
        )
        if status is not None:
            conn.execute(
                "UPDATE alerts SET status = ?, updated_at = ? WHERE alert_id = ?",
                [status, now, alert_id],
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return event_id
