"""Forecast a tournament as of a date, and replay the forecast after every matchday.

No lookahead: the model is fitted on matches strictly before the as-of date
(``store.matches(until=as_of)``), and the tournament's matches played before that date are
fixed at their real results; everything else is simulated.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.data.dates import parse_date
from scoreline.errors import InvalidParameterError
from scoreline.forecast.prematch import default_model_factory
from scoreline.models.protocol import Model, ModelFactory
from scoreline.tournament.format import TournamentFormat, load_format
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



def tournament_matches(store: Store, fmt: TournamentFormat, until: dt.date | None = None) -> pd.DataFrame:
    """The tournament's matches in the data played before ``until`` (exclusive)."""
    end = fmt.end_date + dt.timedelta(days=1)
    stop = min(end, until) if until is not None else end
    frame = store.matches(since=pd.Timestamp(fmt.start_date), until=pd.Timestamp(stop))
    return frame[frame["tournament"] == fmt.tournament]


def load_tournament(store: Store, name_or_path: str | Path) -> TournamentFormat:
    """Load a format, with every team checked against the store and, where the format
    reads its groups from the data (``groups_from_data``), the store's matches.

    Raises
    ------
    FormatError, UnknownTeamError, InvalidParameterError
        As :func:`scoreline.tournament.format.load_format`.
    """

    def results(tournament: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        frame = store.matches(
            since=pd.Timestamp(start), until=pd.Timestamp(end + dt.timedelta(days=1))
        )
        return frame[frame["tournament"] == tournament]

    return load_format(name_or_path, store.teams(), results)


def check_model_data(fmt: TournamentFormat, history: pd.DataFrame, as_of: dt.date) -> None:
    """Fail when the data before ``as_of`` cannot rate every team of the format."""
    if history.empty:
        raise InvalidParameterError(
            f"as_of={as_of}: the model has no data before this date (no match is older)"
        )
    played = set(history["home_team"]).union(history["away_team"])
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


@dataclass(frozen=True)
class TimelineResult:
    """The tournament forecast replayed after every matchday.

    Attributes
    ----------
    tournament : str
    dates : list of date
        As-of dates: the opening day, then the day after each matchday (so the forecast
        at ``dates[k]`` knows every result up to ``dates[k] - 1 day``).
    results : list of SimulationResult
        One forecast per date.
    """

    tournament: str
    dates: list[dt.date]
    results: list[SimulationResult]

    @property
    def teams(self) -> list[str]:
        """Teams, in format order."""
        return self.results[0].teams

    def p_champion(self) -> NDArray[np.float64]:
        """Title probabilities, shape (len(dates), teams)."""
        return np.stack([r.p_reach[:, -1] for r in self.results])

    def contenders(self, top: int = 8) -> list[str]:
        """Teams with the highest title chance at any date, best peak first."""
        peak = self.p_champion().max(axis=0)
        order = np.argsort(-peak, kind="stable")[:top]
        return [self.teams[i] for i in order]

    def to_frame(self) -> pd.DataFrame:
        """Long frame: ``date``, ``team``, ``p_<round>`` .., ``p_champion``, ``se_champion``."""
        frames = []
        for day, res in zip(self.dates, self.results, strict=True):
            f = res.to_frame().drop(columns=[c for c in res.to_frame() if c.startswith("p_position")])
            f.insert(0, "date", pd.Timestamp(day))
            frames.append(f)
        return pd.concat(frames, ignore_index=True)


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
