"""What every format reader hands to validation: raw text columns plus their input line numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from cordon.records.schema import Reject

# Bound on the ``raw`` text kept in a reject (characters).
MAX_RAW_CHARS = 2000


_UNDECODED = re.compile("[\udc80-\udcff]")


def truncate_raw(text: str, limit: int = MAX_RAW_CHARS) -> str:
    """The raw row as stored in rejects: at most ``limit`` characters, marked when cut.

    Bytes that could not be decoded are shown as ``\\xNN`` so the text is always valid UTF-8.
    """
    text = _UNDECODED.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…[{len(text) - limit} more characters]"


@dataclass
class RawChunk:
    """Rows of one input stretch: mapped columns as text (canonical names) and structural rejects.

    ``table`` holds only the mapped canonical fields, as strings exactly as written (empty
    string or null when absent); ``lines`` gives each row's 1-based input line (CSV, JSON
    Lines) or row number (XLSX, Parquet); ``raw_text(i)`` renders row ``i`` for a reject.
    """

    table: pa.Table
    lines: pa.Array
    rejects: list[Reject] = field(default_factory=list)
    raw_text: Callable[[int], str] = lambda index: ""
    bytes_read: int = 0

    @property
    def rows_read(self) -> int:
        """Input rows this chunk accounts for: those kept plus those rejected."""
        return self.table.num_rows + len(self.rejects)


class Source(Protocol):
    """A format reader opened on one file."""

    path: Path
    headers: list[str]
    total_bytes: int

    def chunks(self, columns: dict[int, str]) -> Iterator[RawChunk]:
        """Raw chunks of the columns ``{source index: canonical field}``, in input order."""
        ...

    def close(self) -> None:
        """Release the file."""
        ...


def text_table(columns: dict[int, str], values: dict[int, list[str | None]]) -> pa.Table:
    """A string table with the canonical names of ``columns`` from Python column lists."""
    return pa.table({name: pa.array(values[index], pa.string()) for index, name in columns.items()})
