"""Read-only questions about the store's list versions: what is loaded, what is active.

This is the one place that says which stored entities are "listed now" (``ACTIVE_ENTITIES``):
the API, the screening, the decisions and the matcher's preload all read through it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import duckdb


@dataclass(frozen=True)
class ListVersion:
    """One loaded version of a dataset, as recorded in ``list_versions``."""

    dataset: str
    version: str
    checksum: str
    published_at: datetime | None
    loaded_at: datetime
    source: str | None
    entity_count: int
    name_count: int
    active: bool

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (timestamps as ISO 8601 strings)."""
        data = asdict(self)
        for key in ("published_at", "loaded_at"):
            data[key] = data[key].isoformat() if data[key] is not None else None
        return data


ACTIVE_ENTITIES = (
    "entities e JOIN list_versions v "
    "ON v.dataset = e.dataset AND v.version = e.version AND v.active"
)
"""FROM item of the entities in active list versions, aliased ``e`` (add your own WHERE)."""



def entity_names(ids_sql: str) -> str:
    """SELECT of ``id, caption, dataset, source_id`` for each FtM entity id that ``ids_sql`` (a
    subquery) gives, over every stored version: how a run's matched entities are named after
    their list moved on (an id keeps its entity across versions; the least caption when they
    differ)."""
    return (
        "SELECT id, min(caption) AS caption, min(dataset) AS dataset, min(source_id) AS source_id "
        f"FROM entities WHERE id IN ({ids_sql}) GROUP BY id"
    )


_COLUMNS = (
    "dataset, version, checksum, published_at, loaded_at, source, entity_count, name_count, active"
)


def versions(conn: duckdb.DuckDBPyConnection, dataset: str | None = None) -> list[ListVersion]:
    """Every loaded version (of ``dataset``, or of all datasets), oldest first."""
    sql = f"SELECT {_COLUMNS} FROM list_versions"
    params: list[object] = []
    if dataset is not None:
        sql += " WHERE dataset = ?"
        params.append(dataset)
    rows = conn.execute(sql + " ORDER BY dataset, loaded_at, version", params).fetchall()
    return [ListVersion(*row) for row in rows]


def active_versions(conn: duckdb.DuckDBPyConnection) -> list[ListVersion]:
    """The active version of every dataset, by dataset name."""
    return [v for v in versions(conn) if v.active]


def active_version(conn: duckdb.DuckDBPyConnection, dataset: str) -> ListVersion | None:
    """The active version of ``dataset``, or None when it was never loaded."""
    return next((v for v in versions(conn, dataset) if v.active), None)


def count_active_entities(conn: duckdb.DuckDBPyConnection) -> int:
    """How many entities the active list versions hold (every schema, links included)."""
    row = conn.execute(f"SELECT count(*) FROM {ACTIVE_ENTITIES}").fetchone()
    return int(row[0]) if row else 0
