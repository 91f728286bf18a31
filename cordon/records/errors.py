"""The error raised when an input file cannot be read at all (rather than rows rejected)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cordon.errors import UsageError
from cordon.i18n.catalog import N_
from cordon.i18n.message import Items, Message
from cordon.terminal import printable

CANNOT_READ_MAP = N_("cannot read column map: %(error)s")


class InputError(UsageError):
    """An input file that cordon cannot read: names the file and, when known, the line and field."""

    http_status = 422

    def __init__(
        self,
        path: Path | str,
        problem: str | Message,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        self.field = field
        where: str | Message = printable(self.path)
        if line is not None:
            where = Message(N_("%(where)s, line %(line)s"), where=where, line=line)
        if field is not None:
            where = Message(N_("%(where)s, field %(field)s"), where=where, field=field)
        super().__init__(Message(N_("%(where)s: %(problem)s"), where=where, problem=problem))


class MissingColumnsError(InputError):
    """No party name or no HS code column: the headers were not recognized (and are kept, so a
    column-mapping step can show them)."""

    def __init__(
        self, path: Path, headers: Sequence[str], missing: Sequence[str | Items]
    ) -> None:
        self.headers = list(headers)
        self.missing = [str(field) for field in missing]  # the API's "missing": English text
        found = Items(map(repr, headers))
        problem = N_(
            "missing required column(s): %(missing)s; headers found: %(found)s; "
            "map them with --columns MAP.yaml"
        )
        super().__init__(
            path,
            Message(problem, missing=Items(missing), found=found or Message(N_("(none)"))),
        )
