"""The index warm-up thread and server shutdown: a store closed under it is not a crash."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cordon.api import app as app_module
from cordon.api.matching import MatcherPool


class _ClosedStorePool:
    """A pool whose index load fails the way a closed DuckDB connection does."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def active(self) -> dict[str, str]:
        return {"us_ofac_sdn": "v1"}

    def get(self, names: list[str]) -> None:
        self.started.set()
        raise RuntimeError("Connection already closed")


def test_warm_error_after_shutdown_is_dropped() -> None:
    stopping = threading.Event()
    stopping.set()
    app_module._warm_default_matcher(_ClosedStorePool(), stopping)  # type: ignore[arg-type]


def test_warm_error_while_serving_is_raised() -> None:
    with pytest.raises(RuntimeError, match="already closed"):
        app_module._warm_default_matcher(_ClosedStorePool(), threading.Event())  # type: ignore[arg-type]


def test_shutdown_waits_for_the_warm_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Shutdown during a slow warm-up closes the store only after the thread has finished."""
    release = threading.Event()
    finished = threading.Event()
    failures: list[BaseException] = []

    def slow_get(self: MatcherPool, names: list[str]) -> None:
        release.wait(timeout=10)
        finished.set()

    monkeypatch.setattr(MatcherPool, "active", lambda self: {"us_ofac_sdn": "v1"})
    monkeypatch.setattr(MatcherPool, "get", slow_get)
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    app = app_module.create_api(store_path=tmp_path / "cordon.duckdb", home=tmp_path)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        threading.Timer(0.2, release.set).start()
    assert finished.is_set(), "the store was closed before the warm-up thread finished"
    assert failures == []
