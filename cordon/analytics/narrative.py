"""Plain-language findings computed from the report tables, such as the yuan-share sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa


@dataclass(frozen=True)
class ShareChange:
    """A currency's share of settlement value (and of records) in the first and last dated month."""

    currency: str
    first_month: date
    last_month: date
    first_value_share: float
    last_value_share: float
    first_record_share: float
    last_record_share: float

    def sentence(self) -> str:
        """The change as one sentence, value share first, shipment-count share second."""
        first, last = _month(self.first_month), _month(self.last_month)
        points = 100 * (self.last_value_share - self.first_value_share)
        trend = "rose" if points > 0 else "fell" if points < 0 else "stayed"
        return (
            f"{self.currency} settled {_pct(self.first_value_share)} of shipment value in {first} "
            f"and {_pct(self.last_value_share)} in {last}: the share {trend}"
            f"{f' by {abs(points):.1f} percentage points' if points else ' level'} "
            f"(by number of shipments: {_pct(self.first_record_share)} → "
            f"{_pct(self.last_record_share)})."
        )


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def _month(month: date) -> str:
    return month.strftime("%B %Y")


def currency_share_change(table: pa.Table, currency: str = "CNY") -> ShareChange | None:
    """First vs last dated month of ``currency`` in a :func:`flows.currency_share` table.

    None when the table has fewer than two dated months with a USD value.
    """
    rows = [
        row for row in table.to_pylist()
        if row["currency_group"] == currency and row["month"] is not None
        and row["value_share"] is not None
    ]
    if len(rows) < 2:
        return None
    first, last = min(rows, key=lambda r: r["month"]), max(rows, key=lambda r: r["month"])
    return ShareChange(
        currency=currency,
        first_month=first["month"],
        last_month=last["month"],
        first_value_share=first["value_share"],
        last_value_share=last["value_share"],
        first_record_share=first["record_share"] or 0.0,
        last_record_share=last["record_share"] or 0.0,
    )
