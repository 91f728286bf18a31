"""Score a run against the demo's ground truth: party recall, false party alerts, cases."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cordon.demo.planted import PARTY_CASES
from cordon.screen.alerts import Alert, read_alerts


@dataclass(frozen=True)
class DemoScore:
    """How well a run found what the demo planted."""

    party_planted: int  # records planted with a listed party
    party_found: int  # ... alerted with a party_match for that role and that listed entity
    clean_records: int  # records with no planted party
    clean_party_alerts: int  # ... alerted with any party_match (false party alerts)
    cases: dict[str, tuple[int, int]] = field(default_factory=dict)  # case -> (planted, detected)

    @property
    def party_recall(self) -> float:
        """Share of planted party records found."""
        return self.party_found / self.party_planted if self.party_planted else 1.0

    @property
    def false_party_rate(self) -> float:
        """Share of clean records alerted for a party match."""
        return self.clean_party_alerts / self.clean_records if self.clean_records else 0.0


def _finds_party(alert: Alert | None, role: str, source_id: str) -> bool:
    if alert is None:
        return False
    return any(
        r["kind"] == "party_match" and r["role"] == role and r["entity_id"] == source_id
        for r in alert["reasons"]
    )


def _has_rule(alert: Alert | None, rule: str) -> bool:
    if alert is None:
        return False
    return any(r["kind"] == "red_flag" and r["rule"] == rule for r in alert["reasons"])


def evaluate(truth_path: Path, alerts_path: Path, screened: int) -> DemoScore:
    """Compare alerts.jsonl with demo_truth.csv for a run that screened ``screened`` records."""
    alerts = {alert["record_id"]: alert for alert in read_alerts(alerts_path)}
    with truth_path.open(encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))
    party_rows = [row for row in truth if row["case"] in PARTY_CASES]
    party_ids = {row["record_id"] for row in party_rows}
    found = sum(
        _finds_party(alerts.get(row["record_id"]), row["role"], row["source_id"])
        for row in party_rows
    )
    false_alerts = sum(
        1
        for record_id, alert in alerts.items()
        if record_id not in party_ids and any(r["kind"] == "party_match" for r in alert["reasons"])
    )
    planted: Counter[str] = Counter()
    detected: Counter[str] = Counter()
    for row in truth:
        if row["case"] in PARTY_CASES or row["expected"] == "none":
            continue
        planted[row["case"]] += 1
        detected[row["case"]] += _has_rule(alerts.get(row["record_id"]), row["expected"])
    return DemoScore(
        party_planted=len(party_rows),
        party_found=found,
        clean_records=screened - len(party_ids),
        clean_party_alerts=false_alerts,
        cases={case: (planted[case], detected[case]) for case in sorted(planted)},
    )
