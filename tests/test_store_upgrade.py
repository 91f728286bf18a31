"""A store written by an older cordon is brought up to date with its data in place."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from cordon.screen.persist import SCREENED_RECORD_SCHEMA
from cordon.store import _MIGRATIONS, SCHEMA_VERSION, connect


def test_every_migration_applies_to_a_store_holding_data(tmp_path: Path) -> None:
    """Migration 4 once failed on every non-empty store (two ALTERs of ``entities`` in one
    transaction): upgrade, one migration at a time, a store that has rows in every table."""
    path = tmp_path / "old.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute(_MIGRATIONS[0])
    conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.execute(
        "INSERT INTO entities VALUES ('d', 'v', 'd-1', '1', 'Company', 'X', '{}');"
        "INSERT INTO runs (run_id, input_path, started_at, status) "
        "VALUES ('r', 'x.csv', now()::TIMESTAMP, 'done');"
        "INSERT INTO records (run_id, record_id) VALUES ('r', '1');"
        "INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons) "
        "VALUES ('r:1', 'r', '1', 0.9, '[]')"
    )
    conn.close()
    upgraded = connect(path)
    version = upgraded.execute("SELECT max(version) FROM schema_version").fetchone()
    assert version == (len(_MIGRATIONS),)
    assert upgraded.execute("SELECT target FROM entities").fetchone() == (True,)
    assert upgraded.execute("SELECT status FROM runs").fetchone() == ("done",)
    upgraded.close()


def test_the_records_table_holds_the_declared_record(tmp_path: Path) -> None:
    """The DDL of ``records`` lives in frozen migrations; it must still be the declared record
    (records/schema.py + screen/persist.py), column for column and type for type."""
    conn = connect(tmp_path / "new.duckdb")
    columns = dict(
        conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'records'"
        ).fetchall()
    )
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    duckdb_type = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
                   pa.date32(): "DATE"}  # fmt: skip
    assert set(columns) == {"run_id", *SCREENED_RECORD_SCHEMA.names, "risk", "alerted"}
    for field in SCREENED_RECORD_SCHEMA:
        assert columns[field.name] == duckdb_type[field.type], field.name
