"""The cordon server: the JSON API and the analyst web pages composed into one application.

The only module that imports both ``cordon.api`` (routers, services) and ``cordon.web`` (pages):
routers and pages share services under ``cordon/api`` and never import each other
(``tests/test_layers.py`` keeps it that way).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from cordon.api.app import create_api
from cordon.web import views


def create_app(**options: Any) -> FastAPI:
    """The API of :func:`cordon.api.app.create_api` (same keyword options) with the web pages."""
    app = create_api(**options)
    views.install(app)
    return app
