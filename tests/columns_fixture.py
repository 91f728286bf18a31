"""The API fixture shipments under headers cordon does not recognize (the column-mapping step)."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.api.conftest import FIXTURES

# canonical field -> the odd header the file uses instead
RENAMED = {
    "record_id": "Ref", "date": "When", "exporter_name": "Seller firm",
    "exporter_country": "Seller land", "importer_name": "Buyer firm",
    "importer_country": "Buyer land", "importer_tax_id": "Buyer INN", "hs_code": "Tariff line",
    "description": "Goods text", "destination_country": "Goes to", "value": "Amount",
    "currency": "Money",
}  # fmt: skip


def odd_headers_file(folder: Path) -> Path:
    """shipments.csv with RENAMED headers and no destination column, as ``folder/odd.csv``."""
    with (FIXTURES / "shipments.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [i for i, h in enumerate(rows[0]) if h != "destination_country"]
    target = folder / "odd.csv"
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([RENAMED.get(rows[0][i], rows[0][i]) for i in keep])
        writer.writerows([[row[i] for i in keep] for row in rows[1:]])
    return target


def mapping() -> dict[str, str]:
    """The mapping an analyst gives for odd.csv (its destination column is gone)."""
    return {k: v for k, v in RENAMED.items() if k != "destination_country"}
