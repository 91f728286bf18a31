"""The error raised when an input file cannot be read at all (rather than rows rejected)."""

from __future__ import annotations

from pathlib import Path

from cordon.errors import UsageError
from cordon.terminal import printable


class InputError(UsageError):
    """An input file that cordon cannot read: names the file and, when known, the line and field."""

    http_status = 422

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.field = field
        where = printable(self.path)
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field}"
        super().__init__(f"{where}: {problem}")
