"""Backtests split into time blocks and run on an executor; several models side by side.

Each block ``[start, stop)`` is an ordinary walk-forward backtest, fitted from scratch on
the matches before ``start`` and warm-started refit after refit inside the block. Block
edges fall on the refit days of the single run over the whole window
(:func:`scoreline.evaluate.backtest.time_blocks`), so the merged result equals the single
run up to the optimiser tolerance of warm starts (Elo: exactly).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline.api._execution import Executor, Task, executor
from scoreline.api._store import _day, get_store

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client

    from scoreline.evaluate.backtest import BacktestResult


def _backtest_models(
    ex: Executor,
    matches: pd.DataFrame,
    models: Sequence[str],
    since: pd.Timestamp | dt.date,
    until: pd.Timestamp | dt.date,
    *,
    tournament: str | None = None,
    refit: str = "7D",
    blocks: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[BacktestResult], int]:
    """Backtest each model over ``[since, until)``, in ``blocks`` time blocks per model.

    ``blocks`` defaults to 1 in-process (the single walk-forward run) and to twice the
    executor's worker threads on Dask. The match table goes to the workers once.
    Returns the results (one per model) and the number of blocks per model.
    """
    import pandas as pd

    from scoreline.api._execution import InProcess
    from scoreline.evaluate.backtest import backtest, merge_backtests, scored_fixtures, time_blocks
    from scoreline.evaluate.tune import ModelSpec

    since, until = pd.Timestamp(since), pd.Timestamp(until)
    n_blocks = blocks if blocks is not None else (
        1 if isinstance(ex, InProcess) else 2 * ex.threads)
    edges = time_blocks(matches, since, until, n_blocks, tournament=tournament, refit=refit)
    total = len(scored_fixtures(matches, since, until, tournament)[0]) * len(models)
    clock = time.perf_counter()
    shared = ex.share(matches)
    tasks: list[Task[BacktestResult]] = [
        Task(f"backtest of {name}, block {a.date()}..{b.date()}", backtest,
             (shared, ModelSpec(name).build, a, b), {"tournament": tournament, "refit": refit})
        for name in models for a, b in edges
    ]
    done = [0]

    def tick(_: int, part: BacktestResult) -> None:
        done[0] += part.scores.n_matches
        if progress is not None:
            progress(done[0], total)

    parts = ex.run(tasks, tick)
    seconds = time.perf_counter() - clock
    k = len(edges)
    return [merge_backtests(parts[i * k:(i + 1) * k], seconds=seconds)
            for i in range(len(models))], k


@dataclass(frozen=True)
class ModelComparison:
    """Walk-forward backtests of several models on the same matches.

    Attributes
    ----------
    results : list of BacktestResult
        One per model, in the order asked.
    scheduler : str
        Where it ran (``none``, ``local:2``, an address).
    blocks : int
        Time blocks per model.
    seconds : float
        Wall time of the whole comparison.
    """

    results: list[BacktestResult]
    scheduler: str
    blocks: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: per model ``model``, ``n_matches``, ``n_excluded``, ``rps``,
        ``log_loss``, ``brier``, ``accuracy``; dates as ``datetime.date``."""
        head = self.results[0]
        return {
            "since": head.since.date(), "until": head.until.date(),
            "tournament": head.tournament, "refit": head.refit, "scheduler": self.scheduler,
            "blocks": self.blocks, "seconds": self.seconds,
            "models": [
                {"model": r.model, "n_matches": r.scores.n_matches, "n_excluded": r.n_excluded,
                 "rps": r.scores.rps, "log_loss": r.scores.log_loss, "brier": r.scores.brier,
                 "accuracy": r.scores.accuracy}
                for r in self.results
            ],
        }


def compare_models(
    models: Sequence[str],
    since: Any = "2010-01-01",
    until: Any = None,
    *,
    tournament: str | None = None,
    refit: str = "7D",
    blocks: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    db: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ModelComparison:
    """Walk-forward backtests of several models (``scoreline backtest --models a,b,c``).

    Parameters
    ----------
    models : sequence of str
        Model names (see :func:`scoreline.models.get_model`).
    since, until : date-like
        Window of the forecast matches, ``until`` exclusive (default: after the last match).
    tournament : str, optional
        Score only this tournament's matches (the models still learn from all).
    refit : str
        Refit cadence: ``'1D'``, ``'7D'``, ``'30D'``.
    blocks : int, optional
        Time blocks per model (default: 1 in-process, twice the worker threads on Dask).
    scheduler : str, optional
        ``none`` (default), ``local``, ``local:N`` or ``tcp://HOST:PORT``.
    client : distributed.Client, optional
        Run on this Dask client instead of ``scheduler``.
    db : path, optional
        Store file.
    progress : callable(done, total), optional
        Matches forecast so far, after each block.

    Raises
    ------
    InvalidParameterError
        No or an unknown model name, a bad window, cadence or scheduler.
    OptionalDependencyError
        A Dask scheduler without the ``distributed`` extra.
    TaskError
        A block failed (the message names the model and the block).
    """
    import pandas as pd

    from scoreline.api.forecasts import model_factory
    from scoreline.errors import InvalidParameterError

    names = [m.strip() for m in models if m.strip()]
    if not names:
        raise InvalidParameterError("--models: expected one or more model names, e.g. elo,default")
    for name in names:
        model_factory(name)  # an unknown name fails before any data is read
    store = get_store(db)
    matches = store.matches()
    scope = store.resolve_tournament(tournament) if tournament else None
    start = _day(since, "since")
    stop = _day(until, "until") or pd.Timestamp(matches["date"].iloc[-1]) + pd.Timedelta(days=1)
    clock = time.perf_counter()
    with executor(scheduler, client) as ex:
        results, n_blocks = _backtest_models(
            ex, matches, names, start, stop, tournament=scope, refit=refit, blocks=blocks,
            progress=progress,
        )
        where = ex.name
    return ModelComparison(results, where, n_blocks, time.perf_counter() - clock)


__all__ = ["ModelComparison", "compare_models"]
