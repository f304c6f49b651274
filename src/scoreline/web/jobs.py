"""What the heavy-work processes run: the start-up of a worker and the wrapper of a job.

The server's :class:`~scoreline.web.heavy.HeavyPool` runs fits, simulations, rankings,
article checks and match replays in a few worker processes, so that the Python parts of
that work never hold the event-loop process's interpreter lock. A job is a picklable
call of :mod:`scoreline.api` (``functools.partial`` of an API function and plain
arguments); its result travels back pickled, and the parent process caches it.

Workers open the store read-only (DuckDB lets many processes read one file) and share the
on-disk caches of the machine (fitted models, forecasts, compiled kernels), so a fit done
by one worker is read, not redone, by the others and by the next server.

After every job a worker hands the C heap's free pages back to the system
(:func:`release_memory`): a fit or a simulation allocates tens of MB of temporary arrays,
and glibc's allocator would otherwise keep them resident between jobs.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Generic, TypeVar

from scoreline import api
from scoreline.errors import ScorelineError

log = logging.getLogger("scoreline.web")

T = TypeVar("T")

WORKER_ENV_PREFIXES = ("SCORELINE_", "XDG_", "NUMBA_", "MPL")
"""Environment variables a worker takes from the server at the pool's creation (store and
cache locations), whatever the environment of the process it was forked from."""


WORKER_FITS_IN_MEMORY = 4
"""Fitted models a heavy worker keeps in memory (``$SCORELINE_FITS_IN_MEMORY`` if set)."""


def worker_env() -> dict[str, str]:
    """The server's variables that say where the store and the caches are."""
    return {k: v for k, v in os.environ.items() if k.startswith(WORKER_ENV_PREFIXES)}


def start_worker(env: dict[str, str], db: str | None, niceness: int) -> None:
    """Initialise a worker process: pandas without pyarrow, the server's cache locations,
    one compiled-kernel thread (the pool's processes are the parallelism), a lower CPU
    priority and the store opened.

    Parameters
    ----------
    env : dict
        :func:`worker_env` of the server.
    db : str or None
        The store the server reads.
    niceness : int
        Added to the worker's nice value (0: none), so that when the cores are busy the
        server's event loop, answering light requests, gets them first.
    """
    # pandas without pyarrow: about 33 MB less resident per worker (the fork server has
    # imported neither, so this comes before pandas' first import).
    api.pandas_without_arrow()
    os.environ.update(env)
    os.environ.setdefault("NUMBA_NUM_THREADS", "1")
    # Four fits in memory, not sixteen: each holds its Elo match history (about 2.7 MB for
    # the default model) and every fit is on disk anyway, shared by all the workers, read
    # back without that history. Read when the forecasting module is first imported,
    # which in a worker is after this.
    os.environ.setdefault("SCORELINE_FITS_IN_MEMORY", str(WORKER_FITS_IN_MEMORY))
    _exit_with_server()
    if niceness > 0:
        with contextlib.suppress(OSError):
            os.nice(niceness)
    try:
        api.get_store(db, read_only=True)
    except ScorelineError as exc:  # each job will then answer this error itself
        log.warning("heavy worker %d cannot open the store: %s", os.getpid(), exc)


def _exit_with_server() -> None:
    """End this worker when the server process that asked for it ends, however it ends
    (a worker forked by the fork server is not the server's child, and would otherwise
    wait for jobs forever after the server was killed)."""
    server = multiprocessing.parent_process()
    if server is None:
        return

    def watch() -> None:
        wait([server.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="scoreline-server-watch", daemon=True).start()


@dataclass(frozen=True)
class Done(Generic[T]):
    """A finished job: its value and the cache counts of the process that ran it.

    Attributes
    ----------
    value : object
        What the job returned.
    pid : int
        The worker process.
    stats : dict
        ``api.cache_stats()`` of that process after the job (fits run, models and
        forecasts held), so that the server's health adds up every worker's.
    """

    value: T
    pid: int
    stats: dict[str, int]


def run(job: Callable[[], T]) -> Done[T]:
    """Run ``job()`` in this worker and say which process ran it, with its cache counts;
    the job's freed memory goes back to the system before the next one."""
    try:
        value = job()
    finally:
        release_memory()
    return Done(value, os.getpid(), {k: int(v) for k, v in api.cache_stats().to_dict().items()})


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_memory() -> bool:
    """Return the free pages of the C heap to the system (``malloc_trim(0)``: free memory
    at the top of the heap and whole free pages inside it), so that a worker's resident
    memory after a big job falls back to what it holds. A few milliseconds.

    Returns
    -------
    bool
        Whether the C library can do it (glibc); elsewhere nothing happens.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def ready() -> int:
    """Nothing; makes the pool start a process (the server starts its workers at start-up)."""
    return os.getpid()


def match_page(date: str, home: str, away: str,
               db: str | None) -> tuple[api.MatchReplay, api.Story]:
    """The replay and the story of one played match (the match page's two heavy parts)."""
    return (api.match_replay(date, home, away, db=db),
            api.story(date, home, away, fmt=None, db=db))
