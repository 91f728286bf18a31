"""Alert triage: every decision appended to ``alert_events``, the alert's status updated with it.

Each decision is one transaction that also stamps the alert row, so two decisions on the same
alert can never both commit from the same starting point: DuckDB refuses the second as a write
conflict, which becomes a :class:`ConflictError` (HTTP 409) the client retries. The event time is
taken inside the transaction and kept strictly after the alert's previous event, so the audit log
read oldest-first always ends with the decision that set the alert's current status. Clients can
also make their change conditional on the version they saw (``If-Match`` with the alert's ETag).
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import duckdb

from cordon.errors import ConflictError, PreconditionFailed
from cordon.screen.run_store import require_alert, set_status

ALERT_STATUSES = ("open", "escalated", "dismissed", "confirmed")
NO_EVENT = "none"  # the version of an alert nobody has triaged yet
_T = TypeVar("_T")


def alert_etag(last_event_id: str | None) -> str:
    """The strong ETag of an alert: the id of its latest audit event (every change adds one)."""
    return f'"{last_event_id or NO_EVENT}"'


def record_decision(
    conn: duckdb.DuckDBPyConnection,
    alert_id: str,
    *,
    analyst: str,
    status: str | None,
    note: str | None,
    if_match: str | None = None,
) -> str:
    """Append one audit event (and set the alert's status when given); returns the event id.

    One transaction: the event, the status and the alert's ``updated_at`` change together, or
    not at all. Raises :class:`cordon.screen.run_store.UnknownAlert`,
    :class:`PreconditionFailed` when ``if_match`` (an ETag, or ``*``) no longer names the
    alert's latest version, and :class:`ConflictError` when a concurrent decision on the same
    alert committed first. Earlier events are never modified.
    """
    if status is not None and status not in ALERT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(ALERT_STATUSES)}, not {status!r}")
    event_id = uuid.uuid4().hex
    conn.execute("BEGIN TRANSACTION")
    try:
        require_alert(conn, alert_id)
        last = conn.execute(
            'SELECT event_id, "at" FROM alert_events WHERE alert_id = ? '
            'ORDER BY "at" DESC, event_id DESC LIMIT 1',
            [alert_id],
        ).fetchone()
        if if_match is not None and if_match.strip() != "*":
            current = alert_etag(last[0] if last else None)
            if current not in (tag.strip().removeprefix("W/") for tag in if_match.split(",")):
                raise PreconditionFailed(
                    f"alert {alert_id} changed since you read it (now {current}); reload it"
                )
        now = datetime.now(UTC).replace(tzinfo=None)
        if last is not None and now <= last[1]:  # a clock step back must not reorder the log
            now = last[1] + timedelta(microseconds=1)
        conn.execute(
            'INSERT INTO alert_events (event_id, alert_id, "at", analyst, status, note) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [event_id, alert_id, now, analyst.strip(), status, note],
        )
        set_status(conn, status, now, alert_id=alert_id)
        conn.execute("COMMIT")
    except duckdb.TransactionException as exc:
        _rollback(conn)
        raise ConflictError(
            f"alert {alert_id} was changed by someone else at the same moment; try again"
        ) from exc
    except BaseException:
        _rollback(conn)
        raise
    return event_id


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back, tolerating a transaction DuckDB has already aborted."""
    with contextlib.suppress(duckdb.Error):
        conn.execute("ROLLBACK")
