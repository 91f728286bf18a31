"""Run the real ``cordon`` executable of this venv as a subprocess, bounded in time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CORDON = Path(sys.executable).parent / "cordon"


def cordon(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``cordon ARGS`` with ``CORDON_HOME=home``; returns the finished process (never raises)."""
    env = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [str(CORDON), *args], env=env, capture_output=True, text=True, timeout=timeout,
        check=False,
    )  # fmt: skip
