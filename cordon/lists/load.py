"""Versioned, all-or-nothing loading of a list into the store, with the shrink guard.

A load parses every file first, then writes the new version's entities, names and
``list_versions`` row and flips ``active`` in one DuckDB transaction: readers see either
the old version or the new one, never a mix, and any failure leaves the old one in force.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import orjson
import pyarrow as pa
from followthemoney.proxy import EntityProxy
from followthemoney.util import ensure_list

from cordon.i18n import N_, Message
from cordon.lists.errors import ListLoadError
from cordon.lists.registry import check_dataset_name, get_parser, source_id_of
from cordon.lists.source import checksum, expand_paths
from cordon.store import registered

MAX_SHRINK = 0.10  # refuse a version with more than 10% fewer listed entities than the active one
KEEP_VERSIONS = 10  # versions kept per dataset (the active one included) for diffs and audits
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
PARTY_SCHEMATA = ("LegalEntity", "Vessel", "Airplane")

_ENTITY_SCHEMA = pa.schema(
    [
        ("dataset", pa.string()),
        ("version", pa.string()),
        ("id", pa.string()),
        ("source_id", pa.string()),
        ("schema", pa.string()),
        ("caption", pa.string()),
        ("properties", pa.string()),
        ("target", pa.bool_()),
        ("datasets", pa.list_(pa.string())),
    ]
)
_NAME_SCHEMA = pa.schema(
    [
        ("dataset", pa.string()),
        ("version", pa.string()),
        ("entity_id", pa.string()),
        ("name", pa.string()),
        ("prop", pa.string()),
    ]
)


@dataclass(frozen=True)
class LoadResult:
    """What a load did: the version now active and its counts (``unchanged`` = same checksum)."""

    dataset: str
    version: str
    checksum: str
    entity_count: int  # listed parties (``is_listed``); context and relations not counted
    name_count: int
    link_count: int  # context entities stored beside them (e.g. OFAC "Linked To:", addresses)
    published_at: datetime | None
    loaded_at: datetime
    source: str
    unchanged: bool = False
    previous_version: str | None = None
    previous_count: int | None = None


@dataclass(frozen=True)
class _Active:
    version: str
    checksum: str
    entity_count: int


def is_listed(entity: EntityProxy) -> bool:
    """True for the parties a list designates, which are screened; False for context.

    An entity that says whether it is a ``target`` (OpenSanctions FtM exports) is taken at its
    word; otherwise parties are LegalEntity descendants (persons, companies, organizations...)
    and vessels and aircraft, while relations (``UnknownLink``, ``Ownership``), addresses,
    payments and sanctions records are context.
    """
    target = entity.context.get("target")
    if target is not None:
        return any(ensure_list(target))
    return any(entity.schema.is_a(name) for name in PARTY_SCHEMATA)


def own_datasets(entity: EntityProxy) -> list[str] | None:
    """The datasets an entity names itself (FtM exports), else None (the load's dataset)."""
    names = [str(n) for n in ensure_list(entity.context.get("datasets")) if n]
    return list(dict.fromkeys(names)) or None


def load_dataset(
    conn: duckdb.DuckDBPyConnection,
    dataset: str,
    paths: Sequence[Path],
    *,
    force: bool = False,
    source: str | None = None,
) -> LoadResult:
    """Parse ``paths`` as ``dataset`` and make it the active version, atomically.

    Raises ListLoadError (naming the file and the problem) when a file cannot be parsed, holds
    no entities, or the new version has more than 10% fewer entities than the active one
    (unless ``force``). An identical checksum creates no new version (``unchanged=True``).
    """
    check_dataset_name(dataset)
    parser = get_parser(dataset, paths)
    files = expand_paths(paths, parser.FILES)
    label = source or ", ".join(str(p) for p in paths)
    digest = checksum(files)
    active = _active(conn, dataset)
    if active is not None and active.checksum == digest:
        return _unchanged_result(conn, dataset, active, label)

    entities = _parse_all(parser.parse(files, dataset), files)
    listed = sum(1 for entity in entities if is_listed(entity))
    if listed == 0:
        raise ListLoadError(
            label,
            Message(
                N_("no listed entities found: the file is empty or not in the expected format")
            ),
        )
    if active is not None and not force:
        _check_shrink(label, dataset, active, listed)

    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    version = f"{loaded_at:%Y%m%dT%H%M%SZ}-{digest[:8]}"
    entity_table = _entity_table(dataset, version, entities)
    name_table = _name_table(dataset, version, entities)
    published = parser.published_at(files)
    _write_version(
        conn,
        entity_table,
        name_table,
        [dataset, version, digest, published, loaded_at, label, listed, name_table.num_rows, True],
    )
    return LoadResult(
        dataset=dataset,
        version=version,
        checksum=digest,
        entity_count=listed,
        name_count=name_table.num_rows,
        link_count=len(entities) - listed,
        published_at=published,
        loaded_at=loaded_at,
        source=label,
        previous_version=active.version if active else None,
        previous_count=active.entity_count if active else None,
    )


def _parse_all(entities: Iterable[EntityProxy], files: Sequence[Path]) -> list[EntityProxy]:
    """Materialise the parser's output; unexpected parser failures become ListLoadError."""
    try:
        parsed = list(entities)
    except ListLoadError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, UnicodeError, OSError) as exc:
        names = ", ".join(str(f) for f in files)
        raise ListLoadError(
            names,
            Message(N_("could not be parsed: %(error)s"), error=f"{type(exc).__name__}: {exc}"),
        ) from exc
    seen: set[str] = set()
    for entity in parsed:
        if entity.id is None:
            raise ListLoadError(files[0], Message(N_("parser produced an entity without id")))
        if entity.id in seen:
            raise ListLoadError(files[0], Message(N_("duplicate entity id %(id)s"), id=entity.id))
        seen.add(entity.id)
    return parsed


