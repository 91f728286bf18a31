"""The screening pipeline: a customs file in, alerts.jsonl + rejects.csv + summary.json out.

The local engine: it runs the plan of ``cordon.screen.plan`` in this process over DuckDB.
Pass 1 streams the reader's batches through the per-batch stages (goods, parties, record rules),
persisting records and their reasons. Pass 2 runs the file rules in DuckDB over the persisted
records, scores every record and writes the alerts. Memory stays bounded by the batch size.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from cordon import store
from cordon.decisions.apply import apply_decisions
from cordon.errors import UsageError
from cordon.i18n import N_, Message
from cordon.names.matcher import Matcher
from cordon.records.read import RecordBatch, read_batches
from cordon.records.rejects import RejectsWriter
from cordon.screen import persist, reasons
from cordon.screen.alerts import ALERTS_FILE, write_alerts
from cordon.screen.dialect import DUCKDB
from cordon.screen.parties import PartyScreener, load_links
from cordon.screen.plan import counts, reason_count_queries, screen_batch
from cordon.screen.risk import create_scores
from cordon.screen.summary import RunSummary, StageTimer
from cordon.settings import DEFAULT_THRESHOLD, DUCKDB_MEMORY_LIMIT_MIB

REJECTS_FILE = "rejects.csv"
BATCH_PROGRESS_SHARE = 0.9  # share of the progress bar taken by pass 1; pass 2 takes the rest
# DuckDB's share of a run's memory: beyond it, its operators and temp tables spill to disk.
# The rest of the 2 GB budget is the matcher's name index, one batch in flight and the caches.
DUCKDB_THREADS = 2
# Rows screened at a time. 100k rather than 200k: ~170 MiB less at the peak for ~10% more CPU.
DEFAULT_BATCH_SIZE = 100_000

ProgressCallback = Callable[[float], None]


class NoListsError(UsageError, RuntimeError):
    """Screening was asked for with no sanctions list loaded in the store."""

    http_status = 409


NO_LISTS = N_(
    "no sanctions list is loaded in the store; load one with `cordon lists load` "
    "(or run `cordon demo`, which loads the bundled sample list)"
)


def new_run_id() -> str:
    """A sortable, unique run id: UTC stamp plus a random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def screen_file(
    input_path: Path,
    out_dir: Path,
    *,
    lists: Sequence[str] | None = None,
    threshold: float | None = None,
    column_map: Mapping[str, str] | Path | None = None,
    assume: Mapping[str, str] | None = None,
    conn: duckdb.DuckDBPyConnection | None = None,
    run_id: str | None = None,
    progress: ProgressCallback | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> RunSummary:
    """Screen one customs file against the loaded lists (all when ``lists`` is None).

    Writes ``out_dir/alerts.jsonl``, ``rejects.csv`` and ``summary.json`` and persists the run,
    its records and alerts in the store. Raises ``cordon.records.errors.InputError`` for an
    unreadable file; the run is then recorded as failed.
    """
    own_conn = conn is None
    connection = store.connect() if conn is None else conn
    bound_duckdb(connection, own_conn)
    try:
        screening = Screening(
            connection,
            input_path,
            out_dir,
            lists=lists,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            run_id=run_id or new_run_id(),
            progress=progress,
            assume=assume,
        )
        return screening.run(column_map, batch_size)
    finally:
        if own_conn:
            connection.close()


def bound_duckdb(conn: duckdb.DuckDBPyConnection, own: bool = True) -> None:
    """Keep DuckDB's memory bounded whatever the input size: it spills to disk beyond the limit.

    ``memory_limit`` is lowered to ``DUCKDB_MEMORY_LIMIT_MIB`` (never raised) and the spill
    directory is set explicitly (the store's own ``.tmp`` directory, or a temporary one for an
    in-memory database). On a connection screen_file opened itself (``own``) it also sets the
    spill directory and the thread count, and lets DuckDB drop insertion order (less buffering
    in the big INSERT/CREATE ... SELECTs; every query whose order matters has an ORDER BY).
    Settings are instance-wide, so a caller's connection (the API's, the demo's) only ever gets
    a lower limit.
    """
    limit = DUCKDB_MEMORY_LIMIT_MIB * 2**20
    current = conn.execute("SELECT current_setting('memory_limit')").fetchone()
    if current is None or _setting_bytes(str(current[0])) > limit:
        conn.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT_MIB}MiB'")
    if not own:
        return
    conn.execute(f"SET threads = {DUCKDB_THREADS}")
    conn.execute("SET preserve_insertion_order = false")
    row = conn.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    if row and row[0]:
        spill = (str(row[0]) + ".tmp").replace("'", "''")
        conn.execute(f"SET temp_directory = '{spill}'")


_UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}  # fmt: skip


def _setting_bytes(text: str) -> float:
    """Bytes of a DuckDB size setting as DuckDB prints it (``18.8 GiB``, ``512.0 MiB``)."""
    number, _, unit = text.strip().partition(" ")
    try:
        return float(number) * _UNITS.get(unit.strip().upper() or "B", 1)
    except ValueError:
        return float("inf")


