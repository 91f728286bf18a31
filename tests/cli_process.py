"""Run the real ``cordon`` executable of this venv as a subprocess, bounded in time."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CORDON = Path(sys.executable).parent / "cordon"


def cordon(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``cordon ARGS`` with ``CORDON_HOME=home``; returns the finished process (never raises)."""
    env = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [str(CORDON), *args], env=env, capture_output=True, text=True, timeout=timeout,
        check=False,
    )  # fmt: skip


@contextmanager
def store_held(store: Path) -> Iterator[int]:
    """Another process holding ``store`` open (as `cordon serve` does); yields its pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield holder.pid
    finally:
        holder.communicate("", timeout=30)
