"""Plain-language findings computed from the report tables, such as the yuan-share sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from cordon.i18n import _, formatting


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
        """The change as one sentence in the current language: value share, then count share."""
        points = 100 * (self.last_value_share - self.first_value_share)
        values = {
            "currency": self.currency,
            "first_share": formatting.percent(self.first_value_share),
            "last_share": formatting.percent(self.last_value_share),
            "first": formatting.month(self.first_month),
            "last": formatting.month(self.last_month),
            "points": formatting.number(abs(points), 1),
            "first_count": formatting.percent(self.first_record_share),
            "last_count": formatting.percent(self.last_record_share),
        }
        if points > 0:
            text = _(
                "%(currency)s settled %(first_share)s of shipment value in %(first)s and "
                "%(last_share)s in %(last)s: the share rose by %(points)s percentage points "
                "(by number of shipments: %(first_count)s → %(last_count)s)."
            )
        elif points < 0:
            text = _(
                "%(currency)s settled %(first_share)s of shipment value in %(first)s and "
                "%(last_share)s in %(last)s: the share fell by %(points)s percentage points "
                "(by number of shipments: %(first_count)s → %(last_count)s)."
            )
        else:
            text = _(
                "%(currency)s settled %(first_share)s of shipment value in %(first)s and "
                "%(last_share)s in %(last)s: the share stayed level "
                "(by number of shipments: %(first_count)s → %(last_count)s)."
            )
        return text % values


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
