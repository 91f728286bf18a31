"""Record rules on where CHPL goods go and how they travel: RF-01, RF-02, RF-03, INF-01."""

from __future__ import annotations

import polars as pl

from cordon.jurisdictions import GECC, RESTRICTED_DESTINATIONS, TRANSSHIPMENT_HUBS
from cordon.screen.rules.base import RecordRule

_CHPL = pl.col("chpl_tier").is_not_null()
# Countries a third-country CNY invoice is unremarkable for: China itself and Russia/Belarus.
CNY_HOME_COUNTRIES: frozenset[str] = frozenset({"CN"}) | RESTRICTED_DESTINATIONS


def _consignee_country() -> pl.Expr:
    return pl.coalesce(pl.col("importer_country"), pl.col("destination_country"))


def chpl_to_non_gecc() -> pl.Expr:
    """RF-01: CHPL goods consigned to a party outside the coalition applying Russia controls."""
    country = _consignee_country()
    fires = _CHPL & country.is_not_null() & ~country.is_in(sorted(GECC))
    return pl.when(fires).then(
        pl.format(
            "CHPL tier {} goods (HS {}) consigned to a party in {}, outside the GECC",
            pl.col("chpl_tier"),
            pl.col("hs6"),
            country,
        )
    )


def chpl_via_hub() -> pl.Expr:
    """RF-02: CHPL goods dispatched from a transshipment hub they did not originate in."""
    dispatch = pl.col("dispatch_country")
    fires = (
        _CHPL
        & dispatch.is_in(sorted(TRANSSHIPMENT_HUBS))
        & pl.col("origin_country").is_not_null()
        & (dispatch != pl.col("origin_country"))
    )
    return pl.when(fires).then(
        pl.format(
            "CHPL goods (HS {}) of {} origin dispatched through transshipment hub {}",
            pl.col("hs6"),
            pl.col("origin_country"),
            dispatch,
        )
    )


def unusual_route_to_ru_by() -> pl.Expr:
    """RF-03: CHPL goods bound for Russia or Belarus whose dispatch country is not their origin."""
    bound = pl.coalesce(pl.col("destination_country"), pl.col("importer_country"))
    fires = (
        _CHPL
        & bound.is_in(sorted(RESTRICTED_DESTINATIONS))
        & pl.col("origin_country").is_not_null()
        & pl.col("dispatch_country").is_not_null()
        & (pl.col("origin_country") != pl.col("dispatch_country"))
    )
    return pl.when(fires).then(
        pl.format(
            "CHPL goods (HS {}) bound for {}: origin {} but dispatched from {}",
            pl.col("hs6"),
            bound,
            pl.col("origin_country"),
            pl.col("dispatch_country"),
        )
    )


def cny_to_third_country() -> pl.Expr:
    """INF-01: CHPL goods invoiced in yuan but consigned to neither China nor Russia/Belarus."""
    country = _consignee_country()
    fires = (
        _CHPL
        & (pl.col("currency") == "CNY")
        & country.is_not_null()
        & ~country.is_in(sorted(CNY_HOME_COUNTRIES))
    )
    return pl.when(fires).then(
        pl.format("CHPL goods (HS {}) invoiced in CNY but consigned to {}", pl.col("hs6"), country)
    )


RULES: tuple[RecordRule, ...] = (
    RecordRule(
        "RF-01",
        "chpl_to_non_gecc",
        "CHPL goods consigned to a party outside the GECC "
        "(the countries applying Russia export controls).",
        0.15,
        "route",
        chpl_to_non_gecc,
    ),
    RecordRule(
        "RF-02",
        "chpl_via_hub",
        "CHPL goods dispatched through a transshipment hub named in FinCEN/BIS guidance "
        "(dispatch country is a hub and differs from the origin).",
        0.3,
        "route",
        chpl_via_hub,
    ),
    RecordRule(
        "RF-03",
        "unusual_route_to_ru_by",
        "CHPL goods bound for Russia or Belarus with a dispatch country different from the origin.",
        0.3,
        "route",
        unusual_route_to_ru_by,
    ),
    RecordRule(
        "INF-01",
        "cny_to_third_country",
        "CHPL goods invoiced in CNY but consigned to a third country (neither CN nor RU/BY); "
        "the red-flags doc's own inference, not official guidance.",
        0.1,
        "route",
        cny_to_third_country,
    ),
)
