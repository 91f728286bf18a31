"""The web app's Jinja2 environment: templates, display filters and the render helper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from cordon.lists.status import ListStatus, list_statuses

WEB_DIR = Path(__file__).resolve().parent
FIELD_LABELS = {
    "record_id": "Record id", "hs_code": "HS code (declared)", "hs6": "HS6",
    "chpl_tier": "CHPL tier",
    "net_weight_kg": "Net weight (kg)", "importer_tax_id": "Importer tax id (INN)",
    "exporter_entity": "Exporter list match", "importer_entity": "Importer list match",
    "exporter_score": "Exporter match score", "importer_score": "Importer match score",
    "line": "Input line",
}  # fmt: skip

def _list_status(request: Request) -> list[ListStatus]:
    db = getattr(request.app.state, "db", None)
    if db is None:
        return []
    with db.cursor() as cur:
        return list_statuses(cur)


templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
templates.env.filters["pct"] = lambda v: f"{100 * (v or 0):.0f}%"
templates.env.filters["score"] = lambda v: "" if v is None else f"{v:.2f}"
templates.env.filters["dt"] = lambda v: "" if v is None else v.strftime("%Y-%m-%d %H:%M:%S")
templates.env.filters["label"] = lambda key: FIELD_LABELS.get(
    key, key.replace("_", " ").capitalize()
)
templates.env.filters["money"] = lambda v: "" if v is None else f"{v:,.0f}"


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/``; every page knows whether the server asks for a key and the
    publication date, age and staleness of the active lists (shown by ``_list_status.html``)."""
    context.setdefault("needs_key", request.app.state.api_key is not None)
    context.setdefault("list_status", _list_status(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)
