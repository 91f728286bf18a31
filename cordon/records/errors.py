"""The error raised when an input file cannot be read at all (rather than rows rejected)."""

from __future__ import annotations

from collections.abc import Sequence
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


class MissingColumnsError(InputError):
    """No party name or no HS code column: the headers were not recognized (and are kept, so a
    column-mapping step can show them)."""

    def __init__(self, path: Path, headers: Sequence[str], missing: Sequence[str]) -> None:
        self.headers = list(headers)
        self.missing = list(missing)
        super().__init__(
            path,
            f"missing required column(s): {', '.join(missing)}; headers found: "
            f"{', '.join(map(repr, headers)) or '(none)'}; map them with --columns MAP.yaml",
        )