def _check_shrink(label: str, dataset: str, active: _Active, listed: int) -> None:
    """Refuse a new version that lost more than MAX_SHRINK of the active version's entities."""
    if active.entity_count and listed < active.entity_count * (1 - MAX_SHRINK):
        lost = 1 - listed / active.entity_count
        raise ListLoadError(
            label,
            Message(
                N_(
                    "refused: %(dataset)s would shrink from %(before)s to %(after)s entities "
                    "(%(lost)s fewer than active version %(version)s, limit %(limit)s); "
                    "a truncated file? Use --force if the shrink is genuine"
                ),
                dataset=dataset,
                before=active.entity_count,
                after=listed,
                lost=f"{lost:.0%}",
                version=active.version,
                limit=f"{MAX_SHRINK:.0%}",
            ),
        )


def _entity_table(dataset: str, version: str, entities: Sequence[EntityProxy]) -> pa.Table:
    ids = [str(e.id) for e in entities]
    columns = {
        "dataset": [dataset] * len(entities),
        "version": [version] * len(entities),
        "id": ids,
        "source_id": [source_id_of(i, dataset) for i in ids],
        "schema": [e.schema.name for e in entities],
        "caption": [e.caption for e in entities],
        "properties": [orjson.dumps(e.properties).decode("utf-8") for e in entities],
        "target": [is_listed(e) for e in entities],
        "datasets": [own_datasets(e) for e in entities],
    }
    return pa.table(columns, schema=_ENTITY_SCHEMA)


def _name_table(dataset: str, version: str, entities: Sequence[EntityProxy]) -> pa.Table:
    rows: dict[str, list[str]] = {"entity_id": [], "name": [], "prop": []}
    for entity in entities:
        if not is_listed(entity):
            continue
        for prop in NAME_PROPS:
            if prop not in entity.schema.properties:
                continue
            for value in entity.get(prop, quiet=True):
                rows["entity_id"].append(str(entity.id))
                rows["name"].append(value)
                rows["prop"].append(prop)
    count = len(rows["name"])
    return pa.table(
        {"dataset": [dataset] * count, "version": [version] * count, **rows}, schema=_NAME_SCHEMA
    )


