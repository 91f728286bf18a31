"""``POST /rescreen`` and ``GET /rescreens``: re-screening stored runs when the lists change."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from cordon.api.changes import lists_changed_since_rescreen, rescreen_now, rescreen_runs
from cordon.api.db import Database
from cordon.api.deps import get_db, get_jobs
from cordon.api.jobs import ScreeningJobs
from cordon.api.responses import json_response

router = APIRouter(tags=["Re-screening"])


@router.get("/rescreens")
def rescreens(
    limit: int = Query(20, ge=1, le=200), db: Database = Depends(get_db)
) -> Any:
    """"What changed this week": the latest re-screening runs, newest first, with the shipments
    each newly hit, and whether a list changed since the last one (``lists_changed``)."""
    with db.cursor() as cur:
        return json_response({"lists_changed": lists_changed_since_rescreen(cur),
                              "results": rescreen_runs(cur, limit)})  # fmt: skip


@router.post("/rescreen")
def rescreen(db: Database = Depends(get_db), jobs: ScreeningJobs = Depends(get_jobs)) -> Any:
    """Re-match every stored run's parties against the designations added or changed since the
    list versions it used (as ``cordon rescreen``); the hits become a run (``run_id``, None
    when no list changed)."""
    with db.cursor() as cur:
        result = rescreen_now(cur, jobs.runs_dir.parent)
    return json_response({
        "run_id": result.run_id, "source_runs": result.source_runs,
        "designations": result.designations, "parties": result.parties,
        "records": result.records,
    })  # fmt: skip
