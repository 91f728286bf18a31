"""Drive one screening run on Spark: the plan's per-batch stages on executors (``mapInArrow``),
file rules and scores in Spark SQL, outputs as Parquet under the run's folder plus the local
engine's ``alerts.jsonl``, ``rejects.csv`` and ``summary.json``.

The run is also registered in the local store (runs, records, alerts, read back from the Parquet
with DuckDB), so ``cordon report``, the API and the web app read a Spark run like a local one.

Layout of ``OUT/``: ``screened/output=record|reason|reject|stats|error/`` (stage 1, one Parquet
dataset partitioned by what each row is), ``reasons/`` (every reason row, file rules' included),
``scores/`` (one row per record that has a reason: line, record_id, risk, alerted, reasons), and
the three contract files.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import orjson
import pyarrow as pa

from cordon import store
from cordon.names.matcher import Matcher, index_path
from cordon.records.errors import InputError
from cordon.records.headers import load_column_map
from cordon.records.rejects import RejectsWriter
from cordon.records.schema import Reject
from cordon.screen import persist
from cordon.screen.alerts import ALERTS_FILE
from cordon.screen.dialect import SPARK
from cordon.screen.parties import PartyScreener, load_links
from cordon.screen.pipeline import REJECTS_FILE, NoListsError, ProgressCallback, new_run_id
from cordon.screen.plan import counts, reason_count_queries
from cordon.screen.reasons import file_rule_reasons
from cordon.screen.risk import ALERT_RISK, score_sql
from cordon.screen.rules import FILE_RULES, FileRule
from cordon.screen.rules.base import RUN_RECORDS, run_records_sql
from cordon.screen.spark import tasks
from cordon.screen.spark.session import is_connect, spark_session
from cordon.screen.summary import RunSummary, StageTimer

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
_REASON_COLUMNS = ("line", "record_id", "rank", "kind", "rule", "weight", "forced", "reason")
_REASON_DDL = (
    "line BIGINT, record_id STRING, rank INT, kind STRING, rule STRING, weight DOUBLE, "
    "forced BOOLEAN, reason STRING"
)


def screen_on_spark(
    input_path: str | Path,
    out_dir: Path,
    *,
    lists: Sequence[str] | None = None,
    threshold: float | None = None,
    column_map: Mapping[str, str] | Path | None = None,
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
    from cordon.names.score import DEFAULT_THRESHOLD

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
        self.progress = progress
        self.timer = StageTimer()
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
            raise NoListsError(
                "no sanctions list is loaded in the store; load one with `cordon lists load` "
                "(or run `cordon demo`, which loads the bundled sample list)"
            )
        near_floor = PartyScreener(matcher, self.threshold).near_floor
        self.summary.thresholds = {
            "party_match": self.threshold, "near_miss": near_floor, "alert_risk": ALERT_RISK,
        }  # fmt: skip
        run_id = self.summary.run_id
        persist.start_run(self.conn, run_id, Path(self.input_path), self.threshold,
                          self.summary.lists, self.summary.started_at)  # fmt: skip
        try:
            with tempfile.TemporaryDirectory(prefix="cordon-spark-") as scratch:
                index_file = self._ship_index(matcher, Path(scratch))
                config = tasks.TaskConfig(index_file, self.threshold, links, self.column_map)
                with self.timer.stage("screen_batches"):
                    self._stage_one(config, partitions_per_core)
            self._report(0.6)
            with self.timer.stage("rejects"):
                self._read_stats()
                self._write_rejects()
            with self.timer.stage("file_rules"):
                self._file_rules()
            self._report(0.8)
            with self.timer.stage("score"):
                self._score()
            with self.timer.stage("write"):
                self.summary.alerted = self._write_alerts()
                self._count_reasons()
            with self.timer.stage("store"):
                self._import_to_store()
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
            for view in ("screened_records", "screened_reasons", RUN_RECORDS, "run_reasons"):
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
        errors = self._stage_rows(tasks.ERROR).select("reject_raw", "reject_reason").collect()
        if errors:
            raise InputError(str(errors[0]["reject_raw"]), str(errors[0]["reject_reason"]))

    def _cores(self) -> int:
        """The cluster's task slots (Spark's default parallelism)."""
        if is_connect(self.spark):
            return int(self.spark.conf.get("spark.default.parallelism", "2") or 2)
        return int(self.spark.sparkContext.defaultParallelism)

    def _stage_rows(self, output: str) -> DataFrame:
        """Stage-1 rows of one kind (an empty frame when the stage produced none)."""
        path = self.out_dir / SCREENED_DIR / f"output={output}"
        bare = from_arrow_schema(tasks.OUTPUT_SCHEMA.remove(0))
        if not path.exists():
            return self.spark.createDataFrame([], bare)
        return self.spark.read.schema(bare).parquet(str(path))

    # -- stage 2 and 3 ------------------------------------------------------------------------

    def _read_stats(self) -> None:
        row = (
            self._stage_rows(tasks.STATS)
            .selectExpr(
                "coalesce(sum(rows_read), 0) AS rows_read",
                "coalesce(sum(parties_matched), 0) AS parties",
            )
            .collect()[0]
        )
        self.summary.input_rows = int(row["rows_read"])
        self.summary.parties_screened = int(row["parties"])
        records = self._stage_rows(tasks.RECORD)
        records.createOrReplaceTempView("screened_records")
        self.summary.screened = records.count()
        self._stage_rows(tasks.REASON).select(*_REASON_COLUMNS).createOrReplaceTempView(
            "screened_reasons"
        )

    def _write_rejects(self) -> None:
        rejects = self._stage_rows(tasks.REJECT).orderBy("line")
        with RejectsWriter(self.out_dir / REJECTS_FILE) as writer:
            for row in rejects.toLocalIterator():
                field, reason, raw = row["reject_field"], row["reject_reason"], row["reject_raw"]
                writer.write([Reject(int(row["line"]), row["record_id"], field, reason, raw or "")])
            self.summary.rejected = writer.count

    def _file_rules(self) -> None:
        run_records = self.spark.sql(run_records_sql("screened_records", SPARK))
        run_records.createOrReplaceTempView(RUN_RECORDS)
        reasons = self.spark.table("screened_reasons")
        for rule in FILE_RULES:
            flagged = self.spark.sql(rule.sql(SPARK))
            reasons = reasons.unionByName(flagged.mapInArrow(_rule_reasons(rule), _REASON_DDL))
        target = str(self.out_dir / REASONS_DIR)
        reasons.write.mode("overwrite").parquet(target)
        self.spark.read.parquet(target).createOrReplaceTempView("run_reasons")

    def _score(self) -> None:
        scores = self.spark.sql(score_sql("run_reasons", SPARK), args={"alert_risk": ALERT_RISK})
        scores.write.mode("overwrite").parquet(str(self.out_dir / SCORES_DIR))

    def _scores(self) -> DataFrame:
        return self.spark.read.parquet(str(self.out_dir / SCORES_DIR))

    def _write_alerts(self) -> int:
        """alerts.jsonl: alerted records in input order, the contract's keys."""
        alerted = self._scores().where("alerted").orderBy("line")
        count = 0
        with (self.out_dir / ALERTS_FILE).open("wb") as out:
            for row in alerted.select("record_id", "risk", "reasons").toLocalIterator():
                record = {"record_id": row["record_id"], "risk": row["risk"],
                          "reasons": orjson.Fragment(row["reasons"].encode())}  # fmt: skip
                out.write(orjson.dumps(record) + b"\n")
                count += 1
        return count

    def _count_reasons(self) -> None:
        self._scores().createOrReplaceTempView("run_scores")
        try:
            for name, sql in reason_count_queries(SPARK, "run_reasons", "run_scores").items():
                rows = [(row[0], row[1]) for row in self.spark.sql(sql).collect()]
                setattr(self.summary, name, counts(rows))
        finally:
            self.spark.catalog.dropTempView("run_scores")

    def _import_to_store(self) -> None:
        """Register the run's records and alerts in the local store from the Parquet outputs
        (skipped, with the run still recorded, when the outputs are not on a local disk)."""
        records = self.out_dir / SCREENED_DIR / f"output={tasks.RECORD}"
        scores = self.out_dir / SCORES_DIR
        if not records.exists() or not scores.exists():
            return
        columns = ", ".join(f"r.{name}" for name in persist.RECORD_COLUMNS)
        source = str(records).replace("'", "''")
        scored = str(scores).replace("'", "''")
        run_id = self.summary.run_id
        self.conn.execute(
            f"INSERT INTO records BY NAME SELECT $run_id AS run_id, {columns}, "
            "coalesce(s.risk, 0) AS risk, coalesce(s.alerted, false) AS alerted "
            f"FROM read_parquet('{source}/*.parquet') r "
            f"LEFT JOIN read_parquet('{scored}/*.parquet') s ON r.line = s.line",
            {"run_id": run_id},
        )
        self.conn.execute(
            "INSERT INTO alerts (alert_id, run_id, record_id, risk, reasons, status) "
            "SELECT $run_id || ':' || record_id, $run_id, record_id, risk, reasons, 'open' "
            f"FROM read_parquet('{scored}/*.parquet') WHERE alerted",
            {"run_id": run_id},
        )


def _rule_reasons(rule: FileRule) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """The ``mapInArrow`` function turning a file rule's flagged rows into reason rows."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield from tasks.reason_batches(file_rule_reasons(rule, pa.Table.from_batches([batch])))

    return run


def remove_outputs(out_dir: Path) -> None:
    """Delete a Spark run's Parquet folders (tests and benchmarks clean up with it)."""
    for name in (SCREENED_DIR, REASONS_DIR, SCORES_DIR):
        shutil.rmtree(out_dir / name, ignore_errors=True)
