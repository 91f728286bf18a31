""""What changed this week": the re-screening runs and the shipments they newly hit.

A re-screening (:mod:`cordon.rescreen`) stores its hits as a run of their own. This module
reads them back for ``GET /rescreens`` and the web app's changes page — newest first, each with
the runs it examined, the list versions it compared and its shipments (the party as written, the
new listed match) — and tells whether a list was loaded after the last re-screening while
stored runs used an older version (the web app then offers the button that re-screens).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import orjson

from cordon.lists.catalog import ACTIVE_ENTITIES
from cordon.rescreen.run import RESCREEN_PREFIX, RescreenResult, rescreen
from cordon.screen.run_store import alerted_records

MAX_HITS = 200  # shipments listed per re-screening run (the run page has them all)


def rescreen_runs(conn: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    """The latest re-screening runs, newest first, each with its newly hit shipments."""
    rows = conn.execute(
        "SELECT run_id, started_at, alerted, CAST(lists AS VARCHAR), CAST(summary AS VARCHAR) "
        "FROM runs WHERE starts_with(input_path, ?) AND status = 'done' "
        "ORDER BY started_at DESC, run_id DESC LIMIT ?",
        [RESCREEN_PREFIX, limit],
    ).fetchall()
    found = []
    for run_id, started_at, alerted, lists, summary in rows:
        section = json.loads(summary or "{}").get("rescreen", {})
        found.append({
            "run_id": run_id, "started_at": started_at, "hits": alerted,
            "lists": json.loads(lists or "{}"), "source_runs": section.get("source_runs", []),
            "since": section.get("since", {}), "designations": section.get("designations", 0),
            "shipments": _hits(conn, run_id),
        })  # fmt: skip
    return found


def _hits(conn: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    """A re-screening run's shipments: the party as written beside its new listed match."""
    columns = f"""
        a.alert_id, a.record_id, r.date, a.risk, a.status, CAST(a.reasons AS VARCHAR),
        r.exporter_name, r.exporter_country, r.importer_name, r.importer_country,
        r.importer_tax_id,
        (SELECT e.id FROM {ACTIVE_ENTITIES}
         WHERE e.dataset = json_extract_string(a.reasons, '$[0].list')
           AND e.source_id = json_extract_string(a.reasons, '$[0].entity_id')
         LIMIT 1) AS entity
    """
    rows = alerted_records(conn, run_id, columns, order="a.risk DESC, r.line", limit=MAX_HITS)
    hits = []
    for alert_id, record_id, date, risk, status, reasons, ex, ex_c, im, im_c, tax, entity in rows:
        new = orjson.loads(reasons)[0]  # the new party match comes first (cordon.rescreen.run)
        exporter = new.get("role") == "exporter"
        hits.append({
            "alert_id": alert_id, "record_id": record_id, "date": date, "risk": risk,
            "status": status, "role": new.get("role"), "party": ex if exporter else im,
            "country": ex_c if exporter else im_c, "tax_id": None if exporter else tax,
            "match": new, "entity": entity,
        })  # fmt: skip
    return hits


def lists_changed_since_rescreen(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether an active list version was loaded after the last re-screening (or there was
    none) while some finished screening run used another version of that list, or none."""
    row = conn.execute(
        """
        WITH last AS (SELECT max(started_at) AS at FROM runs WHERE starts_with(input_path, $p)),
        newer AS (
            SELECT v.dataset, v.version FROM list_versions v, last
            WHERE v.active AND (last.at IS NULL OR v.loaded_at > last.at)
        )
        SELECT 1 FROM runs r, newer n
        WHERE r.status = 'done' AND NOT starts_with(r.input_path, $p)
          AND json_extract_string(r.lists, '$."' || n.dataset || '"') IS DISTINCT FROM n.version
        LIMIT 1
        """,
        {"p": RESCREEN_PREFIX},
    ).fetchone()
    return row is not None


def rescreen_now(conn: duckdb.DuckDBPyConnection, home: Path) -> RescreenResult:
    """Re-screen every stored run (as ``cordon rescreen``), its files under ``home/rescreens``."""
    out_dir = home / "rescreens" / _stamp(conn)
    return rescreen(conn, out_dir)


def _stamp(conn: duckdb.DuckDBPyConnection) -> str:
    row = conn.execute("SELECT strftime(now()::TIMESTAMP, '%Y%m%dT%H%M%S')").fetchone()
    return str(row[0]) if row else "rescreen"
