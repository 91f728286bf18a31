"""summary.json: what a run read, screened, rejected and alerted, and how long each stage took."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cordon import __version__, settings

SUMMARY_FILE = "summary.json"


class AccountingError(AssertionError):
    """Raised when input rows do not equal screened plus rejected rows: a row went missing."""


class StageTimer:
    """Accumulates wall time per named pipeline stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the enclosed block and add it to ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def rounded(self) -> dict[str, float]:
        """Seconds per stage, rounded to milliseconds."""
        return {name: round(value, 3) for name, value in self.seconds.items()}


@dataclass
class RunSummary:
    """One screening run's outcome; ``to_dict()`` is the summary.json document."""

    run_id: str
    input_path: str
    out_dir: Path
    started_at: datetime
    finished_at: datetime | None = None
    input_rows: int = 0
    screened: int = 0
    rejected: int = 0
    alerted: int = 0
    reasons_by_kind: dict[str, int] = field(default_factory=dict)
    reasons_by_rule: dict[str, int] = field(default_factory=dict)
    party_matches_by_list: dict[str, int] = field(default_factory=dict)
    chpl_by_tier: dict[str, int] = field(default_factory=dict)
    lists: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    tunables: dict[str, float] = field(default_factory=settings.tunables)  # as this run used them
    timings: dict[str, float] = field(default_factory=dict)
    parties_screened: int = 0
    decided: int = 0  # alerts that took the status of a standing triage decision
    cordon_version: str = __version__  # the cordon that screened (reports and alert pages say it)

    def record_thresholds(self, party_match: float, near_miss: float) -> None:
        """Record the run's party-match threshold and near-miss floor (``thresholds``) and the
        declared tunables with the run's own threshold (``tunables``)."""
        self.thresholds = {
            "party_match": party_match, "near_miss": near_miss, "alert_risk": settings.ALERT_RISK,
        }  # fmt: skip
        self.tunables = {**settings.tunables(), "party_match_threshold": party_match}

    def check_accounting(self) -> None:
        """Raise AccountingError unless input_rows == screened + rejected."""
        if self.input_rows != self.screened + self.rejected:
            raise AccountingError(
                f"{self.input_path}: {self.input_rows} input rows but {self.screened} screened "
                f"+ {self.rejected} rejected"
            )

    def to_dict(self) -> dict[str, Any]:
        """The summary.json document (JSON-ready)."""
        data = asdict(self)
        data["out_dir"] = str(self.out_dir)
        data["started_at"] = self.started_at.isoformat() + "Z"
        data["finished_at"] = self.finished_at.isoformat() + "Z" if self.finished_at else None
        data["files"] = {
            "alerts": "alerts.jsonl",
            "rejects": "rejects.csv",
            "summary": SUMMARY_FILE,
        }
        return data

    def write(self) -> Path:
        """Write ``out_dir/summary.json`` and return its path."""
        path = self.out_dir / SUMMARY_FILE
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", "utf-8")
        return path
