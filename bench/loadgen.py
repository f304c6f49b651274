"""A lean HTTP/1.1 client for the load benches: keep-alive GETs on plain asyncio streams.

httpx costs about a millisecond of CPU per request; at 200 requests per second on a
two-core machine that the server shares, the load generator itself became the bottleneck
(measured: a static file served at 62 requests/s with httpx as the client). This client
writes a fixed request line and reads the status line, the headers up to the blank line
and ``Content-Length`` bytes of body: tens of microseconds per request. It speaks only to
the servers the benches start on 127.0.0.1, whose answers always carry ``Content-Length``.
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import quote


class LeanClient:
    """Keep-alive connections to one host, opened as needed, at most ``max_connections``.

    Parameters
    ----------
    host, port : str, int
        The server (127.0.0.1 in the benches).
    max_connections : int
        Requests in flight at once; more wait for a free connection.
    timeout_s : float
        Longest wait for one answer, in seconds (then status 0).
    """

    def __init__(self, host: str, port: int, max_connections: int = 256,
                 timeout_s: float = 30.0) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._slots = asyncio.Semaphore(max_connections)
        self._open: set[asyncio.StreamWriter] = set()

    async def get(self, path: str) -> int:
        """GET ``path``; the status code (0 when the connection failed or timed out)."""
        async with self._slots:
            try:
                return await asyncio.wait_for(self._get(path), self.timeout_s)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                    TimeoutError, ValueError):
                return 0

    async def _get(self, path: str) -> int:
        target = quote(path, safe="/?&=:%+,")  # "United States" is not a valid request line
        request = f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode()
        while self._idle:
            reader, writer = self._idle.pop()
            try:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                break
            except (OSError, asyncio.IncompleteReadError):
                # the server closed this idle connection (uvicorn: after 5 s of keep-alive);
                # a GET is safe to send again, as every HTTP client does, on another one
                self._forget(writer)
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            self._open.add(writer)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length:
            await reader.readexactly(length)
        self._idle.append((reader, writer))
        return status

    def _forget(self, writer: asyncio.StreamWriter) -> None:
        self._open.discard(writer)
        writer.close()

    async def close(self) -> None:
        """Close every connection."""
        for writer in self._open:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        self._open.clear()
        self._idle.clear()
