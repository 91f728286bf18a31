"""The JSON API as a FastAPI application: store, matchers, jobs, limits and the routers.

The analyst web pages are added by :mod:`cordon.server`, the one module that composes routers and
pages, so nothing under ``cordon/api`` imports ``cordon.web`` (``tests/test_layers.py``).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi_offline import FastAPIOffline

from cordon import __version__
from cordon.api.db import Database
from cordon.api.fastlane import MatchFastLane
from cordon.api.jobs import ScreeningJobs
from cordon.api.matching import MatcherPool
from cordon.api.responses import cordon_error_response
from cordon.api.routers import (
    alerts,
    cli_forward,
    decisions,
    downloads,
    match,
    parties,
    rescreens,
    runs,
    search,
    system,
)
from cordon.api.security import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_UPLOAD_BYTES,
    BodySizeLimit,
    require_api_key,
)
from cordon.config import get_settings
from cordon.errors import CordonError
from cordon.limits import get_limits

DESCRIPTION = """Screen parties against sanctions lists (yente-compatible `/match`), upload customs
files for screening, and triage the resulting alerts. Send the API key as
`Authorization: ApiKey <key>` (or `X-API-Key: <key>`) when the server requires one."""


def _warm_default_matcher(pool: MatcherPool, stopping: threading.Event) -> None:
    """Load the index for every loaded list so the first /match is as fast as the rest.

    A server that shuts down while this runs closes the store under it; the error that causes
    is expected then and dropped, any other is raised.
    """
    try:
        active = pool.active()
        if active:
            pool.get(sorted(active))
    except Exception:
        if not stopping.is_set():
            raise


WARM_JOIN_SECONDS = 5.0
"""How long shutdown waits for the index warm-up before closing the store under it."""


async def _cordon_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CordonError)
    return cordon_error_response(exc)


def create_api(
    *,
    store_path: Path | None = None,
    api_key: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    home: Path | None = None,
    warm: bool = True,
    fast_lane: bool = True,
    read_timeout: float | None = None,
    cli_token: str | None = None,
) -> FastAPI:
    """Build the API app; the store opens when the app starts (uvicorn or a TestClient block).

    ``store_path`` defaults to ``$CORDON_HOME/cordon.duckdb``; uploads and run outputs go under
    ``home`` (default: the store's folder). With ``api_key`` set, every route except the static
    files and ``/healthz`` requires it. ``fast_lane=False`` sends ``/match`` through the FastAPI
    route only (the fast lane answers identically; the switch exists to prove that in tests).
    ``read_timeout`` (default: ``cordon.limits``) is how long a client may pause mid-body.
    ``cli_token`` enables ``POST /_cordon/cli`` for CLI processes holding that token
    (`cordon serve` publishes it in ``server.json``, see :mod:`cordon.forward`).
    """
    settings = get_settings()
    db_path = store_path or settings.store_path
    base = home or db_path.parent

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(db_path)
        app.state.db = db
        app.state.pool = MatcherPool(db)
        app.state.jobs = ScreeningJobs(db, base)
        stopping = threading.Event()
        warmer = threading.Thread(
            target=_warm_default_matcher,
            args=(app.state.pool, stopping),
            daemon=True,
            name="cordon-warm",
        )
        if warm:
            warmer.start()
        try:
            yield
        finally:
            stopping.set()
            app.state.jobs.shutdown()
            if warmer.is_alive():
                warmer.join(timeout=WARM_JOIN_SECONDS)
            db.close()

    # FastAPIOffline serves Swagger UI and ReDoc from the package, not a CDN: /docs works offline.
    app = FastAPIOffline(
        title="cordon",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url="/redoc",
    )
    app.add_exception_handler(CordonError, _cordon_error)
    app.state.api_key = api_key
    app.state.max_upload_bytes = max_upload_bytes
    app.state.cli_token = cli_token
    # Added first, so it sits inside the body-size limit: the hot /match path skips FastAPI's
    # routing and dependency machinery for well-formed requests.
    if fast_lane:
        app.add_middleware(MatchFastLane)
    app.add_middleware(
        BodySizeLimit,
        max_upload_bytes=max_upload_bytes,
        max_body_bytes=max_body_bytes,
        read_timeout=read_timeout or get_limits().read_timeout,
    )
    app.include_router(system.router)
    app.include_router(cli_forward.router)  # its own token, not the API key
    protected = [Depends(require_api_key)]
    for module in (match, search, runs, alerts, decisions, downloads, parties, rescreens):
        app.include_router(module.router, dependencies=protected)
    return app