def _write_version(
    conn: duckdb.DuckDBPyConnection,
    entity_table: pa.Table,
    name_table: pa.Table,
    version_row: list[object],
) -> None:
    """One transaction: insert rows, deactivate the old version, activate the new one. When
    the store cannot be written (a full disk), the error says so: DuckDB has then already
    ended the transaction, and its "cannot rollback" must not hide the cause."""
    conn.execute("BEGIN TRANSACTION")
    try:
        _insert_entities(conn, entity_table)
        _insert_names(conn, name_table)
        _activate(conn, version_row)
        _prune(conn, str(version_row[0]))
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error):
            conn.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error):
            raise ListLoadError(
                None,
                Message(
                    N_(
                        "the store could not be written (%(error)s); the previous version stays "
                        "active"
                    ),
                    error=str(exc).splitlines()[0],
                ),
            ) from exc
        raise


def _insert_entities(conn: duckdb.DuckDBPyConnection, table: pa.Table) -> None:
    with registered(conn, "cordon_new_entities", table):
        conn.execute(
            "INSERT INTO entities (dataset, version, id, source_id, schema, caption, properties, "
            "target, datasets) SELECT dataset, version, id, source_id, schema, caption, "
            "properties, target, datasets FROM cordon_new_entities"
        )


def _insert_names(conn: duckdb.DuckDBPyConnection, table: pa.Table) -> None:
    with registered(conn, "cordon_new_names", table):
        conn.execute(
            "INSERT INTO names (dataset, version, entity_id, name, prop) "
            "SELECT dataset, version, entity_id, name, prop FROM cordon_new_names"
        )


def _activate(conn: duckdb.DuckDBPyConnection, row: list[object]) -> None:
    conn.execute("UPDATE list_versions SET active = FALSE WHERE dataset = ? AND active", [row[0]])
    conn.execute(
        "INSERT INTO list_versions (dataset, version, checksum, published_at, loaded_at, source, "
        "entity_count, name_count, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    )


def _prune(conn: duckdb.DuckDBPyConnection, dataset: str) -> None:
    """Drop the rows of versions older than the newest KEEP_VERSIONS of ``dataset``."""
    old = conn.execute(
        "SELECT version FROM list_versions WHERE dataset = ? AND NOT active "
        "ORDER BY loaded_at DESC, version DESC OFFSET ?",
        [dataset, KEEP_VERSIONS - 1],
    ).fetchall()
    for (version,) in old:
        for table, column in (
            ("entities", "version"),
            ("names", "version"),
            ("list_versions", "version"),
        ):
            conn.execute(
                f"DELETE FROM {table} WHERE dataset = ? AND {column} = ?", [dataset, version]
            )


def _active(conn: duckdb.DuckDBPyConnection, dataset: str) -> _Active | None:
    row = conn.execute(
        "SELECT version, checksum, entity_count FROM list_versions WHERE dataset = ? AND active",
        [dataset],
    ).fetchone()
    return _Active(row[0], row[1], row[2]) if row else None


def _unchanged_result(
    conn: duckdb.DuckDBPyConnection, dataset: str, active: _Active, label: str
) -> LoadResult:
    row = conn.execute(
        "SELECT name_count, published_at, loaded_at, "
        "(SELECT count(*) FROM entities e WHERE e.dataset = v.dataset AND e.version = v.version) "
        "FROM list_versions v WHERE dataset = ? AND version = ?",
        [dataset, active.version],
    ).fetchone()
    assert row is not None
    return LoadResult(
        dataset=dataset,
        version=active.version,
        checksum=active.checksum,
        entity_count=active.entity_count,
        name_count=row[0],
        link_count=row[3] - active.entity_count,
        published_at=row[1],
        loaded_at=row[2],
        source=label,
        unchanged=True,
        previous_version=active.version,
        previous_count=active.entity_count,
    )
