"""Model names, cached fits, match and fixture forecasts, backtests.

Heavy modules are imported inside the functions so ``import scoreline.api`` stays light.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client

    from scoreline.data.store import Store
    from scoreline.evaluate.backtest import BacktestResult
    from scoreline.models.score_grid import Forecast

from scoreline._json import JSON, JsonDict, jsonable
from scoreline.api._cache import FitCache, JsonStore, LRUCache
from scoreline.api._store import DateLike, _day, get_store
from scoreline.data.dates import parse_date
from scoreline.errors import InvalidParameterError
from scoreline.models import MODEL_NAMES, Model, ModelFactory

__all__ = ["MODELS", "CacheStats", "FixtureForecasts", "MatchForecast", "Model", "ModelFactory",
           "ScoreProbability", "cache_stats", "fitted_model", "model_factory",
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


FITS_IN_MEMORY_ENV = "SCORELINE_FITS_IN_MEMORY"
"""Environment variable: fits kept in memory per process (default 16; read at import). The
server's heavy workers keep fewer: a fit in memory holds its Elo match history (about
2.7 MB for the default model), one read back from the disk cache does not."""


def _fits_in_memory() -> int:
    try:
        return max(1, int(os.environ.get(FITS_IN_MEMORY_ENV, "16")))
    except ValueError:
        return 16


_FITTED: LRUCache[Model] = LRUCache(
    "fitted models", _fits_in_memory(), key="(store path, snapshot fingerprint, model name, day)")
"""Fits in this process; behind it, :data:`FIT_CACHE` on disk for every process."""

_PREDICTED: LRUCache[MatchForecast] = LRUCache(
    "match forecasts", 4096, key="(store path, snapshot fingerprint, model name, day, home "
    "team, away team, neutral, knockout, tournament)")
"""Forecasts are pure functions of their key: repeated requests cost a dictionary lookup."""

FIT_CACHE_BYTES = 256 * 2**20
"""Size bound of the on-disk fitted-model cache (a default-model fit is about 60 kB)."""


FORECAST_CACHE_BYTES = 32 * 2**20
"""Size bound of the on-disk match-forecast cache (an entry is about 1 kB)."""


def _forecast_cache() -> JsonStore:
    """The on-disk cache of match forecasts (``<user cache>/forecasts``).

    Keyed by the request as given (team names as typed, date, venue, model), the store
    file's identity (path, size, modification time: a new load is a new snapshot) and
    the forecasting code's identity (the modification times of the model modules), so
    that a repeated ``scoreline predict`` answers without opening the store or importing
    the models. ``SCORELINE_FIT_CACHE=0`` turns it off with the fit cache.
    """
    from scoreline._paths import user_cache_dir

    return JsonStore(user_cache_dir() / "forecasts", FORECAST_CACHE_BYTES)


def _forecast_key(db: str | Path | None, request: dict[str, str | bool | None]) -> str | None:
    """The on-disk forecast key of a request, or None when there is no store file yet."""
    from scoreline import __version__
    from scoreline.api._results import store_identity

    identity = store_identity(db)
    if identity is None:
        return None
    here = Path(__file__).resolve().parent.parent
    code = []
    for folder in ("models", "forecast"):
        for module in sorted((here / folder).glob("*.py")):
            with contextlib.suppress(OSError):
                code.append(f"{module.name}:{module.stat().st_mtime_ns}")
    return json.dumps({"store": identity, "scoreline": __version__, "code": code,
                       "request": request}, sort_keys=True, default=str)


def _fit_cache() -> FitCache:
    """The on-disk fitted-model cache (``<user cache>/fits``, see :class:`FitCache`).

    ``SCORELINE_FIT_CACHE=0`` turns it off (fits then stay in memory only).
    """
    from scoreline._paths import user_cache_dir

    return FitCache(user_cache_dir() / "fits", FIT_CACHE_BYTES)


_fits_run = [0]  # fits actually computed by this process (a list: mutated under the GIL)


@dataclass(frozen=True)
class CacheStats:
    """How this process's forecast caches are doing (``GET /api/v1/health``).

    Attributes
    ----------
    fits : int
        Model fits computed by this process (memory and disk hits do not count).
    fitted_models : int
        Fitted models held in memory.
    forecasts : int
        Match forecasts held in memory.
    """

    fits: int
    fitted_models: int
    forecasts: int

    def to_dict(self) -> dict[str, int]:
        """JSON-ready form."""
        return {"fits": self.fits, "fitted_models": self.fitted_models,
                "forecasts": self.forecasts}


def cache_stats() -> CacheStats:
    """Counts of this process's fits and cached forecasts (see :class:`CacheStats`)."""
    return CacheStats(_fits_run[0], len(_FITTED), len(_PREDICTED))


