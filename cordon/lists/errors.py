"""The one error a list load raises: it names the file, the place in it and the problem."""

from __future__ import annotations

from pathlib import Path

from cordon.errors import CordonError
from cordon.terminal import printable


class ListLoadError(CordonError):
    """A list file (or a download) was refused; the previous version stays in force."""

    http_status = 422

    def __init__(
        self,
        path: Path | str | None,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [printable(self.path) if self.path else "<input>"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{': '.join(where)}: {self.problem}"
