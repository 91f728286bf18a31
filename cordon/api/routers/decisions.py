"""Standing decisions (``/decisions``) and bulk triage of a run's filtered alerts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from cordon.api.bulk import bulk_triage
from cordon.api.db import Database
from cordon.api.deps import get_db
from cordon.api.models import (
    BulkTriageOutcome,
    BulkTriageRequest,
    DecisionList,
    DecisionOutcome,
    DecisionRequest,
    ErrorResponse,
)
from cordon.api.queries import get_run
from cordon.api.routers.runs import RUN_ID, alert_filter
from cordon.decisions.model import list_decisions
from cordon.decisions.record import decide, decide_on_alert

router = APIRouter(tags=["Standing decisions"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}, 422: {"model": ErrorResponse},
}  # fmt: skip


@router.get("/decisions", response_model=DecisionList)
def decisions(
    everything: bool = Query(
        False, alias="all", description="The whole history, not only decisions in force."
    ),
    db: Database = Depends(get_db),
) -> DecisionList:
    """Standing decisions on (party as written, listed entity) pairs, oldest first."""
    with db.cursor() as cur:
        rows = list_decisions(cur, in_force_only=not everything)
    return DecisionList(total=len(rows), results=[d.to_dict() for d in rows])


@router.post("/decisions", status_code=201, response_model=DecisionOutcome, responses=_ERRORS)
def take_decision(body: DecisionRequest, db: Database = Depends(get_db)) -> DecisionOutcome:
    """Record a standing decision and apply it to every current alert with the pair.

    Future runs apply it at alert time; it lapses when the listed entity changes in the list
    version a run used.
    """
    with db.cursor() as cur:
        if body.alert_id is not None:
            outcome = decide_on_alert(cur, body.alert_id, status=body.status,
                                      analyst=body.analyst, note=body.note)  # fmt: skip
        else:
            assert body.party_name and body.list and body.entity_id  # by the model
            pair = (body.party_name, body.list, body.entity_id)
            outcome = decide(cur, [pair], status=body.status, analyst=body.analyst,
                             note=body.note)  # fmt: skip
    return DecisionOutcome(decisions=[d.to_dict() for d in outcome.decisions],
                           alerts_changed=outcome.alerts_changed)  # fmt: skip


@router.post(
    "/runs/{run_id}/alerts/triage", response_model=BulkTriageOutcome, responses=_ERRORS
)
def triage_many(
    body: BulkTriageRequest,
    run_id: str = RUN_ID,
    flt: Any = Depends(alert_filter),
    db: Database = Depends(get_db),
) -> BulkTriageOutcome:
    """Triage every alert of the run that the filter (the same query as the listing) selects.

    One audit event per alert; with ``standing`` also a standing decision on every party pair.
    """
    with db.cursor() as cur:
        if get_run(cur, run_id) is None:
            raise HTTPException(404, detail=f"No such run: {run_id}")
        outcome = bulk_triage(cur, run_id, flt, analyst=body.analyst, status=body.status,
                              note=body.note, standing=body.standing)  # fmt: skip
    return BulkTriageOutcome(alerts=outcome.alerts, decisions=outcome.decisions)
