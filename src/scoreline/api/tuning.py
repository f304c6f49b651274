"""Hyper-parameter sweeps (``scoreline tune``): one task per setting and fold.

The protocol is in :mod:`scoreline.evaluate.tune` and ``docs/models.md``: candidates are
ranked on tuning folds that end by 2019-01-01; the 2019-2026 test period is scored once
per candidate and reported, never used to choose.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline.api._execution import Task, executor
from scoreline.api._store import get_store

if TYPE_CHECKING:
    from distributed import Client

    from scoreline.evaluate.tune import FoldScore, LeaderboardRow, ParamValue


@dataclass(frozen=True)
class TuneResult:
    """The leaderboard of a sweep.

    Attributes
    ----------
    model : str
        Model name.
    refit : str
        Refit cadence of every walk-forward backtest.
    folds : list of (date, date)
        Tuning folds ``[since, until)``.
    test_period : (date, date) or None
        The test period ``[2019-01-01, end)``, or None when it was not run.
    rows : list of LeaderboardRow
        Candidates best first by pooled tuning RPS (mean over the tuning folds' matches).
    scheduler : str
        Where the tasks ran.
    n_tasks : int
        Tasks run (settings x folds, test blocks included).
    seconds : float
        Wall time of the sweep.
    """

    model: str
    refit: str
    folds: list[tuple[Any, Any]]
    test_period: tuple[Any, Any] | None
    rows: list[LeaderboardRow]
    scheduler: str
    n_tasks: int
    seconds: float

    @property
    def best(self) -> LeaderboardRow:
        """The chosen candidate: lowest tuning RPS (the test period plays no part)."""
        return self.rows[0]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: settings and one record per candidate (``rank``, ``params``,
        ``rps``, ``log_loss``, ``brier``, ``n_matches``, ``fold_rps``, ``test_rps``, ...);
        dates as ``datetime.date``, missing test figures as None."""
        def num(x: float) -> float | None:
            return None if math.isnan(x) else x

        return {
            "model": self.model, "refit": self.refit, "scheduler": self.scheduler,
            "n_tasks": self.n_tasks, "seconds": self.seconds,
            "folds": [{"since": a, "until": b} for a, b in self.folds],
            "test_period": None if self.test_period is None else {
                "since": self.test_period[0], "until": self.test_period[1]},
            "leaderboard": [
                {"rank": r.rank, "params": dict(r.spec.params), "n_matches": r.n_matches,
                 "rps": r.rps, "log_loss": r.log_loss, "brier": r.brier,
                 "fold_rps": r.fold_rps, "test_n_matches": r.test_n_matches,
                 "test_rps": num(r.test_rps), "test_log_loss": num(r.test_log_loss),
                 "test_brier": num(r.test_brier)}
                for r in self.rows
            ],
        }


def tune(
    model: str = "default",
    params: Mapping[str, Sequence[ParamValue]] | Sequence[str] = (),
    *,
    folds: str | int | Sequence[int] = 4,
    refit: str = "7D",
    test: bool = True,
    scheduler: str | None = None,
    client: Client | None = None,
    db: str | Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> TuneResult:
    """Sweep a model's hyper-parameters with walk-forward backtests on time-block folds.

    Parameters
    ----------
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    params : mapping or sequence of str
        Values per constructor argument (``{"xi": [0.0012, 0.0018]}``) or CLI strings
        ``"xi=0.0012,0.0018"``; every combination is a candidate (none: the defaults).
    folds : int, str or sequence of int
        ``N`` yearly tuning folds ending 2018-12-31, or their start years
        (``"2014,2016,2018"`` gives 2014-2015, 2016-2017, 2018).
    refit : str
        Refit cadence of the walk-forward backtests (``'7D'``, ``'30D'``).
    test : bool
        Also score every candidate on the test period (2019-01-01 to the last match), in
        yearly blocks; reported, never used for the ranking.
    scheduler : str, optional
        ``none`` (default), ``local``, ``local:N`` or ``tcp://HOST:PORT``.
    client : distributed.Client, optional
        Run on this Dask client instead.
    db : path, optional
        Store file.
    progress : callable(done, total, note), optional
        After each finished task; ``note`` names the leader so far.

    Raises
    ------
    InvalidParameterError
        An unknown model or parameter, a value the model rejects, bad folds or cadence.
    OptionalDependencyError
        A Dask scheduler without the ``distributed`` extra.
    TaskError
        A task failed (the message names the setting and the fold).
    """
    import pandas as pd

    from scoreline.evaluate.tune import (
        Leaderboard,
        holdout_folds,
        parse_param,
        score_fold,
        settings_grid,
        tuning_folds,
    )
    from scoreline.forecast.walk_forward import parse_refit

    grid: dict[str, Sequence[ParamValue]] = {}
    if isinstance(params, Mapping):
        grid = dict(params)
    else:
        for text in params:
            name, values = parse_param(text)
            grid[name] = values
    specs = settings_grid(model, grid)
    fold_list = tuning_folds(folds)
    parse_refit(refit)
    store = get_store(db)
    matches = store.matches()
    end = pd.Timestamp(matches["date"].iloc[-1]) + pd.Timedelta(days=1)
    tests = holdout_folds(end) if test else []
    board = Leaderboard(specs)
    clock = time.perf_counter()
    with executor(scheduler, client) as ex:
        shared = ex.share(matches)
        # tuning folds first: the ranking fills in before the test blocks run
        tasks: list[Task[FoldScore]] = [
            Task(f"{spec.name} with {spec.label()}, fold {fold.label()}", score_fold,
                 (shared, spec, fold, refit))
            for group in (fold_list, tests) for fold in group for spec in specs
        ]

        def tick(k: int, score: FoldScore) -> None:
            board.add(score)
            if progress is not None:
                lead = board.rows()[0]
                note = "" if math.isnan(lead.rps) else (
                    f"leader {lead.spec.label()} (RPS {lead.rps:.4f})")
                progress(len(board.scores), len(tasks), note)

        ex.run(tasks, tick)
        where = ex.name
    return TuneResult(
        model=model, refit=refit,
        folds=[(f.since.date(), f.until.date()) for f in fold_list],
        test_period=(tests[0].since.date(), tests[-1].until.date()) if tests else None,
        rows=board.rows(), scheduler=where, n_tasks=len(tasks),
        seconds=time.perf_counter() - clock,
    )


__all__ = ["TuneResult", "tune"]
