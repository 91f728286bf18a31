"""Delimited text (CSV, TSV, semicolon...) read in newline-aligned blocks with exact line numbers.

Each block of about 8 MB takes the fast path — pyarrow's CSV parser on the whole block — when
every record is one physical line: the block is valid UTF-8, has no bare carriage returns and no
line with an odd number of quotes. pyarrow's invalid-row handler reports rows with the wrong
number of fields by their index among non-empty lines, which maps back to the physical line.
Any other block takes the careful path: Python's ``csv`` module in strict mode, record by
record, tracking the lines each record spans; bad records become rejects and the good ones are
re-parsed by pyarrow. A record left open at the end of a block (a quoted field spanning the
block boundary) is carried into the next block; at the end of the file it is a truncated row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from cordon.i18n import N_, Message
from cordon.records.chunk import RawChunk, text_table, truncate_raw
from cordon.records.encodings import SAMPLE_BYTES, Encoding, detect_encoding, utf8_chunks
from cordon.records.errors import InputError
from cordon.records.reject_reasons import (
    FIELD_COUNT,
    MALFORMED_CSV,
    RECORD_TOO_LONG,
    TRUNCATED,
    UNDECODABLE,
    reject_reason,
)
from cordon.records.schema import Reject

BLOCK_BYTES = 8 << 20
# A single record (a quoted field left open) may not grow beyond this; it is rejected instead.
MAX_RECORD_BYTES = 32 << 20
DELIMITERS = (",", ";", "\t", "|")
_QUOTE, _NEWLINE, _RETURN = 0x22, 0x0A, 0x0D
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_BARE_CR = re.compile("\r(?!\n)")

csv.field_size_limit(MAX_RECORD_BYTES)


@dataclass
class _Block:
    data: bytes  # UTF-8 bytes (undecodable input bytes appear as 0xFF), whole lines
    first_line: int  # physical line number of the block's first line
    is_last: bool
    bytes_read: int  # position reached in the input file


class CsvSource:
    """A delimited text file: detected encoding and delimiter, header, and line-exact chunks."""

    def __init__(self, path: Path, encoding: str | None = None, delimiter: str | None = None):
        self.path = path
        self.total_bytes = path.stat().st_size
        self._file: BinaryIO = path.open("rb")
        self.encoding: Encoding = detect_encoding(self._file.read(SAMPLE_BYTES), encoding)
        self._chunks = utf8_chunks(self._file, self.encoding)
        self._pending = b""
        self._exhausted = False
        header, self._next_line = self._read_header()
        self.delimiter = delimiter or sniff_delimiter(header)
        self.headers = _parse_header(path, header, self.delimiter)

    def close(self) -> None:
        """Close the underlying file."""
        self._file.close()

    def _fill(self, size: int) -> None:
        while not self._exhausted and len(self._pending) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._exhausted = True
            else:
                self._pending += chunk

    def _read_header(self) -> tuple[str, int]:
        line_number = 0
        while True:
            self._fill(1)
            if not self._pending:
                raise InputError(self.path, Message(N_("the file is empty: no header line")))
            end = self._pending.find(b"\n")
            while end < 0 and not self._exhausted:
                self._fill(len(self._pending) + SAMPLE_BYTES)
                end = self._pending.find(b"\n")
            end = len(self._pending) if end < 0 else end
            raw, self._pending = self._pending[:end], self._pending[end + 1 :]
            line_number += 1
            text = raw.decode("utf-8", errors="replace").rstrip("\r")
            if text.strip():
                return text, line_number + 1

    def _blocks(self) -> Generator[_Block, bytes | None, None]:
        first_line = self._next_line
        wanted = BLOCK_BYTES
        while True:
            self._fill(wanted)
            wanted = BLOCK_BYTES
            if not self._pending:
                return
            cut = len(self._pending) if self._exhausted else self._pending.rfind(b"\n") + 1
            if cut == 0:  # one line longer than the block: take more
                self._fill(len(self._pending) + BLOCK_BYTES)
                continue
            data, self._pending = self._pending[:cut], self._pending[cut:]
            is_last = self._exhausted and not self._pending
            block = _Block(data, first_line, is_last, self._file.tell())
            carry = yield block
            first_line += data.count(b"\n")
            if carry:  # an open record: read it again with at least one more block after it
                self._pending = carry + self._pending
                first_line -= carry.count(b"\n")
                wanted = len(carry) + BLOCK_BYTES

    def chunks(self, columns: dict[int, str]) -> Iterator[RawChunk]:
        """Raw chunks of the mapped columns, one per block, with physical line numbers."""
        parser = _BlockParser(self.path, len(self.headers), self.delimiter, columns)
        blocks = self._blocks()
        carry: bytes | None = None
        while True:
            try:
                block = blocks.send(carry) if carry is not None else next(blocks)
            except StopIteration:
                return
            chunk, carry = parser.parse(block)
            carry = carry or None
            yield chunk


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header line: the most frequent of , ; TAB | (comma on a tie)."""
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _parse_header(path: Path, header: str, delimiter: str) -> list[str]:
    try:
        fields = next(csv.reader([header], delimiter=delimiter, strict=True))
    except csv.Error as error:
        problem = Message(N_("cannot parse the header line: %(error)s"), error=error)
        raise InputError(path, problem, line=1) from error
    return [field.strip() for field in fields]


