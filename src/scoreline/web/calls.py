"""The expensive API calls the routes and pages share, cached by their inputs.

A tournament simulation costs seconds and gives the same answer for the same inputs
(tournament, date, sims, seed, hot), so the app keeps recent results in its
:class:`~scoreline.web.cache.ResultCache`; so it does for the upset and comeback rankings
(a second or so each, fixed for a given store), the home page's latest ratings, the
pages of played matches and match forecasts. Everything else is called directly.

Each heavy call answers a cached result at once, on the event loop, and otherwise runs
as a job on the app's :class:`~scoreline.web.heavy.HeavyPool` (a worker process: single
flight per key, bounded queue, time budget), whose result the cache keeps in this
process, also when the request that asked for it has given up waiting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Hashable
from typing import TypeVar

from fastapi import FastAPI

from scoreline import api
from scoreline.web import jobs
from scoreline.web.cache import ResultCache
from scoreline.web.heavy import call

_T = TypeVar("_T")


async def offload(app: FastAPI, cache: ResultCache | None, key: Hashable,
                  job: Callable[[], _T], *, budget: bool = True) -> _T:
    """A cached result of ``key`` at once, else ``job()`` on the heavy pool (kept in
    ``cache`` under ``key`` when it ends).

    ``job`` must be picklable: build it with :func:`scoreline.web.heavy.call`.
    ``budget=False`` waits past the time budget (the start-up warm-up).

    Raises
    ------
    BusyError
        The heavy-work queue is full, or the call outlasted the time budget.
    """
    if cache is not None:
        found, value = cache.peek(key)
        if found:
            return value  # type: ignore[no-any-return]

    def keep(value: _T) -> None:
        if cache is not None:
            cache.put(key, value)

    result: _T = await app.state.heavy.run(key, job, keep=keep, budget=budget)
    return result


def _db(app: FastAPI) -> str | None:
    db: str | None = app.state.settings.db
    return db


async def simulation_async(app: FastAPI, tournament: str, as_of: str | None, sims: int,
                           seed: int, hot: bool, *, budget: bool = True) -> api.SimulationResult:
    """``api.simulate_tournament`` for the app's store, cached by its inputs."""
    return await offload(app, app.state.cache, ("simulation", tournament, as_of, sims, seed, hot),
                         call(api.simulate_tournament, tournament, as_of, sims=sims, seed=seed,
                              hot=hot, db=_db(app)), budget=budget)


async def timeline_async(app: FastAPI, tournament: str, sims: int, seed: int,
                         refit: bool, *, budget: bool = True) -> api.TimelineResult:
    """``api.simulate_timeline`` for the app's store, cached by its inputs."""
    return await offload(app, app.state.cache, ("timeline", tournament, sims, seed, refit),
                         call(api.simulate_timeline, tournament, sims=sims, seed=seed,
                              refit=refit, db=_db(app)), budget=budget)


_EDITIONS_KEY = ("tournament_editions",)


async def editions_async(app: FastAPI) -> list[api.TournamentEdition]:
    """``api.tournament_editions`` for the app's store (every shipped format, checked
    against the data: about two seconds), on the heavy pool, cached."""
    return await offload(app, app.state.cache, _EDITIONS_KEY,
                         call(api.tournament_editions, db=_db(app)))


def _selection_key(kind: str, **selection: object) -> Hashable:
    return (kind, *sorted(selection.items()))


async def upsets_async(app: FastAPI, *, tournament: str | None, year: int | None,
                       since: str | None, until: str | None, all_time: bool, top: int,
                       fifa_only: bool = False, budget: bool = True) -> api.UpsetRanking:
    """``api.upsets`` for the app's store, cached by the selection."""
    key = _selection_key("upsets", tournament=tournament, year=year, since=since, until=until,
                         all_time=all_time, top=top, fifa_only=fifa_only)
    return await offload(app, app.state.cache, key, call(
        api.upsets, tournament=tournament, year=year, since=since, until=until,
        all_time=all_time, top=top, fifa_only=fifa_only, db=_db(app)), budget=budget)


async def comebacks_async(app: FastAPI, *, tournament: str | None, year: int | None,
                          since: str | None, until: str | None, top: int) -> api.ComebackRanking:
    """``api.comebacks`` for the app's store, cached by the selection."""
    key = _selection_key("comebacks", tournament=tournament, year=year, since=since,
                         until=until, top=top)
    return await offload(app, app.state.cache, key, call(
        api.comebacks, tournament=tournament, year=year, since=since, until=until, top=top,
        db=_db(app)))


async def match_async(app: FastAPI, date: str, home: str,
                      away: str) -> tuple[api.MatchReplay, api.Story]:
    """``api.match_replay`` and ``api.story`` of one past match, cached by the inputs
    (a played match does not change while the store stays loaded)."""
    return await offload(app, app.state.match_cache, ("match", date, home, away),
                         call(jobs.match_page, date, home, away, _db(app)))


async def replay_async(app: FastAPI, date: str, home: str, away: str) -> api.MatchReplay:
    """``api.match_replay`` of one past match (from the match page's cache when there)."""
    found, pair = app.state.match_cache.peek(("match", date, home, away))
    if found:
        return pair[0]  # type: ignore[no-any-return]
    return await offload(app, None, ("replay", date, home, away),
                         call(api.match_replay, date, home, away, db=_db(app)))


async def story_async(app: FastAPI, date: str, home: str, away: str) -> api.Story:
    """``api.story`` of one past match, as data (from the match page's cache when there)."""
    found, pair = app.state.match_cache.peek(("match", date, home, away))
    if found:
        return pair[1]  # type: ignore[no-any-return]
    return await offload(app, None, ("story", date, home, away),
                         call(api.story, date, home, away, fmt=None, db=_db(app)))


async def predict_async(app: FastAPI, home: str, away: str,
                        **options: str | bool | None) -> api.MatchForecast:
    """``api.predict_match`` for a request handler, cached by the request's own inputs.

    A forecast for a new day needs a fit (or a read of the on-disk fit cache), so a miss
    runs on the heavy pool; a repeated request is answered from memory on the event loop.
    """
    key = ("predict", home.strip().casefold(), away.strip().casefold(),
           *sorted(options.items()))
    return await offload(app, app.state.forecasts, key,
                         call(api.predict_match, home, away, db=_db(app), **options))


async def check_async(app: FastAPI, text: str,
                      match: tuple[dt.date | str, str, str] | None) -> api.CheckReport:
    """``api.check_article`` on the heavy pool (identical articles share one check,
    nothing is kept afterwards)."""
    digest = hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest()
    return await offload(app, None, ("check", digest, match),
                         call(api.check_article, text, match=match, db=_db(app)))


async def live_async(app: FastAPI, home: str, away: str,
                     **options: object) -> api.LiveForecast:
    """``api.live_match`` on the heavy pool (a fixture on a new day needs a fit); identical
    simultaneous states share one job, nothing is kept afterwards."""
    key = ("live", home, away, json.dumps(options, sort_keys=True, default=str))
    return await offload(app, None, key, call(api.live_match, home, away, db=_db(app),
                                              **options))


async def latest_ratings_async(app: FastAPI, top: int, *,
                               budget: bool = True) -> api.RatingsTable:
    """``api.ratings`` after the last match in the store (the home page's table), cached."""
    return await offload(app, app.state.cache, ("ratings", top),
                         call(api.ratings, top=top, db=_db(app)), budget=budget)
