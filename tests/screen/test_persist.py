"""The background record writer: every batch lands, in order, and an insert's error surfaces."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from cordon.screen.persist import RECORD_COLUMNS, RecordWriter
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