class _BlockParser:
    """Parses blocks of whole lines into raw chunks: fast path when possible, careful otherwise."""

    def __init__(self, path: Path, width: int, delimiter: str, columns: dict[int, str]):
        self.path = path
        self.width = width
        self.delimiter = delimiter
        self.columns = columns
        self.names = [f"c{index}" for index in range(width)]
        self.include = [f"c{index}" for index in columns]

    def parse(self, block: _Block) -> tuple[RawChunk, bytes]:
        """The block's chunk, and the bytes of a record left open at its end (to carry over)."""
        if _fast_path_applies(block.data):
            chunk = self._fast(block)
            if chunk is not None:
                return chunk, b""
        return self._careful(block)

    def _read(
        self, data: bytes, invalid: list[pacsv.InvalidRow] | None, multiline: bool
    ) -> pa.Table:
        def on_invalid(row: pacsv.InvalidRow) -> str:
            if invalid is None:
                return "error"  # pyarrow raises ArrowInvalid (raising here prints a traceback)
            invalid.append(row)
            return "skip"

        return pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                column_names=self.names, use_threads=False, block_size=len(data) + 1
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=self.delimiter,
                newlines_in_values=multiline,
                ignore_empty_lines=True,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                include_columns=self.include,
                column_types=dict.fromkeys(self.include, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,
            ),
        )

    def _named(self, table: pa.Table) -> pa.Table:
        return table.rename_columns([self.columns[int(name[1:])] for name in table.column_names])

    def _fast(self, block: _Block) -> RawChunk | None:
        data = block.data
        starts, ends = _line_bounds(data)
        lengths = ends - starts
        last_chars = np.frombuffer(data, np.uint8)[np.maximum(ends - 1, 0)] if len(data) else []
        empty = (lengths == 0) | ((lengths == 1) & (np.asarray(last_chars) == 0x0D))
        nonempty = np.flatnonzero(~empty)
        invalid: list[pacsv.InvalidRow] = []
        if not len(data):
            return None
        table = self._read(data, invalid, multiline=False)
        if table.num_rows + len(invalid) != len(nonempty):
            return None
        keep = np.ones(len(nonempty), dtype=bool)
        trailing: list[int] = []  # rows with one extra, empty, last field ("a;b;c;")
        rejects = []
        for row in invalid:
            index = int(nonempty[row.number - 1])
            text = data[starts[index] : ends[index]].decode("utf-8").rstrip("\r")
            if text != row.text.rstrip("\r"):
                return None
            keep[row.number - 1] = False
            if row.actual_columns == self.width + 1 and text.endswith(self.delimiter):
                trailing.append(index)
                continue
            rejects.append(
                Reject(
                    line=block.first_line + index,
                    record_id=None,
                    field="row",
                    reason=reject_reason(
                        FIELD_COUNT, found=row.actual_columns, expected=row.expected_columns
                    ),
                    raw=truncate_raw(text),
                )
            )
        kept = nonempty[keep]
        table = self._named(table)
        if trailing:
            table, kept = self._with_trailing(data, starts, ends, trailing, table, kept)

        def raw_text(row: int) -> str:
            index = kept[row]
            return data[starts[index] : ends[index]].decode("utf-8").rstrip("\r")

        return RawChunk(
            table=table,
            lines=pa.array(kept + block.first_line, pa.int64()),
            rejects=rejects,
            raw_text=raw_text,
            bytes_read=block.bytes_read,
        )

    def _with_trailing(
        self,
        data: bytes,
        starts: np.ndarray,
        ends: np.ndarray,
        trailing: list[int],
        table: pa.Table,
        kept: np.ndarray,
    ) -> tuple[pa.Table, np.ndarray]:
        """Add the rows that only carry a trailing delimiter, keeping input order."""
        cut = len(self.delimiter.encode("utf-8"))
        lines = b"".join(data[starts[i] : ends[i]].rstrip(b"\r")[:-cut] + b"\n" for i in trailing)
        extra = self._named(self._read(lines, None, multiline=False))
        merged = pa.concat_tables([table, extra])
        indices = np.concatenate([kept, np.asarray(trailing, dtype=kept.dtype)])
        order = np.argsort(indices, kind="stable")
        return merged.take(pa.array(order)), indices[order]

    def _careful(self, block: _Block) -> tuple[RawChunk, bytes]:
        text = block.data.decode("utf-8", errors="cordon-escape")
        lines = io.StringIO(text, newline="\n").readlines()
        undecodable = {index for index, line in enumerate(lines) if _UNDECODABLE.search(line)}
        reader = csv.reader(iter(lines), delimiter=self.delimiter, strict=True)
        good: list[tuple[int, int, list[str]]] = []  # (first index, last index, fields)
        rejects: list[Reject] = []
        carry = b""
        done = 0
        while True:
            try:
                row = next(reader)
                error = None
            except StopIteration:
                break
            except csv.Error as exc:
                row, error = [], str(exc)
            first, last = done, reader.line_num - 1
            done = reader.line_num
            raw = "".join(lines[first : last + 1])
            if error is not None and "unexpected end of data" in error and last == len(lines) - 1:
                if not block.is_last and len(raw.encode("utf-8")) < MAX_RECORD_BYTES:
                    carry = raw.encode("utf-8", errors="cordon-invalid")
                    break
                error = reject_reason(TRUNCATED)
                if not block.is_last:
                    error = reject_reason(RECORD_TOO_LONG, size=MAX_RECORD_BYTES >> 20)
            if error is not None and "unexpected end of data" not in error:
                row, error = self._lenient(lines[first : last + 1], error)
            reason = self._problem(row, error, undecodable, first, last)
            if reason is None and row:
                good.append((first, last, row))
            elif reason is not None:
                rejects.append(
                    Reject(
                        block.first_line + first,
                        None,
                        "row",
                        reason,
                        truncate_raw(raw.rstrip("\r\n")),
                    )
                )
        table = self._good_table(lines, good)
        line_numbers = pa.array([block.first_line + first for first, _, _ in good], pa.int64())

        def raw_text(row: int) -> str:
            first, last, _ = good[row]
            return "".join(lines[first : last + 1]).rstrip("\r\n")

        chunk = RawChunk(table, line_numbers, rejects, raw_text, block.bytes_read)
        return chunk, carry

    def _lenient(self, record_lines: list[str], error: str) -> tuple[list[str], str | None]:
        """A stray quote inside a field (``"Bad"quote``), read as pyarrow's fast path reads it;
        a bare carriage return inside an unquoted field (which Python's csv refuses) read as a
        space. Anything still unreadable is the record's reject reason."""
        for lines in (record_lines, [_BARE_CR.sub(" ", line) for line in record_lines]):
            try:
                rows = list(csv.reader(lines, delimiter=self.delimiter, strict=False))
            except csv.Error as exc:
                error = str(exc)
                continue
            if len(rows) == 1 and len(rows[0]) == self.width:
                return rows[0], None
        return [], error

    def _problem(
        self, row: list[str], error: str | None, undecodable: set[int], first: int, last: int
    ) -> str | None:
        if error is not None:
            return reject_reason(MALFORMED_CSV, error=error)
        if any(index in undecodable for index in range(first, last + 1)):
            return reject_reason(UNDECODABLE)
        if row and len(row) != self.width and not _trailing_delimiter(row, self.width):
            return reject_reason(FIELD_COUNT, found=len(row), expected=self.width)
        return None

    def _good_table(self, lines: list[str], good: list[tuple[int, int, list[str]]]) -> pa.Table:
        data = "".join(
            "".join(lines[first : last + 1]).rstrip("\r\n") + "\n" for first, last, _ in good
        )
        if good and not any(_trailing_delimiter(fields, self.width) for _, _, fields in good):
            try:
                table = self._read(data.encode("utf-8"), None, multiline=True)
            except (ValueError, pa.ArrowInvalid):  # pyarrow disagrees: use the rows as parsed
                table = None
            if table is not None and table.num_rows == len(good):
                return self._named(table)
        values: dict[int, list[str | None]] = {
            index: [fields[index] for _, _, fields in good] for index in self.columns
        }
        return text_table(self.columns, values)


