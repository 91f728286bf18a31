"""Fixtures of the i18n tests: one small demo run (real screening of multilingual records)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cordon import store
from cordon.demo import run_demo
from cordon.demo.job import DemoResult


@dataclass(frozen=True)
class DemoRun:
    """A finished demo run and the CORDON_HOME holding its store."""

    result: DemoResult
    home: Path

    @property
    def store_path(self) -> Path:
        """The DuckDB store of the run."""
        return self.home / "cordon.duckdb"


@pytest.fixture(scope="package")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRun]:
    """`cordon demo` on 2,500 rows in its own CORDON_HOME (store closed afterwards)."""
    home = tmp_path_factory.mktemp("i18n-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORDON_HOME", str(home))
        mp.delenv("CORDON_LANG", raising=False)
        mp.delenv("CORDON_DIGITS", raising=False)
        conn = store.connect(home / "cordon.duckdb")
        try:
            result = run_demo(home / "demo", rows=2500, conn=conn)
        finally:
            conn.close()
        yield DemoRun(result, home)
