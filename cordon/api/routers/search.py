"""``GET /search`` (name search over the lists) and ``GET /entities/{id}`` (with its links)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from followthemoney import model

from cordon.api.answer import resolve_datasets
from cordon.api.db import Database
from cordon.api.deps import get_db, get_pool
from cordon.api.entities import get_entity, nested_entity
from cordon.api.matching import MatcherPool
from cordon.api.models import EntityResponse, ErrorResponse, SearchResponse
from cordon.api.responses import json_response
from cordon.api.routers.match import PATH_DATASET
from cordon.api.services import search_entities

router = APIRouter()
MAX_PAGE = 500


@router.get(
    "/search/{dataset}",
    summary="Simple entity search",
    tags=["Matching"],
    response_model=SearchResponse,
    responses={400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
)
def search(
    dataset: str = PATH_DATASET,
    q: str = Query("", max_length=500, title="Name to look for"),
    schema: str = Query("Thing", max_length=64, title="FtM schema of the entities wanted"),
    limit: int = Query(10, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=9_000),
    pool: MatcherPool = Depends(get_pool),
) -> Any:
    """Listed entities whose names match `q` (fuzzy, any script), ranked by cordon's matcher."""
    if model.get(schema) is None:
        raise HTTPException(400, detail="Invalid schema")
    datasets = resolve_datasets(pool, dataset)
    total, results = search_entities(pool, datasets, q, schema, limit, offset)
    return json_response(
        {
            "limit": limit,
            "offset": offset,
            "total": {"value": total, "relation": "eq"},
            "results": results,
            "facets": {},
        }
    )


@router.get("/search", include_in_schema=False)
def search_default(
    q: str = Query("", max_length=500),
    schema: str = Query("Thing", max_length=64),
    limit: int = Query(10, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=9_000),
    pool: MatcherPool = Depends(get_pool),
) -> Any:
    """``/search?q=`` is ``/search/default?q=``."""
    return search("default", q, schema, limit, offset, pool)


@router.get(
    "/entities/{entity_id}",
    tags=["Data access"],
    response_model=EntityResponse,
    responses={404: {"model": ErrorResponse, "description": "Entity not found"}},
)
def fetch_entity(
    entity_id: str = Path(..., max_length=300, examples=["us_ofac_sdn-12345"]),
    nested: bool = Query(True, title="Include linked entities (UnknownLink etc.) nested inside"),
    db: Database = Depends(get_db),
) -> Any:
    """One listed entity from the active list versions; with `nested`, its links expanded."""
    with db.cursor() as cur:
        entity = get_entity(cur, entity_id)
        if entity is None:
            raise HTTPException(404, detail="No such entity!")
        data = nested_entity(cur, entity) if nested else entity.to_response()
    return json_response(data)
