"""Drive one screening run on Spark: the plan's per-batch stages on executors (``mapInArrow``),
file rules and scores in Spark SQL, outputs as Parquet under the run's folder plus the local
engine's ``alerts.jsonl``, ``rejects.csv`` and ``summary.json``.

The driver reads the results back from the Parquet with DuckDB: rejects.csv, alerts.jsonl (the
local engine's own writer), the summary's counts, and the run's records and alerts into the local
store, so ``cordon report``, the API and the web app read a Spark run like a local one. ``OUT``
must therefore be a folder the driver reads (a local disk, or a share the cluster also mounts).

Layout of ``OUT/``: ``screened/output=record|reason|reject|stats|error/`` (stage 1, one Parquet
dataset partitioned by what each row is), ``reasons/`` (every reason row, file rules' included),
``scores/`` (one row per record that has a reason: line, record_id, risk, alerted, reasons), and
the three contract files.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from cordon import store
from cordon.decisions.apply import apply_decisions
from cordon.i18n import Message
from cordon.names.index_store import index_path
from cordon.names.matcher import Matcher
from cordon.records.assume import check_assume, load_assume
from cordon.records.errors import InputError
from cordon.records.headers import load_column_map
from cordon.records.rejects import RejectsWriter
from cordon.records.schema import Reject
from cordon.screen import persist
from cordon.screen.alerts import ALERTS_FILE, write_alerts
from cordon.screen.dialect import DUCKDB, SPARK
from cordon.screen.parties import PartyScreener, load_links
from cordon.screen.pipeline import (
    NO_LISTS,
    REJECTS_FILE,
    NoListsError,
    ProgressCallback,
    new_run_id,
)
from cordon.screen.plan import counts, reason_count_queries
from cordon.screen.reasons import file_rule_reasons
from cordon.screen.risk import score_sql
from cordon.screen.rules import FILE_RULES, FileRule
from cordon.screen.rules.base import RUN_RECORDS, run_records_sql
from cordon.screen.spark import tasks
from cordon.screen.spark.session import is_connect, spark_session
from cordon.screen.summary import RunSummary, StageTimer
from cordon.settings import ALERT_RISK, DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType


def from_arrow_schema(schema: pa.Schema) -> StructType:
    """Spark's StructType of an Arrow schema."""
    from pyspark.sql.pandas.types import from_arrow_schema as convert

    return convert(schema)


DEFAULT_PARTITIONS_PER_CORE = 2
SCREENED_DIR = "screened"
SCORES_DIR = "scores"
REASONS_DIR = "reasons"


def screen_on_spark(
    input_path: str | Path,
    out_dir: Path,
    *,
    lists: Sequence[str] | None = None,
    threshold: float | None = None,
    column_map: Mapping[str, str] | Path | None = None,
    assume: Mapping[str, str] | None = None,
    master: str | None = None,
    remote: str | None = None,
    spark: SparkSession | None = None,
    partitions_per_core: int = DEFAULT_PARTITIONS_PER_CORE,
    run_id: str | None = None,
    progress: ProgressCallback | None = None,
    conn: duckdb.DuckDBPyConnection | None = None,
) -> RunSummary:
    """Screen ``input_path`` (a file, a directory of parts or a glob, on any filesystem Spark
    reads) on Spark and write the same outputs as ``cordon.screen.pipeline.screen_file``.

    ``spark`` is an open session to use; otherwise one is opened on ``master`` (default
    ``local[*]``) or on the Spark Connect server ``remote``.
    """
    own_conn = conn is None
    connection = store.connect() if conn is None else conn
    try:
        session = spark or spark_session(master, remote)
        run = SparkRun(
            session,
            connection,
            str(input_path),
            out_dir,
            lists=lists,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            column_map=load_column_map(column_map),
            assume={
                **load_assume(column_map if isinstance(column_map, Path) else None),
                **check_assume(assume or {}, "--assume"),
            },
            run_id=run_id or new_run_id(),
            progress=progress,
        )
        return run.run(partitions_per_core)
    finally:
        if own_conn:
            connection.close()


def _spark_path(path: str) -> str:
    """An input as Spark reads it: a URI as given, a local path made absolute."""
    return path if "://" in path or path.startswith("file:") else str(Path(path).absolute())


