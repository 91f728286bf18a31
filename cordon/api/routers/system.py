"""``/healthz``, ``/readyz`` and ``/catalog``: liveness and the loaded lists."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from cordon.api.db import Database
from cordon.api.deps import get_db
from cordon.api.models import DataCatalogModel, DatasetModel, ErrorResponse, StatusResponse
from cordon.api.security import require_api_key
from cordon.lists.catalog import active_versions

router = APIRouter(tags=["System information"])


@router.get("/healthz", summary="Health check", response_model=StatusResponse)
def healthz(db: Database = Depends(get_db)) -> StatusResponse:
    """The service answers and its store is readable."""
    with db.cursor() as cur:
        cur.execute("SELECT 1").fetchone()
    return StatusResponse(status="ok")


@router.get(
    "/readyz",
    summary="Lists loaded",
    response_model=StatusResponse,
    dependencies=[Depends(require_api_key)],
    responses={503: {"model": ErrorResponse, "description": "No list loaded yet"}},
)
def readyz(db: Database = Depends(get_db)) -> StatusResponse:
    """Ready to match: at least one list has an active version."""
    with db.cursor() as cur:
        if not active_versions(cur):
            raise HTTPException(503, detail="No list loaded: run `cordon lists load` first.")
    return StatusResponse(status="ok")


@router.get(
    "/catalog",
    summary="Data catalog",
    tags=["Data access"],
    response_model=DataCatalogModel,
    dependencies=[Depends(require_api_key)],
)
def catalog(db: Database = Depends(get_db)) -> DataCatalogModel:
    """Every loaded list with its active version, counts and load time (yente's catalog shape)."""
    with db.cursor() as cur:
        versions = active_versions(cur)
    datasets = [
        DatasetModel(
            name=v.dataset,
            title=v.dataset,
            version=v.version,
            entity_count=v.entity_count,
            name_count=v.name_count,
            published_at=v.published_at,
            loaded_at=v.loaded_at,
            index_version=v.version,
        )
        for v in versions
    ]
    return DataCatalogModel(datasets=datasets, current=[d.name for d in datasets])
