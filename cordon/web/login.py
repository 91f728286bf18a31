"""Access to the web pages when the server has an API key: a login form and a cookie."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cordon.api.security import API_KEY_COOKIE, key_matches, presented_key
from cordon.i18n import _
from cordon.web.templating import render

router = APIRouter(prefix="/ui", include_in_schema=False)


async def require_page_key(request: Request) -> None:
    """Send visitors without the server's API key to the login page."""
    expected: str | None = request.app.state.api_key
    if expected is not None and not key_matches(expected, presented_key(request)):
        raise HTTPException(
            303, headers={"Location": "/ui/login?" + urlencode({"next": request.url.path})}
        )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = Query("/ui/", max_length=300)) -> HTMLResponse:
    """Ask for the API key (only shown when the server requires one)."""
    return render(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login", response_model=None)
def login(
    request: Request,
    api_key: str = Form(..., max_length=500),
    next: str = Form("/ui/", max_length=300),
) -> Response:
    """Check the key and keep it in an HttpOnly, same-site cookie."""
    expected: str | None = request.app.state.api_key
    if expected is not None and not key_matches(expected, api_key.strip()):
        return render(request, "login.html", next=_safe_next(next), error=_("Wrong API key."))
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(API_KEY_COOKIE, api_key.strip(), httponly=True, samesite="strict")
    return response


def _safe_next(target: str) -> str:
    """Only redirect inside the web app (no open redirects)."""
    return target if target.startswith("/ui/") and "//" not in target else "/ui/"
