"""Admission control for the expensive requests: fits, simulations, rankings, article checks.

A busy match day must not knock the server over, so heavy work never runs in the process
that answers the requests. It runs on a :class:`concurrent.futures.ProcessPoolExecutor`
of a few worker processes (:mod:`scoreline.web.jobs`), behind a bounded number of
admitted jobs, all decided in the server process:

- **single flight**: a request whose key is already being computed waits for that
  computation instead of starting another (fifty identical requests, one job);
- **bounded queue**: when ``workers + queue`` distinct jobs are admitted, a new one is
  refused at once with :class:`~scoreline.errors.BusyError` (503 with ``Retry-After``)
  instead of piling up;
- **time budget**: a request waits at most ``budget_s`` seconds; past it, it is answered
  503 while the job runs on and hands its result to the cache, so the retry is a hit.

The Python parts of a fit or a simulation hold their own process's interpreter lock,
not the server's: the event loop only sends a job's arguments and reads its pickled
result. Light and cached routes never come here, so they are never queued behind heavy
ones. A thread pool (``processes=False``) keeps the same rules in one process, for
callers whose jobs cannot be pickled.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import multiprocessing
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from scoreline.errors import BusyError
from scoreline.web import jobs

log = logging.getLogger("scoreline.web")

T = TypeVar("T")

FORKSERVER_PRELOAD: list[str] = []
"""Modules the fork server imports once, before it forks the workers: none.

