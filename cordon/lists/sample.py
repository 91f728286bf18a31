"""The bundled sample list: real designated parties of the Russia/China dual-use story."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from cordon.lists.load import LoadResult, load_dataset
from cordon.lists.registry import SAMPLE_DATASET


def sample_path() -> Path:
    """Path of ``cordon/data/sample_list.ftm.jsonl`` inside the installed package."""
    return Path(str(resources.files("cordon") / "data" / "sample_list.ftm.jsonl"))


def load_sample(conn: duckdb.DuckDBPyConnection) -> LoadResult:
    """Load (or confirm, when unchanged) the sample list as dataset ``cordon_sample``."""
    return load_dataset(conn, SAMPLE_DATASET, [sample_path()], source="bundled sample list")
