"""The embedded DuckDB store: connection, schema and migrations.

Every other package reads and writes through these tables; the schema is created on first
connection and extended by numbered migrations, never edited in place.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from cordon.config import get_settings
from cordon.errors import CordonError, StoreBusyError, StoreFullError
from cordon.i18n import N_, Message

_LOCK_HOLDER_RE = re.compile(r"\(PID (\d+)\)")

# Migration 1: lists, screening runs, alerts and the triage audit log.
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS list_versions (
        dataset       VARCHAR NOT NULL,   -- OpenSanctions dataset name, e.g. us_ofac_sdn
        version       VARCHAR NOT NULL,   -- cordon version id: UTC load stamp + checksum prefix
        checksum      VARCHAR NOT NULL,   -- sha256 of the source file(s)
        published_at  TIMESTAMP,          -- publication date stated by the publisher, if any
        loaded_at     TIMESTAMP NOT NULL,
        source        VARCHAR,            -- path(s) or URL(s) loaded
        entity_count  INTEGER NOT NULL,
        name_count    INTEGER NOT NULL,
        active        BOOLEAN NOT NULL,   -- exactly one active version per dataset
        PRIMARY KEY (dataset, version)
    );
    CREATE TABLE IF NOT EXISTS entities (
        dataset     VARCHAR NOT NULL,
        version     VARCHAR NOT NULL,
        id          VARCHAR NOT NULL,     -- FollowTheMoney entity id, e.g. us_ofac_sdn-12345
        source_id   VARCHAR NOT NULL,     -- the list's own id: OFAC ent_num, UN reference number
        schema      VARCHAR NOT NULL,     -- FtM schema: Person, Organization, Company, Vessel...
        caption     VARCHAR NOT NULL,
        properties  JSON NOT NULL,        -- FtM properties dict: {prop: [values]}
        PRIMARY KEY (dataset, version, id)
    );
    CREATE TABLE IF NOT EXISTS names (
        dataset    VARCHAR NOT NULL,
        version    VARCHAR NOT NULL,
        entity_id  VARCHAR NOT NULL,
        name       VARCHAR NOT NULL,
        prop       VARCHAR NOT NULL       -- name, alias, weakAlias or previousName
    );
    CREATE TABLE IF NOT EXISTS runs (
        run_id       VARCHAR PRIMARY KEY,
        input_path   VARCHAR NOT NULL,
        started_at   TIMESTAMP NOT NULL,
        finished_at  TIMESTAMP,
        status       VARCHAR NOT NULL,    -- running, done, failed
        progress     DOUBLE NOT NULL DEFAULT 0,
        input_rows   BIGINT NOT NULL DEFAULT 0,
        screened     BIGINT NOT NULL DEFAULT 0,
        rejected     BIGINT NOT NULL DEFAULT 0,
        alerted      BIGINT NOT NULL DEFAULT 0,
        threshold    DOUBLE,
        lists        JSON,                -- {dataset: version} used
        summary      JSON,                -- the run's summary.json
        error        VARCHAR
    );
    CREATE TABLE IF NOT EXISTS records (
        run_id               VARCHAR NOT NULL,
        record_id            VARCHAR NOT NULL,
        line                 BIGINT,
        date                 DATE,
        exporter_name        VARCHAR,
        exporter_country     VARCHAR,
        exporter_address     VARCHAR,
        importer_name        VARCHAR,
        importer_country     VARCHAR,
        importer_tax_id      VARCHAR,
        hs_code              VARCHAR,
        hs6                  VARCHAR,
        description          VARCHAR,
        origin_country       VARCHAR,
        dispatch_country     VARCHAR,
        destination_country  VARCHAR,
        value                DOUBLE,
        currency             VARCHAR,
        quantity             DOUBLE,
        unit                 VARCHAR,
        net_weight_kg        DOUBLE,
        chpl_tier            VARCHAR,
        exporter_entity      VARCHAR,     -- best list match at/above threshold (FtM id), if any
        exporter_score       DOUBLE,
        importer_entity      VARCHAR,
        importer_score       DOUBLE,
        risk                 DOUBLE NOT NULL DEFAULT 0,
        alerted              BOOLEAN NOT NULL DEFAULT FALSE
    );
    CREATE TABLE IF NOT EXISTS alerts (
        alert_id    VARCHAR PRIMARY KEY,  -- run_id + ':' + record_id
        run_id      VARCHAR NOT NULL,
        record_id   VARCHAR NOT NULL,
        risk        DOUBLE NOT NULL,
        reasons     JSON NOT NULL,        -- the reasons array of alerts.jsonl
        status      VARCHAR NOT NULL DEFAULT 'open',  -- open, escalated, dismissed, confirmed
        updated_at  TIMESTAMP
    );
    CREATE TABLE IF NOT EXISTS alert_events (  -- triage audit log: append-only
        event_id   VARCHAR PRIMARY KEY,
        alert_id   VARCHAR NOT NULL,
        "at"       TIMESTAMP NOT NULL,  -- quoted: AT is a keyword in DuckDB
        analyst    VARCHAR NOT NULL,
        status     VARCHAR,
        note       VARCHAR
    );
    """,
    # Migration 2 (cordon.api): files uploaded to POST /screen, stored under generated names.
    """
    CREATE TABLE IF NOT EXISTS uploads (
        run_id         VARCHAR PRIMARY KEY,
        original_name  VARCHAR NOT NULL,  -- the client's file name, a display label only
        stored_path    VARCHAR NOT NULL,  -- CORDON_HOME/uploads/<run_id><suffix>
        size_bytes     BIGINT NOT NULL,
        uploaded_at    TIMESTAMP NOT NULL
    );
    """,
    # Migration 3 (cordon.goods): the HS 2022 nomenclature (`cordon data load/update`).
    """
    CREATE TABLE IF NOT EXISTS hs_nomenclature (
        hscode       VARCHAR PRIMARY KEY,  -- 2, 4 or 6 digits
        level        INTEGER NOT NULL,     -- 2 chapter, 4 heading, 6 subheading
        parent       VARCHAR,              -- enclosing code (TOTAL for chapters)
        section      VARCHAR,              -- roman numeral of the HS section
        description  VARCHAR NOT NULL,     -- English description
        source       VARCHAR NOT NULL,     -- file path or URL loaded
        loaded_at    TIMESTAMP NOT NULL
    );
    """,
    # Migration 4 (cordon.lists): which stored entities are screened (FtM ``target``; context
    # such as addresses, ownerships and register companies is kept but never matched), and an
    # entity's own ``datasets`` when its source names them (OpenSanctions FtM exports).
    # DuckDB refuses two ALTERs of a non-empty table in one transaction, so the second column
    # is migration 5 (IF NOT EXISTS: stores created empty already have it from migration 4).
    """
    ALTER TABLE entities ADD COLUMN IF NOT EXISTS target BOOLEAN DEFAULT TRUE;
    """,
    # Migration 5 (cordon.lists): the second column of migration 4.
    """
    ALTER TABLE entities ADD COLUMN IF NOT EXISTS datasets VARCHAR[];
    """,
    # Migrations 6 and 7 (hardening): the process screening a run and its last sign of life,
    # so a run whose process died is marked failed (see recover_runs) instead of 'running'.
    """
    ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid INTEGER;
    """,
    """
    ALTER TABLE runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP;
    """,
    # Migration 8 (the analyst's week): story category and assumed fields of a record, and the
    # triage decisions on (party as written, listed entity) pairs that outlive a run.
    """
    ALTER TABLE records ADD COLUMN IF NOT EXISTS category VARCHAR;  -- goods story category
    ALTER TABLE records ADD COLUMN IF NOT EXISTS assumed VARCHAR;   -- fields defaulted by --assume
    ALTER TABLE alerts ADD COLUMN IF NOT EXISTS decision_id VARCHAR;  -- standing decision applied
    CREATE TABLE IF NOT EXISTS decisions (  -- append-only: the newest row of a pair is in force
        decision_id   VARCHAR PRIMARY KEY,
        party_key     VARCHAR NOT NULL,   -- cordon.partykey of the party name as written
        party_name    VARCHAR NOT NULL,   -- the party name as written when decided
        list          VARCHAR NOT NULL,   -- dataset of the listed entity, e.g. us_ofac_sdn
        entity_id     VARCHAR NOT NULL,   -- the list's own id (the alerts.jsonl entity_id)
        fingerprint   VARCHAR,            -- sha256 of the listed entity; a change lapses it
        status        VARCHAR NOT NULL,   -- dismissed, confirmed, escalated, or open (withdrawn)
        analyst       VARCHAR NOT NULL,
        note          VARCHAR,
        decided_at    TIMESTAMP NOT NULL,
        alert_id      VARCHAR             -- the alert it was taken on, if any
    );
    """,
    # Migration 6 (cordon.lists): append-only audit of list removals (`cordon lists remove`).
    """
    CREATE TABLE IF NOT EXISTS list_events (
        "at"          TIMESTAMP NOT NULL,
        action        VARCHAR NOT NULL,    -- remove
        dataset       VARCHAR NOT NULL,
        versions      INTEGER NOT NULL,    -- versions deleted
        entity_count  INTEGER,             -- listed entities of the version that was active
        actor         VARCHAR NOT NULL,    -- OS user who ran the command
        note          VARCHAR
    );
    """,
]
# The store's schema version: the number of the last migration (migrations are append-only).
SCHEMA_VERSION = len(_MIGRATIONS)


