"""``CORDON_HOME/server.json``: how a CLI process finds the `cordon serve` holding the store.

DuckDB lets one process open the store while the server runs, so the server publishes where it
listens and a random token; a CLI command that finds a live server there hands it its work
(:mod:`cordon.forward`). The file is written with mode 0600 (the token is a credential: whoever
reads it can run cordon commands as the server's user), removed when the server exits, and
ignored when its process is gone (a server killed with ``kill -9`` leaves it behind).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from cordon.config import get_settings

FILE_NAME = "server.json"


@dataclass(frozen=True)
class ServerInfo:
    """A running server: its process, its loopback base URL and the CLI endpoint's token."""

    pid: int
    url: str
    token: str


def server_file(home: Path | None = None) -> Path:
    """Where the server of ``home`` (default: ``CORDON_HOME``) publishes itself."""
    return (home or get_settings().store_path.parent) / FILE_NAME


def publish(url: str, home: Path | None = None) -> ServerInfo:
    """Write this process's ``server.json`` (mode 0600, atomically) with a fresh token."""
    info = ServerInfo(pid=os.getpid(), url=url, token=secrets.token_urlsafe(32))
    path = server_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{FILE_NAME}.{info.pid}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(asdict(info), handle)
    os.replace(temporary, path)
    return info


def withdraw(info: ServerInfo, home: Path | None = None) -> None:
    """Remove ``server.json`` if it is still this server's (a newer server may have replaced it)."""
    path = server_file(home)
    if read_live(home) == info:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def read_live(home: Path | None = None) -> ServerInfo | None:
    """The server published in ``home``, or None: no file, an unreadable one, or a dead PID."""
    try:
        data = json.loads(server_file(home).read_text(encoding="utf-8"))
        info = ServerInfo(pid=int(data["pid"]), url=str(data["url"]), token=str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if _alive(info.pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's: not a server we may talk to
        return False
    return True
