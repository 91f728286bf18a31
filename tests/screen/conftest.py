"""Fixtures for the screening tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from cordon.store import migrate
from tests.homes import sample_list_home


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
    with sample_list_home(tmp_path_factory.mktemp("cordon-home")) as home:
        yield home
