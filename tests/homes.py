"""CORDON_HOME folders prepared for tests, shared by the packages that need the same one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cordon.lists.sample import load_sample
from cordon.store import connect


@contextmanager
def sample_list_home(home: Path) -> Iterator[Path]:
    """``home`` as CORDON_HOME (for the block), holding the bundled sample list and its index."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORDON_HOME", str(home))
        conn = connect()
        load_sample(conn)
        conn.close()
        yield home
