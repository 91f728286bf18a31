"""What a red-flag rule is: an id from docs/red-flags.md, a description, a weight and a detector.

Record rules look at one record at a time (a polars expression over a screened batch, run by
whichever engine holds the batch); file rules need the whole file: a query, in the SQL both engines
speak (``cordon.screen.dialect``), over the run's working records, and a detail template that
turns each flagged row into the reason's text, the same way on every engine.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import duckdb
import polars as pl

from cordon.screen.dialect import DUCKDB, Dialect

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
    """A rule over the whole file.

    ``query(dialect)`` selects ``line``, ``record_id`` and the fields ``detail`` names, for every
    record it flags, from the run's working records ``run_records`` (``run_records_sql``).
    ``detail`` is a ``str.format`` template over those fields (null when one of them is null).
    """

    id: str
    name: str
    description: str
    weight: float
    evidence: Evidence
    query: Callable[[Dialect], str]
    detail: str

    def sql(self, dialect: Dialect = DUCKDB) -> str:
        """The rule's query in ``dialect``."""
        return self.query(dialect)

    def fields(self) -> tuple[str, ...]:
        """The query columns the detail template reads."""
        names = (field for _, field, _, _ in string.Formatter().parse(self.detail) if field)
        return tuple(dict.fromkeys(names))

    def describe(self, row: dict[str, Any]) -> str | None:
        """The detail text of one flagged row; None when a field it needs is null."""
        if any(row.get(name) is None for name in self.fields()):
            return None
        return self.detail.format(**row)


Rule = RecordRule | FileRule


RUN_RECORDS = "run_records"


def run_records_sql(source: str, dialect: Dialect, where: str = "") -> str:
    """SELECT of the run's working records from ``source``, with normalized party keys.

    Every file rule reads these columns, so the keys are computed once per run, not once per rule,
    and once per distinct name (a regular expression per row costs more than the whole join).
    """
    return f"""
        WITH source_records AS (
            SELECT line, record_id, date, exporter_name, exporter_address, importer_name,
                importer_tax_id, importer_country, destination_country, hs6, chpl_tier, value,
                quantity, currency, unit
            FROM {source} {where}
        ),
        {distinct_keys("exporter_name", dialect)},
        {distinct_keys("importer_name", dialect)}
        SELECT r.line, r.record_id, r.date, r.exporter_name, r.exporter_address,
            r.importer_name, r.importer_country, r.hs6, r.chpl_tier, r.value, r.quantity,
            r.currency, r.unit, e.exporter_name_key AS exporter_key,
            coalesce(nullif(trim(r.importer_tax_id), ''), i.importer_name_key) AS importer_key,
            coalesce(r.destination_country, r.importer_country) AS bound_for
        FROM source_records r
        LEFT JOIN exporter_name_keys e ON r.exporter_name = e.exporter_name
        LEFT JOIN importer_name_keys i ON r.importer_name = i.importer_name
    """


def distinct_keys(column: str, dialect: Dialect, source: str = "source_records") -> str:
    """CTE ``{column}_keys`` (``column``, ``{column}_key``): the comparison key of each distinct
    non-null value of ``column`` in ``source``."""
    return f"""{column}_keys AS (
            SELECT {column}, {dialect.key(column)} AS {column}_key
            FROM (SELECT DISTINCT {column} FROM {source} WHERE {column} IS NOT NULL) distinct_values
        )"""


def prepare_run_records(conn: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Materialize the run's stored records with normalized party keys as temp table
    ``run_records`` (the local engine's working records)."""
    select = run_records_sql("records", DUCKDB, "WHERE run_id = $run_id")
    conn.execute(f"CREATE OR REPLACE TEMP TABLE {RUN_RECORDS} AS {select}", {"run_id": run_id})


def drop_run_records(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop the temp table made by ``prepare_run_records``."""
    conn.execute(f"DROP TABLE IF EXISTS {RUN_RECORDS}")
