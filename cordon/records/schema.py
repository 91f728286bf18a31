"""The canonical customs record: the columns every reader produces and every stage reads."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# The canonical record, declared once: each field and its Arrow type, in order. The Arrow schema
# of a validated batch, the canonical column list and what the screening persists
# (cordon.screen.persist.RECORD_COLUMNS) all derive from it; the store's ``records`` table is
# checked against it (tests/test_store_upgrade.py), since its DDL lives in frozen migrations.
RECORD_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("record_id", pa.string()),
    ("line", pa.int64()),  # 1-based physical line (CSV) or row number (other formats) in the input
    ("date", pa.date32()),
    ("exporter_name", pa.string()),
    ("exporter_country", pa.string()),  # ISO 3166 alpha-2, like every *_country field
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
    ("currency", pa.string()),  # ISO 4217
    ("quantity", pa.float64()),
    ("unit", pa.string()),
    ("net_weight_kg", pa.float64()),
    # fields this row received by default (cordon.records.assume), comma-separated, or null
    ("assumed", pa.string()),
)
# Set by the reader, not read from a source column: the input line and the defaults applied.
_NOT_FROM_SOURCE = frozenset({"line", "assumed"})

# Arrow schema of a validated batch: typed, countries ISO alpha-2, currency ISO 4217.
RECORD_SCHEMA = pa.schema(list(RECORD_FIELDS))
# The fields a source column can fill (header aliases, --columns maps), in record order.
CANONICAL_COLUMNS: tuple[str, ...] = tuple(
    name for name, _ in RECORD_FIELDS if name not in _NOT_FROM_SOURCE
)


@dataclass(frozen=True)
class Reject:
    """An input row that could not be screened, and why: one line of rejects.csv."""

    line: int  # 1-based line (CSV) or row number in the input
    record_id: str | None
    field: str  # the canonical field at fault, or "row" for structural problems
    reason: str
    raw: str  # the original row, truncated to a bounded length
