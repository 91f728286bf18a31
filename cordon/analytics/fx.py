"""Approximate annual-average exchange rates, so values in different currencies can be summed.

Customs records state values in their settlement currency; totals and shares across currencies need
one unit. The rates (US dollars per unit of currency, rounded annual averages of published
central-bank reference rates, with their source and date) are data:
``cordon/analytics/data/fx_rates.yaml``; they are meant for aggregate shares, not for valuation.
A record whose currency is not listed keeps its declared value but has no USD value: every report
states how many such records were left out of the dollar totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cordon.refdata import load

# currency -> {year: USD per one unit}. Years outside a currency's range use the nearest year.
USD_PER_UNIT: Mapping[str, Mapping[int, float]] = MappingProxyType(
    {
        str(currency): {int(year): float(rate) for year, rate in entry["rates"].items()}
        for currency, entry in load("cordon.analytics", "fx_rates.yaml", "currencies")[
            "currencies"
        ].items()
    }
)


def rate_rows() -> list[tuple[str, int, float]]:
    """The rate table as ``(currency, year, usd_per_unit)`` rows, for loading into DuckDB."""
    return [
        (currency, year, rate)
        for currency, by_year in sorted(USD_PER_UNIT.items())
        for year, rate in sorted(by_year.items())
    ]


def rates_sql() -> str:
    """A SQL ``VALUES`` list of the rate table with columns ``currency, year, usd_per_unit``."""
    values = ", ".join(f"('{c}', {y}, {r!r})" for c, y, r in rate_rows())
    return f"(VALUES {values}) AS fx(currency, year, usd_per_unit)"