Each worker imports what it needs itself (the job wrapper when it unpickles its start-up
function, NumPy, pandas, DuckDB and the models with its first job, at start-up). A page a
worker inherits from the fork server still counts in the worker's resident set, so a
preload saves no worker memory and costs the fork server its own: preloading NumPy, pandas
and DuckDB made it a process of 115-135 MB resident (measured after the start-up warm-up:
1,102 MB as a sum of resident sets with that preload, 1,028 MB without), preloading only
the job wrapper (``scoreline.web.jobs``, which loads the API package and NumPy) one of 33
MB; with nothing it is 13 MB."""


def _context() -> multiprocessing.context.BaseContext:
    """Fork server where there is one (workers are forked from a small clean process
    holding no threads or connections of the server's), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


class HeavyPool:
    """A bounded pool of worker processes for heavy API calls, with single flight per key.

    Parameters
    ----------
    workers : int
        Jobs computing at once: worker processes (or threads), at least 1.
    queue : int
        Admitted jobs waiting for a worker beyond those running (at least 0).
    budget_s : float
        Longest time a request waits for its job, in seconds.
    processes : bool
        Worker processes (the default) or threads of this process.
    db : str or None
        The store the workers open read-only at their start.
    niceness : int
        Added to the workers' nice value, so that light answers get the CPU first.

    Attributes
    ----------
    started : int
        Jobs started (a request joining a running job does not start one).
    refused : int
        Requests refused because the queue was full.
    """

    def __init__(self, workers: int, queue: int, budget_s: float, *, processes: bool = True,
                 db: str | None = None, niceness: int = 10) -> None:
        self.workers = max(1, int(workers))
        self.queue = max(0, int(queue))
        self.budget_s = float(budget_s)
        self.processes = processes
        self.db = db
        self.niceness = niceness
        self.started = 0
        self.refused = 0
        self._executor: Executor | None = None
        self._executor_lock = threading.Lock()
        self._lock = threading.Lock()
        self._inflight: dict[Hashable, asyncio.Task[Any]] = {}
        self._admitted = 0
        self._worker_stats: dict[int, dict[str, int]] = {}

    @property
    def capacity(self) -> int:
        """Distinct jobs admitted at once (running or waiting)."""
        return self.workers + self.queue

    @property
    def admitted(self) -> int:
        """Jobs admitted and not finished."""
        return self._admitted

    @property
    def worker_pids(self) -> list[int]:
        """Worker processes that have finished a job (none with threads)."""
        with self._lock:
            return sorted(self._worker_stats)

    def worker_stats(self) -> dict[str, int]:
        """The cache counts (``api.cache_stats``) of every worker process, added up, as of
        each one's latest job."""
        total: dict[str, int] = {}
        with self._lock:
            for stats in self._worker_stats.values():
                for name, count in stats.items():
                    total[name] = total.get(name, 0) + count
        return total

    def _pool(self) -> Executor:
        with self._executor_lock:
            if self._executor is None:
                if self.processes:
                    self._executor = ProcessPoolExecutor(
                        self.workers, mp_context=_context(), initializer=jobs.start_worker,
                        initargs=(jobs.worker_env(), self.db, self.niceness))
                else:
                    self._executor = ThreadPoolExecutor(self.workers,
                                                        thread_name_prefix="scoreline-heavy")
            return self._executor

    def start(self) -> None:
        """Start the worker processes now rather than on the first heavy request."""
        pool = self._pool()
        for _ in range(self.workers):
            pool.submit(jobs.ready)

    def run_apart(self, job: Callable[[], T]) -> T:
        """``job()`` in a worker process started for it and ended after it (blocking).

        For work whose memory must not stay resident in a pool worker: compiling the
        kernels (numba's cache was cold, after an upgrade) leaves LLVM's memory of the
        compilation in the process that compiled, about 200 MB for the server's lifetime.
        Compiled apart, the kernels are in the on-disk cache and the pool's workers load
        them from there. With threads (``processes=False``), ``job()`` here.
        """
        if not self.processes:
            return job()
        with ProcessPoolExecutor(1, mp_context=_context(), initializer=jobs.start_worker,
                                 initargs=(jobs.worker_env(), self.db, self.niceness)) as once:
            done: jobs.Done[T] = once.submit(jobs.run, job).result()
        return done.value

    def shutdown(self, wait: bool = False) -> None:
        """Stop taking jobs and end the workers: at once, abandoning running jobs (the
        server is stopping; their results would have nowhere to go), or, with ``wait``,
        after the running jobs."""
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        # Python < 3.14 has no public terminate_workers(), and shutdown() forgets the
        # processes: take them first. Without this, the exit of the server would wait for
        # the longest running job (the pool's manager thread is joined at exit). The disk
        # caches' writes are atomic, so a job ended mid-way leaves nothing half-written.
        processes: dict[int, multiprocessing.process.BaseProcess] = dict(
            getattr(executor, "_processes", None) or {})
        executor.shutdown(wait=wait, cancel_futures=True)
        if not wait:
            for process in processes.values():
                process.terminate()

    def _broken(self, executor: Executor) -> None:
        """Replace a pool whose worker died (killed, out of memory): the next job starts a
        new one; the jobs it held are answered 503."""
        with self._executor_lock:
            if self._executor is executor:
                log.error("a heavy worker process stopped; starting a new pool")
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None

    def _retry_after(self) -> int:
        return max(1, math.ceil(self.budget_s))

    async def _settle(self, key: Hashable, job: Callable[[], T],
                      keep: Callable[[T], None] | None) -> T:
        """Submit ``job``, wait for it, record its worker's counts and keep its result."""
        executor = self._pool()
        try:
            done: jobs.Done[T] = await asyncio.wrap_future(executor.submit(jobs.run, job))
        except BrokenProcessPool:
            self._broken(executor)
            raise BusyError("a heavy worker process stopped; retry in "
                            f"{self._retry_after()} s", self._retry_after()) from None
        finally:
            with self._lock:
                self._admitted -= 1
                if self._inflight.get(key) is asyncio.current_task():
                    del self._inflight[key]
        if self.processes:
            with self._lock:
                self._worker_stats[done.pid] = done.stats
        if keep is not None:
            keep(done.value)  # before any waiter resumes: the retry of a late request hits
        return done.value

    async def run(self, key: Hashable, job: Callable[[], T], *,
                  keep: Callable[[T], None] | None = None, budget: bool = True) -> T:
        """The result of ``job()``, shared by every concurrent request with ``key``.

        Must be called on the event loop (an ``async def`` route).

        Parameters
        ----------
        key : hashable
            What the job computes (the request's inputs).
        job : callable
            No arguments; picklable for a process pool (``functools.partial`` of a
            module-level function).
        keep : callable, optional
            Called with the result in this process as soon as the job ends, also when
            the request that started it is gone (it fills the cache).
        budget : bool
            Give up waiting after ``budget_s`` (False: the start-up warm-up waits).

        Raises
        ------
        BusyError
            The queue is full (at once), the job outlasted the time budget, or its worker
            process died.
        """
        loop = asyncio.get_running_loop()
        with self._lock:
            task = self._inflight.get(key)
            if task is not None and task.get_loop() is not loop:
                task = None  # another loop's job (the caches still share its result)
            if task is None:
                if self._admitted >= self.capacity:
                    self.refused += 1
                    raise BusyError(f"the server is busy ({self._admitted} heavy requests "
                                    f"in progress); retry in {self._retry_after()} s",
                                    self._retry_after())
                self._admitted += 1
                self.started += 1
                task = loop.create_task(self._settle(key, job, keep))
                self._inflight[key] = task
                task.add_done_callback(_retrieve)
        if not budget:
            return await asyncio.shield(task)
        try:
            return await asyncio.wait_for(asyncio.shield(task), self.budget_s)
        except TimeoutError:
            raise BusyError(f"this request needs more than {self.budget_s:g} s; it goes on "
                            f"computing: retry in {self._retry_after()} s for the result",
                            self._retry_after()) from None


def _retrieve(task: asyncio.Task[Any]) -> None:
    """Read a finished job's exception, so that a job whose requests are gone logs no
    "exception was never retrieved" warning."""
    if not task.cancelled():
        task.exception()


def call(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Callable[[], T]:
    """A picklable job: ``fn(*args, **kwargs)`` with ``fn`` a module-level function."""
    return functools.partial(fn, *args, **kwargs)
