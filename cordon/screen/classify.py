"""The goods stage: HS6, CHPL tier, story category and description conflicts for a batch.

Thin over cordon.goods; the per-row Python calls run once per distinct value in the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import polars as pl
import pyarrow as pa

from cordon.goods.categories import story_category
from cordon.goods.chpl import chpl_tier
from cordon.goods.descriptions import description_conflict
from cordon.goods.hs import hs6_array

K = TypeVar("K", bound=Hashable)

GOODS_COLUMNS: tuple[str, ...] = ("hs6", "chpl_tier", "category", "description_conflict")


def _lookup(
    frame: pl.DataFrame, keys: list[str], name: str, fn: Callable[..., str | None]
) -> pl.DataFrame:
    """Add column ``name`` = fn(*keys) evaluated once per distinct key tuple."""
    distinct = frame.select(keys).unique()
    values = [fn(*row) for row in distinct.iter_rows()]
    table = distinct.with_columns(pl.Series(name, values, dtype=pl.String))
    return frame.join(table, on=keys, how="left", nulls_equal=True, maintain_order="left")


def classify(frame: pl.DataFrame) -> pl.DataFrame:
    """The batch with ``hs6``, ``chpl_tier``, ``category`` and ``description_conflict`` added."""
    codes = frame.get_column("hs_code").to_arrow().cast(pa.string())
    hs6 = pl.from_arrow(hs6_array(codes))
    assert isinstance(hs6, pl.Series)
    frame = frame.with_columns(hs6.cast(pl.String).alias("hs6"))
    frame = _lookup(frame, ["hs6"], "chpl_tier", chpl_tier)
    frame = _lookup(frame, ["hs6", "description"], "category", story_category)
    return _lookup(frame, ["hs6", "description"], "description_conflict", description_conflict)
