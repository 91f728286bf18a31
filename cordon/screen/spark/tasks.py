"""What Spark executors run: read input parts with cordon's readers and screen their batches.

One task reads whole input parts (a part is one file: CSV, XLSX, Parquet or JSON Lines, on any
filesystem pyarrow opens), so encodings, header aliases, validation and rejects are exactly the
local engine's. Each batch goes through the plan's per-batch stages; the outputs travel back as
one tagged Arrow schema (``OUTPUT_SCHEMA``: records, reasons, rejects, per-part stats, errors).

The name index is a read-only artifact shipped once per executor (``SparkFiles``) and loaded once
per Python worker, which Spark reuses across tasks.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from cordon.names.index import NameIndex
from cordon.names.matcher import Matcher
from cordon.records.chunk import truncate_raw
from cordon.records.errors import InputError
from cordon.records.read import read_batches
from cordon.records.schema import Reject
from cordon.screen.parties import PartyScreener
from cordon.screen.persist import REASON_SCHEMA, RECORD_COLUMNS, SCREENED_RECORD_SCHEMA
from cordon.screen.plan import screen_batch

# Lines of part k are k * LINE_STRIDE + its own line: one key per record across parts, and a
# single-file input keeps its own line numbers.
LINE_STRIDE = 10**10
RECORD = "record"
REASON = "reason"
REJECT = "reject"
STATS = "stats"
ERROR = "error"

RECORD_FIELDS = list(SCREENED_RECORD_SCHEMA)


def _arrow_field(name: str, dtype: pl.DataType) -> pa.Field:
    """The Arrow field of a polars column (plain ``string``, as the record fields use)."""
    arrow = pl.Series(name, [], dtype=dtype).to_arrow().type
    return pa.field(name, pa.string() if arrow == pa.large_string() else arrow)


# The reason columns are cordon.screen.persist.REASON_SCHEMA's, spelled once there.
REASON_ARROW = pa.schema([_arrow_field(name, dtype) for name, dtype in REASON_SCHEMA.items()])
REASON_FIELDS = [f for f in REASON_ARROW if f.name not in ("line", "record_id")]
OUTPUT_SCHEMA = pa.schema(
    [
        pa.field("output", pa.string()),
        pa.field("part", pa.int32()),
        *RECORD_FIELDS,  # record_id, line first
        *REASON_FIELDS,
        pa.field("reject_field", pa.string()),
        pa.field("reject_reason", pa.string()),
        pa.field("reject_raw", pa.string()),
        pa.field("rows_read", pa.int64()),
        pa.field("parties_matched", pa.int64()),
    ]
)


@dataclass(frozen=True)
class TaskConfig:
    """What every task needs, pickled once with the task closure (small: no index inside)."""

    index_file: str  # name of the shipped index file (SparkFiles)
    threshold: float
    links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    column_map: Mapping[str, str] = field(default_factory=dict)
    assume: Mapping[str, str] = field(default_factory=dict)  # field defaults (--assume)
    batch_size: int = 100_000


_SCREENERS: dict[tuple[str, float], PartyScreener] = {}


def _screener(config: TaskConfig) -> PartyScreener:
    """This worker's party screener: the shipped index, loaded once per Python worker."""
    key = (config.index_file, config.threshold)
    screener = _SCREENERS.get(key)
    if screener is None:
        from pyspark import SparkFiles

        index = NameIndex.load(Path(SparkFiles.get(config.index_file)))
        if index is None:
            raise RuntimeError(f"the shipped name index {config.index_file} cannot be read")
        screener = PartyScreener(Matcher(index), config.threshold, config.links)
        _SCREENERS[key] = screener
    return screener


def _tagged(columns: Mapping[str, pa.Array | pa.ChunkedArray | list[Any]], output: str,
            rows: int) -> list[pa.RecordBatch]:  # fmt: skip
    """Output batches of one kind: the given columns, the tag, nulls everywhere else."""
    arrays: list[pa.Array | pa.ChunkedArray] = []
    for spec in OUTPUT_SCHEMA:
        given = columns.get(spec.name)
        if spec.name == "output":
            arrays.append(pa.array([output] * rows, pa.string()))
        elif given is None:
            arrays.append(pa.nulls(rows, spec.type))
        elif isinstance(given, list):
            arrays.append(pa.array(given, spec.type))
        else:
            arrays.append(given.cast(spec.type))
    return pa.Table.from_arrays(arrays, schema=OUTPUT_SCHEMA).to_batches()


