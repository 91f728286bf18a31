"""What a red-flag rule is: an id from docs/red-flags.md, a description, a weight and a detector.

Record rules look at one record at a time (a polars expression over a screened batch); file rules
need the whole file (a DuckDB query over the run's persisted records).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import polars as pl

Evidence = Literal["party", "goods", "route"]


@dataclass(frozen=True)
class RecordRule:
    """A rule decided from one record: ``detect()`` yields the detail text, or null when it does not fire."""

    id: str  # RF-xx id from shared/docs/red-flags.md (INF-xx: the doc's own inference)
    name: str  # short snake_case name, unique among rules
    description: str
    weight: float  # contribution to the risk score when it fires
    evidence: Evidence
    detect: Callable[[], pl.Expr]


@dataclass(frozen=True)
class FileRule:
    """A rule that needs the whole file: ``sql`` selects ``line, record_id, detail`` of the records it flags.

    The query reads the run's records as the relation ``run_records`` (see ``run_records_cte``).
    """

    id: str
    name: str
    description: str
    weight: float
    evidence: Evidence
    sql: str


Rule = RecordRule | FileRule


def run_records_cte(run_id_param: str = "$run_id") -> str:
    """The CTE every file rule reads from: the run's records with normalized party keys."""
    return f"""
    run_records AS (
        SELECT *,
            nullif(trim(regexp_replace(lower(exporter_name), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g')), '')
                AS exporter_key,
            coalesce(
                nullif(trim(importer_tax_id), ''),
                nullif(trim(regexp_replace(lower(importer_name), '[^\\p{{L}}\\p{{N}}]+', ' ', 'g')), '')
            ) AS importer_key,
            coalesce(destination_country, importer_country) AS bound_for
        FROM records WHERE run_id = {run_id_param}
    )"""
