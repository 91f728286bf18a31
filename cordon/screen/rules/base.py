"""What a red-flag rule is: an id from docs/red-flags.md, a description, a weight and a detector.

Record rules look at one record at a time (a polars expression over a screened batch); file rules
need the whole file (a DuckDB query over the run's persisted records).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import duckdb
import polars as pl

Evidence = Literal["party", "goods", "route"]


@dataclass(frozen=True)
class RecordRule:
    """A rule decided from one record: ``detect()`` yields the detail text, or null."""

    id: str  # RF-xx id from shared/docs/red-flags.md (INF-xx: the doc's own inference)
    name: str  # short snake_case name, unique among rules
    description: str
    weight: float  # contribution to the risk score when it fires
    evidence: Evidence
    detect: Callable[[], pl.Expr]


@dataclass(frozen=True)
class FileRule:
    """A rule over the whole file: ``sql`` selects ``line, record_id, detail`` of what it flags.

    The query reads the run's records from temp table ``run_records`` (``prepare_run_records``).
    """

    id: str
    name: str
    description: str
    weight: float
    evidence: Evidence
    sql: str


Rule = RecordRule | FileRule


RUN_RECORDS = "run_records"


def sql_key(column: str) -> str:
    """SQL for a comparison key of a text column: lower case, words joined by single spaces."""
    return f"nullif(trim(regexp_replace(lower({column}), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g')), '')"


def prepare_run_records(conn: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Materialize the run's records with normalized party keys as temp table ``run_records``.

    Every file rule reads this table, so the keys are computed once per run, not once per rule.
    """
    conn.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {RUN_RECORDS} AS
        SELECT line, record_id, date, exporter_name, exporter_address, importer_name,
            importer_country, hs6, chpl_tier, value, quantity, currency, unit,
            {sql_key("exporter_name")} AS exporter_key,
            coalesce(nullif(trim(importer_tax_id), ''), {sql_key("importer_name")}) AS importer_key,
            coalesce(destination_country, importer_country) AS bound_for
        FROM records WHERE run_id = $run_id
        """,
        {"run_id": run_id},
    )


def drop_run_records(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop the temp table made by ``prepare_run_records``."""
    conn.execute(f"DROP TABLE IF EXISTS {RUN_RECORDS}")
