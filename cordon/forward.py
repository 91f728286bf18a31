"""Hand a CLI command to the running `cordon serve` instead of opening the store.

While the server runs it holds the store (DuckDB: one process per file). A command of
:data:`FORWARDED` that finds a live server in ``CORDON_HOME/server.json``
(:mod:`cordon.server_file`) sends its arguments to the server's token-protected loopback
endpoint ``POST /_cordon/cli`` (:mod:`cordon.api.routers.cli_forward`), which runs the same
command in the server process, on the server's own DuckDB instance, and answers its output and
exit code. Relative paths are made absolute here first: the server does not share the caller's
working directory. A server that does not answer leaves the command to run locally (where it
meets the busy store in one line).
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from cordon.i18n.context import from_environment
from cordon.server_file import ServerInfo, read_live

# Top-level commands that use the store; `serve` and `demo` never forward, nor does --help.
FORWARDED = frozenset(
    {"lists", "match", "screen", "report", "export", "rescreen", "decisions", "data", "hs"}
)
ENDPOINT = "/_cordon/cli"
TOKEN_HEADER = "X-Cordon-Token"
_GLOBAL_OPTIONS_WITH_VALUE = frozenset({"--lang", "-l", "--digits"})
_HELP = frozenset({"--help", "-h"})
# path parameters typed as text (`screen INPUT` may also be a URL or a glob for Spark)
_TEXT_PATHS = frozenset({"input_path"})


@dataclass(frozen=True)
class Outcome:
    """What the server's run of a command printed and how it ended."""

    stdout: str
    stderr: str
    exit_code: int


def command_name(argv: Sequence[str]) -> str | None:
    """The top-level command of ``argv`` (global options skipped), or None."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def should_forward(argv: Sequence[str]) -> ServerInfo | None:
    """The live server to send ``argv`` to, or None when the command runs here."""
    if command_name(argv) not in FORWARDED or any(arg in _HELP for arg in argv):
        return None
    return read_live()


def absolute_paths(group: Any, argv: Sequence[str], cwd: str) -> list[str]:
    """``argv`` with every relative path argument or option value made absolute against
    ``cwd``; the command's own parser says which values are paths (typed ``Path``)."""
    command, start = group, 0
    while hasattr(command, "get_command"):  # descend the groups to the command itself
        index = next(
            (i for i in range(start, len(argv)) if command.get_command(None, argv[i]) is not None),
            None,
        )
        if index is None:
            return list(argv)
        command, start = command.get_command(None, argv[index]), index + 1
    context = command.make_context("cordon", list(argv[start:]), resilient_parsing=True)
    paths = {value for value in _flatten(context.params.values()) if isinstance(value, PurePath)}
    paths |= {
        PurePath(value)
        for name, value in context.params.items()
        if name in _TEXT_PATHS and isinstance(value, str) and "://" not in value
    }
    out = list(argv)
    for index in range(start, len(out)):
        option, equals, value = out[index].partition("=")
        if equals and option.startswith("--") and _is_relative_path(value, paths):
            out[index] = f"{option}={os.path.join(cwd, value)}"
        elif _is_relative_path(out[index], paths):
            out[index] = os.path.join(cwd, out[index])
    return out


def _flatten(values: Any) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list | tuple):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def _is_relative_path(token: str, paths: set[PurePath]) -> bool:
    return bool(token) and not token.startswith("-") and not os.path.isabs(token) and (
        PurePath(token) in paths
    )


def with_language(argv: Sequence[str]) -> list[str]:
    """``argv`` carrying this process's language and digits (``CORDON_LANG``/``CORDON_DIGITS``)
    as global options, unless it names them: the server's environment is not the caller's."""
    if any(arg.split("=", 1)[0] in _GLOBAL_OPTIONS_WITH_VALUE for arg in argv):
        return list(argv)
    language = from_environment()
    return ["--lang", language.code, "--digits", language.digits, *argv]


def forward(server: ServerInfo, argv: list[str]) -> Outcome | None:
    """Run ``argv`` in ``server``; None when the server cannot be reached (it is stopping)."""
    columns = shutil.get_terminal_size().columns
    body = json.dumps({"argv": argv, "columns": columns}).encode("utf-8")
    request = urllib.request.Request(
        server.url + ENDPOINT,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", TOKEN_HEADER: server.token},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    try:
        with opener.open(request) as response:
            answer = json.loads(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    return Outcome(str(answer["stdout"]), str(answer["stderr"]), int(answer["exit_code"]))
