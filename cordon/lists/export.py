"""Write a stored list version back out as FollowTheMoney JSON lines (OpenSanctions-compatible)."""

from __future__ import annotations

from typing import TextIO

import duckdb
import orjson

from cordon.i18n import N_, Message
from cordon.lists import catalog
from cordon.lists.errors import NOT_LOADED, ListLoadError

BATCH = 5_000


def export_ftm(
    conn: duckdb.DuckDBPyConnection, dataset: str, out: TextIO, version: str | None = None
) -> int:
    """Write every entity of ``version`` (default: active) to ``out``; returns the entity count.

    Each line carries ``target`` (screened party or context) and ``datasets`` (the entity's
    own, as its source named them, else the stored dataset), as OpenSanctions exports do.
    """
    if version is None:
        active = catalog.active_version(conn, dataset)
        if active is None:
            raise ListLoadError(dataset, Message(NOT_LOADED))
        version = active.version
    cursor = conn.execute(
        "SELECT id, schema, properties, target, datasets FROM entities "
        "WHERE dataset = ? AND version = ? ORDER BY id",
        [dataset, version],
    )
    count = 0
    while rows := cursor.fetchmany(BATCH):
        for entity_id, schema, properties, target, datasets in rows:
            record = {
                "id": entity_id,
                "schema": schema,
                "properties": orjson.loads(properties),
                "datasets": datasets or [dataset],
                "target": bool(target),
            }
            out.write(orjson.dumps(record).decode("utf-8") + "\n")
            count += 1
    if count == 0:
        raise ListLoadError(
            dataset,
            Message(N_("no entities stored for version %(version)s"), version=repr(version)),
        )
    return count
