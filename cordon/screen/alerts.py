"""The alerts.jsonl contract: reason shapes and the writer (stable; documented in docs/alerts.md).

One JSON object per alerted record: ``{"record_id": str, "risk": float, "reasons": [...]}``.
Reasons are party matches, CHPL goods or red flags, exactly in the shapes below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypedDict

import duckdb
import orjson

from cordon.names.model import Candidate

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


def chpl_reason(hs6: str, tier: str) -> ChplReason:
    """The contract's goods reason."""
    return {"kind": "chpl", "hs6": hs6, "tier": tier}


def red_flag_reason(rule: str, detail: str) -> RedFlagReason:
    """The contract's red-flag reason."""
    return {"kind": "red_flag", "rule": rule, "detail": detail}


def write_alerts(conn: duckdb.DuckDBPyConnection, scores: str, path: Path) -> None:
    """Write alerts.jsonl from a scores table: alerted records in input order, contract keys."""
    path.parent.mkdir(parents=True, exist_ok=True)
    target = str(path).replace("'", "''")
    conn.execute(
        f"COPY (SELECT record_id, risk, reasons FROM {scores} WHERE alerted ORDER BY line) "
        f"TO '{target}' (FORMAT JSON)"
    )


def read_alerts(path: Path) -> list[Alert]:
    """Every alert in an alerts.jsonl file (for tests, tools and the demo)."""
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]
