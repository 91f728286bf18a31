"""Helpers for the screening tests: one-record frames for record rules, records for file rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import polars as pl

from cordon.records.schema import RECORD_SCHEMA
from cordon.screen.persist import RECORD_COLUMNS
from cordon.screen.rules import FileRule, RecordRule
from cordon.screen.rules.base import drop_run_records, prepare_run_records

# Columns the goods and party stages add before the record rules run.
STAGE_COLUMNS = (
    "hs6", "chpl_tier", "category", "description_conflict", "exporter_entity", "importer_entity",
    "exporter_near_miss", "importer_near_miss", "exporter_linked", "importer_linked",
)  # fmt: skip

BASE_RECORD: dict[str, Any] = {
    "record_id": "DT1",
    "line": 2,
    "date": date(2023, 5, 17),
    "exporter_name": "Shenzhen Huaxing Electronic Technology Co., Ltd.",
    "exporter_country": "CN",
    "exporter_address": "No. 18 Huaqiang North Road, Shenzhen, China",
    "importer_name": "ООО «ТехноСнаб»",
    "importer_country": "RU",
    "importer_tax_id": "7701234567",
    "hs_code": "8542310001",
    "description": "Микроконтроллеры STM32F407",
    "origin_country": "CN",
    "dispatch_country": "CN",
    "destination_country": "RU",
    "value": 12000.0,
    "currency": "USD",
    "quantity": 2000.0,
    "unit": "pcs",
    "net_weight_kg": 4.0,
    "hs6": "854231",
    "chpl_tier": "1",
}


def record_frame(*records: dict[str, Any]) -> pl.DataFrame:
    """Screened-batch frame of the given records (BASE_RECORD filled in for missing fields)."""
    rows = [{**BASE_RECORD, **record} for record in records or ({},)]
    schema: dict[str, Any] = {field.name: pl.String for field in RECORD_SCHEMA}
    schema.update(line=pl.Int64, date=pl.Date, value=pl.Float64, quantity=pl.Float64,
                  net_weight_kg=pl.Float64)  # fmt: skip
    schema.update(dict.fromkeys(STAGE_COLUMNS, pl.String))
    schema.update(exporter_score=pl.Float64, importer_score=pl.Float64)
    return pl.DataFrame([{name: row.get(name) for name in schema} for row in rows], schema=schema)


def fire(rule: RecordRule, **record: Any) -> str | None:
    """The rule's detail for one record, or None when it does not fire."""
    return record_frame(record).select(rule.detect().alias("detail")).item()


def persist_records(conn: duckdb.DuckDBPyConnection, run_id: str, *records: dict[str, Any]) -> None:
    """Insert records (BASE_RECORD filled in, line numbers assigned) into the store's records."""
    rows = [
        {**BASE_RECORD, "line": number + 2, "record_id": f"R{number + 1}", **record}
        for number, record in enumerate(records)
    ]
    frame = record_frame(*rows).select(pl.lit(run_id).alias("run_id"), *RECORD_COLUMNS)
    conn.register("_test_rows", frame.to_arrow())
    conn.execute("INSERT INTO records BY NAME SELECT * FROM _test_rows")
    conn.unregister("_test_rows")


def flagged(conn: duckdb.DuckDBPyConnection, rule: FileRule, run_id: str = "run") -> dict[str, str]:
    """record_id -> detail of the records a file rule flags (the local engine's DuckDB SQL)."""
    prepare_run_records(conn, run_id)
    try:
        rows = conn.execute(rule.sql()).to_arrow_table().to_pylist()
    finally:
        drop_run_records(conn)
    return {row["record_id"]: rule.describe(row) or "" for row in rows}
