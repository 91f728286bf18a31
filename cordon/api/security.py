"""Access control and request limits: API keys, loopback detection and body-size caps."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import socket

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cordon.api.responses import send_json

API_KEY_COOKIE = "cordon_api_key"
DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # 200 MiB customs file
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024  # JSON bodies: 100 match queries fit easily


def is_loopback(host: str) -> bool:
    """True when ``host`` (name or address) only accepts connections from this machine."""
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def presented_key(request: Request) -> str | None:
    """The key a request carries: ``Authorization: ApiKey K`` (yente), ``X-API-Key`` or cookie."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() in ("apikey", "bearer", "token") and value.strip():
        return value.strip()
    header = request.headers.get("x-api-key")
    if header:
        return header.strip()
    return request.cookies.get(API_KEY_COOKIE)


def key_matches(expected: str, presented: str | None) -> bool:
    """Constant-time comparison of an expected and a presented key."""
    return presented is not None and hmac.compare_digest(expected.encode(), presented.encode())


async def require_api_key(request: Request) -> None:
    """FastAPI dependency: 401 unless the app has no key or the request presents it."""
    expected: str | None = request.app.state.api_key
    if expected is None:
        return
    if not key_matches(expected, presented_key(request)):
        raise HTTPException(
            status_code=401,
            detail="Missing or invalid API key: send 'Authorization: ApiKey <key>' or 'X-API-Key'.",
            headers={"WWW-Authenticate": "ApiKey"},
        )


class BodySizeLimit:
    """ASGI middleware: 413 for bodies over the limit, by Content-Length or while streaming,
    and 408 for a client that sends nothing for ``read_timeout`` seconds mid-body (a slow
    client must not hold a connection and a worker forever).

    Uploads to ``upload_paths`` get ``max_upload_bytes``; every other body ``max_body_bytes``.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        upload_paths: tuple[str, ...] = ("/screen", "/ui/upload"),
        read_timeout: float = 30.0,
    ) -> None:
        self.app = app
        self.read_timeout = read_timeout
        self.max_upload_bytes = max_upload_bytes
        self.max_body_bytes = max_body_bytes
        self.upload_paths = upload_paths

    def _limit(self, path: str) -> int:
        return self.max_upload_bytes if path in self.upload_paths else self.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _reject(send, limit)
            return
        received = 0
        answered = False

        async def limited_receive() -> Message:
            nonlocal received, answered
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout)
            except TimeoutError:
                if not answered:
                    answered = True
                    await _timed_out(send, self.read_timeout)
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Answer 413 now and tell the app the client is gone: whatever the app does
                    # with that (FastAPI turns it into an error) is never sent.
                    if not answered:
                        answered = True
                        await _reject(send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not answered:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)


async def _timed_out(send: Send, seconds: float) -> None:
    body = f'{{"detail":"Request body not received within {seconds:g} s."}}'.encode()
    await send_json(send, 408, body, [(b"connection", b"close")])


async def _reject(send: Send, limit: int) -> None:
    body = b'{"detail":"Request body too large: the limit is ' + str(limit).encode() + b' bytes."}'
    await send_json(send, 413, body, [(b"connection", b"close")])
