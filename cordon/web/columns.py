"""The web app's column-mapping step: map an upload's unrecognized headers, then screen it.

``POST /screen`` sends an upload here when no party name or no HS code column can be found
(:mod:`cordon.api.column_step`). The page shows the file's headers, one choice per canonical
field (pre-set to what the header aliases recognized) and the defaults field (``assume``); the
mapping screens the upload, or downloads as the ``--columns MAP.yaml`` file the CLI takes.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cordon.api.column_step import (
    PendingUpload,
    drop_pending,
    load_pending,
    write_column_map,
)
from cordon.api.deps import get_jobs
from cordon.api.jobs import ScreeningJobs
from cordon.i18n import _
from cordon.i18n.message import localized
from cordon.records.assume import ASSUMABLE, parse_assume
from cordon.records.errors import InputError
from cordon.records.headers import (
    REQUIRED,
    REQUIRED_ANY_PARTY,
    choose_columns,
    dump_column_map,
    resolve_columns,
)
from cordon.records.read import file_headers
from cordon.records.schema import CANONICAL_COLUMNS
from cordon.web.login import require_page_key
from cordon.web.templating import render

FIELD_PREFIX = "column."  # form field of a canonical field: column.exporter_name = a header
UPLOAD_ID = re.compile(r"^[0-9T]{15}-[0-9a-f]{8}$")  # cordon.api.jobs.new_run_id

router = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(require_page_key)])


def _pending(jobs: ScreeningJobs, upload_id: str) -> tuple[PendingUpload, Path, list[str]]:
    """The pending upload, its stored file and its headers; 404 when there is none."""
    pending = load_pending(jobs.uploads_dir, upload_id) if UPLOAD_ID.match(upload_id) else None
    path = pending.path(jobs.uploads_dir) if pending is not None else None
    if pending is None or path is None or not path.is_file():
        message = _("No upload waiting for a column mapping: %(id)s")
        raise HTTPException(404, detail=message % {"id": upload_id})
    try:
        return pending, path, file_headers(path)
    except InputError as exc:
        raise HTTPException(422, detail=f"{pending.input_name}: {exc.problem}") from exc


def _page(
    request: Request,
    pending: PendingUpload,
    headers: list[str],
    chosen: dict[str, str],
    assume: str,
    error: str | None = None,
) -> HTMLResponse:
    return render(
        request, "columns.html", status_code=400 if error else 200, pending=pending,
        headers=headers, fields=CANONICAL_COLUMNS, chosen=chosen, assume=assume, error=error,
        required=(" / ".join(REQUIRED_ANY_PARTY), *REQUIRED), assumable=list(ASSUMABLE),
        prefix=FIELD_PREFIX,
    )  # fmt: skip


@router.get("/uploads/{upload_id}/columns", response_class=HTMLResponse)
def columns_page(
    request: Request, upload_id: str, jobs: ScreeningJobs = Depends(get_jobs)
) -> HTMLResponse:
    """The mapping form of a pending upload, pre-set to what the header aliases recognized."""
    pending, path, headers = _pending(jobs, upload_id)
    chosen = {field: headers[i] for field, i in choose_columns(path, headers).items()}
    assume = ", ".join(f"{k}={v}" for k, v in pending.assume.items())
    return _page(request, pending, headers, chosen, assume)


@router.post("/uploads/{upload_id}/columns", response_model=None)
async def map_columns(
    request: Request, upload_id: str, jobs: ScreeningJobs = Depends(get_jobs)
) -> Response:
    """Screen the upload with the posted mapping (``action=screen``), or answer the mapping as
    a ``--columns`` YAML download (``action=yaml``); the form again, with the error, when the
    mapping still lacks a party name or an HS code column."""
    pending, path, headers = _pending(jobs, upload_id)
    form = await request.form()
    chosen = {
        key.removeprefix(FIELD_PREFIX): str(value)
        for key, value in form.multi_items()
        if key.startswith(FIELD_PREFIX) and str(value) in headers
    }
    chosen = {field: header for field, header in chosen.items() if field in CANONICAL_COLUMNS}
    assume_text = str(form.get("assume") or "")
    try:
        assume = parse_assume([i for i in assume_text.split(",") if i.strip()], "assume")
        resolve_columns(path, headers, chosen)
    except InputError as exc:
        return _page(request, pending, headers, chosen, assume_text, localized(exc.problem))
    if form.get("action") == "yaml":
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(pending.input_name).stem).strip("._")
        filename = f"{stem or 'upload'}.columns.yaml"
        return Response(
            dump_column_map(chosen, assume),
            media_type="application/yaml; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    column_map = write_column_map(jobs.uploads_dir, upload_id, chosen, assume)
    drop_pending(jobs.uploads_dir, upload_id)
    jobs.submit(upload_id, path, pending.input_name, lists=pending.lists,
                threshold=pending.threshold, column_map=column_map)  # fmt: skip
    return RedirectResponse(f"/ui/runs/{upload_id}", status_code=303)