class SparkRun:
    """One run of the plan on Spark; ``run()`` returns the summary."""

    def __init__(
        self,
        spark: SparkSession,
        conn: duckdb.DuckDBPyConnection,
        input_path: str,
        out_dir: Path,
        *,
        lists: Sequence[str] | None,
        threshold: float,
        column_map: Mapping[str, str],
        assume: Mapping[str, str],
        run_id: str,
        progress: ProgressCallback | None,
    ) -> None:
        self.spark = spark
        self.conn = conn
        self.input_path = input_path
        self.out_dir = out_dir.absolute()
        self.lists = list(lists) if lists is not None else None
        self.threshold = threshold
        self.column_map = dict(column_map)
        self.assume = dict(assume)
        self.progress = progress
        self.timer = StageTimer()
        self.parts = 0  # input files found
        self.summary = RunSummary(
            run_id=run_id, input_path=input_path, out_dir=out_dir, started_at=persist.now()
        )

    def _report(self, fraction: float) -> None:
        persist.set_progress(self.conn, self.summary.run_id, fraction)
        if self.progress is not None:
            self.progress(fraction)

    def run(self, partitions_per_core: int) -> RunSummary:
        """Stage 1 on executors, file rules and scores in Spark SQL, outputs, the store."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with self.timer.stage("load_lists"):
            matcher = Matcher.for_store(self.conn, self.lists)
            links = load_links(self.conn, self.lists)
        self.summary.lists = dict(matcher.versions)
        if not self.summary.lists:
            raise NoListsError(Message(NO_LISTS))
        near_floor = PartyScreener(matcher, self.threshold).near_floor
        self.summary.record_thresholds(self.threshold, near_floor)
        run_id = self.summary.run_id
        persist.start_run(self.conn, run_id, Path(self.input_path), self.threshold,
                          self.summary.lists, self.summary.started_at)  # fmt: skip
        try:
            with tempfile.TemporaryDirectory(prefix="cordon-spark-") as scratch:
                index_file = self._ship_index(matcher, Path(scratch))
                config = tasks.TaskConfig(
                    index_file, self.threshold, links, self.column_map, self.assume
                )
                with self.timer.stage("screen_batches"):
                    self._stage_one(config, partitions_per_core)
            self._report(0.6)
            with self.timer.stage("rejects"):
                self._read_stage_one()
            with self.timer.stage("file_rules"):
                self._file_rules()
            self._report(0.8)
            with self.timer.stage("score"):
                self._score()
            with self.timer.stage("write"):
                self._results()
            self.summary.finished_at = persist.now()
            self.summary.timings = self.timer.rounded()
            self.summary.check_accounting()
            self.summary.write()
            persist.finish_run(self.conn, run_id, self.summary.to_dict(),
                               self.summary.finished_at)  # fmt: skip
            self._report(1.0)
        except BaseException as exc:
            persist.fail_run(self.conn, run_id, f"{type(exc).__name__}: {exc}")
            raise
        finally:
            for view in ("screened_records", RUN_RECORDS, "run_reasons"):
                self.spark.catalog.dropTempView(view)
        return self.summary

    # -- stage 1 ------------------------------------------------------------------------------

    def _ship_index(self, matcher: Matcher, scratch: Path) -> str:
        """Ship the persisted name index to the executors (once each); returns its file name."""
        path = index_path(matcher.versions)
        if not path.is_file():  # the cache could not be written: ship a scratch copy
            path = scratch / path.name
            matcher.index.save(path)
        if is_connect(self.spark):
            self.spark.addArtifacts(str(path), file=True)
        else:
            self.spark.sparkContext.addFile(str(path))
        return path.name

    def _parts(self) -> list[str]:
        """The input's files (a file, a directory's files or a glob's matches), sorted."""
        source = _spark_path(self.input_path)
        try:
            rows = self.spark.read.format("binaryFile").load(source).select("path").collect()
        except Exception as exc:  # Spark's AnalysisException: path does not exist
            raise InputError(self.input_path, f"Spark cannot list the input: {exc}") from exc
        parts = sorted(str(row["path"]) for row in rows)
        if not parts:
            raise InputError(self.input_path, "no input file found")
        self.parts = len(parts)
        return parts

    def _stage_one(self, config: tasks.TaskConfig, partitions_per_core: int) -> None:
        """Read and screen every part on the executors into ``OUT/screened``."""
        parts = self._parts()
        partitions = max(1, min(len(parts), self._cores() * partitions_per_core))
        frame = self.spark.createDataFrame(
            [(k, path) for k, path in enumerate(parts)], "part INT, path STRING"
        ).repartitionByRange(partitions, "part")
        screened = frame.mapInArrow(
            tasks.screen_parts(config), from_arrow_schema(tasks.OUTPUT_SCHEMA)
        )
        target = str(self.out_dir / SCREENED_DIR)
        screened.write.mode("overwrite").partitionBy("output").parquet(target)

    def _cores(self) -> int:
        """The cluster's task slots (Spark's default parallelism)."""
        if is_connect(self.spark):
            return int(self.spark.conf.get("spark.default.parallelism", "2") or 2)
        return int(self.spark.sparkContext.defaultParallelism)

    def _stage_rows(self, output: str) -> DataFrame:
        """Stage-1 rows of one kind, in Spark (an empty frame when the stage produced none)."""
        path = self.out_dir / SCREENED_DIR / f"output={output}"
        bare = from_arrow_schema(tasks.OUTPUT_SCHEMA.remove(0))
        if not path.exists():
            return self.spark.createDataFrame([], bare)
        return self.spark.read.schema(bare).parquet(str(path))

    # -- stages 2 and 3 in Spark SQL ----------------------------------------------------------

    def _file_rules(self) -> None:
        """Every file rule over the screened records; all reasons into ``OUT/reasons``."""
        self._stage_rows(tasks.RECORD).createOrReplaceTempView("screened_records")
        run_records = self.spark.sql(run_records_sql("screened_records", SPARK))
        run_records.createOrReplaceTempView(RUN_RECORDS)
        reasons = self._stage_rows(tasks.REASON).select(*tasks.REASON_ARROW.names)
        reason_type = from_arrow_schema(tasks.REASON_ARROW)  # persist.REASON_SCHEMA's columns
        for rule in FILE_RULES:
            flagged = self.spark.sql(rule.sql(SPARK))
            reasons = reasons.unionByName(flagged.mapInArrow(_rule_reasons(rule), reason_type))
        target = str(self.out_dir / REASONS_DIR)
        reasons.write.mode("overwrite").parquet(target)

    def _score(self) -> None:
        """One row per record with a reason (risk, alert decision, reasons) into ``OUT/scores``."""
        self.spark.read.parquet(str(self.out_dir / REASONS_DIR)).createOrReplaceTempView(
            "run_reasons"
        )
        scores = self.spark.sql(score_sql("run_reasons", SPARK), args={"alert_risk": ALERT_RISK})
        scores.write.mode("overwrite").parquet(str(self.out_dir / SCORES_DIR))

    # -- results, read on the driver with DuckDB ----------------------------------------------

    def _parquet(self, *parts: str) -> str | None:
        """DuckDB's ``read_parquet`` of an output folder; None when Spark wrote nothing there."""
        folder = self.out_dir.joinpath(*parts)
        if not any(folder.glob("*.parquet")):
            return None
        pattern = str(folder / "*.parquet").replace("'", "''")
        return f"read_parquet('{pattern}')"

    def _read_stage_one(self) -> None:
        """Counts, the first unreadable part (an InputError) and rejects.csv from stage 1."""
        errors = self._parquet(SCREENED_DIR, f"output={tasks.ERROR}")
        if errors is not None:
            row = self.conn.execute(
                f"SELECT reject_raw, reject_reason FROM {errors} ORDER BY part LIMIT 1"
            ).fetchone()
            if row is not None:
                raise InputError(str(row[0]), str(row[1]))
        stats = self._parquet(SCREENED_DIR, f"output={tasks.STATS}")
        if stats is not None:
            row = self.conn.execute(
                f"SELECT sum(rows_read), sum(parties_matched) FROM {stats}"
            ).fetchone()
            if row is not None and row[0] is not None:
                self.summary.input_rows, self.summary.parties_screened = int(row[0]), int(row[1])
        records = self._parquet(SCREENED_DIR, f"output={tasks.RECORD}")
        if records is not None:
            row = self.conn.execute(f"SELECT count(*) FROM {records}").fetchone()
            self.summary.screened = int(row[0]) if row else 0
        self._write_rejects()

    def _write_rejects(self) -> None:
        rejects = self._parquet(SCREENED_DIR, f"output={tasks.REJECT}")
        with RejectsWriter(self.out_dir / REJECTS_FILE) as writer:
            if rejects is not None:
                result = self.conn.execute(
                    "SELECT line, record_id, reject_field, reject_reason, reject_raw "
                    f"FROM {rejects} ORDER BY line"
                )
                while chunk := result.fetchmany(10_000):
                    writer.write(
                        Reject(int(line), record_id, str(field), str(reason), raw or "")
                        for line, record_id, field, reason, raw in chunk
                    )
            self.summary.rejected = writer.count

    def _results(self) -> None:
        """alerts.jsonl (the local engine's writer), summary counts and the store's tables."""
        scores, reasons = self._parquet(SCORES_DIR), self._parquet(REASONS_DIR)
        records = self._parquet(SCREENED_DIR, f"output={tasks.RECORD}")
        if scores is None or reasons is None or records is None:
            (self.out_dir / ALERTS_FILE).write_bytes(b"")
            return
        suffix = "".join(ch if ch.isalnum() else "_" for ch in self.summary.run_id)
        views = {name: f"spark_{name}_{suffix}" for name in ("ids", "records", "scores", "reasons")}
        self._unique_ids(records, views["ids"])
        self.conn.execute(
            f"CREATE OR REPLACE TEMP VIEW {views['records']} AS SELECT r.* REPLACE "
            f"(coalesce(i.record_id, r.record_id) AS record_id) FROM {records} r "
            f"LEFT JOIN {views['ids']} i ON r.line = i.line"
        )
        self.conn.execute(
            f"CREATE OR REPLACE TEMP VIEW {views['scores']} AS SELECT s.line, "
            "coalesce(i.record_id, s.record_id) AS record_id, s.risk, s.alerted, "
            f"s.reasons::JSON AS reasons FROM {scores} s LEFT JOIN {views['ids']} i "
            "ON s.line = i.line"
        )
        self.conn.execute(
            f"CREATE OR REPLACE TEMP VIEW {views['reasons']} AS SELECT * FROM {reasons}"
        )
        try:
            self._import_to_store(views["records"], views["scores"])
            self.summary.decided = apply_decisions(self.conn, run_id=self.summary.run_id)
            alerts = self.out_dir / ALERTS_FILE
            write_alerts(self.conn, views["scores"], alerts, self.summary.run_id)
            queries = reason_count_queries(DUCKDB, views["reasons"], views["scores"])
            for name, sql in queries.items():
                setattr(self.summary, name, counts(self.conn.execute(sql).fetchall()))
        finally:
            for name in ("reasons", "scores", "records"):
                self.conn.execute(f"DROP VIEW IF EXISTS {views[name]}")
            self.conn.execute(f"DROP TABLE IF EXISTS {views['ids']}")

    def _unique_ids(self, records: str, table: str) -> None:
        """Temp table (line, record_id) of the records whose id an earlier part already used:
        they become ``id@LINE``, as the local reader renames a repeated id within a file."""
        self.conn.execute(f"CREATE OR REPLACE TEMP TABLE {table} (line BIGINT, record_id VARCHAR)")
        if self.parts < 2:  # one file: the reader already made its ids unique
            return
        self.conn.execute(
            f"INSERT INTO {table} SELECT line, record_id || '@' || line FROM ("
            "SELECT line, record_id, row_number() OVER (PARTITION BY record_id ORDER BY line) AS n "
            f"FROM {records}) WHERE n > 1"
        )

    def _import_to_store(self, records: str, scores: str) -> None:
        """Register the run's records and alerts in the local store, as the local engine does."""
        run_id = self.summary.run_id
        persist.insert_scored_records(self.conn, run_id, records, scores)
        self.summary.alerted = persist.insert_alerts(self.conn, run_id, scores)


def _rule_reasons(rule: FileRule) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """The ``mapInArrow`` function turning a file rule's flagged rows into reason rows."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield from tasks.reason_batches(file_rule_reasons(rule, pa.Table.from_batches([batch])))

    return run
