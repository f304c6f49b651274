"""Answers kept as the bytes that were sent: a repeated cached request skips the framework.

A match forecast asked for before is answered from memory, but through FastAPI that still
costs about a millisecond of CPU per request: route matching, parameter validation, the
result turned into JSON again. At a few hundred requests a second that is the server's
whole budget. :class:`AnswerCache` keeps the encoded body of such an answer under the
request's path and exact query string, and :class:`AnswerCacheMiddleware` sends it back
for the same request without entering the app. Only routes that put their answers here
are served this way (``/api/v1/predict``, ``/api/v1/h2h``); an answer is kept only after the route has
produced it, so the fast path answers exactly what the route answered, for exactly the
same request. The keys are the inputs of a pure function of the store, which a server only
reads (``scoreline data load`` needs the servers stopped), so entries never go stale while
the process lives; the least recently used go first past the size bound.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from scoreline.web.cache import ResultCache

JSON_TYPE = b"application/json"


def _key(scope: Scope) -> tuple[str, bytes]:
    return scope["path"], scope.get("query_string", b"")


class AnswerCache:
    """Encoded JSON bodies of successful GET answers, by path and raw query string.

    Parameters
    ----------
    size : int
        Answers kept (the least recently used dropped first).
    """

    def __init__(self, size: int) -> None:
        self._bodies = ResultCache(size)
        self.hits = 0

    def __len__(self) -> int:
        return len(self._bodies)

    def put(self, scope: Scope, body: bytes) -> None:
        """Keep ``body``, the JSON answered with 200 to the GET request of ``scope``."""
        self._bodies.put(_key(scope), body)

    def get(self, scope: Scope) -> bytes | None:
        """The body kept for the request of ``scope``, or None."""
        found, body = self._bodies.peek(_key(scope))
        return body if found else None


class AnswerCacheMiddleware:
    """Answers a GET request found in ``cache`` at once; passes every other request on.

    Inside :class:`~scoreline.web.guard.GuardMiddleware`, which adds the security headers
    to these answers like to any other (and turns ``HEAD`` into ``GET`` without a body).
    """

    def __init__(self, app: ASGIApp, cache: AnswerCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "GET":
            body = self.cache.get(scope)
            if body is not None:
                self.cache.hits += 1
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-length", str(len(body)).encode()),
                                        (b"content-type", JSON_TYPE)]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
