"""The HTTP protocol `cordon serve` speaks: uvicorn's httptools protocol with a header deadline.

uvicorn closes an idle keep-alive connection, but not one that sends its request *headers*
slowly (slowloris: a byte a second, never finishing — each such connection is held forever,
and a few hundred of them exhaust the server's file descriptors). Here a request's headers must
be complete within ``CORDON_HEADER_TIMEOUT`` seconds of the connection opening (or, on a
kept-alive connection, of the request's first byte); otherwise the client is answered 408 and
the connection closed. A stalled *body* is the ASGI layer's business
(:class:`cordon.api.security.BodySizeLimit`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from cordon.limits import get_limits


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """httptools protocol that answers 408 and closes when headers do not arrive in time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_limits().header_timeout
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the header deadline as soon as the client connects."""
        super().connection_made(transport)
        self._arm_header_timer()

    def on_message_begin(self) -> None:
        """A request's first byte: its headers are now due (unless the deadline already runs)."""
        super().on_message_begin()
        if self._header_timer is None:
            self._arm_header_timer()

    def on_headers_complete(self) -> None:
        """The headers arrived in time: the deadline is off for this request."""
        self._cancel_header_timer()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the deadline with the connection."""
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_timed_out)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_timed_out(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        body = f"Request headers not received within {self.header_timeout:g} s.".encode()
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(body), body)
        )
        self.transport.close()
