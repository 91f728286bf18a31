"""The alerts.jsonl contract: reason shapes and the writer (stable; documented in docs/alerts.md).

One JSON object per alerted record: ``{"record_id": str, "risk": float, "reasons": [...]}``.
Reasons are party matches, CHPL goods or red flags, exactly in the shapes below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NotRequired, TypedDict

import duckdb
import orjson

from cordon.names.model import Candidate
from cordon.records.assume import ASSUMABLE

ALERTS_FILE = "alerts.jsonl"


class PartyMatchReason(TypedDict):
    """A screened party scored at or above the threshold against a listed entity."""

    kind: Literal["party_match"]
    role: Literal["exporter", "importer"]
    list: str  # dataset name, e.g. us_ofac_sdn
    entity_id: str  # the list's own id: OFAC ent_num, UN reference number
    matched_name: str
    score: float
    explanation: str


class ChplReason(TypedDict):
    """Goods under a Common High Priority List HS code."""

    kind: Literal["chpl"]
    hs6: str
    tier: str


class RedFlagReason(TypedDict):
    """A red-flag rule that fired, with its RF id and what it saw in the record."""

    kind: Literal["red_flag"]
    rule: str
    detail: str


Reason = PartyMatchReason | ChplReason | RedFlagReason


class Alert(TypedDict):
    """One line of alerts.jsonl."""

    record_id: str
    risk: float
    reasons: list[Reason]
    assumed: NotRequired[dict[str, str]]  # only on records that received default values


def party_match_reason(
    role: Literal["exporter", "importer"], candidate: Candidate
) -> PartyMatchReason:
    """The contract's party reason for one matched candidate."""
    return {
        "kind": "party_match",
        "role": role,
        "list": candidate.dataset,
        "entity_id": str(candidate.source_id),
        "matched_name": candidate.matched_name,
        "score": round(float(candidate.score), 4),
        "explanation": candidate.explanation,
    }


def write_alerts(
    conn: duckdb.DuckDBPyConnection, scores: str, path: Path, run_id: str | None = None
) -> None:
    """Write alerts.jsonl from a scores table: alerted records in input order, contract keys.

    When ``run_id`` is given and some of its records received default values
    (``records.assumed``, see cordon.records.assume), their lines also carry
    ``"assumed": {field: value}``; every other line keeps exactly the three contract keys.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if run_id is not None and _has_assumed(conn, run_id):
        _write_with_assumed(conn, scores, path, run_id)
        return
    target = str(path).replace("'", "''")
    conn.execute(
        f"COPY (SELECT record_id, risk, reasons FROM {scores} WHERE alerted ORDER BY line) "
        f"TO '{target}' (FORMAT JSON)"
    )


def _has_assumed(conn: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM records WHERE run_id = ? AND assumed IS NOT NULL LIMIT 1", [run_id]
    ).fetchone()
    return row is not None


def _write_with_assumed(
    conn: duckdb.DuckDBPyConnection, scores: str, path: Path, run_id: str
) -> None:
    """alerts.jsonl with an ``assumed`` object on the lines of records that received defaults."""
    reader = conn.execute(
        f"""
        SELECT s.record_id, s.risk, CAST(s.reasons AS VARCHAR) AS reasons,
               {assumed_json_sql("r")} AS assumed
        FROM {scores} s LEFT JOIN records r ON r.run_id = ? AND r.line = s.line
        WHERE s.alerted ORDER BY s.line
        """,
        [run_id],
    ).to_arrow_reader(10_000)
    with path.open("wb") as fh:
        for batch in reader:
            for row in batch.to_pylist():
                line: dict[str, object] = {
                    "record_id": row["record_id"],
                    "risk": row["risk"],
                    "reasons": orjson.loads(row["reasons"]),
                }
                if row["assumed"]:
                    line["assumed"] = orjson.loads(row["assumed"])
                fh.write(orjson.dumps(line) + b"\n")


def assumed_json_sql(alias: str) -> str:
    """SQL over the records table ``alias``: the fields a record received by default as a JSON
    object {field: value} (the ``assumed`` key of alerts.jsonl), NULL when none."""
    fields = ", ".join(f"'{name}'" for name in ASSUMABLE)
    values = " ".join(f"WHEN '{name}' THEN {alias}.{name}" for name in ASSUMABLE)
    return (
        f"CASE WHEN {alias}.assumed IS NOT NULL THEN CAST(map_from_entries(list_transform("
        f"list_filter(string_split({alias}.assumed, ','), lambda f: f IN ({fields})), "
        f"lambda f: {{'k': f, 'v': CASE f {values} END}})) AS JSON) END"
    )


def read_alerts(path: Path) -> list[Alert]:
    """Every alert in an alerts.jsonl file (for tests, tools and the demo)."""
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]
