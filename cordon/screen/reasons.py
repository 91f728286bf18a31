"""Turn a screened batch (and the file rules) into reason rows: one row per reason per record.

Rows follow ``persist.REASON_SCHEMA``; ``reason`` is the alerts.jsonl contract object as JSON text.
Ranks order reasons in an alert: party matches, then CHPL goods, then red flags by rule id.
"""

from __future__ import annotations

import duckdb
import orjson
import polars as pl
import pyarrow as pa

from cordon.screen.dialect import DUCKDB
from cordon.screen.persist import REASON_SCHEMA
from cordon.screen.rules import FILE_RULES, RECORD_RULES, FileRule
from cordon.screen.rules.base import drop_run_records, prepare_run_records
from cordon.settings import CHPL_TIER_WEIGHTS, DEFAULT_CHPL_WEIGHT
from cordon.store import registered

PARTY_RANK, CHPL_RANK, RED_FLAG_RANK = 0, 1, 2

_RULE_TABLE = pl.DataFrame(
    {
        "name": [rule.name for rule in RECORD_RULES],
        "rule": [rule.id for rule in RECORD_RULES],
        "weight": [rule.weight for rule in RECORD_RULES],
    }
)


def party_reasons(matches: pl.DataFrame) -> pl.DataFrame:
    """Reason rows from the party stage's matches (line, record_id, weight, reason)."""
    return matches.select(
        "line",
        "record_id",
        pl.lit(PARTY_RANK, pl.Int32).alias("rank"),
        pl.lit("party_match").alias("kind"),
        pl.lit(None, pl.String).alias("rule"),
        "weight",
        pl.lit(True).alias("forced"),
        "reason",
    )


def chpl_reasons(frame: pl.DataFrame) -> pl.DataFrame:
    """Reason rows for records with a CHPL tier."""
    return frame.filter(pl.col("chpl_tier").is_not_null()).select(
        "line",
        "record_id",
        pl.lit(CHPL_RANK, pl.Int32).alias("rank"),
        pl.lit("chpl").alias("kind"),
        pl.lit(None, pl.String).alias("rule"),
        pl.col("chpl_tier")
        .replace_strict(CHPL_TIER_WEIGHTS, default=DEFAULT_CHPL_WEIGHT, return_dtype=pl.Float64)
        .alias("weight"),
        pl.lit(True).alias("forced"),
        pl.struct(kind=pl.lit("chpl"), hs6=pl.col("hs6"), tier=pl.col("chpl_tier"))
        .struct.json_encode()
        .alias("reason"),
    )


def record_rule_reasons(frame: pl.DataFrame) -> pl.DataFrame:
    """Reason rows for every record rule that fires on the batch."""
    details = frame.select("line", "record_id", *(r.detect().alias(r.name) for r in RECORD_RULES))
    fired = details.unpivot(
        index=["line", "record_id"], variable_name="name", value_name="detail"
    ).drop_nulls("detail")
    return fired.join(_RULE_TABLE, on="name", how="left").select(
        "line",
        "record_id",
        pl.lit(RED_FLAG_RANK, pl.Int32).alias("rank"),
        pl.lit("red_flag").alias("kind"),
        "rule",
        "weight",
        pl.lit(False).alias("forced"),
        pl.struct(kind=pl.lit("red_flag"), rule=pl.col("rule"), detail=pl.col("detail"))
        .struct.json_encode()
        .alias("reason"),
    )


def batch_reasons(frame: pl.DataFrame, matches: pl.DataFrame) -> pl.DataFrame:
    """Every per-record reason of a screened batch, in REASON_SCHEMA."""
    parts = [party_reasons(matches), chpl_reasons(frame), record_rule_reasons(frame)]
    return pl.concat([part.cast(REASON_SCHEMA) for part in parts]).sort("line", maintain_order=True)


def file_rule_reasons(rule: FileRule, flagged: pa.Table) -> pa.Table:
    """Reason rows (REASON_SCHEMA, as Arrow) of the records a file rule's query flagged.

    The detail text is made here, in Python, on every engine: the same numbers print the same.
    """
    rows = flagged.to_pylist()
    reasons = [
        orjson.dumps({"kind": "red_flag", "rule": rule.id, "detail": rule.describe(row)}).decode()
        for row in rows
    ]
    frame = pl.DataFrame(
        {
            "line": [row["line"] for row in rows],
            "record_id": [row["record_id"] for row in rows],
            "rank": [RED_FLAG_RANK] * len(rows),
            "kind": ["red_flag"] * len(rows),
            "rule": [rule.id] * len(rows),
            "weight": [rule.weight] * len(rows),
            "forced": [False] * len(rows),
            "reason": reasons,
        },
        schema=REASON_SCHEMA,
    )
    return frame.to_arrow()


def add_file_reasons(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    table: str,
    rules: tuple[FileRule, ...] = FILE_RULES,
) -> dict[str, int]:
    """Run every file rule over the run's records; return rows flagged per rule name."""
    flagged: dict[str, int] = {}
    prepare_run_records(conn, run_id)
    try:
        for rule in rules:
            found = conn.execute(rule.sql(DUCKDB)).to_arrow_table()
            reasons = file_rule_reasons(rule, found)
            with registered(conn, "_file_reasons", reasons):
                conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _file_reasons")
            flagged[rule.name] = reasons.num_rows
    finally:
        drop_run_records(conn)
    return flagged
