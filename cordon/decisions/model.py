"""Recording and reading standing decisions on (party as written, listed entity) pairs."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from cordon.errors import ConflictError, LimitError
from cordon.lists.catalog import ACTIVE_ENTITIES
from cordon.partykey import party_key

# What a standing decision can say; "open" withdraws an earlier decision on the pair.
DECISION_STATUSES = ("dismissed", "confirmed", "escalated", "open")
DECISION_COLUMNS = (
    "decision_id", "party_key", "party_name", "list", "entity_id", "fingerprint", "status",
    "analyst", "note", "decided_at", "alert_id",
)  # fmt: skip

# sha256 of a listed entity as one list version holds it (schema, caption, properties).
FINGERPRINT_SQL = "sha256(concat_ws('|', e.schema, e.caption, CAST(e.properties AS VARCHAR)))"


class DecisionError(LimitError, ValueError):
    """A decision that cannot be recorded (unknown status, missing party or entity): HTTP 422."""


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection, what: str) -> Iterator[None]:
    """One transaction: committed at the end, rolled back on any error; a write conflict
    with a concurrent change becomes :class:`ConflictError` (HTTP 409) naming ``what``."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except duckdb.TransactionException as exc:
        _rollback(conn)
        raise ConflictError(f"{what} met a concurrent change to the same alerts; retry") from exc
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back, tolerating a transaction DuckDB has already aborted."""
    with contextlib.suppress(duckdb.Error):
        conn.execute("ROLLBACK")


@dataclass(frozen=True)
class Decision:
    """One row of the ``decisions`` table."""

    decision_id: str
    party_key: str
    party_name: str
    list: str
    entity_id: str
    fingerprint: str | None
    status: str
    analyst: str
    note: str | None
    decided_at: datetime
    alert_id: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (ISO timestamp)."""
        data = asdict(self)
        data["decided_at"] = self.decided_at.isoformat()
        return data


def now() -> datetime:
    """Naive UTC timestamp, as the store keeps them."""
    return datetime.now(UTC).replace(tzinfo=None)


def current_fingerprint(
    conn: duckdb.DuckDBPyConnection, dataset: str, entity_id: str
) -> str | None:
    """Fingerprint of a listed entity (by the list's own id) in the dataset's active version."""
    row = conn.execute(
        f"SELECT {FINGERPRINT_SQL} FROM {ACTIVE_ENTITIES} "
        "WHERE e.dataset = ? AND e.source_id = ? ORDER BY e.id LIMIT 1",
        [dataset, entity_id],
    ).fetchone()
    return str(row[0]) if row else None


def check(status: str, party_name: str, dataset: str, entity_id: str, analyst: str) -> None:
    """Raise :class:`DecisionError` for a decision missing a field or with an unknown status."""
    if status not in DECISION_STATUSES:
        raise DecisionError(
            f"status must be one of {', '.join(DECISION_STATUSES)}, not {status!r}"
        )
    for field, value in (("party_name", party_name), ("list", dataset),
                         ("entity_id", entity_id), ("analyst", analyst)):  # fmt: skip
        if not value or not value.strip():
            raise DecisionError(f"{field} is required")


def insert(conn: duckdb.DuckDBPyConnection, decision: Decision) -> None:
    """Append one decision row (the caller owns the transaction)."""
    row = decision.to_dict()
    row["decided_at"] = decision.decided_at
    conn.execute(
        f"INSERT INTO decisions ({', '.join(DECISION_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in DECISION_COLUMNS)})",
        [row[column] for column in DECISION_COLUMNS],
    )


def new_decision(
    conn: duckdb.DuckDBPyConnection,
    *,
    party_name: str,
    dataset: str,
    entity_id: str,
    status: str,
    analyst: str,
    note: str | None = None,
    alert_id: str | None = None,
    fingerprint: str | None = None,
) -> Decision:
    """A checked decision on a pair, fingerprinting the entity's active version unless given."""
    check(status, party_name, dataset, entity_id, analyst)
    return Decision(
        decision_id=uuid.uuid4().hex,
        party_key=party_key(conn, party_name),
        party_name=party_name.strip(),
        list=dataset,
        entity_id=entity_id,
        fingerprint=fingerprint or current_fingerprint(conn, dataset, entity_id),
        status=status,
        analyst=analyst.strip(),
        note=note,
        decided_at=now(),
        alert_id=alert_id,
    )


def list_decisions(
    conn: duckdb.DuckDBPyConnection, *, in_force_only: bool = False
) -> list[Decision]:
    """Every decision oldest first, or only the newest per pair that is not withdrawn."""
    columns = ", ".join(DECISION_COLUMNS)
    if in_force_only:
        sql = (
            f"SELECT {columns} FROM decisions QUALIFY row_number() OVER (PARTITION BY party_key, "
            "list, entity_id ORDER BY decided_at DESC, decision_id DESC) = 1 AND status <> 'open' "
            "ORDER BY decided_at, decision_id"
        )
    else:
        sql = f"SELECT {columns} FROM decisions ORDER BY decided_at, decision_id"
    return [Decision(*row) for row in conn.execute(sql).fetchall()]
