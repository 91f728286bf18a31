"""The one error a list load raises: it names the file, the place in it and the problem."""

from __future__ import annotations

from pathlib import Path

from cordon.errors import CordonError
from cordon.i18n import N_, Message
from cordon.terminal import printable

NOT_LOADED = N_("dataset is not loaded")


class ListLoadError(CordonError):
    """A list file (or a download) was refused; the previous version stays in force."""

    http_status = 422

    def __init__(
        self,
        path: Path | str | None,
        problem: str | Message,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.line = line
        self.field = field
        where: str | Message = printable(self.path) if self.path else "<input>"
        if line is not None:
            where = Message(N_("%(where)s: line %(line)s"), where=where, line=line)
        if field:
            where = Message(N_("%(where)s: field %(field)s"), where=where, field=field)
        super().__init__(Message(N_("%(where)s: %(problem)s"), where=where, problem=problem))
