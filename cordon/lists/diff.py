"""What changed between two versions of a list: designations added, removed and changed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb
import orjson

from cordon.i18n import N_, Message
from cordon.lists import catalog
from cordon.lists.errors import NOT_LOADED, ListLoadError


@dataclass(frozen=True)
class EntityRef:
    """A listed entity as shown in a diff."""

    id: str
    source_id: str
    schema: str
    caption: str


@dataclass(frozen=True)
class EntityChange:
    """A designation present in both versions whose properties differ."""

    entity: EntityRef
    changes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # prop -> added/removed


@dataclass(frozen=True)
class ListDiff:
    """The difference between ``old_version`` and ``new_version`` of ``dataset``."""

    dataset: str
    old_version: str
    new_version: str
    added: list[EntityRef]
    removed: list[EntityRef]
    changed: list[EntityChange]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; ``changed[].changes``: property -> {added: [...], removed: [...]}."""
        return asdict(self)


def default_versions(conn: duckdb.DuckDBPyConnection, dataset: str) -> tuple[str, str]:
    """(previous, active) versions of ``dataset``: what the last load changed."""
    versions = catalog.versions(conn, dataset)
    active = next((v for v in versions if v.active), None)
    if active is None:
        raise ListLoadError(dataset, Message(NOT_LOADED))
    older = [v for v in versions if v.loaded_at < active.loaded_at]
    if not older:
        only_one = N_("only one version loaded (%(version)s); nothing to compare")
        raise ListLoadError(dataset, Message(only_one, version=active.version))
    return older[-1].version, active.version


def _rows(
    conn: duckdb.DuckDBPyConnection, dataset: str, version: str
) -> dict[str, tuple[str, str, str, str]]:
    known = conn.execute(
        "SELECT count(*) FROM list_versions WHERE dataset = ? AND version = ?", [dataset, version]
    ).fetchone()
    if not known or known[0] == 0:
        no_version = N_("no version %(version)s (see `cordon lists show`)")
        raise ListLoadError(dataset, Message(no_version, version=repr(version)))
    rows = conn.execute(
        "SELECT id, source_id, schema, caption, properties FROM entities "
        "WHERE dataset = ? AND version = ? AND target",
        [dataset, version],
    ).fetchall()
    return {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}


def _changes(
    old: dict[str, list[str]], new: dict[str, list[str]]
) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for prop in sorted(set(old) | set(new)):
        before, after = old.get(prop, []), new.get(prop, [])
        added = [v for v in after if v not in before]
        removed = [v for v in before if v not in after]
        if added or removed:
            out[prop] = {"added": added, "removed": removed}
    return out


def diff_versions(
    conn: duckdb.DuckDBPyConnection, dataset: str, old: str | None = None, new: str | None = None
) -> ListDiff:
    """Compare two versions (default: the previous one with the active one)."""
    if (old is None) != (new is None):
        raise ListLoadError(dataset, Message(N_("give both OLD and NEW versions, or neither")))
    if old is None or new is None:
        old, new = default_versions(conn, dataset)
    before, after = _rows(conn, dataset, old), _rows(conn, dataset, new)

    def ref(entity_id: str, row: tuple[str, str, str, str]) -> EntityRef:
        return EntityRef(entity_id, row[0], row[1], row[2])

    added = [ref(i, after[i]) for i in sorted(after.keys() - before.keys())]
    removed = [ref(i, before[i]) for i in sorted(before.keys() - after.keys())]
    changed = []
    for entity_id in sorted(before.keys() & after.keys()):
        if before[entity_id][1:] == after[entity_id][1:]:
            continue
        changes = _changes(orjson.loads(before[entity_id][3]), orjson.loads(after[entity_id][3]))
        old_schema, new_schema = before[entity_id][1], after[entity_id][1]
        if old_schema != new_schema:
            changes["schema"] = {"added": [new_schema], "removed": [old_schema]}
        if changes:
            changed.append(EntityChange(ref(entity_id, after[entity_id]), changes))
    return ListDiff(dataset, old, new, added, removed, changed)
