"""Forecast a tournament as of a date, and replay the forecast after every matchday.

No lookahead: the model is fitted on matches strictly before the as-of date
(``store.matches(until=as_of)``), and the tournament's matches played before that date are
fixed at their real results; everything else is simulated.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from scoreline.data.dates import parse_date
from scoreline.errors import InvalidParameterError
from scoreline.forecast.prematch import default_model_factory
from scoreline.models.protocol import Model, ModelFactory
from scoreline.tournament.format import TournamentFormat
from scoreline.tournament.played import load_tournament, tournament_matches
from scoreline.tournament.result import TimelineResult
from scoreline.tournament.simulate import (
    HOT_K,
    SimulationResult,
    fixed_results,
    pair_grids,
    simulate,
)

if TYPE_CHECKING:
    from scoreline.data.store import Store

logger = logging.getLogger(__name__)

Simulator = Callable[..., SimulationResult]
"""Runs the simulations: :func:`scoreline.tournament.simulate.simulate` or anything taking
the same arguments and giving the same result (e.g. the same ranges spread over workers)."""



def check_model_data(fmt: TournamentFormat, history: pd.DataFrame, as_of: dt.date) -> None:
    """Fail when the data before ``as_of`` cannot rate every team of the format."""
    if history.empty:
        raise InvalidParameterError(
            f"as_of={as_of}: the model has no data before this date (no match is older)"
        )
    # unique() first: iterating an Arrow-backed text column in Python is about 40 times slower
    played = set(history["home_team"].unique()).union(history["away_team"].unique())
    missing = [t for t in fmt.teams if t not in played]
    if missing:
        raise InvalidParameterError(
            f"as_of={as_of}: the model has no data for {', '.join(missing)} before this date "
            f"(first match in the data: {pd.Timestamp(history['date'].min()).date()}); "
            "choose a later date"
        )


def fit_model(
    store: Store,
    fmt: TournamentFormat,
    as_of: dt.date,
    model_factory: ModelFactory | None = None,
    warm_start: Model | None = None,
) -> Model:
    """Fit a fresh model on every match strictly before ``as_of``.

    ``warm_start`` (a fitted model of the same kind) is where the fit starts from; it is
    not changed.
    """
    history = store.matches(until=pd.Timestamp(as_of))
    check_model_data(fmt, history, as_of)
    model = (model_factory or default_model_factory())()
    return model.fit(history, warm_start=warm_start)


def forecast_tournament(
    store: Store,
    tournament: str | TournamentFormat,
    as_of: dt.date | str | None = None,
    *,
    sims: int = 100_000,
    seed: int = 0,
    hot: bool = False,
    hot_k: float = HOT_K,
    model_factory: ModelFactory | None = None,
    model: Model | None = None,
    progress: Callable[[int, int], None] | None = None,
    simulator: Simulator = simulate,
) -> SimulationResult:
    """Simulate a tournament as of a date (see :func:`scoreline.api.simulate_tournament`).

    ``model`` (already fitted on matches before ``as_of``) skips the fit; ``simulator``
    replaces :func:`~scoreline.tournament.simulate.simulate` (same arguments, same result).
    """
    fmt = tournament if isinstance(tournament, TournamentFormat) else load_tournament(
        store, tournament
    )
    day = parse_date(as_of, "as_of") if as_of is not None else fmt.start_date
    fitted = model if model is not None else fit_model(store, fmt, day, model_factory)
    grids = pair_grids(fitted, fmt, day)
    fixed = fixed_results(fmt, tournament_matches(store, fmt, until=day))
    return simulator(
        fmt, grids, fixed=fixed, sims=sims, seed=seed, hot=hot, hot_k=hot_k, as_of=day,
        progress=progress,
    )


def forecast_timeline(
    store: Store,
    tournament: str | TournamentFormat,
    *,
    sims: int = 20_000,
    seed: int = 0,
    hot: bool = False,
    refit: bool = True,
    model_factory: ModelFactory | None = None,
    progress: Callable[[int, int], None] | None = None,
    simulator: Simulator = simulate,
) -> TimelineResult:
    """Replay a tournament's forecast from the opening day to after the last matchday.

    Parameters
    ----------
    refit : bool
        Refit the model before each matchday on everything before it (warm-started from
        the previous fit where the model allows); otherwise keep the opening-day model and
        only fix the results as they come in.
    progress : callable(done, total), optional
        Called after each as-of date.
    simulator : callable
        Runs each date's simulations (see :func:`forecast_tournament`).
    """
    fmt = tournament if isinstance(tournament, TournamentFormat) else load_tournament(
        store, tournament
    )
    played = tournament_matches(store, fmt)
    days = sorted({pd.Timestamp(d).date() for d in played["date"]})
    dates = [fmt.start_date] + [d + dt.timedelta(days=1) for d in days]
    dates = sorted(set(dates))
    results = []
    model: Model | None = None
    for k, day in enumerate(dates):
        if model is None or refit:
            model = fit_model(store, fmt, day, model_factory, warm_start=model)
        results.append(
            forecast_tournament(store, fmt, day, sims=sims, seed=seed, hot=hot, model=model,
                                simulator=simulator)
        )
        if progress is not None:
            progress(k + 1, len(dates))
    return TimelineResult(tournament=fmt.name, dates=dates, results=results)
