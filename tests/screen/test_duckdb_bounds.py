"""screen_file bounds DuckDB's memory: a lower limit, an explicit spill directory, fixed threads."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cordon.screen.pipeline import DUCKDB_THREADS, bound_duckdb
from cordon.settings import DUCKDB_MEMORY_LIMIT_MIB


def _setting(conn: duckdb.DuckDBPyConnection, name: str) -> str:
    row = conn.execute(f"SELECT current_setting('{name}')").fetchone()
    assert row is not None
    return str(row[0])


def test_own_store_connection_gets_limit_spill_directory_and_threads(tmp_path: Path) -> None:
    conn = duckdb.connect(str(tmp_path / "store.duckdb"))
    conn.execute("SET threads = 1")
    bound_duckdb(conn)
    assert _setting(conn, "memory_limit") == f"{DUCKDB_MEMORY_LIMIT_MIB:.1f} MiB"
    assert _setting(conn, "temp_directory") == str(tmp_path / "store.duckdb.tmp")
    assert _setting(conn, "threads") == str(DUCKDB_THREADS)
    assert _setting(conn, "preserve_insertion_order") == "False"


def test_callers_connection_only_ever_gets_a_lower_limit(tmp_path: Path) -> None:
    high = duckdb.connect(str(tmp_path / "api.duckdb"))
    high.execute("SET threads = 1")
    bound_duckdb(high, own=False)
    assert _setting(high, "memory_limit") == f"{DUCKDB_MEMORY_LIMIT_MIB:.1f} MiB"
    assert _setting(high, "threads") == "1"  # a caller's other settings are left alone
    assert _setting(high, "preserve_insertion_order") == "True"

    low = duckdb.connect()
    low.execute("SET memory_limit = '100MiB'")
    bound_duckdb(low, own=False)
    assert _setting(low, "memory_limit") == "100.0 MiB"


def test_spilled_reasons_table_survives_a_tiny_limit(tmp_path: Path) -> None:
    """Temp tables larger than the limit spill to the spill directory instead of failing."""
    conn = duckdb.connect(str(tmp_path / "store.duckdb"))
    bound_duckdb(conn)
    conn.execute("SET memory_limit = '64MiB'")
    conn.execute("CREATE TEMP TABLE t (line BIGINT, reason VARCHAR)")
    for start in range(0, 1_000_000, 250_000):
        conn.execute(
            "INSERT INTO t SELECT range, repeat(md5(range::VARCHAR), 4) FROM range(?, ?)",
            [start, start + 250_000],
        )
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (1_000_000,)
    spilled = conn.execute("SELECT sum(temporary_storage_bytes) FROM duckdb_memory()").fetchone()
    assert spilled is not None and spilled[0] > 0  # 128 MB of text under a 64 MiB limit
