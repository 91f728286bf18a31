"""Approximate annual-average exchange rates, so values in different currencies can be summed.

Customs records state values in their settlement currency; totals and shares across currencies need
one unit. The rates below are rounded annual averages (US dollars per unit of currency) of the
published central-bank reference rates; they are meant for aggregate shares, not for valuation.
A record whose currency is not listed keeps its declared value but has no USD value: every report
states how many such records were left out of the dollar totals.
"""

from __future__ import annotations

from collections.abc import Mapping

# currency -> {year: USD per one unit}. Years outside a currency's range use the nearest year.
USD_PER_UNIT: Mapping[str, Mapping[int, float]] = {
    "USD": {2021: 1.0, 2022: 1.0, 2023: 1.0, 2024: 1.0, 2025: 1.0},
    "EUR": {2021: 1.183, 2022: 1.053, 2023: 1.081, 2024: 1.082, 2025: 1.13},
    "CNY": {2021: 0.1550, 2022: 0.1486, 2023: 0.1412, 2024: 0.1391, 2025: 0.1390},
    "RUB": {2021: 0.01358, 2022: 0.01460, 2023: 0.01174, 2024: 0.01080, 2025: 0.01190},
    "GBP": {2021: 1.376, 2022: 1.237, 2023: 1.244, 2024: 1.278, 2025: 1.32},
    "JPY": {2021: 0.00911, 2022: 0.00761, 2023: 0.00712, 2024: 0.00661, 2025: 0.00665},
    "CHF": {2021: 1.094, 2022: 1.047, 2023: 1.113, 2024: 1.136, 2025: 1.19},
    "HKD": {2021: 0.1286, 2022: 0.1277, 2023: 0.1278, 2024: 0.1280, 2025: 0.1284},
    "AED": {2021: 0.2723, 2022: 0.2723, 2023: 0.2723, 2024: 0.2723, 2025: 0.2723},
    "TRY": {2021: 0.1147, 2022: 0.0602, 2023: 0.0420, 2024: 0.0305, 2025: 0.0260},
    "INR": {2021: 0.01352, 2022: 0.01272, 2023: 0.01211, 2024: 0.01195, 2025: 0.01160},
    "KZT": {2021: 0.002346, 2022: 0.002174, 2023: 0.002193, 2024: 0.002132, 2025: 0.001960},
    "BYN": {2021: 0.3930, 2022: 0.3810, 2023: 0.3370, 2024: 0.3080, 2025: 0.3150},
    "KRW": {2021: 0.000874, 2022: 0.000774, 2023: 0.000766, 2024: 0.000733, 2025: 0.000710},
    "SGD": {2021: 0.7440, 2022: 0.7250, 2023: 0.7440, 2024: 0.7480, 2025: 0.7600},
}


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
