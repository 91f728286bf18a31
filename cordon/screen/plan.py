"""The screening plan: the stages every engine runs, written once, with nothing engine-specific.

1. **Per batch** (Arrow record batches of ``RECORD_SCHEMA``, wherever they are: the local process
   or a Spark executor): classify goods, screen parties against the persisted name index, run the
   record rules. Out come the screened records and their reason rows (``screen_batch``).
2. **Per file**: the file rules, SQL over the run's screened records in the engine's dialect, whose
   flagged rows become reason rows (``cordon.screen.reasons.file_rule_reasons``).
3. **Per record**: the score, a noisy-OR of the reasons' weights, the alert decision and the
   ordered reasons array (``cordon.screen.risk.score_sql``).

``cordon.screen.pipeline`` runs the plan locally over DuckDB; ``cordon.screen.spark`` runs it on
Apache Spark. Both read the same stages from here, so a rule or a feature exists once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Protocol

import polars as pl
import pyarrow as pa

from cordon.screen import reasons
from cordon.screen.classify import classify
from cordon.screen.dialect import Dialect
from cordon.screen.parties import PartyScreener


class Timer(Protocol):
    """Where a stage's wall time goes (``cordon.screen.summary.StageTimer``)."""

    def stage(self, name: str) -> AbstractContextManager[None]: ...


@dataclass(frozen=True)
class ScreenedBatch:
    """One batch after the per-batch stages: its records with the stages' columns, and reasons."""

    frame: pl.DataFrame  # the batch's columns plus hs6, chpl_tier, category, party columns...
    reasons: pl.DataFrame  # cordon.screen.persist.REASON_SCHEMA


def _stage(timer: Timer | None, name: str) -> AbstractContextManager[None]:
    return timer.stage(name) if timer is not None else nullcontext()


def screen_batch(
    table: pa.Table, screener: PartyScreener, timer: Timer | None = None
) -> ScreenedBatch:
    """Stage 1 of the plan on one validated batch: goods, parties, record rules."""
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    with _stage(timer, "classify"):
        frame = classify(frame)
    with _stage(timer, "parties"):
        frame, matches = screener.screen(frame)
    with _stage(timer, "record_rules"):
        batch_reasons = reasons.batch_reasons(frame, matches)
    return ScreenedBatch(frame, batch_reasons)


def reason_count_queries(dialect: Dialect, reasons_table: str, scores: str) -> dict[str, str]:
    """summary.json's counts over the alerted records' reasons: field name -> SELECT key, count."""
    alerted = f"FROM {reasons_table} r JOIN {scores} s ON r.line = s.line WHERE s.alerted"
    return {
        "reasons_by_kind": f"SELECT kind, count(*) {alerted} GROUP BY kind",
        "reasons_by_rule": f"SELECT rule, count(*) {alerted} AND kind = 'red_flag' GROUP BY rule",
        "party_matches_by_list": (
            f"SELECT {dialect.json_text('reason', 'list')} AS k, count(*) {alerted} "
            "AND kind = 'party_match' GROUP BY k"
        ),
        "chpl_by_tier": (
            f"SELECT {dialect.json_text('reason', 'tier')} AS k, count(*) {alerted} "
            "AND kind = 'chpl' GROUP BY k"
        ),
    }


def counts(rows: Iterator[tuple[object, object]] | list[tuple[object, object]]) -> dict[str, int]:
    """A count query's rows as a sorted ``{key: n}``."""
    return {str(key): int(str(n)) for key, n in sorted(rows, key=lambda row: str(row[0]))}
