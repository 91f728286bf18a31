"""A real uvicorn server on a free 127.0.0.1 port, for tests that talk HTTP to the app."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from cordon.server import create_app


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(base: str, alive: Callable[[], bool], seconds: float) -> None:
    """Poll ``base``/healthz until it answers 200; RuntimeError when ``alive()`` turns false or
    ``seconds`` pass first (a server that never comes up fails the test, never hangs it)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or not alive():
            raise RuntimeError(f"the test server on {base} did not start")
        time.sleep(0.05)


@contextmanager
def live_server(home: Path, **app_options: object) -> Iterator[str]:
    """Serve ``create_app`` over ``home``'s store in a thread; yields the base URL."""
    port = free_port()
    app = create_app(store_path=home / "cordon.duckdb", home=home, **app_options)  # type: ignore[arg-type]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, thread.is_alive, seconds=30)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)
