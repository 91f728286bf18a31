"""``cordon rescreen``: match the stored runs' parties against new designations; a new run of hits.

For every finished screening run (not itself a re-screening), the designations added or changed
since the list versions the run used (or since ``--since VERSION``) are the only candidates: the
run's distinct parties (one DuckDB pass) are blocked on the index keys those designations' names
carry, and only the parties reaching one are compared, so a million stored records cost one
normalization of their distinct parties, not a new screening. Every new match at or above the
threshold is reported, however many designations a party hits. Records with a party match that
is new (not already among their alert's party matches) become the records of a new run:
``alerts.jsonl`` (the ``cordon screen`` contract; risk = the record's stored risk combined with
the new match scores; reasons = the new party matches first, then the record's earlier reasons),
``rejects.csv`` (header only), ``summary.json`` (with a ``rescreen`` section), the store (runs,
records, alerts, standing decisions applied), hence the web app and the report.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from cordon.decisions.apply import apply_decisions
from cordon.names.matcher import Matcher
from cordon.names.model import Candidate
from cordon.records.rejects import REJECTS_HEADER
from cordon.rescreen.changes import DesignationChanges, dataset_of_version, designation_changes
from cordon.screen import persist, run_store
from cordon.screen.alerts import ALERTS_FILE, party_match_reason
from cordon.screen.parties import party_query
from cordon.screen.pipeline import REJECTS_FILE, new_run_id
from cordon.screen.risk import combine
from cordon.screen.summary import RunSummary
from cordon.settings import DEFAULT_THRESHOLD
from cordon.store import registered

RESCREEN_PREFIX = "rescreen:"  # runs.input_path of a re-screening run
ProgressCallback = Callable[[float], None]


@dataclass
class Hit:
    """A stored record with new party matches."""

    run_id: str
    record_id: str
    matches: list[tuple[str, Candidate]] = field(default_factory=list)  # (role, candidate)


@dataclass
class RescreenResult:
    """What a re-screening examined and found."""

    run_id: str | None  # the new run, None when no record hit a new designation
    out_dir: Path
    source_runs: list[str]
    designations: int  # added or changed designations matched against
    parties: int  # distinct parties matched
    records: int  # records with a new party match
    # run -> {dataset: version compared from; None for a list loaded after the run}
    since: dict[str, dict[str, str | None]] = field(default_factory=dict)


def rescreen(
    conn: duckdb.DuckDBPyConnection,
    out_dir: Path,
    *,
    since: str | None = None,
    runs: Sequence[str] | None = None,
    threshold: float | None = None,
    progress: ProgressCallback | None = None,
) -> RescreenResult:
    """Re-screen stored runs against the designations added or changed since their versions.

    ``since`` (a list version id) replaces, for its dataset, the version each run used as the
    starting point; ``runs`` limits the runs examined; ``threshold`` defaults to each run's.
    """
    sources = _source_runs(conn, runs)
    override = {dataset_of_version(conn, since): since} if since else {}
    groups: dict[tuple[tuple[str, str], ...], list[tuple[str, float]]] = {}
    for run_id, lists, run_threshold in sources:
        used = {k: override.get(k, v) for k, v in lists.items()}
        groups.setdefault(tuple(sorted(used.items())), []).append(
            (run_id, threshold if threshold is not None else run_threshold or DEFAULT_THRESHOLD)
        )
    result = RescreenResult(None, out_dir, [r for r, _, _ in sources], 0, 0, 0)
    hits: dict[tuple[str, str], Hit] = {}
    new_versions: dict[str, str] = {}
    for number, (versions, members) in enumerate(groups.items()):
        changes = designation_changes(conn, dict(versions))
        for run_id, _ in members:
            if changes.old_versions:
                result.since[run_id] = changes.old_versions
        new_versions.update(changes.new_versions)
        if changes.count:
            result.designations = max(result.designations, changes.count)
            result.parties += _match_group(conn, changes, members, hits)
        if progress is not None:
            progress(0.8 * (number + 1) / len(groups))
    result.records = len(hits)
    if hits or result.since:  # a list changed: the answer, even "nothing hit", is a run
        result.run_id = _write_run(conn, out_dir, hits, new_versions, result)
    if progress is not None:
        progress(1.0)
    return result


def _source_runs(
    conn: duckdb.DuckDBPyConnection, runs: Sequence[str] | None
) -> list[tuple[str, dict[str, str], float | None]]:
    rows = conn.execute(
        "SELECT run_id, lists, threshold FROM runs WHERE status = 'done' "
        "AND NOT starts_with(input_path, ?) ORDER BY started_at, run_id",
        [RESCREEN_PREFIX],
    ).fetchall()
    covered = _covered(conn)
    found = []
    for run_id, lists, run_threshold in rows:
        own = json.loads(lists or "{}")
        later = covered.get(str(run_id), {})  # incl. lists loaded after the run
        found.append((str(run_id), {**own, **later}, run_threshold))
    if runs is not None:
        known = {r for r, _, _ in found}
        missing = [r for r in runs if r not in known]
        if missing:
            from cordon.errors import NotFoundError

            raise NotFoundError(f"no finished screening run {', '.join(missing)} to re-screen")
        found = [row for row in found if row[0] in set(runs)]
    return found


def _covered(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Run -> the list versions an earlier re-screening already compared it against (so the
    next one starts from there: each list change is reported once)."""
    rows = conn.execute(
        "SELECT CAST(lists AS VARCHAR), CAST(summary AS VARCHAR) FROM runs "
        "WHERE starts_with(input_path, ?) AND status = 'done' ORDER BY started_at, run_id",
        [RESCREEN_PREFIX],
    ).fetchall()
    covered: dict[str, dict[str, str]] = {}
    for lists, summary in rows:
        versions = json.loads(lists or "{}")
        for run_id in json.loads(summary or "{}").get("rescreen", {}).get("source_runs", []):
            covered.setdefault(run_id, {}).update(versions)
    return covered