def _fit(model: Model, matches: pd.DataFrame) -> Model:
    _fits_run[0] += 1
    return model.fit(matches)


def fitted_model(model: str, day: DateLike, *, db: str | Path | None = None) -> Model:
    """The model ``model`` fitted on every match strictly before ``day``, cached.

    Looked up in memory (16 fits, least recently used dropped, per store file, data
    snapshot (:meth:`Store.fingerprint`), model name and day), then on disk
    (:func:`_fit_cache`, shared by every process of the machine, keyed by the snapshot,
    the model's class, version and parameters, and the day), and fitted only when both
    miss. Simultaneous calls for one key share one fit, within a process and across
    processes. Fitted models are only read after fitting, so they are shared across threads.
    """
    store = get_store(db)
    when = _day(day, "day")
    if when is None:
        raise InvalidParameterError("day is required: fits use the matches before a day")
    fingerprint = store.fingerprint()
    key = (store.path, fingerprint, model, when.isoformat())

    def fit() -> Model:
        fresh = model_factory(model)()
        disk = _fit_cache() if os.environ.get("SCORELINE_FIT_CACHE", "1") != "0" else None
        if disk is None or not FitCache.supports(fresh):
            return _fit(fresh, store.matches(until=when))
        disk_key = FitCache.key(fingerprint, model, fresh, when.isoformat())
        found = disk.load(disk_key, type(fresh))
        if found is not None:
            return found
        with disk.locked(disk_key):
            found = disk.load(disk_key, type(fresh))  # another process may have just fitted it
            if found is not None:
                return found
            fitted = _fit(fresh, store.matches(until=when))
            disk.store(disk_key, fitted)
            return fitted

    return _FITTED.get_or_compute(key, fit)


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
    ``notes`` are caveats to show with the numbers (a date far past the data).
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
    notes: list[str] = field(default_factory=list)


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

    Raises
    ------
    InvalidParameterError
        A team has no match before ``date`` (the model would know nothing of it), the two
        teams are one, or a bad date or model name.
    UnknownTeamError
        A name matches no team (with the closest names).
    """
    use_disk = os.environ.get("SCORELINE_FIT_CACHE", "1") != "0"
    request = {"home": home, "away": away, "date": None if date is None else str(date),
               "neutral": bool(neutral), "knockout": bool(knockout), "tournament": tournament,
               "model": model}
    disk_key = _forecast_key(db, request) if use_disk else None
    if disk_key is not None:
        stored = _forecast_cache().read(disk_key)
        if isinstance(stored, dict):
            with contextlib.suppress(TypeError, ValueError):
                return MatchForecast(**{
                    **stored, "date": dt.date.fromisoformat(stored["date"]),
                    "top_scorelines": [ScoreProbability(**p) for p in stored["top_scorelines"]]})
    result = _predict_match(home, away, date, neutral, knockout, tournament, model, db)
    if disk_key is not None:
        _forecast_cache().write(disk_key, {**dataclasses.asdict(result),
                                          "date": result.date.isoformat()})
    return result


def _predict_match(home: str, away: str, date: DateLike, neutral: bool, knockout: bool,
                   tournament: str | None, model: str, db: str | Path | None) -> MatchForecast:
    """:func:`predict_match` without the on-disk forecast cache."""
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
    cached = _PREDICTED.get(key)
    if cached is not None:
        return cached
    notes = _data_notes(store, day, (home_team, away_team))
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
        bool(knockout), advance[0], advance[1], notes,
    )
    _PREDICTED.put(key, result)
    return result


STALE_DAYS = 180
"""A forecast dated this many days or more after the last match in the store carries a note."""


def _data_notes(store: Store, day: dt.date, teams: tuple[str, str]) -> list[str]:
    """Refuse a team with no match before ``day``; caveats for dates far past the data.

    Raises
    ------
    InvalidParameterError
        A team has not played before ``day`` (a model would only echo its prior).
    """
    before = store.matches(until=day)
    # unique() first: iterating an Arrow-backed text column in Python is about 40 times slower
    played = set(before["home_team"].unique()).union(before["away_team"].unique())
    for team in teams:
        if team not in played:
            first = store.matches(team=team)["date"]
            since = f"; its first match in the data is on {first.iloc[0].date()}" if len(
                first) else ""
            raise InvalidParameterError(
                f"{team} has no match before {day} in the data{since}: a forecast "
                "needs at least one earlier match; choose a later date")
    last = store.last_date()
    gap = (day - last).days
    if gap >= STALE_DAYS:
        return [(f"the data end on {last}, {gap:,} days before {day}: this "
                 "forecast uses strengths as they were then; results since are unknown")]
    return []


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
    completed : int
        Fixtures already played whose blank venue or tournament came from the data.
    """

    model: str
    frame: pd.DataFrame
    completed: int = 0

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
    progress: Callable[[int, int], None] | None = None,
) -> FixtureForecasts:
    """Forecast a CSV of fixtures walk-forward (``scoreline predict --fixtures FILE``).

    Each fixture is predicted by a model fitted on the matches strictly before its own
    date (with ``refit='1D'``; a longer cadence refits less often, never looking ahead).
    A fixture already played that leaves ``neutral`` or ``tournament`` blank (or has no
    such column) is forecast at the venue and in the tournament the data records for it;
    when the data has the two teams the other way round at a home ground, the forecast is
    made that way and given back in the file's order.

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
    progress : callable, optional
        ``progress(done, total)`` in fixtures, after each refit block.

    Returns
    -------
    FixtureForecasts
    """
    from scoreline.api._output import checked_output, output_errors
    from scoreline.forecast.fixtures_file import read_fixtures_completed
    from scoreline.forecast.walk_forward import walk_forward

    store = get_store(db)
    factory = model_factory(model)
    if out is not None:
        out = checked_output(out, "the CSV")
    source = Path(fixtures) if isinstance(fixtures, str | Path) else fixtures
    matches = store.matches()
    read = read_fixtures_completed(source, store.resolve_team, matches)
    frame, flip = read.frame, read.reversed
    asked = frame.copy()
    frame.loc[flip, ["home_team", "away_team"]] = frame.loc[
        flip, ["away_team", "home_team"]].to_numpy()
    forecast = walk_forward(matches, factory, fixtures=frame, refit=refit, progress=progress)
    result = forecast.to_frame().assign(model=forecast.model)
    result[["home_team", "away_team"]] = asked[["home_team", "away_team"]].to_numpy()
    for a, b in (("p_home", "p_away"), ("home_xg", "away_xg")):
        result.loc[flip, [a, b]] = result.loc[flip, [b, a]].to_numpy()
    if out is not None:
        with output_errors(out, "the CSV"):
            result.assign(date=result["date"].dt.strftime("%Y-%m-%d")).to_csv(out, index=False)
    return FixtureForecasts(forecast.model, result, read.completed)


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
    blocks: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
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
    progress : callable(done, total), optional
        Matches forecast so far (after each refit in-process, after each block on Dask).
    blocks : int, optional
        Split the window into this many time blocks, each fitted from scratch on the
        matches before it (default: 1 in-process, twice the worker threads on Dask); the
        result equals the single run up to optimiser tolerance.
    scheduler : str, optional
        ``none`` (default), ``local``, ``local:N`` or ``tcp://HOST:PORT`` (see
        :mod:`scoreline.api._execution`).
    client : distributed.Client, optional
        Run the blocks on this Dask client instead.

    Returns
    -------
    BacktestResult
        See :class:`scoreline.evaluate.backtest.BacktestResult`.
    """
    from scoreline.api._output import checked_output, output_errors
    from scoreline.evaluate.backtest import backtest
    from scoreline.evaluate.calibration import reliability_plot

    if plot is not None:
        plot = checked_output(plot, "the chart")
    store = get_store(db)
    factory = model_factory(model)
    matches = store.matches()
    name = store.resolve_tournament(tournament) if tournament else None
    start = _day(since, "since") or parse_date(matches["date"].iloc[0], "first match")
    stop = _day(until, "until") or store.last_date() + dt.timedelta(days=1)
    if blocks is None and client is None and scheduler in (None, "none"):
        result = backtest(matches, factory, start, stop, tournament=name, refit=refit,
                          progress=progress)
    else:
        from scoreline.api._execution import executor
        from scoreline.api.backtests import _backtest_models

        with executor(scheduler, client) as ex:
            result = _backtest_models(ex, matches, [model], start, stop, tournament=name,
                                     refit=refit, blocks=blocks, progress=progress)[0][0]
    if plot is not None:
        title = f"{result.model}, {start} to {stop}" + (f", {name}" if name else "")
        with output_errors(plot, "the chart"):
            reliability_plot(result.calibration, plot, title)
    return result
