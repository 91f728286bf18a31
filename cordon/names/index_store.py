"""Where the matcher's name index comes from: the store's active lists, a persisted file, memory.

Kept apart from matching (``names/matcher.py``) and parallel execution (``names/parallel.py``):
this module resolves which list versions a request means, reads their matchable entities, and
loads the index of that set of versions from its file, or builds it once and persists it (the
file is only a cache: a missing or damaged one is rebuilt, an unwritable one is skipped).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import duckdb
import orjson

from cordon.config import get_settings
from cordon.errors import NotFoundError, UsageError
from cordon.lists import catalog
from cordon.names.index import (
    INDEX_FORMAT,
    MATCHABLE_SCHEMATA,
    ListedEntity,
    NameIndex,
    listed_entity,
)

_LOADED: dict[str, NameIndex] = {}  # index file -> index, so repeated API calls reuse it
log = logging.getLogger(__name__)


class UnknownDatasetError(UsageError, NotFoundError, ValueError):
    """A dataset was asked for that has no active version in the store (exit 2, HTTP 404)."""


def load_index(conn: duckdb.DuckDBPyConnection, datasets: Sequence[str] | None) -> NameIndex:
    """The index of the active versions of ``datasets`` (all when None): from memory, else
    from its persisted file, else built from the store and persisted (a warning when it cannot
    be written, e.g. on a full disk: the index is then used from memory only)."""
    versions = active_versions(conn, datasets)
    path = index_path(versions)
    key = str(path)
    index = _LOADED.get(key)
    if index is None:
        index = NameIndex.load(path)
        if index is None:
            index = NameIndex.build(_store_entities(conn, versions), versions)
            try:
                index.save(path)
            except OSError as exc:
                log.warning("name index not cached (%s); it stays in memory only", exc)
        _LOADED[key] = settled(index)
    return index


def settled(index: NameIndex) -> NameIndex:
    """The index, with the cyclic garbage collector told to leave its (hundreds of thousands
    of long-lived) objects alone instead of walking them again while queries allocate."""
    gc.collect()
    gc.freeze()
    return index


def active_versions(
    conn: duckdb.DuckDBPyConnection, datasets: Sequence[str] | None
) -> dict[str, str]:
    """Dataset -> active version in the store, for the requested datasets (all when None)."""
    versions = {v.dataset: v.version for v in catalog.active_versions(conn)}
    if datasets is None:
        return versions
    missing = sorted(set(datasets) - set(versions))
    if missing:
        raise UnknownDatasetError(
            f"no active version of {', '.join(missing)} in the store; "
            f"loaded: {', '.join(versions) or 'none'}"
        )
    return {d: versions[d] for d in sorted(set(datasets))}


def versions_digest(versions: Mapping[str, str]) -> str:
    """Key of the persisted index for a set of list versions and the index format."""
    payload = json.dumps([INDEX_FORMAT, sorted(versions.items())]).encode()
    return hashlib.sha256(payload).hexdigest()[:20]


def index_path(versions: Mapping[str, str]) -> Path:
    """Where the persisted name index of a set of list versions lives (a read-only artifact
    once written: the Spark engine ships this file to its executors)."""
    return get_settings().index_dir / f"names-{versions_digest(versions)}.index"


def _store_entities(
    conn: duckdb.DuckDBPyConnection, versions: Mapping[str, str]
) -> Iterable[tuple[ListedEntity, dict[str, list[str]]]]:
    if not versions:
        return
    placeholders = ", ".join("(?, ?)" for _ in versions)
    params: list[str] = [x for pair in versions.items() for x in pair]
    schemata = ", ".join(f"'{s}'" for s in sorted(MATCHABLE_SCHEMATA))
    rows = conn.execute(
        f"SELECT dataset, id, source_id, schema, caption, properties FROM entities "
        f"WHERE (dataset, version) IN ({placeholders}) AND schema IN ({schemata}) AND target",
        params,
    ).fetchall()
    for dataset, entity_id, source_id, schema, caption, properties in rows:
        props = orjson.loads(properties) if isinstance(properties, str | bytes) else properties
        yield listed_entity(dataset, entity_id, source_id, schema, caption, props), props
