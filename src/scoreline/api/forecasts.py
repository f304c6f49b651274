"""Model names, cached fits, match and fixture forecasts, backtests.

Heavy modules are imported inside the functions so ``import scoreline.api`` stays light.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from scoreline.models.score_grid import Forecast

from scoreline._json import JSON, JsonDict, jsonable
from scoreline.api._store import DateLike, _day, get_store
from scoreline.data.dates import parse_date
from scoreline.errors import InvalidParameterError
from scoreline.evaluate.backtest import BacktestResult
from scoreline.models import MODEL_NAMES, Model, ModelFactory

__all__ = ["MODELS", "BacktestResult", "FixtureForecasts", "MatchForecast", "Model", "ModelFactory",
           "ScoreProbability", "fitted_model", "model_factory",
           "predict_fixtures", "predict_match", "run_backtest"]

MODELS = MODEL_NAMES
"""Model names accepted by ``model=`` (:data:`scoreline.models.MODEL_NAMES`)."""


def model_factory(name: str = "default") -> ModelFactory:
    """A callable that returns a new unfitted model of the given name.

    Names are those of :func:`scoreline.models.get_model` (``default``, ``elo``,
    ``dixon-coles``, ...); an unknown name fails here, before any data is read.

    Raises
    ------
    InvalidParameterError
        An unknown model name (the message lists the valid ones).
    """
    from scoreline.models import get_model

    get_model(name)  # validate now

    def factory() -> Model:
        return get_model(name)

    factory.__name__ = f"model_factory({name!r})"
    return factory


_FITTED: OrderedDict[tuple[str, str, str, str], Model] = OrderedDict()
_FITTED_MAX = 16
_PREDICTED: OrderedDict[tuple[object, ...], MatchForecast] = OrderedDict()
_PREDICTED_MAX = 4096
_fitted_lock = threading.Lock()


def fitted_model(model: str, day: DateLike, *, db: str | Path | None = None) -> Model:
    """The model ``model`` fitted on every match strictly before ``day``, cached.

    Fits are kept (up to 16, least recently used dropped) per store file, data snapshot
    (:meth:`Store.fingerprint`), model name and day, so repeated forecasts for the same
    day (web requests, a CLI session) cost a prediction, not a fit. Fitted models are
    only read after fitting, so they are shared across threads.
    """
    store = get_store(db)
    when = _day(day, "day")
    if when is None:
        raise InvalidParameterError("day is required: fits use the matches before a day")
    key = (store.path, store.fingerprint(), model, when.isoformat())
    with _fitted_lock:
        if key in _FITTED:
            _FITTED.move_to_end(key)
            return _FITTED[key]
    fitted: Model = model_factory(model)().fit(store.matches(until=when))
    with _fitted_lock:
        _FITTED[key] = fitted
        while len(_FITTED) > _FITTED_MAX:
            _FITTED.popitem(last=False)
    return fitted


@dataclass(frozen=True)
class ScoreProbability(JsonDict):
    """The 90-minute probability of one scoreline (home goals first)."""

    home_goals: int
    away_goals: int
    p: float


@dataclass(frozen=True)
class MatchForecast(JsonDict):
    """A 90-minute forecast of one match (``scoreline predict HOME AWAY``).

    ``top_scorelines`` holds the five likeliest scorelines, likeliest first. With
    ``knockout``, ``p_home_advance``/``p_away_advance`` include extra time and penalties.
    """

    home_team: str
    away_team: str
    date: dt.date
    neutral: bool
    tournament: str
    model: str
    p_home: float
    p_draw: float
    p_away: float
    home_xg: float
    away_xg: float
    top_scorelines: list[ScoreProbability]
    knockout: bool = False
    p_home_advance: float | None = None
    p_away_advance: float | None = None


def predict_match(
    home: str,
    away: str,
    *,
    date: DateLike = None,
    neutral: bool = False,
    knockout: bool = False,
    tournament: str | None = None,
    model: str = "default",
    db: str | Path | None = None,
) -> MatchForecast:
    """Forecast one match from every match played before ``date``.

    Parameters
    ----------
    home, away : str
        Team names (the home team first; with ``neutral`` the order is only nominal).
    date : date-like, optional
        Day of the match (default: the day after the last match in the store).
    neutral : bool
        Played at a neutral venue (no home advantage).
    knockout : bool
        Also give each side's chance to advance (extra time, then penalties).
    tournament : str, optional
        Tournament name (default ``FIFA World Cup`` for knockouts, else ``Friendly``).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    db : path, optional
        Store file.
    """
    import pandas as pd

    store = get_store(db)
    model_factory(model)  # validate the name before reading anything
    day = _day(date, "date") or store.last_date() + dt.timedelta(days=1)
    home_team, away_team = store.resolve_team(home, day), store.resolve_team(away, day)
    if home_team == away_team:
        raise InvalidParameterError(f"{home_team!r} cannot play itself; give two different teams")
    tournament = tournament or ("FIFA World Cup" if knockout else "Friendly")
    key = (store.path, store.fingerprint(), model, day.isoformat(), home_team, away_team,
           bool(neutral), bool(knockout), tournament)
    with _fitted_lock:
        if key in _PREDICTED:
            _PREDICTED.move_to_end(key)
            return _PREDICTED[key]
    fixture = pd.DataFrame({
        "date": [pd.Timestamp(day)], "home_team": [home_team], "away_team": [away_team],
        "neutral": [neutral],
        "tournament": [tournament],
    })
    forecast = fitted_model(model, day, db=db).predict(fixture)
    advance = _advance(forecast) if knockout else (None, None)
    result = MatchForecast(
        home_team, away_team, day, bool(neutral), str(fixture["tournament"].iloc[0]),
        forecast.model, float(forecast.p_home[0]), float(forecast.p_draw[0]),
        float(forecast.p_away[0]), float(forecast.expected_home_goals[0]),
        float(forecast.expected_away_goals[0]),
        [ScoreProbability(h, a, p) for h, a, p in forecast.top_scorelines(0, 5)],
        bool(knockout), advance[0], advance[1],
    )
    with _fitted_lock:  # forecasts are pure functions of the key: keep the recent ones
        _PREDICTED[key] = result
        while len(_PREDICTED) > _PREDICTED_MAX:
            _PREDICTED.popitem(last=False)
    return result


def _advance(forecast: Forecast) -> tuple[float, float]:
    """P(home advances), P(away advances) of the first fixture of a forecast."""
    from scoreline.forecast.knockout import advance_probabilities

    result = advance_probabilities(forecast)
    return float(result[0, 0]), float(result[0, 1])


@dataclass(frozen=True)
class FixtureForecasts(JsonDict):
    """Walk-forward forecasts of a file of fixtures (``scoreline predict --fixtures``).

    Attributes
    ----------
    model : str
        The model's name.
    frame : pandas.DataFrame
        The fixtures in file order (canonical team names, ``date`` as a Timestamp, any
        extra columns of the file kept) with ``p_home``, ``p_draw``, ``p_away`` (90
        minutes), ``home_xg``, ``away_xg`` (goals per 90 minutes) and ``model``.
    """

    model: str
    frame: pd.DataFrame

    def rows(self) -> list[JSON]:
        """One JSON-ready dict per fixture (dates ``YYYY-MM-DD``)."""
        records = jsonable(self.frame)
        assert isinstance(records, list)
        return records


def predict_fixtures(
    fixtures: str | Path | pd.DataFrame,
    *,
    model: str = "default",
    refit: str = "1D",
    out: str | Path | None = None,
    db: str | Path | None = None,
) -> FixtureForecasts:
    """Forecast a CSV of fixtures walk-forward (``scoreline predict --fixtures FILE``).

    Each fixture is predicted by a model fitted on the matches strictly before its own
    date (with ``refit='1D'``; a longer cadence refits less often, never looking ahead).

    Parameters
    ----------
    fixtures : path or DataFrame
        ``date, home_team, away_team[, neutral, tournament]`` (see
        :mod:`scoreline.forecast.fixtures_file`).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    refit : str
        Refit cadence (``'1D'`` = before every fixture date).
    out : path, optional
        Also write the result as CSV here.
    db : path, optional
        Store file.

    Returns
    -------
    FixtureForecasts
    """
    from scoreline.forecast.fixtures_file import read_fixtures
    from scoreline.forecast.walk_forward import walk_forward

    store = get_store(db)
    factory = model_factory(model)
    source = Path(fixtures) if isinstance(fixtures, str | Path) else fixtures
    frame = read_fixtures(source, store.resolve_team)
    forecast = walk_forward(store.matches(), factory, fixtures=frame, refit=refit)
    result = forecast.to_frame().assign(model=forecast.model)
    if out is not None:
        result.assign(date=result["date"].dt.strftime("%Y-%m-%d")).to_csv(out, index=False)
    return FixtureForecasts(forecast.model, result)


def run_backtest(
    since: DateLike = "2010-01-01",
    until: DateLike = None,
    *,
    model: str = "default",
    tournament: str | None = None,
    refit: str = "7D",
    plot: str | Path | None = None,
    db: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BacktestResult:
    """Walk-forward backtest of a model on 90-minute results (``scoreline backtest``).

    Parameters
    ----------
    since, until : date-like
        Window of the forecast matches, ``until`` exclusive (default: after the last match).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    tournament : str, optional
        Score only this tournament's matches (the model still learns from all).
    refit : str
        Refit cadence: ``'1D'``, ``'7D'``, ``'30D'``.
    plot : path, optional
        Write the reliability diagram to this PNG file.
    db : path, optional
        Store file.

    Returns
    -------
    BacktestResult
        See :class:`scoreline.evaluate.backtest.BacktestResult`.
    """
    from scoreline.evaluate.backtest import backtest
    from scoreline.evaluate.calibration import reliability_plot

    store = get_store(db)
    factory = model_factory(model)
    matches = store.matches()
    name = store.resolve_tournament(tournament) if tournament else None
    start = _day(since, "since") or parse_date(matches["date"].iloc[0], "first match")
    stop = _day(until, "until") or store.last_date() + dt.timedelta(days=1)
    result = backtest(matches, factory, start, stop, tournament=name, refit=refit,
                      progress=progress)
    if plot is not None:
        title = f"{result.model}, {start} to {stop}" + (f", {name}" if name else "")
        reliability_plot(result.calibration, plot, title)
    return result
