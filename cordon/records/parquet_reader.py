"""Parquet files streamed by record batches (pyarrow ``iter_batches``); row numbers are 1-based."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cordon.i18n import N_, Message
from cordon.records.chunk import RawChunk
from cordon.records.errors import InputError

ROWS_PER_CHUNK = 100_000


class ParquetSource:
    """A Parquet file; mapped columns are read as text so validation treats all formats alike."""

    def __init__(self, path: Path):
        self.path = path
        self.total_bytes = path.stat().st_size
        try:
            self._file = pq.ParquetFile(path)
        except (pa.ArrowInvalid, OSError) as error:
            problem = Message(N_("not a readable Parquet file: %(error)s"), error=error)
            raise InputError(path, problem) from error
        self.headers = list(self._file.schema_arrow.names)
        self._rows = self._file.metadata.num_rows

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def chunks(self, columns: dict[int, str]) -> Iterator[RawChunk]:
        """Raw chunks of the mapped columns cast to text, numbered by row."""
        names = [self.headers[index] for index in columns]
        done = 0
        for batch in self._file.iter_batches(batch_size=ROWS_PER_CHUNK, columns=names):
            table = pa.table(
                {columns[index]: _as_text(batch.column(i)) for i, index in enumerate(columns)}
            )
            lines = pa.array(range(done + 1, done + batch.num_rows + 1), pa.int64())
            done += batch.num_rows
            yield RawChunk(
                table=table,
                lines=lines,
                raw_text=functools.partial(_row_json, batch),
                bytes_read=int(self.total_bytes * done / max(self._rows, 1)),
            )


def _row_json(batch: pa.RecordBatch, row: int) -> str:
    """One row of a batch as JSON, for the ``raw`` column of rejects."""
    return json.dumps(batch.slice(row, 1).to_pylist()[0], default=str, ensure_ascii=False)


def _as_text(column: pa.Array) -> pa.Array:
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column.cast(pa.string())
    if pa.types.is_floating(column.type):
        whole = pc.equal(column, pc.floor(column))
        as_int = pc.cast(pc.if_else(whole, column, None), pa.int64(), safe=False).cast(pa.string())
        return pc.if_else(whole, as_int, column.cast(pa.string()))
    if pa.types.is_timestamp(column.type):
        return pc.strftime(column, format="%Y-%m-%d")
    try:
        return column.cast(pa.string())
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        return pa.array(
            [None if v is None else json.dumps(v, default=str) for v in column.to_pylist()],
            pa.string(),
        )
