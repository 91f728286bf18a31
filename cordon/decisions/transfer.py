"""``cordon decisions export|import``: standing decisions as CSV, to move them between stores.

The CSV has one row per decision (the whole append-only history, oldest first) with the
columns of :data:`cordon.decisions.model.DECISION_COLUMNS`. Import is idempotent (a decision id
already in the store is skipped), recomputes each party key from the party name (the key is
this installation's, never trusted from the file), checks every row before writing any and
names the file, line and field of the first bad one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from cordon.decisions.apply import apply_decisions
from cordon.decisions.model import (
    DECISION_COLUMNS,
    Decision,
    DecisionError,
    check,
    insert,
    list_decisions,
    transaction,
)
from cordon.errors import UsageError
from cordon.partykey import party_key

MAX_FIELD = 10_000  # characters; a longer field is garbage, not a note


class DecisionFileError(UsageError, ValueError):
    """A decisions CSV that cannot be imported: the message names file, line and field."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    read: int
    added: int
    skipped: int  # already in the store
    alerts_changed: int


def export_decisions(conn: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write every decision (oldest first) to ``path`` as UTF-8 CSV; returns the row count."""
    decisions = list_decisions(conn)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(DECISION_COLUMNS))
        writer.writeheader()
        for decision in decisions:
            row = decision.to_dict()
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return len(decisions)


def read_decisions(conn: duckdb.DuckDBPyConnection, path: Path) -> list[Decision]:
    """Every decision of a CSV, checked; raises :class:`DecisionFileError` on the first bad row."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in DECISION_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DecisionFileError(
                    f"{path.name}: line 1: missing column(s) {', '.join(missing)}"
                )
            return [_decision(conn, path, reader.line_num, row) for row in reader]
    except UnicodeDecodeError as exc:
        raise DecisionFileError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise DecisionFileError(f"{path.name}: not a CSV file ({exc})") from exc


def _decision(
    conn: duckdb.DuckDBPyConnection, path: Path, line: int, row: dict[str, str | None]
) -> Decision:
    def fail(field: str, why: str) -> DecisionFileError:
        return DecisionFileError(f"{path.name}: line {line}: field {field}: {why}")

    values = {c: (row.get(c) or "").strip() for c in DECISION_COLUMNS}
    if None in row or any(v is None for v in row.values()):
        raise fail("row", f"expected {len(DECISION_COLUMNS)} fields")
    for column, value in values.items():
        if len(value) > MAX_FIELD:
            raise fail(column, f"longer than {MAX_FIELD:,} characters")
    if not values["decision_id"]:
        raise fail("decision_id", "empty")
    try:
        check(values["status"], values["party_name"], values["list"], values["entity_id"],
              values["analyst"])  # fmt: skip
    except DecisionError as exc:
        field = str(exc).split(" ", 1)[0]
        raise fail(field if field in DECISION_COLUMNS else "status", str(exc)) from exc
    try:
        decided_at = datetime.fromisoformat(values["decided_at"])
    except ValueError as exc:
        raise fail("decided_at", f"not an ISO date-time: {values['decided_at']!r}") from exc
    return Decision(
        decision_id=values["decision_id"],
        party_key=party_key(conn, values["party_name"]),
        party_name=values["party_name"],
        list=values["list"],
        entity_id=values["entity_id"],
        fingerprint=values["fingerprint"] or None,
        status=values["status"],
        analyst=values["analyst"],
        note=values["note"] or None,
        decided_at=decided_at.replace(tzinfo=None),
        alert_id=values["alert_id"] or None,
    )


def import_decisions(conn: duckdb.DuckDBPyConnection, path: Path) -> ImportResult:
    """Add a CSV's decisions not yet in the store, in one transaction, then apply them."""
    decisions = read_decisions(conn, path)
    known = {row[0] for row in conn.execute("SELECT decision_id FROM decisions").fetchall()}
    fresh = [d for d in decisions if d.decision_id not in known]
    with transaction(conn, "importing decisions"):
        for decision in fresh:
            insert(conn, decision)
    changed = apply_decisions(conn) if fresh else 0
    return ImportResult(read=len(decisions), added=len(fresh),
                        skipped=len(decisions) - len(fresh), alerts_changed=changed)  # fmt: skip
