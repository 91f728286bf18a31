"""A fast lane for well-formed ``POST /match/{dataset}`` requests, the API's hot path.

Compliance systems call ``/match`` once per party, so its per-request overhead matters more than
any other route's. This ASGI middleware answers a well-formed match request directly — same
validation model, same ``answer_match``, byte-identical JSON — without FastAPI's routing and
dependency machinery. Anything it is not sure about (a wrong type, a bad parameter, a missing API
key, an error answer) it hands to the FastAPI route unchanged, which gives the documented answer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import HTTPException
from pydantic import ValidationError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cordon.api.answer import MAX_DATASET_LENGTH, MatchParams, answer_match
from cordon.api.models import EntityMatchQuery
from cordon.api.responses import send_json
from cordon.api.security import key_matches, presented_key

PREFIX = "/match/"
# The spellings pydantic accepts for a bool query parameter (``fuzzy``, which is ignored).
BOOL_WORDS = frozenset({"0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"})


class NotForFastLane(Exception):
    """The request needs the FastAPI route (validation error, auth failure, error answer)."""


def parse_params(query_string: bytes) -> MatchParams:
    """``/match`` query parameters as FastAPI would read them; NotForFastLane if any is invalid
    (the types are read here, the limits checked by :class:`MatchParams`)."""
    fields: dict[str, Any] = {}
    try:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
        for name, raw in pairs:  # the last value of a repeated parameter wins, as in FastAPI
            if name == "limit":
                if not raw.isdigit():
                    raise NotForFastLane
                fields["limit"] = int(raw)
            elif name in ("threshold", "cutoff"):
                fields[name] = float(raw)
            elif name == "algorithm":
                fields["algorithm"] = raw
            elif name == "fuzzy" and raw.lower() not in BOOL_WORDS:
                raise NotForFastLane
        return MatchParams(**fields)
    except (ValueError, UnicodeError) as exc:
        raise NotForFastLane from exc


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return False


def _dataset(scope: Scope) -> str | None:
    """The dataset of a request the fast lane may take, else None."""
    if scope["type"] != "http" or scope["method"] != "POST" or scope.get("root_path"):
        return None
    path: str = scope["path"]
    if not path.startswith(PREFIX):
        return None
    dataset = path[len(PREFIX) :]
    if not dataset or "/" in dataset or len(dataset) > MAX_DATASET_LENGTH:
        return None
    return dataset


class MatchFastLane:
    """ASGI middleware answering well-formed ``POST /match/{dataset}``; the rest passes through.

    Install it inside the body-size limit, so oversized bodies are refused before it reads them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        dataset = _dataset(scope)
        if dataset is None or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left (or the size limit has already answered 413)
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        try:
            data, batch_size = await self._answer(scope, dataset, bytes(body))
        except NotForFastLane:
            await self.app(scope, _replay(bytes(body), receive), send)
            return
        await send_json(send, 200, data, [(b"x-batch-size", str(batch_size).encode())])

    async def _answer(self, scope: Scope, dataset: str, body: bytes) -> tuple[bytes, int]:
        state = scope["app"].state
        if state.api_key is not None and not key_matches(
            state.api_key, presented_key(Request(scope))
        ):
            raise NotForFastLane
        params = parse_params(scope["query_string"])
        try:
            query = EntityMatchQuery.model_validate_json(body)
        except ValidationError as exc:
            raise NotForFastLane from exc
        try:
            return await answer_match(state.pool, dataset, query, params)
        except HTTPException as exc:
            raise NotForFastLane from exc


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that gives the already-read body once, then the real channel."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
