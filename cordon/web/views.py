"""The analyst web app: server-rendered pages over the same queries as the JSON API.

Pages live under ``/ui``; their scripts call the JSON API (upload, run progress, triage) with
the same API key, kept in an HttpOnly cookie after ``/ui/login`` when the server needs one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import plotly
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from followthemoney import model
from followthemoney.types import registry
from starlette.exceptions import HTTPException as StarletteHTTPException

from cordon.analytics import flows
from cordon.api import downloads
from cordon.api.changes import lists_changed_since_rescreen
from cordon.api.db import Database
from cordon.api.deps import get_db, get_jobs, get_pool
from cordon.api.entities import (
    find_by_source_id,
    get_entity,
    linked_entities,
    nested_entity,
)
from cordon.api.jobs import ScreeningJobs
from cordon.api.matching import MatcherPool
from cordon.api.party import PartyRef, find_parties, party_profile
from cordon.api.queries import (
    ALERT_SORTS,
    AlertFilter,
    alert_neighbours,
    alerts_page,
    get_alert,
    get_run,
    list_runs,
    reason_facets,
)
from cordon.api.services import NO_SUCH_RUN, live_run, search_entities
from cordon.api.triage import ALERT_STATUSES
from cordon.goods.categories import CATEGORY_LABELS
from cordon.i18n import _, formatting
from cordon.i18n.labels import ftm_label
from cordon.i18n.message import read_message
from cordon.lists.catalog import active_versions
from cordon.web import changes, columns, login, reports
from cordon.web.language import PageLanguage
from cordon.web.login import require_page_key
from cordon.web.templating import WEB_DIR, render

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
PAGE_SIZE = 50
REASON_KINDS = ("party_match", "chpl", "red_flag")
NAME_PROPS = ("alias", "weakAlias", "previousName")

pages = APIRouter(prefix="/ui", include_in_schema=False, dependencies=[Depends(require_page_key)])


@pages.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    db: Database = Depends(get_db),
    jobs: ScreeningJobs = Depends(get_jobs),
    pool: MatcherPool = Depends(get_pool),
) -> HTMLResponse:
    """Upload form and the list of runs."""
    with db.cursor() as cur:
        total, runs = list_runs(cur, 100, 0)
        lists_changed = lists_changed_since_rescreen(cur)
    runs = [jobs.with_live_progress(run) for run in runs]
    return render(
        request,
        "runs.html",
        runs=runs,
        total=total,
        lists=sorted(pool.active()),
        max_upload=request.app.state.max_upload_bytes,
        lists_changed=lists_changed,
    )


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def page_filter(
    kind: str | None = Query(None, max_length=20),
    rule: str | None = Query(None, max_length=40),
    list_name: str | None = Query(None, alias="list", max_length=100),
    min_risk: str | None = Query(None, max_length=10),
    party: str | None = Query(None, max_length=200),
    hs_chapter: str | None = Query(None, max_length=2),
    status: str | None = Query(None, max_length=20),
) -> AlertFilter:
    """The alert filter of a web form, where an empty field means 'any'."""
    risk = _blank(min_risk)
    try:
        risk_value = float(risk) if risk is not None else None
    except ValueError as exc:
        raise HTTPException(
            400, detail=_("min_risk must be a number in [0, 1], not %(value)r")
            % {"value": risk}
        ) from exc
    flt = AlertFilter(
        kind=_blank(kind),
        rule=_blank(rule),
        list_name=_blank(list_name),
        min_risk=risk_value,
        party=_blank(party),
        hs_chapter=_blank(hs_chapter),
        status=_blank(status),
    )
    checks = [
        (flt.kind is None or flt.kind in REASON_KINDS, "kind"),
        (flt.status is None or flt.status in ALERT_STATUSES, "status"),
        (
            flt.hs_chapter is None or re.fullmatch(r"\d{2}", flt.hs_chapter) is not None,
            "hs_chapter",
        ),
        (flt.min_risk is None or 0.0 <= flt.min_risk <= 1.0, "min_risk"),
    ]
    for ok, name in checks:
        if not ok:
            raise HTTPException(
                400, detail=_("Invalid filter value for %(field)s.") % {"field": name}
            )
    return flt


def page_sort(sort: str = Query("risk", max_length=10)) -> str:
    """The order of an alert listing from the query string (risk when empty); 400 if unknown."""
    chosen = sort.strip() or "risk"
    if chosen not in ALERT_SORTS:
        raise HTTPException(400, detail=_("Invalid sort: %(sort)s; one of %(choices)s.") % {
            "sort": formatting.isolate(chosen), "choices": formatting.join(ALERT_SORTS, "or")})
    return chosen


@pages.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(
    request: Request,
    run_id: str,
    flt: AlertFilter = Depends(page_filter),
    page: int = Query(1, ge=1, le=100_000),
    sort: str = Depends(page_sort),
    db: Database = Depends(get_db),
    jobs: ScreeningJobs = Depends(get_jobs),
) -> HTMLResponse:
    """A run: progress while it screens, then its alerts with filters, sorting, bulk triage."""
    run = live_run(db, jobs, run_id)
    with db.cursor() as cur:
        total, alerts = alerts_page(cur, run_id, flt, PAGE_SIZE, (page - 1) * PAGE_SIZE, sort)
        facets = reason_facets(cur, run_id)
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    listing = {k: v for k, v in params.items() if k != "sort"}
    return render(
        request,
        "run.html",
        run=run,
        alerts=alerts,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        flt=flt,
        facets=facets,
        query=urlencode(params),
        filter_query=urlencode(listing),
        sort=sort,
        sorts=list(ALERT_SORTS),
        has_rejects=downloads.rejects_file(jobs.runs_dir, run_id) is not None,
    )


@pages.get("/runs/{run_id}/rejects", response_class=HTMLResponse)
def rejects_page(
    request: Request,
    run_id: str,
    db: Database = Depends(get_db),
    jobs: ScreeningJobs = Depends(get_jobs),
) -> HTMLResponse:
    """A run's rejected rows: line, record id, field and reason (the first 1,000)."""
    run = live_run(db, jobs, run_id)
    path = downloads.rejects_file(jobs.runs_dir, run_id)
    rows, more = downloads.read_rejects(path) if path is not None else ([], False)
    return render(request, "rejects.html", run=run, rows=rows, more=more,
                  available=path is not None, limit=downloads.MAX_REJECT_ROWS)  # fmt: skip


