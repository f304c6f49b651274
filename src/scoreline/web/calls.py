"""The expensive API calls the routes and pages share, cached by their inputs.

A tournament simulation costs seconds and gives the same answer for the same inputs
(tournament, date, sims, seed, hot), so the app keeps recent results in its
:class:`~scoreline.web.cache.ResultCache`; so it does for the upset and comeback rankings
(a second or so each, fixed for a given store), the home page's latest ratings and the
pages of played matches. Everything else is called directly.
"""

from __future__ import annotations

from fastapi import FastAPI

from scoreline import api


def simulation(app: FastAPI, tournament: str, as_of: str | None, sims: int, seed: int,
               hot: bool) -> api.SimulationResult:
    """``api.simulate_tournament`` for the app's store, cached by its inputs."""
    db = app.state.settings.db
    key = ("simulation", tournament, as_of, sims, seed, hot)
    result: api.SimulationResult = app.state.cache.get(key, lambda: api.simulate_tournament(
        tournament, as_of, sims=sims, seed=seed, hot=hot, db=db))
    return result


def timeline(app: FastAPI, tournament: str, sims: int, seed: int,
             refit: bool) -> api.TimelineResult:
    """``api.simulate_timeline`` for the app's store, cached by its inputs."""
    db = app.state.settings.db
    key = ("timeline", tournament, sims, seed, refit)
    result: api.TimelineResult = app.state.cache.get(key, lambda: api.simulate_timeline(
        tournament, sims=sims, seed=seed, refit=refit, db=db))
    return result


def upsets(app: FastAPI, *, tournament: str | None, year: int | None, since: str | None,
           until: str | None, all_time: bool, top: int,
           fifa_only: bool = False) -> api.UpsetRanking:
    """``api.upsets`` for the app's store, cached by the selection."""
    key = ("upsets", tournament, year, since, until, all_time, top, fifa_only)
    ranking: api.UpsetRanking = app.state.cache.get(key, lambda: api.upsets(
        tournament=tournament, year=year, since=since, until=until, all_time=all_time,
        top=top, fifa_only=fifa_only, db=app.state.settings.db))
    return ranking


def comebacks(app: FastAPI, *, tournament: str | None, year: int | None, since: str | None,
              until: str | None, top: int) -> api.ComebackRanking:
    """``api.comebacks`` for the app's store, cached by the selection."""
    key = ("comebacks", tournament, year, since, until, top)
    ranking: api.ComebackRanking = app.state.cache.get(key, lambda: api.comebacks(
        tournament=tournament, year=year, since=since, until=until, top=top,
        db=app.state.settings.db))
    return ranking


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


def latest_ratings(app: FastAPI, top: int) -> api.RatingsTable:
    """``api.ratings`` after the last match in the store (the home page's table), cached."""
    table: api.RatingsTable = app.state.cache.get(
        ("ratings", top), lambda: api.ratings(top=top, db=app.state.settings.db))
    return table
