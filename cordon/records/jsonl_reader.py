"""JSON Lines: one JSON object per line, UTF-8; headers are the keys of the first objects."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from cordon.i18n import N_, Message
from cordon.records.chunk import RawChunk, text_table, truncate_raw
from cordon.records.errors import InputError
from cordon.records.reject_reasons import NOT_AN_OBJECT, NOT_JSON, reject_reason
from cordon.records.schema import Reject

ROWS_PER_CHUNK = 100_000
HEADER_SAMPLE_LINES = 1000
SNIFF_BYTES = 64


def value_text(value: Any) -> str | None:
    """A JSON value as text: strings as they are, whole floats without ``.0``, objects as JSON."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool | int | float):
        return str(value)
    return orjson.dumps(value).decode("utf-8")


class JsonLinesSource:
    """A JSON Lines file; keys seen in the first objects become the headers."""

    def __init__(self, path: Path):
        self.path = path
        self.total_bytes = path.stat().st_size
        self._file = path.open("rb")
        if self._file.read(SNIFF_BYTES).lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"["):
            self._file.close()
            problem = N_("a JSON array: cordon reads JSON Lines, one object per line")
            raise InputError(path, Message(problem))
        self.headers = self._sample_keys()

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        self._file.seek(0)
        for number, line in enumerate(self._file, start=1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if line.strip():
                yield number, line

    def _sample_keys(self) -> list[str]:
        keys: dict[str, None] = {}
        for count, (_, line) in enumerate(self._lines()):
            if count >= HEADER_SAMPLE_LINES:
                break
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(value, dict):
                keys.update(dict.fromkeys(map(str, value)))
        if not keys:
            problem = N_("no JSON object found in the first lines (no field names)")
            raise InputError(self.path, Message(problem))
        return list(keys)

    def chunks(self, columns: dict[int, str]) -> Iterator[RawChunk]:
        """Raw chunks of the mapped keys; bad JSON lines become rejects with their line number."""
        keys = {index: self.headers[index] for index in columns}
        values: dict[int, list[str | None]] = {index: [] for index in columns}
        lines: list[int] = []
        raws: list[str] = []
        rejects: list[Reject] = []
        for number, line in self._lines():
            text = line.decode("utf-8", errors="replace").rstrip("\r\n")
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                rejects.append(
                    Reject(
                        number,
                        None,
                        "row",
                        reject_reason(NOT_JSON, error=error),
                        truncate_raw(text),
                    )
                )
                record = None
            if record is not None and not isinstance(record, dict):
                rejects.append(
                    Reject(number, None, "row", reject_reason(NOT_AN_OBJECT), truncate_raw(text))
                )
            elif record is not None:
                for index, key in keys.items():
                    values[index].append(value_text(record.get(key)))
                lines.append(number)
                raws.append(text)
            if len(lines) + len(rejects) >= ROWS_PER_CHUNK:
                yield self._chunk(columns, values, lines, raws, rejects)
                values = {index: [] for index in columns}
                lines, raws, rejects = [], [], []
        if lines or rejects:
            yield self._chunk(columns, values, lines, raws, rejects)

    def _chunk(
        self,
        columns: dict[int, str],
        values: dict[int, list[str | None]],
        lines: list[int],
        raws: list[str],
        rejects: list[Reject],
    ) -> RawChunk:
        return RawChunk(
            table=text_table(columns, values),
            lines=pa.array(lines, pa.int64()),
            rejects=rejects,
            raw_text=raws.__getitem__,
            bytes_read=self._file.tell(),
        )
