"""The background record writer: every batch lands, in order, and an insert's error surfaces."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from cordon.screen.persist import RECORD_COLUMNS, RecordWriter, checkpoint
from cordon.screen.pipeline import screen_file
from cordon.store import connect


def _batch(first_line: int, rows: int) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "record_id": [f"R{line}" for line in range(first_line, first_line + rows)],
            "line": list(range(first_line, first_line + rows)),
        }
    )
    return frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(name)
        for name in RECORD_COLUMNS
        if name not in frame.columns
    ).cast({"date": pl.Date, "value": pl.Float64, "quantity": pl.Float64,
            "net_weight_kg": pl.Float64, "exporter_score": pl.Float64,
            "importer_score": pl.Float64})  # fmt: skip


def test_every_submitted_batch_is_in_the_store_when_the_writer_closes(
    store: duckdb.DuckDBPyConnection,
) -> None:
    with RecordWriter(store, "run-a") as writer:
        for first in range(0, 5000, 1000):
            writer.submit(_batch(first, 1000))
    lines = store.execute("SELECT line FROM records WHERE run_id = 'run-a' ORDER BY line")
    assert [line for (line,) in lines.fetchall()] == list(range(5000))


def test_a_failed_insert_raises_when_the_writer_closes(
    store: duckdb.DuckDBPyConnection,
) -> None:
    bad = _batch(0, 3).with_columns(pl.lit(None, dtype=pl.String).alias("record_id"))
    with pytest.raises(duckdb.ConstraintException), RecordWriter(store, "run-b") as writer:
        writer.submit(bad)


def test_small_batches_store_the_same_records_as_one_batch(
    sample_home: Path, fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORDON_HOME", str(sample_home))
    shipments = fixtures_dir / "screen" / "shipments.csv"
    screen_file(shipments, tmp_path / "one", run_id="run-one")
    screen_file(shipments, tmp_path / "many", run_id="run-many", batch_size=2)
    conn = connect()
    query = "SELECT * EXCLUDE (run_id) FROM records WHERE run_id = ? ORDER BY line"
    one = conn.execute(query, ["run-one"]).fetchall()
    many = conn.execute(query, ["run-many"]).fetchall()
    conn.close()
    assert len(one) > 4 and many == one


def _wal_bytes(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


def test_each_batch_is_checkpointed_out_of_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    conn = connect(path)
    try:
        with RecordWriter(conn, "run-c") as writer:
            writer.submit(_batch(0, 20_000))
            writer.wait()
            assert _wal_bytes(path) == 0  # the batch is in the database file already
        rows = conn.execute("SELECT count(*) FROM records WHERE run_id = 'run-c'").fetchone()
        assert rows == (20_000,)
    finally:
        conn.close()


def test_the_checkpoint_is_skipped_while_another_write_transaction_is_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.duckdb"
    conn = connect(path)
    other = conn.cursor()
    try:
        conn.execute(
            "INSERT INTO runs (run_id, input_path, started_at, status) "
            "VALUES ('run-d', 'in.csv', TIMESTAMP '2026-12-05 18:00', 'running')"
        )
        other.execute("BEGIN")
        other.execute("UPDATE runs SET progress = 0.5 WHERE run_id = 'run-d'")  # left open
        assert not checkpoint(conn)  # DuckDB refuses while the update is open: skipped, no error
        with RecordWriter(conn, "run-d") as writer:
            writer.submit(_batch(0, 20_000))
            writer.wait()  # the insert lands; its checkpoint is skipped
            assert _wal_bytes(path) > 0
        other.execute("COMMIT")
        assert checkpoint(conn)  # and done once the other transaction is over
        assert _wal_bytes(path) == 0
        rows = conn.execute("SELECT count(*) FROM records WHERE run_id = 'run-d'").fetchone()
        progress = conn.execute("SELECT progress FROM runs WHERE run_id = 'run-d'").fetchone()
        assert rows == (20_000,) and progress == (0.5,)
    finally:
        other.close()
        conn.close()
