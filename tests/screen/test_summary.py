"""summary.json: the accounting check and the document's shape."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from cordon.screen.summary import AccountingError, RunSummary, StageTimer


def _summary(tmp_path: Path, **counts: int) -> RunSummary:
    return RunSummary(
        run_id="r1", input_path="in.csv", out_dir=tmp_path, started_at=datetime(2024, 5, 1, 12),
        finished_at=datetime(2024, 5, 1, 12, 0, 3), **counts,
    )  # fmt: skip


def test_a_missing_row_fails_the_accounting(tmp_path: Path) -> None:
    _summary(tmp_path, input_rows=10, screened=7, rejected=3).check_accounting()
    with pytest.raises(AccountingError, match="10 input rows but 7 screened"):
        _summary(tmp_path, input_rows=10, screened=7, rejected=2).check_accounting()


def test_summary_json_document(tmp_path: Path) -> None:
    summary = _summary(tmp_path, input_rows=3, screened=3, alerted=1)
    timer = StageTimer()
    with timer.stage("read"):
        pass
    summary.timings = timer.rounded()
    data = json.loads(summary.write().read_text(encoding="utf-8"))
    assert data["started_at"] == "2024-05-01T12:00:00Z"
    assert data["finished_at"] == "2024-05-01T12:00:03Z"
    assert (data["input_rows"], data["screened"], data["rejected"], data["alerted"]) == (3, 3, 0, 1)
    assert data["files"] == {
        "alerts": "alerts.jsonl",
        "rejects": "rejects.csv",
        "summary": "summary.json",
    }
    assert set(data["timings"]) == {"read"} and data["timings"]["read"] >= 0
