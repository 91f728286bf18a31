"""Record rule about the goods themselves: RF-21a, a description that contradicts the HS code.

The ``description_conflict`` column is filled by the goods stage with cordon.goods.descriptions.
"""

from __future__ import annotations

import polars as pl

from cordon.screen.rules.base import RecordRule


def description_contradicts_code() -> pl.Expr:
    """RF-21a: the goods description says something else than the declared HS code."""
    conflict = pl.col("description_conflict")
    return pl.when(conflict.is_not_null()).then(
        pl.format("description contradicts HS {}: {}", pl.col("hs6"), conflict)
    )


RULES: tuple[RecordRule, ...] = (
    RecordRule(
        "RF-21a",  # RF-21 (misleading documents), the description half
        "description_contradicts_code",
        "Misleading documents: the goods description contradicts the declared HS code "
        "(e.g. chips declared under a harmless code).",
        0.5,
        "goods",
        description_contradicts_code,
    ),
)
