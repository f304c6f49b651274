"""Where heavy jobs run: in this process (the default) or on Dask distributed.

A job is a list of :class:`Task` (a pure function of scoreline's lower layers and its
arguments). :func:`executor` gives an :class:`Executor` for a ``scheduler`` string:

- ``none`` (default): a plain loop over the tasks in this process; Dask is not imported.
- ``local`` or ``local:N``: a ``LocalCluster`` of N worker processes (default: one per
  core), one thread each, bound to 127.0.0.1 with no dashboard, started and closed here.
- ``tcp://HOST:PORT``: an existing Dask scheduler (``dask scheduler`` + ``dask worker``,
  or any deployment Dask supports); only the client is closed afterwards.

A caller may pass its own ``distributed.Client`` instead (notebooks); it is left open.
Large shared inputs (the match table, pair grids) go to the workers once
(:meth:`Executor.share`, scattered to every worker so that losing one loses no data);
workers never read or write the store. A worker that dies has its tasks rerun elsewhere
by Dask; a task that raises stops the job with one :class:`~scoreline.errors.TaskError`
naming the task; Ctrl-C cancels the pending tasks and closes a cluster started here.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from scoreline.errors import InvalidParameterError, OptionalDependencyError, TaskError

if TYPE_CHECKING:
    from distributed import Client

    from scoreline.tournament.simulate import SimulationResult

logger = logging.getLogger(__name__)

R = TypeVar("R")

INSTALL_HINT = "pip install 'scoreline[distributed]'"
"""The command that installs the optional Dask extra."""

SCHEDULER_HELP = (
    "Where to run: none (in-process), local or local:N (a Dask cluster of N worker "
    "processes on this machine), or tcp://HOST:PORT (a running Dask scheduler)."
)

WORKER_ENV = {"NUMBA_NUM_THREADS": "1", "MALLOC_TRIM_THRESHOLD_": str(64 << 20)}
"""Environment of local worker processes: one numba thread each (one core per worker, no
oversubscription), and glibc's trim threshold back to tens of MB: Dask's nanny sets it to
64 KiB, which makes the fits' large temporary arrays fault their pages back in on every
allocation (measured: about 65 % more CPU per sweep task)."""

_BEFORE_SPAWN = ("MALLOC_TRIM_THRESHOLD_",)
"""Variables read at process start (glibc): the nanny must export them before it spawns."""

_LOCAL = re.compile(r"^local(?::(\d+))?$")
_REMOTE = re.compile(r"^(tcp|tls)://[^\s:/]+:\d+$")


@dataclass(frozen=True)
class Scheduler:
    """A parsed ``--scheduler`` value.

    Attributes
    ----------
    kind : {'none', 'local', 'remote'}
    workers : int or None
        Worker processes of a local cluster (None: one per core).
    address : str or None
        Scheduler address of a remote cluster.
    """

    kind: Literal["none", "local", "remote"]
    workers: int | None = None
    address: str | None = None

    def __str__(self) -> str:
        if self.kind == "local":
            return "local" if self.workers is None else f"local:{self.workers}"
        return self.address if self.kind == "remote" and self.address else "none"


def parse_scheduler(value: str | None) -> Scheduler:
    """Parse ``none``, ``local``, ``local:N`` or ``tcp://HOST:PORT``.

    Raises
    ------
    InvalidParameterError
        Any other form, or ``local:0``.
    """
    text = (value or "none").strip()
    if text.lower() in ("none", "", "in-process"):
        return Scheduler("none")
    local = _LOCAL.match(text.lower())
    if local:
        n = int(local.group(1)) if local.group(1) else None
        if n is not None and not 1 <= n <= 512:
            raise InvalidParameterError(f"--scheduler {text!r}: expected local:N with N in 1..512")
        return Scheduler("local", workers=n)
    if _REMOTE.match(text):
        return Scheduler("remote", address=text)
    raise InvalidParameterError(
        f"--scheduler {text!r}: expected none, local, local:N or tcp://HOST:PORT"
    )


def require_distributed() -> ModuleType:
    """The ``distributed`` module, or a clear error with the install command.

    Raises
    ------
    OptionalDependencyError
        The ``distributed`` extra is not installed.
    """
    try:
        import distributed
    except ImportError:
        raise OptionalDependencyError(
            f"running on Dask needs the optional 'distributed' extra; install it with: "
            f"{INSTALL_HINT}"
        ) from None
    return distributed


@dataclass(frozen=True)
class Task(Generic[R]):
    """One unit of a job: ``fn(*args, **kwargs)``; ``label`` names it in errors."""

    label: str
    fn: Callable[..., R]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


class Executor(Protocol):
    """Runs tasks; implemented in-process (:class:`InProcess`) and on Dask (:class:`OnDask`)."""

    name: str
    threads: int

    def share(self, value: Any) -> Any:
        """Send ``value`` to the workers once; pass the returned handle as a task argument."""
        ...  # pragma: no cover

    def run(self, tasks: Sequence[Task[R]],
            on_done: Callable[[int, R], None] | None = None) -> list[R]:
        """Results in task order; ``on_done(index, result)`` as each task finishes."""
        ...  # pragma: no cover


class InProcess:
    """The default: the tasks run one after the other in this process."""

    name = "none"
    threads = 1

    def share(self, value: Any) -> Any:
        return value

    def run(self, tasks: Sequence[Task[R]],
            on_done: Callable[[int, R], None] | None = None) -> list[R]:
        results = []
        for k, task in enumerate(tasks):
            try:
                result = task.fn(*task.args, **task.kwargs)
            except Exception as exc:
                raise _task_error(task, exc) from exc
            results.append(result)
            if on_done is not None:
                on_done(k, result)
        return results


class OnDask:
    """Tasks submitted to a ``distributed.Client`` and gathered as they finish."""

    def __init__(self, client: Client, name: str) -> None:
        untyped: Any = client  # distributed ships no type hints
        self.client = untyped
        self.name = name
        self.threads = max(1, sum(untyped.nthreads().values()))

    def share(self, value: Any) -> Any:
        # broadcast: a copy on every worker, so that a worker lost mid-job loses no input
        return self.client.scatter([value], broadcast=True, hash=False)[0]

    def run(self, tasks: Sequence[Task[R]],
            on_done: Callable[[int, R], None] | None = None) -> list[R]:
        from distributed import as_completed as _as_completed

        as_completed: Any = _as_completed

        futures = [
            self.client.submit(t.fn, *t.args, key=f"scoreline-{k}-{os.urandom(6).hex()}",
                               pure=False, **t.kwargs)
            for k, t in enumerate(tasks)
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        results: list[Any] = [None] * len(tasks)
        try:
            for future in as_completed(futures):
                k = index[future.key]
                try:
                    results[k] = future.result()
                except Exception as exc:
                    raise _task_error(tasks[k], exc) from exc
                future.release()
                if on_done is not None:
                    on_done(k, results[k])
        except BaseException:  # a failed task, Ctrl-C: drop the work still queued
            self.client.cancel(futures)
            raise
        return results


def _task_error(task: Task[Any], exc: BaseException) -> TaskError:
    return TaskError(f"task failed: {task.label}: {type(exc).__name__}: {exc}")


@contextmanager
def executor(scheduler: str | None = None, client: Client | None = None) -> Iterator[Executor]:
    """An :class:`Executor` for a ``--scheduler`` value or an existing Dask client.

    Parameters
    ----------
    scheduler : str, optional
        ``none`` (default), ``local``, ``local:N`` or ``tcp://HOST:PORT``.
    client : distributed.Client, optional
        Run on this client's cluster instead (left open afterwards).

    Raises
    ------
    InvalidParameterError
        A malformed ``scheduler``.
    OptionalDependencyError
        A Dask scheduler without the ``distributed`` extra installed.
    """
    if client is not None:
        given: Any = client
        yield OnDask(client, f"client of {getattr(given.scheduler, 'address', 'a Dask cluster')}")
        return
    spec = parse_scheduler(scheduler)
    if spec.kind == "none":
        yield InProcess()
        return
    distributed = require_distributed()
    if spec.kind == "remote":
        with distributed.Client(spec.address, timeout="30s") as remote:
            yield OnDask(remote, str(spec))
        return
    with local_cluster(spec.workers or os.cpu_count() or 1) as cluster, \
            distributed.Client(cluster) as local:
        yield OnDask(local, str(spec))


@contextmanager
def local_cluster(n_workers: int) -> Iterator[Any]:
    """A ``LocalCluster`` of ``n_workers`` single-thread processes on 127.0.0.1, no dashboard
    (its HTTP server on a free local port), workers started with :data:`WORKER_ENV`."""
    import dask

    distributed = require_distributed()
    early = {k: v for k, v in WORKER_ENV.items() if k in _BEFORE_SPAWN}
    late = {k: v for k, v in WORKER_ENV.items() if k not in _BEFORE_SPAWN}
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"), **early)
    # the nanny exports pre-spawn variables into this process's environment before each
    # spawn (also when it restarts a dead worker) and never takes them back: restore them
    saved = {k: os.environ.get(k) for k in environ}
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}), \
                distributed.LocalCluster(
                    n_workers=n_workers, threads_per_worker=1, processes=True,
                    host="127.0.0.1", scheduler_port=0, dashboard_address=None,
                    silence_logs=logging.ERROR, env=late,
                    scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                ) as cluster:
            yield cluster
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# ---------------------------------------------------------------- simulations


def default_chunk(sims: int, threads: int) -> int:
    """Simulations per task: about four tasks per worker thread, at least 10,000."""
    return max(10_000, math.ceil(sims / (4 * threads)))


def chunked_simulator(ex: Executor, chunk: int | None = None) -> Callable[..., SimulationResult]:
    """A drop-in for :func:`scoreline.tournament.simulate.simulate` that splits the run.

    Simulations ``[0, sims)`` are cut into ranges of ``chunk``; each task simulates its
    range (every simulation has its own random stream, keyed by the seed and its index),
    and the integer counts are summed, so the result is identical for any chunk size and
    any executor. In-process without ``chunk``, this is the plain simulator.
    """
    from scoreline.tournament.simulate import merge_simulations, simulate

    if chunk is not None and (not isinstance(chunk, int) or chunk < 1):
        raise InvalidParameterError(f"chunk={chunk!r}: expected a positive number of simulations")
    if isinstance(ex, InProcess) and chunk is None:
        return simulate

    def run(fmt: Any, grids: Any, *, sims: int, progress: Callable[[int, int], None] | None = None,
            **kwargs: Any) -> SimulationResult:
        size = chunk or default_chunk(sims, ex.threads)
        starts = list(range(0, sims, size))
        if len(starts) == 1:
            return simulate(fmt, grids, sims=sims, progress=progress, **kwargs)
        fmt_h, grids_h = ex.share(fmt), ex.share(grids)
        fixed = kwargs.pop("fixed", None)
        fixed_h = ex.share(fixed) if fixed is not None else None
        tasks = [
            Task(f"simulations {a:,}..{min(a + size, sims) - 1:,} of {fmt.name}", simulate,
                 (fmt_h, grids_h),
                 dict(kwargs, fixed=fixed_h, sims=min(size, sims - a), first_sim=a))
            for a in starts
        ]
        done = [0]

        def tick(_: int, part: SimulationResult) -> None:
            done[0] += part.sims
            if progress is not None:
                progress(done[0], sims)

        return merge_simulations(ex.run(tasks, tick))

    return run


__all__ = [
    "INSTALL_HINT",
    "SCHEDULER_HELP",
    "WORKER_ENV",
    "Executor",
    "InProcess",
    "OnDask",
    "Scheduler",
    "Task",
    "chunked_simulator",
    "default_chunk",
    "executor",
    "local_cluster",
    "parse_scheduler",
    "require_distributed",
]
