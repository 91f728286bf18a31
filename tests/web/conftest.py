"""Fixtures of the browser tests: Debian's chromium driven by Playwright against a live server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.api.conftest import make_store
from tests.api.live import live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
BUILD = Path(__file__).resolve().parents[2] / "build"


@pytest.fixture(scope="module")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free loopback port over a store with the sample and linked lists."""
    home = tmp_path_factory.mktemp("web-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORDON_HOME", str(home))
        make_store(home)
        with live_server(home) as base:
            yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium (never a downloaded browser)."""
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), "install it: make browser-deps"
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def build_dir() -> Path:
    """build/ at the repository root, for screenshots."""
    BUILD.mkdir(exist_ok=True)
    return BUILD
