"""The per-record risk score: a noisy-OR of every piece of evidence, and the alert decision.

Each reason carries a weight in [0, 1]: a party match weighs its match score, CHPL goods weigh by
tier, a red flag weighs what its rule says. ``risk = 1 - prod(1 - weight)``, so independent
evidence accumulates, no single weak flag dominates and the score stays in [0, 1].
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from cordon.screen.dialect import DUCKDB, Dialect
from cordon.settings import ALERT_RISK


def combine(weights: Iterable[float]) -> float:
    """Noisy-OR of evidence weights, clipped to [0, 1] and rounded to 4 decimals; the product
    is taken over the clipped weights in ascending order, as the engines' SQL takes it."""
    keep = 1.0
    for weight in sorted(min(max(float(weight), 0.0), 1.0) for weight in weights):
        keep *= 1.0 - weight
    return round(min(max(1.0 - keep, 0.0), 1.0), 4)


def score_sql(reasons: str, dialect: Dialect, where: str = "") -> str:
    """SELECT of one row per record (line, record_id, risk, alerted, reasons JSON text) from a
    reasons table; ``alert_risk`` is the named parameter to bind. The risk aggregate (an ordered
    product) is computed once per record and the alert decided from it."""
    param = dialect.param("alert_risk")
    return f"""
        SELECT line, record_id, risk, forced OR risk >= {param} AS alerted, reasons
        FROM (
            SELECT line, any_value(record_id) AS record_id, {dialect.risk()} AS risk,
                   bool_or(forced) AS forced, {dialect.reasons_json} AS reasons
            FROM {reasons} {where} GROUP BY line
        ) scored
    """


SCORE_SLICE_LINES = 250_000  # input lines scored per query: bounds the ordered aggregation


def create_scores(
    conn: duckdb.DuckDBPyConnection,
    reasons: str,
    scores: str,
    alert_risk: float = ALERT_RISK,
    slice_lines: int = SCORE_SLICE_LINES,
) -> None:
    """Build temp table ``scores`` (line, record_id, risk, alerted, reasons JSON) from reasons.

    Records are scored in slices of ``slice_lines`` input lines, so the grouping (and its ordered
    string aggregate, which DuckDB cannot spill) holds one slice at a time, whatever the file size.
    """
    conn.execute(
        f"CREATE OR REPLACE TEMP TABLE {scores} (line BIGINT, record_id VARCHAR, risk DOUBLE, "
        "alerted BOOLEAN, reasons JSON)"
    )
    span = conn.execute(f"SELECT min(line), max(line) FROM {reasons}").fetchone()
    if span is None or span[0] is None:
        return
    first, last = int(span[0]), int(span[1])
    for start in range(first, last + 1, slice_lines):
        select = score_sql(reasons, DUCKDB, "WHERE line >= $start AND line < $stop")
        conn.execute(
            f"INSERT INTO {scores} BY NAME {select}",
            {"alert_risk": alert_risk, "start": start, "stop": start + slice_lines},
        )
