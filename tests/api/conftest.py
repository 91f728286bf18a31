"""Fixtures of the API tests: a store with the sample list and a linked test list, served live."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cordon.lists.load import load_dataset
from cordon.lists.sample import load_sample
from cordon.store import connect
from tests.api.live import live_server

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "api"
LINKED_DATASET = "testlinks"


def make_store(home: Path) -> Path:
    """A CORDON_HOME holding the bundled sample list and the small linked-entities list."""
    home.mkdir(parents=True, exist_ok=True)
    conn = connect(home / "cordon.duckdb")
    try:
        load_sample(conn)
        load_dataset(conn, LINKED_DATASET, [FIXTURES / "linked.ftm.jsonl"])
    finally:
        conn.close()
    return home


@pytest.fixture(scope="module")
def api_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An isolated CORDON_HOME with two lists loaded, shared by one test module."""
    home = tmp_path_factory.mktemp("api-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORDON_HOME", str(home))
        yield make_store(home)


@pytest.fixture(scope="module")
def server(api_home: Path) -> Iterator[str]:
    """The real app on uvicorn, 127.0.0.1 and a free port; yields its base URL."""
    with live_server(api_home) as base:
        yield base


@pytest.fixture()
def client(server: str) -> Iterator[httpx.Client]:
    """An HTTP client bound to the live server."""
    with httpx.Client(base_url=server, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def api_fixtures() -> Path:
    """tests/fixtures/api."""
    return FIXTURES
