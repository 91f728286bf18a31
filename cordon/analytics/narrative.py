"""Plain-language findings computed from the report tables, such as the yuan-share sentence.

Every sentence states the counts and the period it rests on, and is replaced by a statement of
why it is left out when the sample is smaller than :data:`MIN_MONTH_RECORDS` (docs/report.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa

# Fewest shipments with a dollar value a month needs before its currency share is compared
# with another month's: below it one or two shipments swing the share by tens of points.
MIN_MONTH_RECORDS = 30


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
    first_records: int  # shipments of the first month (all currencies)
    last_records: int
    months: int  # dated months between them with shipments, both included

    @property
    def enough(self) -> bool:
        """Whether both months reach :data:`MIN_MONTH_RECORDS` shipments."""
        return min(self.first_records, self.last_records) >= MIN_MONTH_RECORDS

    def sentence(self) -> str:
        """The change as one sentence with its counts and period, or why it is left out."""
        first, last = _month(self.first_month), _month(self.last_month)
        if not self.enough:
            return (
                f"{self.currency} share of settlement not compared: {first} has "
                f"{self.first_records:,} shipments and {last} {self.last_records:,}, fewer than "
                f"the {MIN_MONTH_RECORDS} a month needs for a share to be meaningful."
            )
        points = 100 * (self.last_value_share - self.first_value_share)
        trend = "rose" if points > 0 else "fell" if points < 0 else "stayed"
        return (
            f"{self.currency} settled {_pct(self.first_value_share)} of shipment value in {first} "
            f"({self.first_records:,} shipments) and {_pct(self.last_value_share)} in {last} "
            f"({self.last_records:,} shipments): the share {trend}"
            f"{f' by {abs(points):.1f} percentage points' if points else ' level'} "
            f"between these two single months of the {self.months} in the file "
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
    rows = table.to_pylist()
    totals: dict[date, int] = {}
    for row in rows:
        if row["month"] is not None:
            totals[row["month"]] = totals.get(row["month"], 0) + int(row["records"])
    dated = [
        row for row in rows
        if row["currency_group"] == currency and row["month"] is not None
        and row["value_share"] is not None
    ]
    if len(dated) < 2:
        return None
    first, last = min(dated, key=lambda r: r["month"]), max(dated, key=lambda r: r["month"])
    return ShareChange(
        currency=currency,
        first_month=first["month"],
        last_month=last["month"],
        first_value_share=first["value_share"],
        last_value_share=last["value_share"],
        first_record_share=first["record_share"] or 0.0,
        last_record_share=last["record_share"] or 0.0,
        first_records=totals[first["month"]],
        last_records=totals[last["month"]],
        months=sum(1 for month in totals if first["month"] <= month <= last["month"]),
    )
