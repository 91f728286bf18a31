"""Read listed entities from the store's active list versions, with their linked entities.

Linked entities are nested one edge deep the way yente's ``/entities/{id}?nested=true`` does:
an ``UnknownLink`` pointing at the entity appears under ``unknownLinkTo``/``unknownLinkFrom``
with the entity at its other end expanded inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import orjson
from followthemoney import model
from followthemoney.types import registry

from cordon.lists.catalog import ACTIVE_ENTITIES

_ACTIVE = f"FROM {ACTIVE_ENTITIES} WHERE TRUE"
_COLUMNS = "e.id, e.dataset, e.version, e.source_id, e.schema, e.caption, e.properties"


@dataclass(frozen=True)
class StoredEntity:
    """One row of ``entities`` in an active list version."""

    id: str
    dataset: str
    version: str
    source_id: str
    schema: str
    caption: str
    properties: dict[str, list[Any]]

    def to_response(self) -> dict[str, Any]:
        """The entity in yente's ``EntityResponse`` shape (a plain dict, ready for JSON)."""
        schema = model.get(self.schema)
        return {
            "id": self.id,
            "caption": self.caption,
            "schema": self.schema,
            "properties": {k: list(v) for k, v in self.properties.items()},
            "datasets": [self.dataset],
            "referents": [],
            "target": bool(schema is not None and schema.matchable),
            "first_seen": None,
            "last_seen": None,
            "last_change": None,
        }


def _row_to_entity(row: tuple[Any, ...]) -> StoredEntity:
    props = row[6]
    return StoredEntity(
        id=row[0],
        dataset=row[1],
        version=row[2],
        source_id=row[3],
        schema=row[4],
        caption=row[5],
        properties=orjson.loads(props) if isinstance(props, str | bytes) else dict(props or {}),
    )


def get_entities(conn: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, StoredEntity]:
    """Active entities by FtM id; ids not in any active version are simply absent."""
    if not ids:
        return {}
    rows = conn.execute(f"SELECT {_COLUMNS} {_ACTIVE} AND e.id IN (SELECT unnest(?))", [list(ids)])
    return {row[0]: _row_to_entity(row) for row in rows.fetchall()}


def all_active_entities(conn: duckdb.DuckDBPyConnection) -> dict[str, StoredEntity]:
    """Every entity of every active list version, by FtM id."""
    rows = conn.execute(f"SELECT {_COLUMNS} {_ACTIVE}").fetchall()
    return {row[0]: _row_to_entity(row) for row in rows}


def get_entity(conn: duckdb.DuckDBPyConnection, entity_id: str) -> StoredEntity | None:
    """One active entity by FtM id, or None."""
    return get_entities(conn, [entity_id]).get(entity_id)


def find_by_source_id(
    conn: duckdb.DuckDBPyConnection, dataset: str, source_id: str
) -> StoredEntity | None:
    """The active entity a list knows by its own id (OFAC ent_num, UN reference number)."""
    row = conn.execute(
        f"SELECT {_COLUMNS} {_ACTIVE} AND e.dataset = ? AND e.source_id = ? LIMIT 1",
        [dataset, source_id],
    ).fetchone()
    return _row_to_entity(row) if row else None


def _referencing(conn: duckdb.DuckDBPyConnection, entity: StoredEntity) -> list[StoredEntity]:
    """Entities of the same list version whose properties mention ``entity`` (links, sanctions)."""
    needle = orjson.dumps(entity.id).decode()
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_ACTIVE} AND e.dataset = ? AND e.id <> ? "
        "AND contains(CAST(e.properties AS VARCHAR), ?) LIMIT 500",
        [entity.dataset, entity.id, needle],
    ).fetchall()
    return [_row_to_entity(row) for row in rows]


def _entity_refs(entity: StoredEntity) -> Iterable[tuple[str, str]]:
    """(property, referenced id) for every entity-typed property value."""
    schema = model.get(entity.schema)
    if schema is None:
        return
    for name, values in entity.properties.items():
        prop = schema.get(name)
        if prop is None or prop.type != registry.entity:
            continue
        for value in values:
            if isinstance(value, str):
                yield name, value


def _nest(
    entity: StoredEntity,
    known: dict[str, StoredEntity],
    inbound: dict[str, list[tuple[str, StoredEntity]]],
    path: frozenset[str],
) -> dict[str, Any]:
    """Serialize ``entity`` with adjacent entities expanded, never revisiting ``path``."""
    data = entity.to_response()
    next_path = path | {entity.id}
    if len(path) <= 1:
        for reverse_name, adj in inbound.get(entity.id, []):
            if adj.id in path:
                continue
            nested = _nest(adj, known, inbound, next_path)
            data["properties"].setdefault(reverse_name, []).append(nested)
    for name, value in _entity_refs(entity):
        values = data["properties"][name]
        idx = values.index(value)
        if value in path:
            values.pop(idx)
        elif value in known:
            values[idx] = _nest(known[value], known, inbound, next_path)
    for name in [n for n, v in data["properties"].items() if not v]:
        del data["properties"][name]
    return data


def _reverse_name(adj: StoredEntity, prop_name: str) -> str | None:
    schema = model.get(adj.schema)
    prop = schema.get(prop_name) if schema is not None else None
    return prop.reverse.name if prop is not None and prop.reverse is not None else None


def nested_entity(conn: duckdb.DuckDBPyConnection, entity: StoredEntity) -> dict[str, Any]:
    """The entity with its linked entities nested inside, one edge away (yente ``nested``)."""
    referencing = _referencing(conn, entity)
    inbound: dict[str, list[tuple[str, StoredEntity]]] = {}
    for adj in referencing:
        for prop_name, value in _entity_refs(adj):
            reverse = _reverse_name(adj, prop_name)
            if value == entity.id and reverse is not None:
                inbound.setdefault(entity.id, []).append((reverse, adj))
    first_hop = [entity, *referencing]
    wanted = {value for ent in first_hop for _, value in _entity_refs(ent)}
    known = {adj.id: adj for adj in referencing}
    known.update(get_entities(conn, sorted(wanted - set(known) - {entity.id})))
    return _nest(entity, known, inbound, frozenset())


def linked_entities(nested: dict[str, Any]) -> list[dict[str, Any]]:
    """The far ends of an entity's nested links: each linked entity once, in order."""
    seen: dict[str, dict[str, Any]] = {}
    for values in nested["properties"].values():
        for value in values:
            if not isinstance(value, dict):
                continue
            ends = [value]
            for inner in value["properties"].values():
                ends.extend(v for v in inner if isinstance(v, dict))
            for end in ends:
                schema = model.get(end["schema"])
                if end["id"] != nested["id"] and schema is not None and schema.matchable:
                    seen.setdefault(end["id"], end)
    return list(seen.values())
