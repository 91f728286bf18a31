"""Read ahead: an iterator's next items made on a worker thread while the caller uses this one.

The screening reads and validates the next batch (pyarrow's CSV parser and compute kernels, which
run outside the GIL) while the current one is screened (mostly Python: party matching), so the
two overlap on a machine with a second core. The worker stays ``depth`` items ahead at most,
which bounds memory; its errors are raised in the caller, at the item where they happened.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Generic, Self, TypeVar

T = TypeVar("T")

_POLL_SECONDS = 0.1  # how often a blocked worker checks whether the caller has stopped


class Prefetch(Generic[T]):
    """Iterate ``source`` on a worker thread, ``depth`` items ahead of the caller.

    Use it as a context manager: leaving it stops the worker (after the item it is making) and
    closes ``source`` on the worker's thread, whether or not the iteration was finished.
    """

    def __init__(self, source: Iterator[T], depth: int = 1, name: str = "cordon-prefetch") -> None:
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, args=(source,), name=name, daemon=True)
        self._thread.start()

    def _put(self, item: tuple[str, object]) -> bool:
        """Queue ``item`` once there is room; False when the caller stopped first."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_POLL_SECONDS)
            except queue.Full:
                continue
            return True
        return False

    def _run(self, source: Iterator[T]) -> None:
        try:
            for item in source:
                if not self._put(("item", item)):
                    return
            self._put(("end", None))
        except BaseException as exc:  # handed to the caller, raised there
            self._put(("error", exc))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        kind, value = self._queue.get()
        if kind == "item":
            return value  # type: ignore[return-value]
        self._done = True
        if kind == "error":
            assert isinstance(value, BaseException)
            raise value
        raise StopIteration

    def close(self) -> None:
        """Stop the worker and wait for it (it finishes the item in hand, then closes source)."""
        self._stop.set()
        self._done = True
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=_POLL_SECONDS)
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Stop the worker, whether the block ended normally or with an error."""
        self.close()
