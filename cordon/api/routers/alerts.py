"""``GET /alerts/{id}`` (with its audit log) and ``PATCH /alerts/{id}`` (triage)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path

from cordon.api.db import Database
from cordon.api.deps import get_db
from cordon.api.models import Alert, ErrorResponse, TriageRequest
from cordon.api.queries import get_alert
from cordon.api.responses import json_response
from cordon.api.triage import UnknownAlert, record_decision

router = APIRouter(tags=["Alert triage"])

ALERT_ID = Path(..., min_length=3, max_length=500, description="`<run_id>:<record_id>`")


def _alert_json(db: Database, alert_id: str) -> dict[str, Any]:
    with db.cursor() as cur:
        alert = get_alert(cur, alert_id)
    if alert is None:
        raise HTTPException(404, detail=f"No such alert: {alert_id}")
    return Alert(**alert).model_dump(mode="json")


@router.get(
    "/alerts/{alert_id:path}", response_model=Alert, responses={404: {"model": ErrorResponse}}
)
def alert_detail(alert_id: str = ALERT_ID, db: Database = Depends(get_db)) -> Any:
    """One alert: risk, reasons, the shipment record and the triage audit log (oldest first)."""
    return json_response(_alert_json(db, alert_id))


@router.patch(
    "/alerts/{alert_id:path}",
    response_model=Alert,
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
def triage_alert(
    body: TriageRequest, alert_id: str = ALERT_ID, db: Database = Depends(get_db)
) -> Any:
    """Record a triage decision: new status and/or a note, signed by the analyst.

    Every call appends one event to the alert's audit log; earlier events are never changed.
    """
    with db.cursor() as cur:
        try:
            record_decision(cur, alert_id, analyst=body.analyst, status=body.status, note=body.note)
        except UnknownAlert as exc:
            raise HTTPException(404, detail=f"No such alert: {alert_id}") from exc
    return json_response(_alert_json(db, alert_id))
