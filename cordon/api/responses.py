"""Fast JSON responses for payloads already shaped as plain data (orjson handles datetimes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from fastapi.responses import Response


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