def _shifted(lines: pa.Array | pa.ChunkedArray, part: int) -> pa.Array | pa.ChunkedArray:
    """Lines of part ``part`` as run-wide keys."""
    return pc.add(lines, pa.scalar(part * LINE_STRIDE, pa.int64())) if part else lines


def _rejects_batches(rejects: list[Reject], part: int) -> list[pa.RecordBatch]:
    columns: dict[str, list[Any]] = {
        "part": [part] * len(rejects),
        "line": [part * LINE_STRIDE + r.line for r in rejects],
        "record_id": [r.record_id for r in rejects],
        "reject_field": [r.field for r in rejects],
        "reject_reason": [r.reason for r in rejects],
        # undecodable bytes as \xNN (valid UTF-8); cut to length only when rejects.csv is written
        "reject_raw": [truncate_raw(r.raw, limit=len(r.raw)) for r in rejects],
    }
    return _tagged(columns, REJECT, len(rejects))


def _part_column(part: int, rows: int) -> pa.Array:
    return pa.array([part] * rows, pa.int32())


def _local_copy(path: str, scratch: Path) -> Path:
    """A local path to read ``path`` from: itself on a local filesystem, else a scratch copy."""
    parsed = urlparse(path)
    if parsed.scheme in ("", "file"):
        return Path(parsed.path if parsed.scheme else path)
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path)
    target = scratch / Path(inner).name
    with filesystem.open_input_stream(inner) as source, target.open("wb") as sink:
        shutil.copyfileobj(source, sink, 1 << 20)
    return target


def screen_part(part: int, path: str, config: TaskConfig) -> Iterator[pa.RecordBatch]:
    """Every output batch of one input part: rejects, records and reasons per batch, then stats
    (or one error row when the part cannot be read at all)."""
    screener = _screener(config)
    matched_before = screener.queries_matched
    rows_read = 0
    with tempfile.TemporaryDirectory(prefix="cordon-part-") as scratch:
        try:
            local = _local_copy(path, Path(scratch))
            batches = read_batches(
                local, dict(config.column_map), config.batch_size, assume=dict(config.assume)
            )
            for batch in batches:
                rows_read += batch.rows_read
                if batch.rejects:
                    yield from _rejects_batches(batch.rejects, part)
                if batch.table.num_rows == 0:
                    continue
                screened = screen_batch(batch.table, screener)
                records = screened.frame.select(list(RECORD_COLUMNS)).to_arrow()
                columns = {name: records.column(name) for name in RECORD_COLUMNS}
                columns["line"] = _shifted(records.column("line"), part)
                columns["part"] = _part_column(part, records.num_rows)
                yield from _tagged(columns, RECORD, records.num_rows)
                reasons = screened.reasons.to_arrow()
                columns = {name: reasons.column(name) for name in reasons.column_names}
                columns["line"] = _shifted(reasons.column("line"), part)
                columns["part"] = _part_column(part, reasons.num_rows)
                yield from _tagged(columns, REASON, reasons.num_rows)
        except InputError as exc:
            error = {"part": [part], "reject_raw": [path], "reject_reason": [str(exc)]}
            yield from _tagged(error, ERROR, 1)
            return
    stats = {"part": [part], "rows_read": [rows_read],
             "parties_matched": [screener.queries_matched - matched_before]}  # fmt: skip
    yield from _tagged(stats, STATS, 1)


def reason_batches(table: pa.Table) -> list[pa.RecordBatch]:
    """Reason rows (REASON_SCHEMA) as Arrow batches of ``REASON_ARROW``, Spark's reason type."""
    return table.select(REASON_ARROW.names).cast(REASON_ARROW).to_batches()


def screen_parts(
    config: TaskConfig,
) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """The ``mapInArrow`` function over (part, path) batches."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            parts = batch.column("part").to_pylist()
            for part, path in zip(parts, batch.column("path").to_pylist(), strict=True):
                yield from screen_part(int(part), str(path), config)

    return run
