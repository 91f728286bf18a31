"""Shared helpers of the records tests: write a file, read it fully, check the accounting."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from cordon.records.read import read_batches
from cordon.records.schema import RECORD_SCHEMA, Reject

HEADER = "record_id,exporter_name,importer_name,hs_code,description,value,currency"


def read_all(path: Path, **kwargs: object) -> tuple[pa.Table, list[Reject], int]:
    """All batches of ``path`` merged (table, rejects, rows read); checks every batch."""
    tables, rejects, rows_read = [], [], 0
    for batch in read_batches(path, **kwargs):  # type: ignore[arg-type]
        assert batch.table.schema == RECORD_SCHEMA
        assert batch.rows_read == batch.table.num_rows + len(batch.rejects)
        tables.append(batch.table)
        rejects.extend(batch.rejects)
        rows_read += batch.rows_read
    table = pa.concat_tables(tables) if tables else RECORD_SCHEMA.empty_table()
    return table, rejects, rows_read


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` with exactly the given encoding and no newline translation."""
    path.write_bytes(text.encode(encoding))
    return path