def _trailing_delimiter(row: list[str], width: int) -> bool:
    """A record with one extra, empty last field: a delimiter ending the line ("a;b;c;")."""
    return len(row) == width + 1 and row[-1] == ""


def _fast_path_applies(data: bytes) -> bool:
    """True when each record of the block is exactly one line and all of it is valid UTF-8."""
    array = np.frombuffer(data, np.uint8)
    returns = np.flatnonzero(array == _RETURN)
    if len(returns) and (returns[-1] + 1 == len(array) or (array[returns + 1] != _NEWLINE).any()):
        return False  # a bare carriage return
    if not _valid_utf8(data):
        return False
    quotes = np.flatnonzero(array == _QUOTE)
    if not len(quotes):
        return True
    newlines = np.flatnonzero(array == _NEWLINE)
    per_line = np.bincount(np.searchsorted(newlines, quotes))
    return not bool((per_line % 2).any())


def _valid_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 (Arrow's validator: strict like Python's, 3x faster)."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _line_bounds(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive, before the newline) offsets of every line of the block."""
    newlines = np.flatnonzero(np.frombuffer(data, np.uint8) == _NEWLINE)
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [len(data)]))
    if len(data) and data.endswith(b"\n"):
        starts, ends = starts[:-1], ends[:-1]
    return starts, ends
