"""The language of a web page: ``?lang=``, else the ``cordon_lang`` cookie, else Accept-Language.

An ASGI middleware makes the chosen language current for every ``/ui/`` request (so messages raised
by a page are translated too) and remembers an explicit ``?lang=``/``?digits=`` in cookies for a
year. The JSON API is left alone: its messages are part of its contract and stay in English.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cordon.i18n import DEFAULT_LANGUAGE, Language, negotiate, normalize, use_language
from cordon.i18n.context import DIGIT_SYSTEMS

LANG_COOKIE = "cordon_lang"
DIGITS_COOKIE = "cordon_digits"
PREFIX = "/ui"
ONE_YEAR = 365 * 24 * 3600


def choose(
    query: dict[str, str], cookies: dict[str, str], accept_language: str | None
) -> tuple[Language, dict[str, str]]:
    """The page language and the cookies to set (only for an explicit, valid choice)."""
    remember: dict[str, str] = {}
    code = normalize(query.get("lang"))
    if code is not None:
        remember[LANG_COOKIE] = code
    else:
        code = normalize(cookies.get(LANG_COOKIE)) or negotiate(accept_language)
    asked = (query.get("digits") or "").strip().lower()
    if asked in DIGIT_SYSTEMS:
        remember[DIGITS_COOKIE] = asked
        digits = asked
    else:
        stored = (cookies.get(DIGITS_COOKIE) or "").strip().lower()
        digits = stored if stored in DIGIT_SYSTEMS else "default"
    return Language(code or DEFAULT_LANGUAGE, digits), remember


def switch_query(query_string: str, code: str) -> str:
    """The page's own query string with ``lang`` set to ``code`` (for the language switcher)."""
    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k != "lang"]
    return urlencode([*pairs, ("lang", code)])


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


class PageLanguage:
    """Sets the language of ``/ui/`` requests and remembers explicit choices in cookies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass other paths through untouched; wrap page requests in their language."""
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        jar = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header: ignore it, as browsers would
            jar = SimpleCookie()
        cookies = {key: morsel.value for key, morsel in jar.items()}
        language, remember = choose(query, cookies, headers.get("accept-language"))
        scope.setdefault("state", {})["language"] = language

        async def send_with_cookies(message: Message) -> None:
            if message["type"] == "http.response.start" and remember:
                extra = [
                    (
                        b"set-cookie",
                        f"{name}={value}; Max-Age={ONE_YEAR}; Path=/; SameSite=Lax".encode(),
                    )
                    for name, value in remember.items()
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        with use_language(language):
            await self.app(scope, receive, send_with_cookies)
