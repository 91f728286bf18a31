"""The canonical customs record: the columns every reader produces and every stage reads."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

CANONICAL_COLUMNS: tuple[str, ...] = (
    "record_id",
    "date",
    "exporter_name",
    "exporter_country",
    "exporter_address",
    "importer_name",
    "importer_country",
    "importer_tax_id",
    "hs_code",
    "description",
    "origin_country",
    "dispatch_country",
    "destination_country",
    "value",
    "currency",
    "quantity",
    "unit",
    "net_weight_kg",
)

# Arrow schema of a validated batch: typed, countries ISO alpha-2, currency ISO 4217.
RECORD_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        (
            "line",
            pa.int64(),
        ),  # 1-based physical line (CSV) or row number (other formats) in the input
        ("date", pa.date32()),
        ("exporter_name", pa.string()),
        ("exporter_country", pa.string()),
        ("exporter_address", pa.string()),
        ("importer_name", pa.string()),
        ("importer_country", pa.string()),
        ("importer_tax_id", pa.string()),
        ("hs_code", pa.string()),
        ("description", pa.string()),
        ("origin_country", pa.string()),
        ("dispatch_country", pa.string()),
        ("destination_country", pa.string()),
        ("value", pa.float64()),
        ("currency", pa.string()),
        ("quantity", pa.float64()),
        ("unit", pa.string()),
        ("net_weight_kg", pa.float64()),
        # fields this row received by default (cordon.records.assume), comma-separated, or null
        ("assumed", pa.string()),
    ]
)


@dataclass(frozen=True)
class Reject:
    """An input row that could not be screened, and why: one line of rejects.csv."""

    line: int  # 1-based line (CSV) or row number in the input
    record_id: str | None
    field: str  # the canonical field at fault, or "row" for structural problems
    reason: str
    raw: str  # the original row, truncated to a bounded length
