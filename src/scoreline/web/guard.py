"""An ASGI middleware that every request passes through first.

It sets the security headers on every response (errors included), answers ``HEAD`` like
``GET`` without the body, refuses request
bodies over a size limit with 413 before reading them whole, and turns any exception
that escapes the app into a JSON 500 without a stack trace (the trace goes to the log).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("scoreline.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""Content Security Policy: everything from this origin only, no inline script or style."""

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed request body passes the limit.

    An HTTPException, so that FastAPI's body parsing lets it through as a 413 answer.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_payload(limit)["message"])


def _json_response(status: int, payload: Mapping[str, object]) -> tuple[Message, Message]:
    body = json.dumps(payload).encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS],
    }
    return start, {"type": "http.response.body", "body": body}


def too_large_payload(limit: int) -> dict[str, str]:
    """The JSON body of a 413 answer."""
    return {"error": "payload_too_large",
            "message": f"the request body is larger than {limit:,} bytes; send less"}


class GuardMiddleware:
    """Security headers, a request-body size limit and a last-resort JSON 500.

    Parameters
    ----------
    app : ASGI app
    max_body_bytes : int
        Larger bodies are refused with 413 (from ``Content-Length`` when given, else
        while streaming).
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    status = 413 if declared > limit else 400
                    payload = too_large_payload(limit) if status == 413 else {
                        "error": "bad_request", "message": "invalid Content-Length header"}
                    for message in _json_response(status, payload):
                        await send(message)
                    return
        head = scope.get("method") == "HEAD"
        if head:
            # every page and GET route answers HEAD: the same status and headers, no body
            scope = dict(scope, method="GET")
        headers = SECURITY_HEADERS
        if scope["path"].startswith("/static/"):
            headers = [*SECURITY_HEADERS, (b"cache-control", b"public, max-age=3600")]
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in headers if k not in present]
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                for message in _json_response(413, too_large_payload(limit)):
                    await send(message)
        except Exception:
            # Starlette's ServerErrorMiddleware has answered already (and re-raised).
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                payload = {"error": "internal_error",
                           "message": "internal error; the details are in the server log"}
                for message in _json_response(500, payload):
                    await send(message)
