""""What changed this week" in the web app: re-screening runs and their newly hit shipments.

``/ui/changes`` lists the re-screening runs (:mod:`cordon.api.changes`) with each hit: the
party as written, the new listed match beside it, the risk and a link to the alert. Its button
re-screens the stored runs now (as ``cordon rescreen``); the runs page shows the same button
when a list was loaded after the last re-screening.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from cordon.api.changes import lists_changed_since_rescreen, rescreen_now, rescreen_runs
from cordon.api.db import Database
from cordon.api.deps import get_db, get_jobs
from cordon.api.jobs import ScreeningJobs
from cordon.web.login import require_page_key
from cordon.web.templating import render

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(require_page_key)])


@router.get("/changes", response_class=HTMLResponse)
def changes_page(
    request: Request, done: str | None = None, db: Database = Depends(get_db)
) -> HTMLResponse:
    """The re-screening runs, newest first, with their newly hit shipments."""
    with db.cursor() as cur:
        runs = rescreen_runs(cur)
        changed = lists_changed_since_rescreen(cur)
    return render(request, "changes.html", runs=runs, lists_changed=changed, done=done)


@router.post("/changes", response_model=None)
def rescreen_page(
    db: Database = Depends(get_db), jobs: ScreeningJobs = Depends(get_jobs)
) -> RedirectResponse:
    """Re-screen the stored runs now, then show what changed."""
    with db.cursor() as cur:
        result = rescreen_now(cur, jobs.runs_dir.parent)
    return RedirectResponse(f"/ui/changes?done={result.run_id or 'none'}", status_code=303)
