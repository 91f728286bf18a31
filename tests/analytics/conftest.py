"""Fixtures of the analytics tests: a store holding the hand-made fixture run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from cordon.store import connect
from tests.analytics.fixture_run import load_fixture_run


@pytest.fixture()
def fixture_store(cordon_home: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The default store of an isolated CORDON_HOME, loaded with the fixture run (and decoys)."""
    conn = connect()
    load_fixture_run(conn)
    yield conn
    conn.close()
