"""Plain-language findings computed from the report tables, such as the yuan-share sentence.

Every sentence states the counts and the period it rests on, and is replaced by a statement of
why it is left out when the sample is smaller than :data:`MIN_MONTH_RECORDS` (docs/report.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from cordon.i18n import _, formatting

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
        """The change as one sentence with its counts and period, or why it is left out.

        In the current language (:mod:`cordon.i18n`); one whole message per case for translators.
        """
        points = 100 * (self.last_value_share - self.first_value_share)
        values = {
            "currency": self.currency,
            "first": formatting.month(self.first_month),
            "last": formatting.month(self.last_month),
            "first_records": formatting.number(self.first_records),
            "last_records": formatting.number(self.last_records),
            "minimum": formatting.number(MIN_MONTH_RECORDS),
            "first_share": formatting.percent(self.first_value_share),
            "last_share": formatting.percent(self.last_value_share),
            "points": formatting.number(abs(points), 1),
            "months": formatting.number(self.months),
            "first_count": formatting.percent(self.first_record_share),
            "last_count": formatting.percent(self.last_record_share),
        }
        if not self.enough:
            text = _(
                "%(currency)s share of settlement not compared: %(first)s has %(first_records)s "
                "shipments and %(last)s %(last_records)s, fewer than the %(minimum)s a month "
                "needs for a share to be meaningful."
            )
        elif points > 0:
            text = _(
                "%(currency)s settled %(first_share)s of shipment value in %(first)s "
                "(%(first_records)s shipments) and %(last_share)s in %(last)s (%(last_records)s "
                "shipments): the share rose by %(points)s percentage points between these two "
                "single months of the %(months)s in the file (by number of shipments: "
                "%(first_count)s → %(last_count)s)."
            )
        elif points < 0:
            text = _(
                "%(currency)s settled %(first_share)s of shipment value in %(first)s "
                "(%(first_records)s shipments) and %(last_share)s in %(last)s (%(last_records)s "
                "shipments): the share fell by %(points)s percentage points between these two "
                "single months of the %(months)s in the file (by number of shipments: "
                "%(first_count)s → %(last_count)s)."
            )
        else:
            text = _(
                "%(currency)s settled %(first_share)s of shipment value in %(first)s "
                "(%(first_records)s shipments) and %(last_share)s in %(last)s (%(last_records)s "
                "shipments): the share stayed level between these two single months of the "
                "%(months)s in the file (by number of shipments: %(first_count)s → "
                "%(last_count)s)."
            )
        return text % values


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