@pages.get("/runs/{run_id}/report", response_class=HTMLResponse)
def report_page(request: Request, run_id: str, db: Database = Depends(get_db)) -> HTMLResponse:
    """The report's headline figures and charts for one run."""
    with db.cursor() as cur:
        if get_run(cur, run_id) is None:
            raise HTTPException(404, detail=_("No such run: %(run)s") % {"run": run_id})
        headline, charts = reports.run_charts(cur, run_id)
    return render(request, "report.html", run_id=run_id, headline=headline, charts=charts,
                  chart_config=reports.chart_config())


def _party_links(db: Database, reasons: list[dict[str, Any]]) -> dict[int, str]:
    """FtM ids of the listed entities named in party-match reasons, by reason index."""
    links: dict[int, str] = {}
    with db.cursor() as cur:
        for idx, reason in enumerate(reasons):
            if reason.get("kind") == "party_match":
                entity = find_by_source_id(
                    cur, str(reason.get("list")), str(reason.get("entity_id"))
                )
                if entity is not None:
                    links[idx] = entity.id
    return links


@pages.get("/alerts/{alert_id:path}", response_class=HTMLResponse)
def alert_page(
    request: Request,
    alert_id: str,
    flt: AlertFilter = Depends(page_filter),
    sort: str = Depends(page_sort),
    db: Database = Depends(get_db),
) -> HTMLResponse:
    """One alert: reasons, the shipment record, triage, the audit log and, within the listing it
    was opened from (same filter and order), links to the previous and next alert."""
    with db.cursor() as cur:
        alert = get_alert(cur, alert_id)
        if alert is None:
            raise HTTPException(404, detail=_("No such alert: %(alert)s") % {"alert": alert_id})
        run = get_run(cur, alert["run_id"])
        versions = flows.run_lists(cur, alert["run_id"]).to_pylist()
        neighbours = alert_neighbours(cur, alert_id, flt, sort)
    return render(
        request,
        "alert.html",
        alert=alert,
        links=_party_links(db, alert["reasons"]),
        run=run,
        run_lists=versions,
        screened_by=((run or {}).get("summary") or {}).get("cordon_version"),
        neighbours=neighbours,
        listing=urlencode({k: v for k, v in request.query_params.items() if v}),
        has_pairs=any(r.get("kind") == "party_match" for r in alert["reasons"]),
        category_labels=CATEGORY_LABELS,
    )


