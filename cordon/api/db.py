"""One DuckDB connection per server process, handed out as per-request cursors.

DuckDB allows one writing process per file; inside that process every request and the
background screening threads work through their own cursor of the same connection, so reads
never wait on a running screen (DuckDB's MVCC keeps them consistent).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from cordon.store import connect


class Database:
    """The server's store: a root connection plus cheap cursors for each unit of work."""

    def __init__(self, path: Path | None = None) -> None:
        self._root = connect(path)
        self._lock = threading.Lock()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared connection, closed when the block ends (one per thread)."""
        with self._lock:
            cur = self._root.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def new_cursor(self) -> duckdb.DuckDBPyConnection:
        """A long-lived cursor for a background job; the caller closes it."""
        with self._lock:
            return self._root.cursor()

    def close(self) -> None:
        """Close the root connection (and with it every cursor)."""
        self._root.close()
