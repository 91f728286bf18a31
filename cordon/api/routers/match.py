"""``POST /match/{dataset}``: yente's query-by-example API, answered by cordon's matcher."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from starlette.concurrency import run_in_threadpool

from cordon.api.deps import get_pool
from cordon.api.matching import (
    ALGORITHM,
    ALGORITHM_DESCRIPTION,
    MAX_BATCH,
    YENTE_ALGORITHMS,
    MatcherPool,
    QueryError,
    example_to_proxy,
    proxy_to_query,
    resolve_algorithm,
    scored_result,
)
from cordon.api.models import (
    AlgorithmInfo,
    AlgorithmResponse,
    EntityMatchQuery,
    EntityMatchResponse,
    ErrorResponse,
)
from cordon.api.responses import json_response
from cordon.names.score import DEFAULT_THRESHOLD

router = APIRouter(tags=["Matching"])

PATH_DATASET = Path(
    description="A loaded list (e.g. us_ofac_sdn) or `default` for every loaded list.",
    examples=["default"],
    max_length=100,
)
MATCH_PAGE = 5  # yente's default YENTE_MATCH_PAGE
MAX_MATCHES = 500  # yente's YENTE_MAX_MATCHES


def resolve_datasets(
    pool: MatcherPool, dataset: str, active: dict[str, str] | None = None
) -> list[str]:
    """The datasets a path name covers: every loaded list for ``default``; 404 if unknown."""
    active = active if active is not None else pool.active()
    if dataset == "default":
        return sorted(active)
    if dataset not in active:
        raise HTTPException(404, detail="No such dataset.")
    return [dataset]


@router.post(
    "/match/{dataset}",
    summary="Query by example matcher (yente-compatible)",
    response_model=EntityMatchResponse,
    responses={
        400: {"model": ErrorResponse, "description": "Invalid query"},
        404: {"model": ErrorResponse, "description": "No such dataset"},
    },
)
async def match(
    body: EntityMatchQuery,
    dataset: str = PATH_DATASET,
    limit: int = Query(MATCH_PAGE, ge=1, le=MAX_MATCHES, title="Number of results to return"),
    threshold: float = Query(
        DEFAULT_THRESHOLD, ge=0.0, le=1.0, title="Score at or above which a result is a match"
    ),
    cutoff: float | None = Query(
        None, ge=0.0, le=1.0, deprecated=True, title="Lower bound of scores returned at all"
    ),
    algorithm: str = Query("best", max_length=40, title="yente algorithm name; all run cordon's"),
    fuzzy: bool = Query(False, deprecated=True, title="Accepted for yente clients; ignored"),
    pool: MatcherPool = Depends(get_pool),
) -> Any:
    """Match a batch of query entities (FollowTheMoney schema + properties) against the lists.

    Request and response follow yente's `/match` exactly; each query is answered under its own
    key. `algorithm` accepts yente's names (`best`, `logic-v2`, `logic-v1`, `name-based`,
    `name-qualified`, `regression-v1`); all of them run cordon's matcher, reported in `matcher`.
    Results below `cutoff` (default: `threshold`) are left out; `match` is `score >= threshold`.
    """
    try:
        algo = resolve_algorithm(algorithm)
    except ValueError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    # Re-reading the active versions touches the store: never on the event loop.
    active = pool.fresh_active() or await run_in_threadpool(pool.active)
    datasets = resolve_datasets(pool, dataset, active)
    if not body.queries:
        raise HTTPException(400, detail="No queries provided.")
    if len(body.queries) > MAX_BATCH:
        raise HTTPException(400, detail=f"Too many queries in one batch (limit: {MAX_BATCH})")
    floor = min(cutoff if cutoff is not None else threshold, threshold)
    matcher = None
    if datasets:
        # A warm matcher answers in about a millisecond: run it on the event loop. Loading an
        # index takes seconds, so that happens in a worker thread.
        matcher = pool.ready(datasets) or await run_in_threadpool(pool.get, datasets)
    responses: dict[str, Any] = {}
    for key, example in body.queries.items():
        try:
            proxy = example_to_proxy(example.schema_, example.properties)
        except QueryError as exc:
            raise HTTPException(400, detail=f"Query {key!r}: {exc}") from exc
        query = proxy_to_query(proxy)
        results: list[dict[str, Any]] = []
        if query.names and matcher is not None:
            candidates = matcher.match(query, limit=limit, threshold=floor)
            entities = pool.entities([c.entity_id for c in candidates])
            results = [scored_result(c, entities.get(c.entity_id), threshold) for c in candidates]
        responses[key] = {
            "status": 200,
            "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": {
                "id": example.id,
                "schema": proxy.schema.name,
                "properties": proxy.properties,
            },
        }
    payload = {
        "responses": responses,
        "matcher": {
            "name": algo,
            "requested": algorithm,
            "description": ALGORITHM_DESCRIPTION,
            "threshold": threshold,
            "features": {},
        },
        "limit": limit,
    }
    return json_response(payload, headers={"x-batch-size": str(len(responses))})


@router.get("/algorithms", tags=["System information"], response_model=AlgorithmResponse)
def algorithms() -> AlgorithmResponse:
    """The scoring algorithm behind `/match`, and the yente names accepted as aliases of it."""
    return AlgorithmResponse(
        algorithms=[AlgorithmInfo(name=ALGORITHM, description=ALGORITHM_DESCRIPTION)],
        default=ALGORITHM,
        best=ALGORITHM,
        aliases={name: ALGORITHM for name in YENTE_ALGORITHMS},
    )
