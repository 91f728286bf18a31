"""FastAPI dependencies: the app's shared services, taken from ``app.state``."""

from __future__ import annotations

from fastapi import Request

from cordon.api.db import Database
from cordon.api.jobs import ScreeningJobs
from cordon.api.matching import MatcherPool


async def get_db(request: Request) -> Database:
    """The server's store."""
    db: Database = request.app.state.db
    return db


async def get_pool(request: Request) -> MatcherPool:
    """The warm matchers."""
    pool: MatcherPool = request.app.state.pool
    return pool


async def get_jobs(request: Request) -> ScreeningJobs:
    """The background screening worker."""
    jobs: ScreeningJobs = request.app.state.jobs
    return jobs
