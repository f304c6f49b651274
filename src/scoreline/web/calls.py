"""The expensive API calls the routes and pages share, cached by their inputs.

A tournament simulation costs seconds and gives the same answer for the same inputs
(tournament, date, sims, seed, hot), so the app keeps recent results in its
:class:`~scoreline.web.cache.ResultCache`; so it does for the upset and comeback rankings
(a second or so each, fixed for a given store), the home page's latest ratings, the
pages of played matches and match forecasts. Everything else is called directly.

Each heavy call has two forms: a plain function (the warm-up thread uses it) and an
``async`` one for the request handlers, which answers a cached result at once and
otherwise runs the plain function on the app's :class:`~scoreline.web.heavy.HeavyPool`
(single flight per key, bounded queue, time budget). The cache key is the same in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import TypeVar

from fastapi import FastAPI

from scoreline import api
from scoreline.web.cache import ResultCache

_T = TypeVar("_T")


async def offload(app: FastAPI, cache: ResultCache | None, key: Hashable,
                  compute: Callable[[], _T]) -> _T:
    """A cached result of ``key`` at once, else ``compute()`` on the heavy pool.

    ``compute`` stores its result in ``cache`` under ``key`` itself (the plain functions
    of this module do), so that a job that outlives its request still serves the retry.

    Raises
    ------
    BusyError
        The heavy-work queue is full, or the call outlasted the time budget.
    """
    if cache is not None:
        found, value = cache.peek(key)
        if found:
            return value  # type: ignore[no-any-return]
    result: _T = await app.state.heavy.run(key, compute)
    return result


def _simulation_key(tournament: str, as_of: str | None, sims: int, seed: int,
                    hot: bool) -> Hashable:
    return ("simulation", tournament, as_of, sims, seed, hot)


def simulation(app: FastAPI, tournament: str, as_of: str | None, sims: int, seed: int,
               hot: bool) -> api.SimulationResult:
    """``api.simulate_tournament`` for the app's store, cached by its inputs."""
    db = app.state.settings.db
    result: api.SimulationResult = app.state.cache.get(
        _simulation_key(tournament, as_of, sims, seed, hot),
        lambda: api.simulate_tournament(tournament, as_of, sims=sims, seed=seed, hot=hot, db=db))
    return result


async def simulation_async(app: FastAPI, tournament: str, as_of: str | None, sims: int,
                           seed: int, hot: bool) -> api.SimulationResult:
    """:func:`simulation` for a request handler (heavy pool)."""
    return await offload(app, app.state.cache, _simulation_key(tournament, as_of, sims, seed, hot),
                         lambda: simulation(app, tournament, as_of, sims, seed, hot))


def timeline(app: FastAPI, tournament: str, sims: int, seed: int,
             refit: bool) -> api.TimelineResult:
    """``api.simulate_timeline`` for the app's store, cached by its inputs."""
    db = app.state.settings.db
    key = ("timeline", tournament, sims, seed, refit)
    result: api.TimelineResult = app.state.cache.get(key, lambda: api.simulate_timeline(
        tournament, sims=sims, seed=seed, refit=refit, db=db))
    return result


async def timeline_async(app: FastAPI, tournament: str, sims: int, seed: int,
                         refit: bool) -> api.TimelineResult:
    """:func:`timeline` for a request handler (heavy pool)."""
    return await offload(app, app.state.cache, ("timeline", tournament, sims, seed, refit),
                         lambda: timeline(app, tournament, sims, seed, refit))


_EDITIONS_KEY = ("tournament_editions",)


def editions(app: FastAPI) -> list[api.TournamentEdition]:
    """``api.tournament_editions`` for the app's store (every shipped format, checked
    against the data: about two seconds), cached."""
    db = app.state.settings.db
    result: list[api.TournamentEdition] = app.state.cache.get(
        _EDITIONS_KEY, lambda: api.tournament_editions(db=db))
    return result


async def editions_async(app: FastAPI) -> list[api.TournamentEdition]:
    """:func:`editions` for a request handler (heavy pool)."""
    return await offload(app, app.state.cache, _EDITIONS_KEY, lambda: editions(app))


def _selection_key(kind: str, **selection: object) -> Hashable:
    return (kind, *sorted(selection.items()))


