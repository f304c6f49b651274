"""Admission control for the expensive requests: fits, simulations, rankings, article checks.

A busy match day must not knock the server over, so heavy work never runs on the
request threads. It runs on a small thread pool (as many threads as the machine has
cores to spare) behind a bounded number of admitted jobs:

- **single flight**: a request whose key is already being computed waits for that
  computation instead of starting another (fifty identical requests, one fit);
- **bounded queue**: when ``workers + queue`` distinct jobs are admitted, a new one is
  refused at once with :class:`~scoreline.errors.BusyError` (503 with ``Retry-After``)
  instead of piling up;
- **time budget**: a request waits at most ``budget_s`` seconds; past it, it is answered
  503 while the job runs on and caches its result, so the retry is a cache hit.

Light and cached routes never come here, so they are never queued behind heavy ones.
"""

from __future__ import annotations

import asyncio
import functools
import math
import sys
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scoreline.errors import BusyError

SWITCH_INTERVAL_S = 0.001
"""The interpreter's thread switch interval once heavy threads run beside the event loop."""


class HeavyPool:
    """A bounded pool for heavy API calls, with single flight per key.

    Parameters
    ----------
    workers : int
        Threads computing at once (at least 1).
    queue : int
        Admitted jobs waiting for a thread beyond those running (at least 0).
    budget_s : float
        Longest time a request waits for its job, in seconds.

    Attributes
    ----------
    started : int
        Jobs started (a request joining a running job does not start one).
    refused : int
        Requests refused because the queue was full.
    """

    def __init__(self, workers: int, queue: int, budget_s: float) -> None:
        self.workers = max(1, int(workers))
        self.queue = max(0, int(queue))
        self.budget_s = float(budget_s)
        self.started = 0
        self.refused = 0
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, asyncio.Future[Any]] = {}
        self._admitted = 0

    @property
    def capacity(self) -> int:
        """Distinct jobs admitted at once (running or waiting)."""
        return self.workers + self.queue

    @property
    def admitted(self) -> int:
        """Jobs admitted and not finished."""
        return self._admitted

    def _pool(self) -> ThreadPoolExecutor:
        with self._executor_lock:
            if self._executor is None:
                # Heavy threads hold the interpreter lock in the Python parts of a fit; the
                # event loop asks for it back at every step of every light request. A 1 ms
                # switch interval (instead of 5 ms) bounds what each step can wait.
                sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
                self._executor = ThreadPoolExecutor(self.workers,
                                                    thread_name_prefix="scoreline-heavy")
            return self._executor

    def background(self, work: Callable[[], Any]) -> None:
        """Run ``work`` on one of the pool's threads, with no request waiting for it (the
        start-up warm-up): heavy work never runs beside the pool, only inside it."""
        self._pool().submit(work)

    def shutdown(self) -> None:
        """Stop taking jobs; running ones finish in the background."""
        with self._executor_lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def _finished(self, key: Hashable, done: asyncio.Future[Any]) -> None:
        with self._lock:
            self._admitted -= 1
            if self._inflight.get(key) is done:
                del self._inflight[key]
        if not done.cancelled():
            done.exception()  # retrieved here: no "never retrieved" warning for waiters gone

    def _retry_after(self) -> int:
        return max(1, math.ceil(self.budget_s))

    async def run(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The result of ``compute()``, shared by every concurrent request with ``key``.

        Must be called on the event loop (an ``async def`` route).

        Raises
        ------
        BusyError
            The queue is full (at once), or the job outlasted the time budget.
        """
        loop = asyncio.get_running_loop()
        with self._lock:
            future = self._inflight.get(key)
            if future is not None and future.get_loop() is not loop:
                future = None  # another loop's job (the caches still share its result)
            if future is None:
                if self._admitted >= self.capacity:
                    self.refused += 1
                    raise BusyError(f"the server is busy ({self._admitted} heavy requests "
                                    f"in progress); retry in {self._retry_after()} s",
                                    self._retry_after())
                self._admitted += 1
                self.started += 1
                future = asyncio.wrap_future(self._pool().submit(compute), loop=loop)
                self._inflight[key] = future
                future.add_done_callback(functools.partial(self._finished, key))
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.budget_s)
        except TimeoutError:
            raise BusyError(f"this request needs more than {self.budget_s:g} s; it goes on "
                            f"computing: retry in {self._retry_after()} s for the result",
                            self._retry_after()) from None
