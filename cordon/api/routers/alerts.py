"""``GET /alerts/{id}`` (with its audit log) and ``PATCH /alerts/{id}`` (triage)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Response

from cordon.api.db import Database
from cordon.api.deps import get_db
from cordon.api.models import Alert, ErrorResponse, TriageRequest
from cordon.api.queries import get_alert
from cordon.api.responses import json_response
from cordon.api.triage import alert_etag, record_decision

router = APIRouter(tags=["Alert triage"])

ALERT_ID = Path(..., min_length=3, max_length=500, description="`<run_id>:<record_id>`")


def _alert_response(db: Database, alert_id: str) -> Response:
    """The alert as JSON, with its ETag (the id of its latest audit event)."""
    with db.cursor() as cur:
        alert = get_alert(cur, alert_id)
    if alert is None:
        raise HTTPException(404, detail=f"No such alert: {alert_id}")
    events = alert["events"]
    etag = alert_etag(events[-1]["event_id"] if events else None)
    return json_response(Alert(**alert).model_dump(mode="json"), headers={"ETag": etag})


@router.get(
    "/alerts/{alert_id:path}", response_model=Alert, responses={404: {"model": ErrorResponse}}
)
def alert_detail(alert_id: str = ALERT_ID, db: Database = Depends(get_db)) -> Any:
    """One alert: risk, reasons, the shipment record and the triage audit log (oldest first).
    The ``ETag`` header names this version of the alert, for a conditional ``PATCH``."""
    return _alert_response(db, alert_id)


@router.patch(
    "/alerts/{alert_id:path}",
    response_model=Alert,
    responses={
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "A concurrent change won: retry."},
        412: {"model": ErrorResponse, "description": "If-Match names an older version."},
        422: {"model": ErrorResponse},
    },
)
def triage_alert(
    body: TriageRequest,
    alert_id: str = ALERT_ID,
    if_match: str | None = Header(None, description="Apply only if the alert's ETag is this."),
    db: Database = Depends(get_db),
) -> Any:
    """Record a triage decision: new status and/or a note, signed by the analyst.

    Every call appends one event to the alert's audit log in one transaction; earlier events
    are never changed. With ``If-Match``, the change applies only to the version the client
    saw (else 412); when another decision on the same alert commits at the same moment, the
    answer is 409 and the client retries.
    """
    with db.cursor() as cur:
        record_decision(
            cur,
            alert_id,
            analyst=body.analyst,
            status=body.status,
            note=body.note,
            if_match=if_match,
        )
    return _alert_response(db, alert_id)
