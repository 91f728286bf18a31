"""Fixtures for the screening tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from cordon.lists.sample import load_sample
from cordon.store import connect, migrate


@pytest.fixture()
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory store with the cordon schema."""
    conn = duckdb.connect()
    migrate(conn)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def sample_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A CORDON_HOME holding the bundled sample list (and its name index), shared by a module."""
    home = tmp_path_factory.mktemp("cordon-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORDON_HOME", str(home))
        conn = connect()
        load_sample(conn)
        conn.close()
        yield home
