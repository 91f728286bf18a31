"""Helpers of the attack suite: a store with the bundled sample list, a small disk when the
machine lets an unprivileged test mount one, and the CLI as a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cordon.lists.sample import load_sample
from cordon.store import connect

CORDON = Path(sys.executable).with_name("cordon")


@pytest.fixture()
def sample_home(cordon_home: Path) -> Path:
    """CORDON_HOME holding the bundled sample list."""
    conn = connect()
    load_sample(conn)
    conn.close()
    return cordon_home


def can_mount_small_disk() -> bool:
    """Whether ``unshare -rm`` lets this user mount a tmpfs in a private mount namespace."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=10,
        check=False,
    )
    return probe.returncode == 0


def run_cordon(
    *args: str, home: Path, timeout: float = 60, small_disk: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``cordon`` CLI; with ``small_disk``, that directory is first covered by
    a full 16 KiB tmpfs in a private mount namespace (a real ENOSPC for every write there)."""
    env = {**os.environ, "CORDON_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
    command = [str(CORDON), *args]
    if small_disk is not None:
        small_disk.mkdir(parents=True, exist_ok=True)
        script = (
            f'mount -t tmpfs -o size=16k tmpfs "{small_disk}" && '
            f'head -c 16384 /dev/zero > "{small_disk}/filler" 2>/dev/null; exec "$@"'
        )
        command = ["unshare", "-rm", "sh", "-c", script, "sh", *command]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )
