"""Fixtures for the screening tests."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from cordon.store import migrate


@pytest.fixture()
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory store with the cordon schema."""
    conn = duckdb.connect()
    migrate(conn)
    yield conn
    conn.close()
