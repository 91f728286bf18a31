"""Reading ahead on a worker thread: same items, same order, errors where they happened."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from cordon.records.prefetch import Prefetch


def test_items_arrive_in_order_then_stop() -> None:
    with Prefetch(iter(range(50))) as items:
        assert list(items) == list(range(50))
        assert next(items, None) is None  # exhausted stays exhausted


def test_an_error_is_raised_after_the_items_before_it() -> None:
    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad row")

    got = []
    with Prefetch(failing()) as items, pytest.raises(ValueError, match="bad row"):
        for item in items:
            got.append(item)
    assert got == [1, 2]


def test_the_worker_stays_at_most_depth_items_ahead() -> None:
    made: list[int] = []
    waiting = threading.Event()

    def counted() -> Iterator[int]:
        for i in range(10):
            made.append(i)
            if i == 3:
                waiting.set()
            yield i

    with Prefetch(counted(), depth=2) as items:
        assert next(items) == 0
        waiting.wait(timeout=5)
        # 0 taken, 1 and 2 queued, 3 made and waiting for room: never more
        threading.Event().wait(0.3)
        assert made == [0, 1, 2, 3]


def test_leaving_early_stops_the_worker_and_closes_the_source() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    reader = Prefetch(endless())
    with reader as items:
        assert next(items) == 0
    assert closed.is_set()
    assert not reader._thread.is_alive()
