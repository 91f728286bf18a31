"""Excel workbooks (.xlsx) streamed row by row with openpyxl's read-only mode.

The first sheet with content is read; its first non-empty row is the header. Row numbers in
rejects are the sheet's own row numbers. Dates become ISO text, whole numbers lose the ``.0``
Excel gives them (so HS code 85269100 stays ``85269100``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pyarrow as pa
from openpyxl import load_workbook

from cordon.records.chunk import RawChunk, text_table
from cordon.records.errors import InputError

ROWS_PER_CHUNK = 50_000


def cell_text(value: Any) -> str | None:
    """A cell value as text: ISO dates, integers without ``.0``, None for empty cells."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class XlsxSource:
    """An .xlsx workbook's first non-empty sheet."""

    def __init__(self, path: Path):
        self.path = path
        self.total_bytes = path.stat().st_size
        try:
            self._book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise InputError(path, f"not a readable .xlsx workbook: {error}") from error
        self._max_row = 0
        self._rows, self._header_row, header = self._find_header()
        self.headers = [cell_text(value) or "" for value in header]

    def _find_header(self) -> tuple[Iterator[tuple[Any, ...]], int, tuple[Any, ...]]:
        for sheet in self._book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for number, row in enumerate(rows, start=1):
                if any(value is not None and str(value).strip() for value in row):
                    self._max_row = sheet.max_row or 0  # from the sheet's dimension, if stated
                    return rows, number, row
        raise InputError(self.path, "the workbook has no non-empty row (no header)")

    def close(self) -> None:
        """Close the workbook."""
        self._book.close()

    def chunks(self, columns: dict[int, str]) -> Iterator[RawChunk]:
        """Raw chunks of the mapped columns, numbered by sheet row."""
        width = len(self.headers)
        values: dict[int, list[str | None]] = {index: [] for index in columns}
        raws: list[str] = []
        lines: list[int] = []
        for number, row in enumerate(self._rows, start=self._header_row + 1):
            if not any(value is not None and str(value).strip() for value in row):
                continue
            cells = [cell_text(value) for value in row[:width]] + [None] * (width - len(row))
            for index in columns:
                values[index].append(cells[index])
            raws.append(
                json.dumps(dict(zip(self.headers, cells, strict=False)), ensure_ascii=False)
            )
            lines.append(number)
            if len(lines) >= ROWS_PER_CHUNK:
                yield _chunk(columns, values, lines, raws, self._progress(number))
                values = {index: [] for index in columns}
                raws, lines = [], []
        if lines:
            yield _chunk(columns, values, lines, raws, self.total_bytes)

    def _progress(self, row: int) -> int:
        """Bytes-equivalent position of a sheet row, for progress bars (0 if unknown)."""
        return int(self.total_bytes * min(row / self._max_row, 1.0)) if self._max_row else 0


def _chunk(
    columns: dict[int, str],
    values: dict[int, list[str | None]],
    lines: list[int],
    raws: list[str],
    bytes_read: int,
) -> RawChunk:
    return RawChunk(
        table=text_table(columns, values),
        lines=pa.array(lines, pa.int64()),
        raw_text=raws.__getitem__,
        bytes_read=bytes_read,
    )
