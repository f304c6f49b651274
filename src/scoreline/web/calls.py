"""The expensive API calls the routes and pages share, cached by their inputs.

A tournament simulation costs seconds and gives the same answer for the same inputs
(tournament, date, sims, seed, hot), so the app keeps recent results in its
:class:`~scoreline.web.cache.ResultCache`; so it does for the upset and comeback rankings
(a second or so each, fixed for a given store), the home page's latest ratings and the
pages of played matches. Everything else is called directly.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from scoreline import api


def simulation(app: FastAPI, tournament: str, as_of: str | None, sims: int, seed: int,
               hot: bool) -> Any:
    """``api.simulate_tournament`` for the app's store, cached by its inputs."""
    db = app.state.settings.db
    key = ("simulation", tournament, as_of, sims, seed, hot)
    return app.state.cache.get(key, lambda: api.simulate_tournament(
        tournament, as_of, sims=sims, seed=seed, hot=hot, db=db))


def timeline(app: FastAPI, tournament: str, sims: int, seed: int, refit: bool) -> Any:
    """``api.simulate_timeline`` for the app's store, cached by its inputs."""
    db = app.state.settings.db
    key = ("timeline", tournament, sims, seed, refit)
    return app.state.cache.get(key, lambda: api.simulate_timeline(
        tournament, sims=sims, seed=seed, refit=refit, db=db))


def upsets(app: FastAPI, **selection: Any) -> Any:
    """``api.upsets`` for the app's store, cached by the selection."""
    key = ("upsets", *sorted(selection.items()))
    return app.state.cache.get(key, lambda: api.upsets(db=app.state.settings.db, **selection))


def comebacks(app: FastAPI, **selection: Any) -> Any:
    """``api.comebacks`` for the app's store, cached by the selection."""
    key = ("comebacks", *sorted(selection.items()))
    return app.state.cache.get(key, lambda: api.comebacks(db=app.state.settings.db, **selection))


def match(app: FastAPI, date: str, home: str, away: str) -> tuple[Any, Any]:
    """``api.match_replay`` and ``api.story`` of one past match, cached by the inputs
    (a played match does not change while the store stays loaded)."""
    db = app.state.settings.db

    def both() -> tuple[Any, Any]:
        return (api.match_replay(date, home, away, db=db),
                api.story(date, home, away, fmt=None, db=db))

    return app.state.match_cache.get(("match", date, home, away), both)  # type: ignore[no-any-return]


def latest_ratings(app: FastAPI, top: int) -> Any:
    """``api.ratings`` after the last match in the store (the home page's table), cached."""
    return app.state.cache.get(("ratings", top),
                               lambda: api.ratings(top=top, db=app.state.settings.db))
