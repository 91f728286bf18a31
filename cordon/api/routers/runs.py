"""``POST /screen`` (upload and screen in the background), ``/runs`` and a run's alerts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from cordon.api.column_step import (
    COLUMNS_SUFFIX,
    PendingUpload,
    check_columns,
    save_pending,
)
from cordon.api.db import Database
from cordon.api.deps import get_db, get_jobs, get_pool
from cordon.api.jobs import (
    ScreeningJobs,
    UploadRejected,
    display_name,
    new_run_id,
    store_upload,
    upload_suffix,
)
from cordon.api.matching import MatcherPool
from cordon.api.models import AlertPage, ErrorResponse, ReasonKind, Run, RunList, ScreenAccepted
from cordon.api.queries import ALERT_SORTS, AlertFilter, alerts_page, get_run, list_runs
from cordon.api.responses import json_response
from cordon.api.services import live_run
from cordon.errors import CordonError
from cordon.records.assume import load_assume, parse_assume
from cordon.records.errors import InputError, MissingColumnsError
from cordon.records.headers import load_column_map

router = APIRouter(tags=["Screening runs"])

RUN_ID = Path(..., pattern=r"^[A-Za-z0-9_.:-]{1,100}$", description="A run id from /runs.")
STATUS_PATTERN = r"^(open|escalated|dismissed|confirmed)$"
MAX_OFFSET = 1_000_000_000  # past any real page; bigger values overflowed DuckDB's BIGINT (500)
SORT_PATTERN = "^(" + "|".join(ALERT_SORTS) + ")$"


def parse_lists(pool: MatcherPool, raw: str | None) -> list[str] | None:
    """Comma-separated list names from a form field, each checked against the loaded lists."""
    if raw is None or not raw.strip():
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    active = pool.active()
    unknown = [name for name in names if name not in active]
    if unknown:
        loaded = ", ".join(sorted(active)) or "none"
        raise HTTPException(400, detail=f"Unknown list(s): {', '.join(unknown)}; loaded: {loaded}.")
    return names


def parse_assume_field(raw: str | None) -> dict[str, str]:
    """Defaults from a form field ``destination_country=RU, currency=USD``; 400 when bad."""
    if raw is None or not raw.strip():
        return {}
    try:
        return parse_assume([item for item in raw.split(",") if item.strip()], "assume")
    except InputError as exc:
        raise HTTPException(400, detail=str(exc)) from exc


class ColumnsNeeded(Exception):
    """The upload's headers were not recognized: it waits for its column mapping."""

    def __init__(self, run_id: str, message: str, error: MissingColumnsError) -> None:
        super().__init__(message)
        self.body = {"detail": message, "headers": error.headers, "missing": error.missing,
                     "mapping_url": f"/ui/uploads/{run_id}/columns"}  # fmt: skip


def start_screening(
    request: Request,
    file: UploadFile,
    lists: list[str] | None,
    threshold: float | None,
    assume: dict[str, str] | None = None,
    columns: str | None = None,
) -> str:
    """Store the upload under a generated name and queue its screening; returns the run id.

    ``columns`` is a ``--columns MAP.yaml`` document. Raises :class:`ColumnsNeeded` (the upload
    kept for the mapping page) when no party name or no HS code column can be found."""
    jobs: ScreeningJobs = request.app.state.jobs
    try:
        suffix = upload_suffix(file.filename)
        run_id = new_run_id()
        path = jobs.uploads_dir / f"{run_id}{suffix}"
        store_upload(
            file.file, jobs.uploads_dir, run_id, suffix, request.app.state.max_upload_bytes
        )
    except UploadRejected as exc:
        raise HTTPException(exc.status, detail=str(exc)) from exc
    name = display_name(file.filename)
    column_map = None
    if columns is not None and columns.strip():
        column_map = jobs.uploads_dir / f"{run_id}{COLUMNS_SUFFIX}"
        column_map.write_text(columns, encoding="utf-8")
        try:
            load_column_map(column_map)
            load_assume(column_map)
        except InputError as exc:
            raise HTTPException(400, detail=f"columns: {exc.problem}") from exc
    try:
        check_columns(path, column_map)
    except MissingColumnsError as exc:
        save_pending(jobs.uploads_dir, PendingUpload(run_id, path.name, name, lists, threshold,
                                                     dict(assume or {})))  # fmt: skip
        raise ColumnsNeeded(run_id, f"{name}: {exc.problem}", exc) from exc
    except CordonError:
        pass  # an unreadable file: its run fails and says why, as before
    jobs.submit(run_id, path, name, lists=lists, threshold=threshold, assume=assume,
                column_map=column_map)  # fmt: skip
    return run_id


