"""What the JSON routers and the web pages both ask for: a run as it stands, a name search.

Shared logic lives here, under ``cordon/api/``, not in a router module, so the web pages
(``cordon/web/``) and the routers (``cordon/api/routers/``) both depend on services and never on
each other; ``cordon/server.py`` composes the two (``tests/test_layers.py`` keeps it that way).
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from cordon.api.db import Database
from cordon.api.jobs import ScreeningJobs
from cordon.api.matching import MatcherPool
from cordon.api.queries import get_run
from cordon.i18n import N_, Message
from cordon.names.model import Query as NameQuery

# The API's 404 for a run, in English (its JSON ``detail``); the web pages show it translated.
NO_SUCH_RUN = N_("No such run: %(run)s")
SEARCH_FLOOR = 0.5  # search shows looser candidates than /match's alert threshold


def live_run(db: Database, jobs: ScreeningJobs, run_id: str) -> dict[str, Any]:
    """A run's row merged with what the worker knows now (queued runs have no row yet); 404."""
    with db.cursor() as cur:
        run = get_run(cur, run_id)
    state = jobs.state(run_id)
    if state is None:
        if run is None:
            raise HTTPException(404, detail=str(Message(NO_SUCH_RUN, run=run_id)))
        return run
    if run is None:
        return {
            "run_id": run_id,
            "input_name": state.input_name,
            "started_at": state.started_at,
            "status": state.status if state.status != "done" else "running",
            "progress": state.progress,
            "error": state.error,
        }
    return jobs.with_live_progress(run)


def search_entities(
    pool: MatcherPool, datasets: list[str], q: str, schema: str, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Entities whose names resemble ``q``, best first: (total found, requested page)."""
    if not q.strip() or not datasets:
        return 0, []
    query = NameQuery(names=(q.strip(),), schema=schema if schema != "Thing" else "LegalEntity")
    candidates = pool.get(datasets).match(query, limit=offset + limit, threshold=SEARCH_FLOOR)
    page = candidates[offset : offset + limit]
    entities = pool.entities([c.entity_id for c in page])
    results = []
    for cand in page:
        ent = entities.get(cand.entity_id)
        if ent is not None:
            results.append(
                {**ent.to_response(), "score": cand.score, "matched_name": cand.matched_name}
            )
    return len(candidates), results
