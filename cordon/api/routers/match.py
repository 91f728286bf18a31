"""``POST /match/{dataset}``: yente's query-by-example API, answered by cordon's matcher."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from cordon.api.answer import (
    MATCH_PAGE,
    MAX_ALGORITHM_LENGTH,
    MAX_DATASET_LENGTH,
    MAX_MATCHES,
    MatchParams,
    answer_match,
)
from cordon.api.deps import get_pool
from cordon.api.matching import ALGORITHM, ALGORITHM_DESCRIPTION, YENTE_ALGORITHMS, MatcherPool
from cordon.api.models import (
    AlgorithmInfo,
    AlgorithmResponse,
    EntityMatchQuery,
    EntityMatchResponse,
    ErrorResponse,
)
from cordon.settings import DEFAULT_THRESHOLD

router = APIRouter(tags=["Matching"])

PATH_DATASET = Path(
    description="A loaded list (e.g. us_ofac_sdn) or `default` for every loaded list.",
    examples=["default"],
    max_length=MAX_DATASET_LENGTH,
)


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
    algorithm: str = Query(
        "best", max_length=MAX_ALGORITHM_LENGTH, title="yente algorithm name; all run cordon's"
    ),
    fuzzy: bool = Query(False, deprecated=True, title="Accepted for yente clients; ignored"),
    pool: MatcherPool = Depends(get_pool),
) -> Any:
    """Match a batch of query entities (FollowTheMoney schema + properties) against the lists.

    Request and response follow yente's `/match` exactly; each query is answered under its own
    key. `algorithm` accepts yente's names (`best`, `logic-v2`, `logic-v1`, `name-based`,
    `name-qualified`, `regression-v1`); all of them run cordon's matcher, reported in `matcher`.
    Results below `cutoff` (default: `threshold`) are left out; `match` is `score >= threshold`.
    """
    params = MatchParams(limit=limit, threshold=threshold, cutoff=cutoff, algorithm=algorithm)
    data, batch_size = await answer_match(pool, dataset, body, params)
    return Response(data, media_type="application/json", headers={"x-batch-size": str(batch_size)})


@router.get("/algorithms", tags=["System information"], response_model=AlgorithmResponse)
def algorithms() -> AlgorithmResponse:
    """The scoring algorithm behind `/match`, and the yente names accepted as aliases of it."""
    return AlgorithmResponse(
        algorithms=[AlgorithmInfo(name=ALGORITHM, description=ALGORITHM_DESCRIPTION)],
        default=ALGORITHM,
        best=ALGORITHM,
        aliases={name: ALGORITHM for name in YENTE_ALGORITHMS},
    )
