"""Answer a yente match batch: the work behind ``POST /match/{dataset}``.

Shared by the FastAPI route (which documents and validates the request) and the fast lane
(``cordon.api.fastlane``), so both give byte-identical answers.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool

from cordon.api.matching import (
    ALGORITHM_DESCRIPTION,
    MAX_BATCH,
    MatcherPool,
    QueryError,
    example_to_proxy,
    proxy_to_query,
    resolve_algorithm,
    resolve_weights,
    scored_result,
)
from cordon.api.models import EntityMatchQuery
from cordon.limits import get_limits, name_problem
from cordon.names.matcher import Matcher
from cordon.settings import DEFAULT_THRESHOLD

MATCH_PAGE = 5  # yente's default YENTE_MATCH_PAGE
MAX_MATCHES = 500  # yente's YENTE_MAX_MATCHES
MAX_DATASET_LENGTH = 100  # characters of a dataset name in the path
MAX_ALGORITHM_LENGTH = 40  # characters of an algorithm name
MATCH_THREADS = 4  # matching is CPU-bound under the GIL: a few threads keep the loop free
_MATCHING = ThreadPoolExecutor(MATCH_THREADS, thread_name_prefix="cordon-match")


@dataclass(frozen=True)
class MatchParams:
    """The query parameters of ``/match``; the limits are checked here, once, for the route
    (which also declares them to OpenAPI from the constants above) and the fast lane alike."""

    limit: int = MATCH_PAGE
    threshold: float = DEFAULT_THRESHOLD
    cutoff: float | None = None
    algorithm: str = "best"

    def __post_init__(self) -> None:
        scores = (self.threshold, self.cutoff if self.cutoff is not None else 0.0)
        if not 1 <= self.limit <= MAX_MATCHES:
            raise ValueError(f"limit must be within 1..{MAX_MATCHES}")
        if not all(math.isfinite(score) and 0.0 <= score <= 1.0 for score in scores):
            raise ValueError("threshold and cutoff must be within 0..1")
        if len(self.algorithm) > MAX_ALGORITHM_LENGTH:
            raise ValueError(f"algorithm longer than {MAX_ALGORITHM_LENGTH} characters")


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


async def answer_match(
    pool: MatcherPool, dataset: str, body: EntityMatchQuery, params: MatchParams
) -> tuple[bytes, int]:
    """The JSON answer to a match batch and the number of answered queries.

    Raises ``HTTPException`` with yente's status and message for an unknown algorithm (400),
    dataset (404), an empty or too large batch (400) or an unusable query entity (400); for a
    name over the limits of ``cordon.limits`` (422) and for matching past its deadline (503).
    """
    try:
        algo = resolve_algorithm(params.algorithm)
    except ValueError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    # The last known versions: re-checking them touches the store, so that happens in the
    # background (only the very first check is waited for, in a worker thread).
    active = pool.known_active()
    if active is None:
        active = await run_in_threadpool(pool.active)
    datasets = resolve_datasets(pool, dataset, active)
    if not body.queries:
        raise HTTPException(400, detail="No queries provided.")
    if len(body.queries) > MAX_BATCH:
        raise HTTPException(400, detail=f"Too many queries in one batch (limit: {MAX_BATCH})")
    try:
        weights = resolve_weights(body.weights)
    except ValueError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    threshold = params.threshold
    floor = min(params.cutoff if params.cutoff is not None else threshold, threshold)
    matcher = None
    if datasets:
        # Loading an index takes seconds: that happens in a worker thread, once.
        matcher = pool.ready(datasets) or await run_in_threadpool(pool.get, datasets)
    # Matching runs off the event loop, in its own small pool, under a deadline: however a
    # query is made, /healthz and every other request keep being answered.
    deadline = get_limits().match_timeout
    work = _MATCHING.submit(_responses, pool, matcher, body, params, weights, threshold, floor)
    try:
        responses = await asyncio.wait_for(asyncio.wrap_future(work), deadline)
    except TimeoutError as exc:
        raise HTTPException(
            503, detail=f"Matching took longer than {deadline:g} s; try fewer or shorter names."
        ) from exc
    payload = {
        "responses": responses,
        "matcher": {
            "name": algo,
            "requested": params.algorithm,
            "description": ALGORITHM_DESCRIPTION,
            "threshold": threshold,
            "features": {},
        },
        "limit": params.limit,
    }
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS), len(responses)


def _responses(
    pool: MatcherPool,
    matcher: Matcher | None,
    body: EntityMatchQuery,
    params: MatchParams,
    weights: Mapping[str, float],
    threshold: float,
    floor: float,
) -> dict[str, Any]:
    """Each query's yente response (runs in the matching pool). A query that is not a
    matchable entity is refused 400 as yente does; a name over the documented limits 422."""
    responses: dict[str, Any] = {}
    for key, example in body.queries.items():
        try:
            proxy = example_to_proxy(example.schema_, example.properties)
        except QueryError as exc:
            raise HTTPException(400, detail=f"Query {key!r}: {exc}") from exc
        query = proxy_to_query(proxy)
        for name in query.names:
            problem = name_problem(name)
            if problem is not None:
                raise HTTPException(422, detail=f"Query {key!r}: {problem}")
        results: list[dict[str, Any]] = []
        if query.names and matcher is not None:
            candidates = matcher.match(query, params.limit, floor, weights)
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
    return responses
