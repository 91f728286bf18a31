"""The web app's Jinja2 environment: templates, display filters and the render helper.

Messages go through cordon's catalogues (:mod:`cordon.i18n`); the page language is set per request
by :class:`cordon.web.language.PageLanguage`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from cordon.i18n import formatting, jinja, reasons
from cordon.i18n.labels import (
    category_label,
    field_label,
    reason_kind_label,
    role_label,
    schema_label,
    status_label,
)
from cordon.lists.status import ListStatus, list_statuses
from cordon.names.reading import explanation_reading
from cordon.names.translit import romanize
from cordon.web.language import switch_query

WEB_DIR = Path(__file__).resolve().parent

def _list_status(request: Request) -> list[ListStatus]:
    db = getattr(request.app.state, "db", None)
    if db is None:
        return []
    with db.cursor() as cur:
        return list_statuses(cur)


templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
jinja.install(templates.env)
templates.env.filters["pct"] = lambda v: formatting.percent(v or 0, 0)
templates.env.filters["score"] = lambda v: "" if v is None else formatting.number(v, 2)
templates.env.filters["dt"] = lambda v: "" if v is None else formatting.timestamp(v)
templates.env.filters["label"] = field_label
templates.env.filters["status"] = status_label
templates.env.filters["reason_kind"] = reason_kind_label
templates.env.filters["money"] = lambda v: "" if v is None else formatting.number(v)
templates.env.filters["role"] = role_label
templates.env.filters["category"] = category_label
templates.env.filters["schema_label"] = schema_label
templates.env.filters["rule_title"] = reasons.rule_title
templates.env.filters["reason_text"] = reasons.reason_text
templates.env.filters["latin"] = romanize
templates.env.filters["reading"] = explanation_reading
templates.env.filters["reject_reason"] = reasons.reject_reason_text


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/``; every page knows whether the server asks for a key and the
    publication date, age and staleness of the active lists (shown by ``_list_status.html``)."""
    context.setdefault("needs_key", request.app.state.api_key is not None)
    context.setdefault(
        "switch_url",
        lambda code: f"{request.url.path}?{switch_query(request.url.query, code)}",
    )
    context.setdefault("list_status", _list_status(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)
