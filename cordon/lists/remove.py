"""Removing a dataset from the store on purpose (e.g. the demo's sample list beside real lists).

Every version of the dataset goes, in one transaction, and an audit row is appended to
``list_events`` (when, who, what, how many entities stopped being screened).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from cordon.errors import UsageError
from cordon.lists.catalog import versions


@dataclass(frozen=True)
class RemoveResult:
    """What ``remove_dataset`` deleted."""

    dataset: str
    versions: int
    entity_count: int | None  # listed entities of the active version that was removed
    at: datetime
    actor: str


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def remove_dataset(
    conn: duckdb.DuckDBPyConnection, dataset: str, note: str | None = None
) -> RemoveResult:
    """Delete every version of ``dataset`` and record it; UsageError for an unknown name."""
    found = versions(conn, dataset)
    if not found:
        loaded = sorted({v.dataset for v in versions(conn)})
        raise UsageError(
            f"dataset {dataset!r} is not loaded; loaded datasets: {', '.join(loaded) or 'none'}"
        )
    active = next((v for v in found if v.active), None)
    result = RemoveResult(
        dataset=dataset,
        versions=len(found),
        entity_count=active.entity_count if active else None,
        at=datetime.now(UTC).replace(tzinfo=None),
        actor=_actor(),
    )
    conn.execute("BEGIN TRANSACTION")
    try:
        for table in ("entities", "names", "list_versions"):
            conn.execute(f"DELETE FROM {table} WHERE dataset = ?", [dataset])
        conn.execute(
            'INSERT INTO list_events ("at", action, dataset, versions, entity_count, actor, note) '
            "VALUES (?, 'remove', ?, ?, ?, ?, ?)",
            [result.at, dataset, result.versions, result.entity_count, result.actor, note],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return result
