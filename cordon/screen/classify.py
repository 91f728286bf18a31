"""The goods stage: HS6, CHPL tier, story category and description conflicts for a batch.

Thin over cordon.goods; its vectorized checks run once per distinct (HS6, description) pair.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from cordon.goods.categories import story_categories
from cordon.goods.chpl import chpl_tier
from cordon.goods.descriptions import description_conflicts
from cordon.goods.hs import hs6_array

GOODS_COLUMNS: tuple[str, ...] = ("hs6", "chpl_tier", "category", "description_conflict")


def _series(values: pa.Array | pa.ChunkedArray, name: str) -> pl.Series:
    series = pl.from_arrow(values)
    assert isinstance(series, pl.Series)
    return series.cast(pl.String).alias(name)


def classify(frame: pl.DataFrame) -> pl.DataFrame:
    """The batch with ``hs6``, ``chpl_tier``, ``category`` and ``description_conflict`` added."""
    codes = frame.get_column("hs_code").to_arrow().cast(pa.string())
    frame = frame.with_columns(_series(hs6_array(codes), "hs6"))
    tiers = frame.select("hs6").unique()
    tiers = tiers.with_columns(
        pl.Series("chpl_tier", [chpl_tier(h) for h in tiers.get_column("hs6")], dtype=pl.String)
    )
    pairs = frame.select("hs6", "description").unique()
    hs6 = pairs.get_column("hs6").to_arrow().cast(pa.string())
    descriptions = pairs.get_column("description").to_arrow().cast(pa.string())
    pairs = pairs.with_columns(
        _series(story_categories(hs6, descriptions), "category"),
        _series(description_conflicts(hs6, descriptions), "description_conflict"),
    )
    frame = frame.join(tiers, on="hs6", how="left", nulls_equal=True, maintain_order="left")
    return frame.join(
        pairs, on=["hs6", "description"], how="left", nulls_equal=True, maintain_order="left"
    )