@router.post(
    "/screen",
    status_code=202,
    response_model=ScreenAccepted,
    responses={
        400: {"model": ErrorResponse},
        413: {"model": ErrorResponse},
        415: {"model": ErrorResponse},
    },
)
def screen(
    request: Request,
    file: UploadFile = File(..., description="Customs records: CSV, XLSX, Parquet or JSON Lines."),
    lists: str | None = Form(
        None, max_length=1000, description="Comma-separated lists; default all."
    ),
    threshold: float | None = Form(
        None, ge=0.0, le=1.0, description="Party-match alert threshold."
    ),
    assume: str | None = Form(
        None, max_length=500,
        description="Defaults for fields the file leaves empty: destination_country=RU, ...",
    ),
    columns: str | None = Form(
        None, max_length=10_000,
        description="A column map in the `--columns MAP.yaml` format (columns: and assume:).",
    ),
    pool: MatcherPool = Depends(get_pool),
) -> ScreenAccepted | JSONResponse:
    """Upload customs records; they are screened in the background. Poll `url` for progress.

    When the file's headers give no party name or no HS code column, the answer is 422 with
    the file's `headers`, the `missing` fields and a `mapping_url`: the web app's page that maps
    them (the upload is kept for it); or send `columns` with the file."""
    defaults = parse_assume_field(assume)
    try:
        run_id = start_screening(request, file, parse_lists(pool, lists), threshold, defaults,
                                 columns)  # fmt: skip
    except ColumnsNeeded as needed:
        return JSONResponse(needed.body, status_code=422)
    return ScreenAccepted(run_id=run_id, status="running", url=f"/runs/{run_id}")


@router.get("/runs", response_model=RunList)
def runs(
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    db: Database = Depends(get_db),
    jobs: ScreeningJobs = Depends(get_jobs),
) -> RunList:
    """Screening runs, newest first."""
    with db.cursor() as cur:
        total, rows = list_runs(cur, limit, offset)
    return RunList(total=total, results=[Run(**jobs.with_live_progress(row)) for row in rows])


@router.get("/runs/{run_id}", response_model=Run, responses={404: {"model": ErrorResponse}})
def run_detail(
    run_id: str = RUN_ID,
    db: Database = Depends(get_db),
    jobs: ScreeningJobs = Depends(get_jobs),
) -> Run:
    """One run: status, progress in [0, 1], counts, list versions and its summary once done."""
    return Run(**live_run(db, jobs, run_id))


def alert_filter(
    kind: ReasonKind | None = Query(None, description="Only alerts with a reason of this kind."),
    rule: str | None = Query(None, pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="e.g. RF-03"),
    list_name: str | None = Query(
        None, alias="list", max_length=100, description="Party-match list"
    ),
    min_risk: float | None = Query(None, ge=0.0, le=1.0),
    party: str | None = Query(None, min_length=1, max_length=200, description="Name substring"),
    hs_chapter: str | None = Query(None, pattern=r"^\d{2}$", description="Two-digit HS chapter"),
    status: str | None = Query(None, pattern=STATUS_PATTERN),
) -> AlertFilter:
    """The alert filter of the query string (shared by the listing and bulk triage)."""
    return AlertFilter(
        kind=kind,
        rule=rule,
        list_name=list_name,
        min_risk=min_risk,
        party=party,
        hs_chapter=hs_chapter,
        status=status,
    )


@router.get(
    "/runs/{run_id}/alerts", response_model=AlertPage, responses={404: {"model": ErrorResponse}}
)
def run_alerts(
    run_id: str = RUN_ID,
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    sort: str = Query("risk", pattern=SORT_PATTERN, description="risk, date, value or party"),
    flt: AlertFilter = Depends(alert_filter),
    db: Database = Depends(get_db),
) -> Any:
    """A page of a run's alerts, riskiest first (or by date, USD value, party), filterable."""
    with db.cursor() as cur:
        if get_run(cur, run_id) is None:
            raise HTTPException(404, detail=f"No such run: {run_id}")
        total, rows = alerts_page(cur, run_id, flt, limit, offset, sort)
    page = AlertPage(total=total, limit=limit, offset=offset, results=rows)  # type: ignore[arg-type]
    return json_response(page.model_dump(mode="json"))


@router.get(
    "/runs/{run_id}/tables/{table}",
    responses={404: {"model": ErrorResponse, "description": "Unknown run or table"}},
)
def run_table(
    run_id: str = RUN_ID,
    table: str = Path(..., pattern=r"^[a-z_]{1,40}$", description="A report table, e.g. routes"),
    partial: bool = Query(False, description="Answer for a running or failed run anyway."),
    db: Database = Depends(get_db),
) -> Any:
    """One table of the run's report (``cordon.analytics.flows.TABLES``) as JSON rows.

    The same tables `cordon export RUN --table NAME` writes as CSV or Parquet. A run that is
    running or failed is answered 409 (its figures would be partial) unless ``partial=true``.
    """
    from cordon.analytics import flows
    from cordon.analytics.errors import UnknownRunError

    function = flows.TABLES.get(table)
    if function is None:
        names = ", ".join(flows.TABLES)
        raise HTTPException(404, detail=f"No such table: {table}; tables: {names}")
    with db.cursor() as cur:
        try:
            flows.require_finished(cur, run_id, partial)
            rows = function(cur, run_id).to_pylist()
        except UnknownRunError as exc:
            raise HTTPException(404, detail=f"No such run: {run_id}") from exc
    return json_response({"run_id": run_id, "table": table, "rows": rows})