def upsets(app: FastAPI, *, tournament: str | None, year: int | None, since: str | None,
           until: str | None, all_time: bool, top: int,
           fifa_only: bool = False) -> api.UpsetRanking:
    """``api.upsets`` for the app's store, cached by the selection."""
    key = _selection_key("upsets", tournament=tournament, year=year, since=since, until=until,
                         all_time=all_time, top=top, fifa_only=fifa_only)
    ranking: api.UpsetRanking = app.state.cache.get(key, lambda: api.upsets(
        tournament=tournament, year=year, since=since, until=until, all_time=all_time,
        top=top, fifa_only=fifa_only, db=app.state.settings.db))
    return ranking


async def upsets_async(app: FastAPI, *, tournament: str | None, year: int | None,
                       since: str | None, until: str | None, all_time: bool, top: int,
                       fifa_only: bool = False) -> api.UpsetRanking:
    """:func:`upsets` for a request handler (heavy pool)."""
    key = _selection_key("upsets", tournament=tournament, year=year, since=since, until=until,
                         all_time=all_time, top=top, fifa_only=fifa_only)
    return await offload(app, app.state.cache, key, lambda: upsets(
        app, tournament=tournament, year=year, since=since, until=until, all_time=all_time,
        top=top, fifa_only=fifa_only))


def comebacks(app: FastAPI, *, tournament: str | None, year: int | None, since: str | None,
              until: str | None, top: int) -> api.ComebackRanking:
    """``api.comebacks`` for the app's store, cached by the selection."""
    key = _selection_key("comebacks", tournament=tournament, year=year, since=since,
                         until=until, top=top)
    ranking: api.ComebackRanking = app.state.cache.get(key, lambda: api.comebacks(
        tournament=tournament, year=year, since=since, until=until, top=top,
        db=app.state.settings.db))
    return ranking


async def comebacks_async(app: FastAPI, *, tournament: str | None, year: int | None,
                          since: str | None, until: str | None, top: int) -> api.ComebackRanking:
    """:func:`comebacks` for a request handler (heavy pool)."""
    key = _selection_key("comebacks", tournament=tournament, year=year, since=since,
                         until=until, top=top)
    return await offload(app, app.state.cache, key, lambda: comebacks(
        app, tournament=tournament, year=year, since=since, until=until, top=top))


def match(app: FastAPI, date: str, home: str, away: str) -> tuple[api.MatchReplay, api.Story]:
    """``api.match_replay`` and ``api.story`` of one past match, cached by the inputs
    (a played match does not change while the store stays loaded)."""
    db = app.state.settings.db

    def both() -> tuple[api.MatchReplay, api.Story]:
        return (api.match_replay(date, home, away, db=db),
                api.story(date, home, away, fmt=None, db=db))

    pair: tuple[api.MatchReplay, api.Story] = app.state.match_cache.get(
        ("match", date, home, away), both)
    return pair


async def match_async(app: FastAPI, date: str, home: str,
                      away: str) -> tuple[api.MatchReplay, api.Story]:
    """:func:`match` for a request handler (heavy pool)."""
    return await offload(app, app.state.match_cache, ("match", date, home, away),
                         lambda: match(app, date, home, away))


async def predict_async(app: FastAPI, home: str, away: str,
                        **options: str | bool | None) -> api.MatchForecast:
    """``api.predict_match`` for a request handler, cached by the request's own inputs.

    A forecast for a new day needs a fit (or a read of the on-disk fit cache), so a miss
    runs on the heavy pool; a repeated request is answered from memory on the event loop.
    """
    key = ("predict", home.strip().casefold(), away.strip().casefold(),
           *sorted(options.items()))
    db = app.state.settings.db
    cache: ResultCache = app.state.forecasts

    def compute() -> api.MatchForecast:
        forecast: api.MatchForecast = cache.get(
            key, lambda: api.predict_match(home, away, db=db, **options))  # type: ignore[arg-type]
        return forecast

    return await offload(app, cache, key, compute)


async def check_async(app: FastAPI, text: str,
                      match: tuple[dt.date | str, str, str] | None) -> api.CheckReport:
    """``api.check_article`` for a request handler (heavy pool; identical articles share
    one check, nothing is kept afterwards)."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest()
    db = app.state.settings.db
    return await offload(app, None, ("check", digest, match),
                         lambda: api.check_article(text, match=match, db=db))


def latest_ratings(app: FastAPI, top: int) -> api.RatingsTable:
    """``api.ratings`` after the last match in the store (the home page's table), cached."""
    table: api.RatingsTable = app.state.cache.get(
        ("ratings", top), lambda: api.ratings(top=top, db=app.state.settings.db))
    return table
