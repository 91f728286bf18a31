"""rejects.csv: one line per input row that could not be screened: line, field and reason."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from cordon.csv_safety import defuse_cell
from cordon.records.chunk import truncate_raw
from cordon.records.schema import Reject

REJECTS_HEADER: tuple[str, ...] = ("line", "record_id", "field", "reason", "raw")


class RejectsWriter:
    """Context manager writing rejects.csv (UTF-8, header ``line,record_id,field,reason,raw``).

    The header is written even when nothing is rejected, so an empty rejects file is still a
    valid, self-describing CSV. ``raw`` is bounded (see ``cordon.records.chunk.MAX_RAW_CHARS``);
    text a spreadsheet would run as a formula gets a leading apostrophe (``cordon.csv_safety``).
    """

    def __init__(self, path: Path):
        self.path = path
        self.count = 0
        self._file: TextIO | None = None

    def __enter__(self) -> RejectsWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("w", encoding="utf-8", errors="backslashreplace", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(REJECTS_HEADER)
        return self

    def write(self, rejects: Iterable[Reject]) -> None:
        """Append rejects (in the order given)."""
        if self._file is None:
            raise RuntimeError("RejectsWriter used outside its `with` block")
        for reject in rejects:
            self._writer.writerow(
                (
                    reject.line,
                    defuse_cell(reject.record_id or ""),
                    reject.field,
                    defuse_cell(reject.reason),
                    defuse_cell(truncate_raw(reject.raw)),
                )
            )
            self.count += 1

    def __exit__(self, *exc_info: object) -> None:
        """Close the file, whether the block ended normally or with an error."""
        if self._file is not None:
            self._file.close()
            self._file = None