def _match_group(
    conn: duckdb.DuckDBPyConnection,
    changes: DesignationChanges,
    members: list[tuple[str, float]],
    hits: dict[tuple[str, str], Hit],
) -> int:
    """Match the distinct parties of ``members`` against the changed designations; fill hits."""
    run_ids = [run_id for run_id, _ in members]
    floor = min(t for _, t in members)
    thresholds = dict(members)
    parties = run_store.parties_of_runs(conn, run_ids)
    queries = [party_query(name, country, tax) for _, name, country, tax in parties]
    # Only the changed designations are candidates, but scored with the whole active lists'
    # index, exactly as `cordon screen` would score them today (an index of the changed
    # designations alone would weigh words by a handful of entities and score differently).
    full = Matcher.for_store(conn)
    scored = full.match_among(queries, (entity["id"] for entity in changes.entities),
                              threshold=floor, processes=2)  # fmt: skip
    found = [(i, cands) for i, cands in enumerate(scored) if cands]
    if not found:
        return len(parties)
    candidates = {i: cands for i, cands in found}
    table = pa.table({
        "party": pa.array([i for i, _ in found], pa.int64()),
        "role": [parties[i][0] for i, _ in found],
        "name": [parties[i][1] for i, _ in found],
        "country": pa.array([parties[i][2] for i, _ in found], pa.string()),
        "tax_id": pa.array([parties[i][3] for i, _ in found], pa.string()),
    })  # fmt: skip
    rows = run_store.records_of_parties(conn, run_ids, table)
    for run_id, record_id, role, party, reasons in rows:
        known = {(x.get("list"), x.get("entity_id")) for x in orjson.loads(reasons)
                 if x.get("kind") == "party_match" and x.get("role") == role}  # fmt: skip
        for cand in candidates[party]:
            if cand.score >= thresholds[run_id] and (cand.dataset, cand.source_id) not in known:
                hits.setdefault((run_id, record_id), Hit(run_id, record_id)).matches.append(
                    (role, cand)
                )
    return len(parties)


def _write_run(
    conn: duckdb.DuckDBPyConnection,
    out_dir: Path,
    hits: dict[tuple[str, str], Hit],
    versions: dict[str, str],
    result: RescreenResult,
) -> str:
    """The hits as a new run in the store and as alerts.jsonl, rejects.csv, summary.json."""
    run_id = new_run_id()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(run_id=run_id, input_path=RESCREEN_PREFIX + ",".join(result.source_runs),
                         out_dir=out_dir, started_at=persist.now())  # fmt: skip
    summary.lists = versions
    summary.thresholds = {"party_match": min(
        (c.score for h in hits.values() for _, c in h.matches), default=DEFAULT_THRESHOLD)}
    persist.start_run(conn, run_id, Path(summary.input_path), summary.thresholds["party_match"],
                      versions, summary.started_at)  # fmt: skip
    keys = pa.table({
        "source_run": pa.array([h.run_id for h in hits.values()], pa.string()),
        "record_id": pa.array([h.record_id for h in hits.values()], pa.string()),
    })  # fmt: skip
    stored = run_store.hit_records(conn, keys)
    persist.copy_records(conn, run_id, keys)
    lines: list[dict[str, Any]] = []
    for source_run, record_id, risk, reasons, repeated, assumed in stored:
        hit = hits[(source_run, record_id)]
        earlier = orjson.loads(reasons)
        new = [party_match_reason(role, cand) for role, cand in hit.matches]  # type: ignore[arg-type]
        ordered = new + [r for r in earlier if r.get("kind") == "party_match"] + [
            r for r in earlier if r.get("kind") != "party_match"]
        line = {
            "record_id": f"{record_id}@{source_run}" if repeated else record_id,
            "risk": combine([risk or 0.0, *(cand.score for _, cand in hit.matches)]),
            "reasons": ordered,
        }
        if assumed:  # as cordon screen writes it: only on records that received defaults
            line["assumed"] = orjson.loads(assumed)
        lines.append(line)
    alerts = pa.table({
        "line": pa.array(range(1, len(lines) + 1), pa.int64()),  # copy_records' order
        "record_id": pa.array([x["record_id"] for x in lines], pa.string()),
        "risk": pa.array([x["risk"] for x in lines], pa.float64()),
        "reasons": pa.array([orjson.dumps(x["reasons"]).decode() for x in lines], pa.string()),
        "alerted": pa.array([True] * len(lines), pa.bool_()),
    })  # fmt: skip
    with registered(conn, "_rescreen_alerts", alerts):
        persist.insert_alerts(conn, run_id, "_rescreen_alerts")
        persist.update_risk(conn, run_id, "_rescreen_alerts")
    summary.decided = apply_decisions(conn, run_id=run_id)
    with (out_dir / ALERTS_FILE).open("wb") as fh:
        for line in lines:
            fh.write(orjson.dumps(line) + b"\n")
    with (out_dir / REJECTS_FILE).open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(REJECTS_HEADER)
    summary.input_rows = summary.screened = summary.alerted = len(lines)
    summary.reasons_by_kind = {"party_match": sum(len(h.matches) for h in hits.values())}
    summary.finished_at = persist.now()
    document = {**summary.to_dict(), "rescreen": {
        "source_runs": result.source_runs, "since": result.since,
        "designations": result.designations, "parties_matched": result.parties}}  # fmt: skip
    (out_dir / "summary.json").write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    persist.finish_run(conn, run_id, document, summary.finished_at)
    return run_id
