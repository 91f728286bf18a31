"""Runs, records and alerts into the DuckDB store, always through Arrow inserts.

Also owns the run's temporary reasons table, where every batch's reasons wait for the file pass,
and the :class:`RecordWriter` that appends screened batches on a worker thread.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import polars as pl
import pyarrow as pa

from cordon.records.schema import RECORD_FIELDS
from cordon.store import registered

# What the screening adds to a canonical record: goods classification and the best party matches.
SCREENED_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("hs6", pa.string()), ("chpl_tier", pa.string()), ("category", pa.string()),
    ("exporter_entity", pa.string()), ("exporter_score", pa.float64()),
    ("importer_entity", pa.string()), ("importer_score", pa.float64()),
)  # fmt: skip
# A screened record as the store's ``records`` table keeps it (risk/alerted come later).
SCREENED_RECORD_SCHEMA = pa.schema([*RECORD_FIELDS, *SCREENED_FIELDS])
RECORD_COLUMNS: tuple[str, ...] = tuple(SCREENED_RECORD_SCHEMA.names)

REASON_SCHEMA = pl.Schema(
    {
        "line": pl.Int64,
        "record_id": pl.String,
        "rank": pl.Int32,  # order of the reason within its record
        "kind": pl.String,
        "rule": pl.String,
        "weight": pl.Float64,
        "forced": pl.Boolean,  # a reason that alerts on its own (CHPL, party match at threshold)
        "reason": pl.String,  # the contract JSON object
    }
)


def now() -> datetime:
    """Naive UTC timestamp, as the store keeps them."""
    return datetime.now(UTC).replace(tzinfo=None)


def start_run(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    input_path: Path,
    threshold: float,
    versions: Mapping[str, str],
    started_at: datetime,
) -> None:
    """Register a running run, owned by this process (``cordon.store.recover_runs`` fails it
    if the process dies before finishing it)."""
    conn.execute(
        "INSERT INTO runs (run_id, input_path, started_at, status, progress, threshold, lists, "
        "pid, heartbeat_at) VALUES (?, ?, ?, 'running', 0, ?, ?, ?, ?)",
        [
            run_id,
            str(input_path),
            started_at,
            threshold,
            json.dumps(dict(versions)),
            os.getpid(),
            started_at,
        ],
    )


def set_progress(conn: duckdb.DuckDBPyConnection, run_id: str, progress: float) -> None:
    """Record how far the run is, in [0, 1] (the API shows it), and a heartbeat."""
    conn.execute(
        "UPDATE runs SET progress = ?, heartbeat_at = ? WHERE run_id = ?",
        [min(max(progress, 0.0), 1.0), now(), run_id],
    )


def finish_run(
    conn: duckdb.DuckDBPyConnection, run_id: str, summary: Mapping[str, Any], finished_at: datetime
) -> None:
    """Mark the run done with its counts and summary.json."""
    conn.execute(
        "UPDATE runs SET status = 'done', progress = 1, finished_at = ?, input_rows = ?, "
        "screened = ?, rejected = ?, alerted = ?, summary = ? WHERE run_id = ?",
        [
            finished_at,
            summary["input_rows"],
            summary["screened"],
            summary["rejected"],
            summary["alerted"],
            json.dumps(summary, default=str),
            run_id,
        ],
    )


def fail_run(conn: duckdb.DuckDBPyConnection, run_id: str, error: str) -> None:
    """Mark the run failed with its error, removing the records and alerts it had written."""
    conn.execute("DELETE FROM alerts WHERE run_id = ?", [run_id])
    conn.execute("DELETE FROM records WHERE run_id = ?", [run_id])
    conn.execute(
        "UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE run_id = ?",
        [now(), error, run_id],
    )


def insert_records(conn: duckdb.DuckDBPyConnection, run_id: str, frame: pl.DataFrame) -> None:
    """Append a screened batch to ``records`` (risk 0, not alerted until the file pass)."""
    batch = frame.select(pl.lit(run_id).alias("run_id"), *RECORD_COLUMNS).to_arrow()
    with registered(conn, "_screen_batch", batch):
        conn.execute("INSERT INTO records BY NAME SELECT * FROM _screen_batch")


def checkpoint(conn: duckdb.DuckDBPyConnection) -> bool:
    """Checkpoint the store (write its WAL into the database file); return whether it was done.

    Skipped (False) while another write transaction that updates rows or changes the schema is
    open on the store (a progress update, the API's triage): DuckDB refuses to checkpoint then, and
    the next batch's checkpoint, or DuckDB's own at the end of the run, catches up.
    """
    try:
        conn.execute("CHECKPOINT")
    except duckdb.TransactionException as exc:
        if "other write transactions" not in str(exc):
            raise
        return False
    return True


def insert_and_checkpoint(
    conn: duckdb.DuckDBPyConnection, run_id: str, frame: pl.DataFrame
) -> None:
    """``insert_records``, then ``checkpoint``: the batch leaves the WAL on the same thread."""
    insert_records(conn, run_id, frame)
    checkpoint(conn)


class RecordWriter:
    """Appends screened batches to ``records`` on one worker thread, one batch in flight.

    DuckDB's compress-and-write of a batch (about 0.3 CPU-s per 100,000 records, single-threaded
    and outside the GIL) then overlaps the Python screening of the next batch instead of adding
    to it. The worker has its own cursor; appends never conflict with the run's other writes.
    After each insert the worker also checkpoints the store, so the batch's pages go from the WAL
    into the database file beside the screening too, not all at once when pass 2 first updates
    the records (and the WAL's buffers never hold the whole file).
    Use it as a context manager: leaving it waits for the last insert (and raises its error,
    unless the block itself failed: that error wins and the run's records are removed after).
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self._cursor = conn.cursor()
        self._run_id = run_id
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cordon-records")
        self._pending: Future[None] | None = None

    def submit(self, frame: pl.DataFrame) -> None:
        """Start appending ``frame`` once the previous batch is written (bounding memory)."""
        self.wait()
        self._pending = self._worker.submit(
            insert_and_checkpoint, self._cursor, self._run_id, frame
        )

    def wait(self) -> None:
        """Block until the batch in flight is written; re-raise its error."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.wait()
            elif self._pending is not None:
                self._pending.exception()  # let it finish; the block's own error is raised
        finally:
            self._worker.shutdown()
            self._cursor.close()


def reasons_table(run_id: str) -> str:
    """Name of the run's temporary reasons table."""
    return "screen_reasons_" + "".join(ch if ch.isalnum() else "_" for ch in run_id)


def create_reasons_table(conn: duckdb.DuckDBPyConnection, run_id: str) -> str:
    """Create the run's temporary reasons table and return its name."""
    name = reasons_table(run_id)
    # the columns of REASON_SCHEMA, declared once
    with registered(conn, "_reasons_shape", pl.DataFrame(schema=REASON_SCHEMA).to_arrow()):
        conn.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _reasons_shape")
    return name


def insert_reasons(conn: duckdb.DuckDBPyConnection, table: str, reasons: pl.DataFrame) -> None:
    """Append reasons (REASON_SCHEMA columns) to the run's reasons table."""
    if reasons.height == 0:
        return
    batch = reasons.select(list(REASON_SCHEMA)).to_arrow()
    with registered(conn, "_screen_reasons", batch):
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _screen_reasons")


def insert_scored_records(
    conn: duckdb.DuckDBPyConnection, run_id: str, records: str, scores: str
) -> None:
    """Insert a run's records from the relation ``records`` (:data:`RECORD_COLUMNS`), each with
    its risk and alerted flag from ``scores`` (``line, risk, alerted``; none: risk 0): how an
    engine that screens and scores elsewhere (Spark) stores them, beside :func:`insert_records`.
    """
    columns = ", ".join(f"r.{name}" for name in RECORD_COLUMNS)
    conn.execute(
        f"INSERT INTO records BY NAME SELECT $run_id AS run_id, {columns}, "
        "coalesce(s.risk, 0) AS risk, coalesce(s.alerted, false) AS alerted "
        f"FROM {records} r LEFT JOIN {scores} s ON r.line = s.line",
        {"run_id": run_id},
    )


def copy_records(conn: duckdb.DuckDBPyConnection, run_id: str, keys: pa.Table) -> None:
    """Copy the stored records named by ``keys`` (columns ``source_run``, ``record_id``) into
    run ``run_id``: lines numbered 1.. in (source run, line) order, a record id seen in two
    source runs suffixed with its run (``id@run``, as ``@line`` is in a file)."""
    with registered(conn, "_copied_keys", keys):
        conn.execute(
            """
            INSERT INTO records BY NAME
            SELECT r.* REPLACE (
                $run AS run_id,
                CASE WHEN count(*) OVER (PARTITION BY r.record_id) > 1
                     THEN r.record_id || '@' || r.run_id ELSE r.record_id END AS record_id,
                row_number() OVER (ORDER BY r.run_id, r.line) AS line)
            FROM records r JOIN _copied_keys h
              ON h.source_run = r.run_id AND h.record_id = r.record_id
            """,
            {"run": run_id},
        )


def insert_alerts(conn: duckdb.DuckDBPyConnection, run_id: str, scores: str) -> int:
    """Insert the alerted rows of a scores table (alert_id = run_id:record_id); return how many.

    Record ids are unique within a run: cordon.records renames a repeated id to ``id@line``.
    """
    row = conn.execute(
        "INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons, status) "
        f"SELECT $run_id || ':' || record_id, $run_id, record_id, risk, reasons, 'open' "
        f"FROM {scores} WHERE alerted",
        {"run_id": run_id},
    ).fetchone()
    return int(row[0]) if row else 0


def update_risk(conn: duckdb.DuckDBPyConnection, run_id: str, scores: str) -> None:
    """Copy ``risk`` and ``alerted`` from a scores table onto the run's records."""
    conn.execute(
        f"UPDATE records SET risk = s.risk, alerted = s.alerted FROM {scores} s "
        "WHERE records.run_id = ? AND records.line = s.line",
        [run_id],
    )
