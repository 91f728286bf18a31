"""``POST /_cordon/cli``: run a CLI command handed over by :mod:`cordon.forward` in this process.

Only `cordon serve` enables it (``app.state.cli_token``, published in ``server.json``); the token
is compared in constant time and only loopback clients are served. The command runs exactly as
the `cordon` program would run it — the same click app, the same one-line errors and exit codes
— on this process's DuckDB instance (``duckdb.connect`` of the same file in the same process
shares it), so it sees and changes what the server sees; a list it loads is picked up by the
matchers within their 2-second refresh. Commands run one at a time: their printing goes to
buffers through the process-wide ``sys.stdout``/``sys.stderr`` and ``COLUMNS``.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import os
import threading
from collections.abc import Iterator

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from cordon.api.security import is_loopback
from cordon.forward import ENDPOINT, TOKEN_HEADER

router = APIRouter(include_in_schema=False)
_ONE_AT_A_TIME = threading.Lock()


class CliRequest(BaseModel):
    """A command line (arguments after ``cordon``; paths already absolute) and the caller's
    terminal width."""

    argv: list[str] = Field(max_length=1_000)
    columns: int = Field(default=80, ge=20, le=1_000)


class CliResult(BaseModel):
    """What the command printed and its exit code."""

    stdout: str
    stderr: str
    exit_code: int


@router.post(ENDPOINT, response_model=CliResult)
def run_cli(body: CliRequest, request: Request) -> CliResult:
    """Run the command in this process; 404 when not enabled, 403 for a wrong token or a
    client that is not on this machine."""
    expected: str | None = getattr(request.app.state, "cli_token", None)
    if not expected:
        raise HTTPException(404, detail="Not Found")
    client = request.client.host if request.client else ""
    presented = request.headers.get(TOKEN_HEADER, "")
    if not is_loopback(client) or not hmac.compare_digest(
        presented.encode("utf-8"), expected.encode("utf-8")
    ):
        raise HTTPException(403, detail="Forbidden")
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        _ONE_AT_A_TIME,
        _terminal_width(body.columns),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        exit_code = _run(body.argv)
    return CliResult(stdout=stdout.getvalue(), stderr=stderr.getvalue(), exit_code=exit_code)


def _run(argv: list[str]) -> int:
    from cordon.cli import app  # the whole CLI: imported on first use only

    try:
        app(args=argv, prog_name="cordon")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


@contextlib.contextmanager
def _terminal_width(columns: int) -> Iterator[None]:
    """Tables laid out for the caller's terminal (rich reads ``COLUMNS`` when it prints; the
    server itself prints no tables, so no value of its own is lost)."""
    os.environ["COLUMNS"] = str(columns)
    try:
        yield
    finally:
        os.environ.pop("COLUMNS", None)