class Screening:
    """One run of the pipeline; ``run()`` does both passes and returns the summary."""

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        input_path: Path,
        out_dir: Path,
        *,
        lists: Sequence[str] | None,
        threshold: float,
        run_id: str,
        progress: ProgressCallback | None = None,
        assume: Mapping[str, str] | None = None,
    ) -> None:
        self.conn = conn
        self.assume = dict(assume or {})
        self.input_path = input_path
        self.out_dir = out_dir
        self.lists = list(lists) if lists is not None else None
        self.threshold = threshold
        self.progress = progress
        self.timer = StageTimer()
        self.summary = RunSummary(
            run_id=run_id,
            input_path=str(input_path),
            out_dir=out_dir,
            started_at=persist.now(),
        )
        self.reasons_table = persist.reasons_table(run_id)
        self.scores_table = self.reasons_table.replace("screen_reasons_", "screen_scores_")

    @property
    def run_id(self) -> str:
        """The run's id."""
        return self.summary.run_id

    def run(self, column_map: Mapping[str, str] | Path | None, batch_size: int) -> RunSummary:
        """Both passes, then summary.json; a failure marks the run failed and re-raises."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with self.timer.stage("load_lists"):
            matcher = Matcher.for_store(self.conn, self.lists)
            screener = PartyScreener(matcher, self.threshold, load_links(self.conn, self.lists))
        self.summary.lists = dict(matcher.versions)
        if not self.summary.lists:
            raise NoListsError(Message(NO_LISTS))
        self.summary.record_thresholds(self.threshold, screener.near_floor)
        persist.start_run(
            self.conn,
            self.run_id,
            self.input_path,
            self.threshold,
            self.summary.lists,
            self.summary.started_at,
        )
        try:
            persist.create_reasons_table(self.conn, self.run_id)
            self._stream(column_map, batch_size, screener)
            self._file_pass()
            self._finish()
        except BaseException as exc:
            persist.fail_run(self.conn, self.run_id, f"{type(exc).__name__}: {exc}")
            raise
        finally:
            self.conn.execute(f"DROP TABLE IF EXISTS {self.reasons_table}")
            self.conn.execute(f"DROP TABLE IF EXISTS {self.scores_table}")
        return self.summary

    def _report(self, fraction: float) -> None:
        persist.set_progress(self.conn, self.run_id, fraction)
        if self.progress is not None:
            self.progress(fraction)

    def _stream(
        self,
        column_map: Mapping[str, str] | Path | None,
        batch_size: int,
        screener: PartyScreener,
    ) -> None:
        """Pass 1: every batch through goods, parties and record rules into the store."""
        batches = read_batches(
            self.input_path, column_map, batch_size=batch_size, assume=self.assume
        )
        with (
            RejectsWriter(self.out_dir / REJECTS_FILE) as rejects,
            persist.RecordWriter(self.conn, self.run_id) as records,
        ):
            while True:
                with self.timer.stage("read"):
                    batch = next(batches, None)
                if batch is None:
                    break
                rejects.write(batch.rejects)
                self._screen_batch(batch, screener, records)
                share = batch.bytes_read / batch.total_bytes if batch.total_bytes else 1.0
                del batch  # free it before the reader builds the next one: one batch at a time
                self._report(BATCH_PROGRESS_SHARE * share)
            with self.timer.stage("persist"):
                records.wait()
        self.summary.parties_screened = screener.queries_matched

    def _screen_batch(
        self, batch: RecordBatch, screener: PartyScreener, records: persist.RecordWriter
    ) -> None:
        self.summary.input_rows += batch.rows_read
        self.summary.rejected += len(batch.rejects)
        self.summary.screened += batch.table.num_rows
        if batch.table.num_rows == 0:
            return
        screened = screen_batch(batch.table, screener, self.timer)
        with self.timer.stage("persist"):  # the wait for the previous batch's insert
            records.submit(screened.frame)
            persist.insert_reasons(self.conn, self.reasons_table, screened.reasons)

    def _file_pass(self) -> None:
        """Pass 2: file rules, scores, alerts.jsonl and the store's alerts."""
        with self.timer.stage("file_rules"):
            reasons.add_file_reasons(self.conn, self.run_id, self.reasons_table)
        self._report(0.95)
        with self.timer.stage("score"):
            create_scores(self.conn, self.reasons_table, self.scores_table)
            persist.update_risk(self.conn, self.run_id, self.scores_table)
            self.summary.alerted = persist.insert_alerts(self.conn, self.run_id, self.scores_table)
        with self.timer.stage("decisions"):
            self.summary.decided = apply_decisions(self.conn, run_id=self.run_id)
        with self.timer.stage("write"):
            write_alerts(self.conn, self.scores_table, self.out_dir / ALERTS_FILE, self.run_id)
        self._count_reasons()

    def _count_reasons(self) -> None:
        """Counts over the alerted records' reasons, for summary.json."""
        queries = reason_count_queries(DUCKDB, self.reasons_table, self.scores_table)
        for name, sql in queries.items():
            setattr(self.summary, name, counts(self.conn.execute(sql).fetchall()))

    def _finish(self) -> None:
        self.summary.finished_at = persist.now()
        self.summary.timings = self.timer.rounded()
        self.summary.check_accounting()
        self.summary.write()
        persist.finish_run(self.conn, self.run_id, self.summary.to_dict(), self.summary.finished_at)
        self._report(1.0)
