"""``GET /runs/{id}/download/{file}``: alerts (JSONL, CSV, XLSX), rejects and the report."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import FileResponse, Response

from cordon.api import downloads
from cordon.api.db import Database
from cordon.api.deps import get_db, get_jobs
from cordon.api.jobs import ScreeningJobs
from cordon.api.models import ErrorResponse
from cordon.api.queries import get_run
from cordon.api.routers.runs import RUN_ID

router = APIRouter(tags=["Screening runs"])

_BUILT: dict[str, tuple[Callable[[duckdb.DuckDBPyConnection, str], bytes], str]] = {
    "alerts.jsonl": (downloads.alerts_jsonl, "application/x-ndjson"),
    "alerts.csv": (downloads.alerts_csv, "text/csv; charset=utf-8"),
    "alerts.xlsx": (
        downloads.alerts_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "report.html": (downloads.report_html, "text/html; charset=utf-8"),
}
FILES = (*_BUILT, "rejects.csv")


@router.get(
    "/runs/{run_id}/download/{name}",
    responses={404: {"model": ErrorResponse}},
    response_class=Response,
)
def download(
    run_id: str = RUN_ID,
    name: str = Path(..., pattern="^(" + "|".join(n.replace(".", r"\.") for n in FILES) + ")$"),
    db: Database = Depends(get_db),
    jobs: ScreeningJobs = Depends(get_jobs),
) -> Response:
    """One file of a finished run, as an attachment named ``RUN-FILE``."""
    with db.cursor() as cur:
        run = get_run(cur, run_id)
        if run is None:
            raise HTTPException(404, detail=f"No such run: {run_id}")
        if run["status"] != "done":
            raise HTTPException(404, detail=f"Run {run_id} is {run['status']}: nothing to download")
        headers = {"Content-Disposition": f'attachment; filename="{run_id}-{name}"'}
        if name == "rejects.csv":
            path = downloads.rejects_file(jobs.runs_dir, run_id)
            if path is None:
                raise HTTPException(404, detail=f"Run {run_id} was not screened by this server: "
                                                "its rejects.csv is where it was screened")
            return FileResponse(path, media_type="text/csv; charset=utf-8", headers=headers)
        build, media_type = _BUILT[name]
        return Response(build(cur, run_id), media_type=media_type, headers=headers)
