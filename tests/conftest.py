"""Shared fixtures: the real reference data in ../shared/data and an isolated CORDON_HOME."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only real data folder; its absence is an error, never a silent skip."""
    assert SHARED_DATA.is_dir(), f"reference data missing: {SHARED_DATA} (see README)"
    return SHARED_DATA


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Small hand-made fixtures committed with the tests."""
    return FIXTURES


@pytest.fixture()
def cordon_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty CORDON_HOME for one test."""
    home = tmp_path / "cordon-home"
    home.mkdir()
    monkeypatch.setenv("CORDON_HOME", str(home))
    yield home
