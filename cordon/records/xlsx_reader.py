"""Excel workbooks (.xlsx) streamed row by row with openpyxl's read-only mode.

The first sheet with content is read; its first non-empty row is the header. Row numbers in
rejects are the sheet's own row numbers. Dates become ISO text, whole numbers lose the ``.0``
Excel gives them (so HS code 85269100 stays ``85269100``).

Before openpyxl sees it, the archive is checked against decompression bombs (a 1 MB workbook can
unpack to gigabytes): total uncompressed size, compression ratio of every big member, the size of
the shared-strings table (held in memory) and any DTD in its XML are refused with one clear error;
only the header's columns are read from each row, and the header may not be absurdly wide.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pyarrow as pa
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from cordon.i18n import N_, Message
from cordon.limits import get_limits
from cordon.records.chunk import RawChunk, text_table
from cordon.records.errors import InputError

_NOT_XLSX = N_("not a readable .xlsx workbook: %(error)s")

ROWS_PER_CHUNK = 50_000
MAX_COLUMNS = 1_000  # header cells; a real customs sheet has a few dozen
RATIO_FLOOR_BYTES = 1 << 20  # members smaller than this may have any ratio
PROLOG_BYTES = 4_096  # a DTD must come before the root element
SUPPORTED_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})  # what Excel writes


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
        check_archive(path)
        try:
            self._book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise InputError(path, Message(_NOT_XLSX, error=error)) from error
        self._max_row = 0
        self._rows, self._header_row, header = self._find_header()
        self.headers = [cell_text(value) or "" for value in header]

    def _find_header(self) -> tuple[Iterator[tuple[Any, ...]], int, tuple[Any, ...]]:
        for sheet in self._book.worksheets:
            self._max_row = sheet.max_row or 0  # from the sheet's dimension, if stated
            if isinstance(sheet, ReadOnlyWorksheet):
                # A stated dimension is the writer's claim: read every row the sheet has (an
                # understated one silently hid rows from screening).
                sheet.reset_dimensions()
            rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            for number, row in enumerate(rows, start=1):
                if any(value is not None and str(value).strip() for value in row):
                    while row and (row[-1] is None or not str(row[-1]).strip()):
                        row = row[:-1]
                    if len(row) > MAX_COLUMNS:
                        raise InputError(
                            self.path,
                            Message(N_("more than %(count)s header columns"), count=MAX_COLUMNS),
                            line=number,
                        )
                    # the data rows: only the header's columns, however wide the sheet claims
                    data = sheet.iter_rows(
                        min_row=number + 1, max_col=max(len(row), 1), values_only=True
                    )
                    return data, number, row
        raise InputError(self.path, Message(N_("the workbook has no non-empty row (no header)")))

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


def check_archive(path: Path) -> None:
    """Refuse a workbook whose archive would unpack to more than the limits allow
    (``cordon.limits``), or whose XML declares a DTD (entity expansion, external entities)."""
    limits = get_limits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as error:  # garbled member names
        raise InputError(path, Message(_NOT_XLSX, error=error)) from error
    except NotImplementedError as error:  # a zip version this Python cannot read
        raise InputError(path, Message(_NOT_XLSX, error=f"unsupported {error}")) from error
    with archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if total > limits.xlsx_max_unpacked_bytes:
            raise InputError(
                path,
                Message(
                    N_(
                        "the workbook unpacks to %(size)s bytes, over the limit of %(limit)s "
                        "(a decompression bomb?)"
                    ),
                    size=f"{total:,}",
                    limit=f"{limits.xlsx_max_unpacked_bytes:,}",
                ),
            )
        for member in members:
            if member.compress_type not in SUPPORTED_COMPRESSION:
                # zipfile would raise NotImplementedError (or need an optional codec) on open
                raise InputError(
                    path,
                    Message(
                        _NOT_XLSX,
                        error=Message(
                            N_(
                                "%(member)s uses zip compression method %(method)s (Excel writes "
                                "only stored or deflated)"
                            ),
                            member=member.filename,
                            method=member.compress_type,
                        ),
                    ),
                )
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > RATIO_FLOOR_BYTES and ratio > limits.xlsx_max_ratio:
                raise InputError(
                    path,
                    Message(
                        N_(
                            "%(member)s is compressed %(ratio)s:1, over the limit of %(limit)s:1 "
                            "(a decompression bomb?)"
                        ),
                        member=member.filename,
                        ratio=f"{ratio:,.0f}",
                        limit=limits.xlsx_max_ratio,
                    ),
                )
            if member.filename.endswith("sharedStrings.xml") and (
                member.file_size > limits.xlsx_max_shared_strings_bytes
            ):
                raise InputError(
                    path,
                    Message(
                        N_("%(member)s holds %(size)s bytes of text, over the limit of %(limit)s"),
                        member=member.filename,
                        size=f"{member.file_size:,}",
                        limit=f"{limits.xlsx_max_shared_strings_bytes:,}",
                    ),
                )
            if member.filename.endswith((".xml", ".rels")):
                try:
                    with archive.open(member) as handle:
                        prolog = handle.read(PROLOG_BYTES)
                except (
                    zipfile.BadZipFile,
                    OSError,
                    EOFError,
                    zlib.error,
                    UnicodeDecodeError,
                ) as error:  # a name flagged UTF-8 that is not
                    raise InputError(
                        path,
                        Message(
                            N_("damaged member %(member)s: %(error)s"),
                            member=member.filename,
                            error=error,
                        ),
                    ) from error
                if b"<!DOCTYPE" in prolog.upper():
                    raise InputError(
                        path,
                        Message(N_("%(member)s declares a DTD: refused"), member=member.filename),
                    )


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