def entity_sections(data: dict[str, Any]) -> dict[str, Any]:
    """Split an entity's properties into names, identifiers, other facts and linked entities."""
    schema = model.get(data["schema"])
    aliases: list[tuple[str, str]] = []
    identifiers: list[tuple[str, str]] = []
    facts: list[tuple[str, str]] = []
    for name, values in data["properties"].items():
        prop = schema.get(name) if schema is not None else None
        if prop is None or prop.type == registry.entity:
            continue
        label = ftm_label(prop._label or name)
        strings = [v for v in values if isinstance(v, str)]
        if name in NAME_PROPS:
            aliases.extend((label, v) for v in strings)
        elif prop.type == registry.identifier or name in ("innCode", "ogrnCode", "imoNumber"):
            identifiers.extend((label, v) for v in strings)
        elif prop.type == registry.country:
            facts.extend((label, f"{formatting.country(v)} ({v.upper()})") for v in strings)
        elif name != "name":
            facts.extend((label, v) for v in strings)
    return {
        "aliases": aliases,
        "identifiers": identifiers,
        "facts": facts,
        "linked": linked_entities(data),
    }


@pages.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, db: Database = Depends(get_db)) -> HTMLResponse:
    """A listed entity: list entry, names, identifiers, other facts and linked entities."""
    with db.cursor() as cur:
        entity = get_entity(cur, entity_id)
        if entity is None:
            raise HTTPException(404, detail=_("No such entity: %(entity)s") % {"entity": entity_id})
        data = nested_entity(cur, entity)
    return render(request, "entity.html", entity=entity, data=data, **entity_sections(data))


@pages.get("/party", response_class=HTMLResponse)
def party_page(
    request: Request,
    name: str = Query(..., min_length=1, max_length=500),
    country: str | None = Query(None, max_length=10),
    tax_id: str | None = Query(None, max_length=40),
    db: Database = Depends(get_db),
) -> HTMLResponse:
    """A party as written in the records: its shipments in every run, counterparties, goods by
    month, routes, currencies, list matches and standing decisions."""
    ref = PartyRef(name=name, country=_blank(country), tax_id=_blank(tax_id))
    with db.cursor() as cur:
        profile = party_profile(cur, ref)
    if not profile["totals"]["shipments"]:
        raise HTTPException(
            404, detail=_("No shipment of a party written “%(name)s” in the store") % {"name": name}
        )
    return render(request, "party.html", p=profile)


@pages.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = Query("", max_length=300),
    pool: MatcherPool = Depends(get_pool),
    db: Database = Depends(get_db),
) -> HTMLResponse:
    """Search the loaded lists by name; without a query, show which lists are loaded."""
    active = sorted(pool.active())
    total, results = search_entities(pool, active, q, "Thing", 25, 0) if q.strip() else (0, [])
    with db.cursor() as cur:
        versions = active_versions(cur)
        parties = find_parties(cur, q.strip()) if q.strip() else []
    return render(request, "search.html", q=q, results=results, total=total, versions=versions,
                  parties=parties)  # fmt: skip


async def _page_errors(request: Request, exc: Exception) -> Response:
    """Errors of web pages as a page; API errors keep their JSON body."""
    assert isinstance(exc, StarletteHTTPException)
    if not request.url.path.startswith("/ui/") or exc.status_code < 400:
        return await http_exception_handler(request, exc)
    return render(
        request,
        "error.html",
        status_code=exc.status_code,
        status=exc.status_code,
        detail=_page_detail(exc.detail),
    )


def _page_detail(detail: object) -> object:
    """An error the API writes in English (its JSON ``detail``), in the page's language."""
    message = read_message(str(detail), (NO_SUCH_RUN,))
    if message is None:
        return detail
    return message.with_values({k: formatting.isolate(str(v)) for k, v in message.values.items()}
                               ).translated()


def install(app: FastAPI) -> None:
    """Add the web pages, their static files and the plotly bundle to the app."""
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.get("/static-vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            PLOTLY_JS,
            media_type="application/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)

    app.add_middleware(PageLanguage)
    app.add_exception_handler(StarletteHTTPException, _page_errors)
    app.include_router(login.router)
    app.include_router(pages)
    app.include_router(columns.router)
    app.include_router(changes.router)