@contextlib.contextmanager
def registered(conn: duckdb.DuckDBPyConnection, name: str, table: Any) -> Iterator[None]:
    """``table`` (an Arrow table, a Polars or pandas frame) readable as ``name`` in ``conn``'s
    SQL for the block, and unregistered after it, even when the block fails."""
    conn.register(name, table)
    try:
        yield
    finally:
        conn.unregister(name)


def connect(path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store (default: ``$CORDON_HOME/cordon.duckdb``) and bring its schema up to date."""
    db_path = path if path is not None else get_settings().store_path
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as exc:
        raise store_error(db_path, exc) from exc
    if not read_only:
        migrate(conn)
        recover_runs(conn)
    return conn


def recover_runs(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Mark failed every run left 'running' by another process, and drop its partial records
    and alerts; returns their ids. Exact, not a guess: DuckDB lets one process open the store
    for writing, so a process that opened it is the only one alive on it, and a run of another
    process still 'running' was cut short (``kill -9``, a crash, a power cut)."""
    rows = conn.execute(
        "SELECT run_id, pid, heartbeat_at FROM runs WHERE status = 'running' "
        "AND (pid IS NULL OR pid <> ?)",
        [os.getpid()],
    ).fetchall()
    for run_id, pid, heartbeat in rows:
        seen = f", last heartbeat {heartbeat:%Y-%m-%d %H:%M:%S} UTC" if heartbeat else ""
        error = f"interrupted: the process screening it (PID {pid}) stopped{seen}"
        conn.execute("BEGIN TRANSACTION")
        conn.execute("DELETE FROM alerts WHERE run_id = ?", [run_id])
        conn.execute("DELETE FROM records WHERE run_id = ?", [run_id])
        conn.execute(
            "UPDATE runs SET status = 'failed', finished_at = now()::TIMESTAMP, error = ? "
            "WHERE run_id = ? AND status = 'running'",
            [error, run_id],
        )
        conn.execute("COMMIT")
    return [row[0] for row in rows]


def store_error(path: Path, exc: duckdb.Error) -> CordonError:
    """What to tell the user when DuckDB refuses the store: held by another process (DuckDB
    allows one process per file while it writes), a full disk, or another I/O problem."""
    text = str(exc)
    if "lock" in text.lower():
        holder = _LOCK_HOLDER_RE.search(text)
        who = (
            Message(N_("process %(pid)s"), pid=holder.group(1))
            if holder
            else Message(N_("another process"))
        )
        busy = N_(
            "the store %(path)s is in use by %(who)s (a running `cordon serve`, screening or list "
            "load: DuckDB lets one process use it at a time). Wait for it to finish, or stop "
            "the server; while it serves, use its API (docs/architecture.md)"
        )
        return StoreBusyError(Message(busy, path=path, who=who))
    if "no space left" in text.lower():
        return StoreFullError(f"the disk holding {path} is full: {text.splitlines()[0]}")
    return CordonError(f"cannot open the store {path}: {text.splitlines()[0]}")


def migrate(conn: duckdb.DuckDBPyConnection) -> None:
    """Apply every migration the store has not seen yet, each in its own transaction."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    current = row[0] if row and row[0] is not None else 0
    for number, ddl in enumerate(_MIGRATIONS, start=1):
        if number <= current:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(ddl)
            conn.execute("INSERT INTO schema_version VALUES (?)", [number])
            conn.execute("COMMIT")
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):
                conn.execute("ROLLBACK")
            conn.close()
            raise CordonError(
                f"cannot bring the store up to date (migration {number}): "
                f"{str(exc).splitlines()[0]}"
            ) from exc
