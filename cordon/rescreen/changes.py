"""The designations added or changed between the list versions a run used and the active ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import orjson

from cordon.errors import UsageError
from cordon.lists import catalog
from cordon.lists.diff import diff_versions


@dataclass(frozen=True)
class DesignationChanges:
    """Per dataset: the old version compared, the active one and the new/changed entities."""

    old_versions: dict[str, str | None]  # None: the run was not screened against this list
    new_versions: dict[str, str]
    entities: list[dict[str, Any]]  # FtM dicts (id, schema, caption, properties, source_id…)

    @property
    def count(self) -> int:
        """How many designations were added or changed."""
        return len(self.entities)


def dataset_of_version(conn: duckdb.DuckDBPyConnection, version: str) -> str:
    """The dataset a list version belongs to; :class:`UsageError` for an unknown version."""
    row = conn.execute(
        "SELECT dataset FROM list_versions WHERE version = ?", [version]
    ).fetchone()
    if row is None:
        raise UsageError(f"--since: no list version {version!r} (see `cordon lists show`)")
    return str(row[0])


def designation_changes(
    conn: duckdb.DuckDBPyConnection, used: Mapping[str, str]
) -> DesignationChanges:
    """Entities added or changed from ``used`` ({dataset: version}) to the active versions.

    A dataset whose active version is the one used, or that is no longer loaded, adds nothing; an
    active dataset the run did not use (a list loaded after it) adds all its designations.
    """
    old_versions: dict[str, str | None] = {}
    new_versions: dict[str, str] = {}
    wanted: dict[str, list[str] | None] = {}  # None: every entity of the active version
    for newcomer in catalog.active_versions(conn):
        if newcomer.dataset not in used:
            old_versions[newcomer.dataset], new_versions[newcomer.dataset] = None, newcomer.version
            wanted[newcomer.dataset] = None
    for dataset, old in sorted(used.items()):
        active = catalog.active_version(conn, dataset)
        if active is None or active.version == old:
            continue
        diff = diff_versions(conn, dataset, old, active.version)
        changed = [ref.id for ref in diff.added] + [change.entity.id for change in diff.changed]
        old_versions[dataset], new_versions[dataset] = old, active.version
        if changed:
            wanted[dataset] = changed
    entities: list[dict[str, Any]] = []
    for dataset, ids in sorted(wanted.items()):
        rows = conn.execute(
            "SELECT id, source_id, schema, caption, properties FROM entities "
            "WHERE dataset = ? AND version = ? AND (? OR id IN (SELECT unnest(?)))",
            [dataset, new_versions[dataset], ids is None, ids or []],
        ).fetchall()
        entities.extend(
            {"id": i, "source_id": s, "schema": sc, "caption": c, "datasets": [dataset],
             "properties": orjson.loads(p)}
            for i, s, sc, c, p in rows
        )  # fmt: skip
    return DesignationChanges(old_versions, new_versions, entities)
