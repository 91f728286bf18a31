"""Fast JSON responses for payloads already shaped as plain data (orjson handles datetimes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from fastapi.responses import Response
from starlette.types import Send

from cordon.errors import CordonError


def cordon_error_response(exc: CordonError) -> Response:
    """The API's one mapping of a :class:`CordonError`: its status and ``{"detail": message}``
    (FastAPI's own error shape, which yente clients already read)."""
    return json_response({"detail": exc.message}, status_code=exc.http_status)


def json_response(
    payload: Any, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """``payload`` serialized with orjson; used where a response model only documents the shape."""
    return Response(
        orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS),
        status_code=status_code,
        media_type="application/json",
        headers=dict(headers or {}),
    )


async def send_json(
    send: Send, status: int, body: bytes, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """A complete JSON response sent on a raw ASGI channel (for middlewares, without FastAPI)."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
