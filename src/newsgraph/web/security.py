"""What guards the web surface: an API token off loopback, a bound on request bodies, NUL
characters and lone surrogates refused (400/422, never a 500 from the store or the reply).

The guards are plain ASGI middleware and a validator, added by ``create_app``. newsgraph never
fetches a URL given by a user: ``url`` fields (``POST /api/analyze``, stored articles) are
metadata that is shown, never requested, so there is no server-side fetching to switch on or
to restrict.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

TOKEN_ENV = "NEWSGRAPH_API_TOKEN"
TOKEN_COOKIE = "newsgraph_token"
MAX_BODY_BYTES = 8 * 1024 * 1024  # a 1,000,000-character article in 4-byte UTF-8, plus JSON

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def unicode_text(value: str) -> str:
    """``value`` if it is text a store can keep and a reply can encode: no lone surrogate (JSON
    may carry ``"\\ud800"``), no NUL. A pydantic validator; its error is a 422."""
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise ValueError("holds a lone surrogate: not valid Unicode text")
    if "\x00" in value:
        raise ValueError("holds a NUL character")
    return value


async def validation_error(_: Request, exc: Exception) -> Response:
    """FastAPI's 422 reply, written as ASCII JSON: it quotes the input, which may hold lone
    surrogates that cannot be encoded as UTF-8 (the default reply would then fail with 500)."""
    assert isinstance(exc, RequestValidationError)
    body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
    return Response(body, status_code=422, media_type="application/json")


class InsecureBindError(ValueError):
    """Serving on a non-loopback address without an API token."""


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (``127.0.0.0/8``, ``::1``)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def required_token(host: str, token: str | None) -> str | None:
    """The token to require (``token``, else env ``NEWSGRAPH_API_TOKEN``); ``None`` on loopback
    without one. Raises ``InsecureBindError`` for any other host without a token."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and not is_loopback(host):
        raise InsecureBindError(
            f"refusing to serve on {host!r} without an API token: pass --token or set {TOKEN_ENV}"
        )
    return token


async def _reply(send: Send, status: int, detail: str,
                 headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *(headers or []),
    ]})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


class TokenMiddleware:
    """Every HTTP request must carry the token: ``Authorization: Bearer <token>``, the
    ``newsgraph_token`` cookie, or ``?token=<token>`` (which also sets the cookie, so a browser
    opened on ``/?token=...`` can follow the UI's links)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    def _matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        auth = _header(scope, b"authorization") or ""
        if auth[:7].lower() == "bearer " and self._matches(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        cookie = SimpleCookie()
        try:
            cookie.load(_header(scope, b"cookie") or "")
        except Exception:  # a malformed cookie header is no token
            cookie = SimpleCookie()
        if TOKEN_COOKIE in cookie and self._matches(unquote(cookie[TOKEN_COOKIE].value)):
            await self.app(scope, receive, send)
            return
        query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
        if any(self._matches(given) for given in query.get("token", [])[-1:]):
            await self.app(scope, receive, self._setting_cookie(send))
            return
        await _reply(send, 401, "an API token is required: send 'Authorization: Bearer <token>'",
                     [(b"www-authenticate", b"Bearer")])

    def _setting_cookie(self, send: Send) -> Send:
        value = quote(self.token.decode(), safe="")
        cookie = f"{TOKEN_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1")

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
            await send(message)

        return wrapped


class NulGuardMiddleware:
    """Refuse a path or query string holding a NUL character with 400: no store keeps one
    (PostgreSQL rejects it in any text), so such a value is never meant."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = unquote(bytes(scope.get("query_string", b"")).decode("latin-1"))
            if "\x00" in query or "\x00" in scope.get("path", ""):
                await _reply(send, 400, "the request holds a NUL character")
                return
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, by their ``Content-Length`` before
    reading them, or, when streamed without one, as soon as they pass the bound."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> str:
        return f"request body is over the limit of {self.max_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                await _reply(send, 400, f"invalid Content-Length {length[:40]!r}")
                return
            if int(length) > self.max_bytes:
                await _reply(send, 413, self._too_large())
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge(413, self._too_large())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _reply(send, 413, self._too_large())


class _BodyTooLarge(HTTPException):
    """Raised from ``receive`` inside a route, so FastAPI answers it as a 413."""
