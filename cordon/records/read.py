"""Read any supported customs file as validated ``RECORD_SCHEMA`` batches plus rejects.

``read_batches`` picks the reader from the file's extension (or its first bytes), maps its
headers to canonical fields, validates each chunk and regroups the rows into batches of at
most ``batch_size``. Memory stays bounded by the batch size, whatever the file size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from cordon.i18n import N_, Message
from cordon.records.assume import (
    DIRECTION,
    apply_defaults,
    check_assume,
    file_defaults,
    load_assume,
)
from cordon.records.chunk import Source
from cordon.records.csv_reader import CsvSource
from cordon.records.errors import InputError
from cordon.records.headers import load_column_map, resolve_columns
from cordon.records.jsonl_reader import JsonLinesSource
from cordon.records.parquet_reader import ParquetSource
from cordon.records.schema import RECORD_SCHEMA, Reject
from cordon.records.unique_ids import UniqueIds
from cordon.records.validate import validate_chunk
from cordon.records.xlsx_reader import XlsxSource

FORMATS: dict[str, str] = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".parquet": "parquet", ".pq": "parquet",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}  # fmt: skip


@dataclass
class RecordBatch:
    """Validated rows and the rejects of the same stretch of input."""

    table: pa.Table  # exactly RECORD_SCHEMA
    rejects: list[Reject] = field(default_factory=list)
    rows_read: int = 0  # input rows consumed: table.num_rows + len(rejects)
    bytes_read: int = 0  # position reached in the input (for progress bars)
    total_bytes: int = 0  # input file size


def detect_format(path: Path) -> str:
    """``csv``, ``xlsx``, ``parquet`` or ``jsonl`` from the extension, else from the magic bytes."""
    known = FORMATS.get(path.suffix.lower())
    if known:
        return known
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == b"PAR1":
        return "parquet"
    if head.startswith(b"PK"):
        return "xlsx"
    if head.lstrip()[:1] == b"{":
        return "jsonl"
    return "csv"


def open_source(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Source:
    """The format reader for ``path``; raises :class:`InputError` when the file cannot be opened."""
    if not path.is_file():
        raise InputError(path, Message(N_("no such file")))
    try:
        kind = detect_format(path)
        if kind == "xlsx":
            return XlsxSource(path)
        if kind == "parquet":
            return ParquetSource(path)
        if kind == "jsonl":
            return JsonLinesSource(path)
        return CsvSource(path, encoding=encoding, delimiter=delimiter)
    except OSError as error:  # no permission, an I/O error: one line, not a traceback
        reason = error.strerror or str(error)
        problem = Message(N_("cannot read file: %(reason)s"), reason=reason)
        raise InputError(path, problem) from error


def file_headers(path: Path) -> list[str]:
    """The header row of a customs file (any format cordon reads); :class:`InputError`."""
    source = open_source(Path(path))
    try:
        return list(source.headers)
    finally:
        source.close()


def read_batches(
    path: Path,
    column_map: Mapping[str, str] | Path | None = None,
    batch_size: int = 200_000,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    assume: Mapping[str, str] | None = None,
) -> Iterator[RecordBatch]:
    """Validated batches of ``path`` (CSV/TSV, XLSX, Parquet or JSON Lines) in input order.

    ``column_map`` (canonical field -> source header, or a YAML file of it) completes the
    automatic header aliases. Every input row is counted once: in a batch's table or in its
    rejects. Record ids are unique within the file: a repeated one gets ``@LINE`` appended.
    ``assume`` (field -> value, see :mod:`cordon.records.assume`), with the ``assume:``
    section of a YAML column map, fills fields the rows leave empty; without either, a ДТ
    import extract lacking a destination column gets destination RU on its import rows.
    Raises :class:`InputError` for unreadable files and missing required columns.
    """
    path = Path(path)
    source = open_source(path, encoding=encoding, delimiter=delimiter)
    try:
        plan = resolve_columns(path, source.headers, load_column_map(column_map))
        explicit = {
            **load_assume(column_map if isinstance(column_map, Path) else None),
            **check_assume(assume or {}, "--assume"),
        }
        defaults = file_defaults(source.headers, plan.columns, explicit)
        columns = dict(plan.columns)
        if defaults.direction_column is not None:
            columns[defaults.direction_column] = DIRECTION
        pending: list[pa.Table] = []
        pending_rows = 0
        rejects: list[Reject] = []
        bytes_read = 0
        unique_ids = UniqueIds()
        for chunk in source.chunks(columns):
            if defaults:
                chunk = apply_defaults(chunk, defaults)
            table, value_rejects = validate_chunk(chunk, plan.implied_currency)
            table = unique_ids.apply(table)
            rejects.extend(chunk.rejects)
            rejects.extend(value_rejects)
            bytes_read = chunk.bytes_read or bytes_read
            pending.append(table)
            pending_rows += table.num_rows
            while pending_rows >= batch_size:
                merged = pa.concat_tables(pending)
                head, rest = merged.slice(0, batch_size), merged.slice(batch_size)
                yield _batch(head, rejects, bytes_read, source.total_bytes)
                pending, pending_rows, rejects = [rest], rest.num_rows, []
        if pending_rows or rejects:
            yield _batch(
                pa.concat_tables(pending) if pending else RECORD_SCHEMA.empty_table(),
                rejects,
                source.total_bytes,
                source.total_bytes,
            )
    finally:
        source.close()


def _batch(
    table: pa.Table, rejects: list[Reject], bytes_read: int, total_bytes: int
) -> RecordBatch:
    rejects = sorted(rejects, key=lambda reject: reject.line)
    return RecordBatch(
        table=table.combine_chunks(),
        rejects=rejects,
        rows_read=table.num_rows + len(rejects),
        bytes_read=bytes_read,
        total_bytes=total_bytes,
    )
