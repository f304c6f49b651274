"""The FastAPI app factory: settings, middleware, error handlers, templates, static files."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp

from scoreline import __version__, api
from scoreline.web import errors
from scoreline.web.answers import AnswerCache, AnswerCacheMiddleware
from scoreline.web.cache import ResultCache
from scoreline.web.guard import GuardMiddleware
from scoreline.web.heavy import HeavyPool, call
from scoreline.web.render import install_filters

log = logging.getLogger("scoreline.web")

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class WebSettings:
    """How the app serves.

    Attributes
    ----------
    db : str or None
        Store path (None: ``$SCORELINE_DB`` or the user data directory).
    max_sims : int
        Largest ``sims`` a tournament simulation request may ask for.
    max_timeline_sims : int
        Largest ``sims`` per date of a tournament timeline request.
    page_sims : int
        Simulations behind the tournament forecasts shown on the pages.
    timeline_sims : int
        Simulations per date behind the title-chance chart of the tournament page.
    timeline_refit : bool
        Refit the model before every date of a timeline (the honest replay, about ten
        times slower than reusing the opening-day fit).
    max_body_bytes : int
        Request bodies above this are refused with 413 (an article may be at most 1 MB
        of text; the transport limit leaves room for form or JSON encoding).
    cache_size : int
        Simulation and ranking results kept (least recently used dropped first).
    forecast_cache_size : int
        Match forecasts kept, by the request's inputs; as many encoded answers are kept
        by the request's exact query string (:mod:`scoreline.web.answers`).
    match_cache_size : int
        Match pages' results kept (replay and story of a played match).
    warm : bool
        At start-up, load the store and compute the home page's data in the background.
    heavy_workers : int
        Worker processes running heavy work (fits, simulations, rankings, checks) at once.
    heavy_queue : int
        Heavy jobs admitted beyond the running ones; past that, 503 with ``Retry-After``.
    time_budget_s : float
        Longest a request waits for heavy work, in seconds (then 503; the work goes on and
        its result is cached for the retry).
    max_claims : int
        Most claims an article check answers (the rest are counted, not listed).
    heavy_processes : bool
        Heavy work in worker processes (the default), or in threads of the server process
        (its Python parts then hold the interpreter lock against the event loop).
    heavy_nice : int
        Added to the heavy workers' nice value: on busy cores the process answering light
        requests is scheduled first.
    """

    db: str | None = None
    max_sims: int = 50_000
    max_timeline_sims: int = 5_000
    page_sims: int = 10_000
    timeline_sims: int = 2_000
    timeline_refit: bool = True
    max_body_bytes: int = 3_200_000
    cache_size: int = 32
    match_cache_size: int = 256
    forecast_cache_size: int = 4096
    warm: bool = False
    heavy_workers: int = 2
    heavy_queue: int = 8
    time_budget_s: float = 10.0
    max_claims: int = 300
    heavy_processes: bool = True
    heavy_nice: int = 10




class ScorelineApp(FastAPI):
    """FastAPI with :class:`~scoreline.web.guard.GuardMiddleware` outside everything else,
    so that even Starlette's own 500 answers carry the security headers, and the answers
    kept as bytes (:mod:`scoreline.web.answers`) just inside it, ahead of the framework."""

    def build_middleware_stack(self) -> ASGIApp:
        inner = AnswerCacheMiddleware(super().build_middleware_stack(), self.state.answers)
        return GuardMiddleware(inner, self.state.settings.max_body_bytes)


async def _warm(app: FastAPI) -> None:
    """Compile the kernels in a process of their own if numba's cache lacks them
    (:meth:`HeavyPool.run_apart`), then compute what the first visitors would otherwise
    wait for (home page, its timeline), on the heavy pool like any request, with no time
    budget."""
    from scoreline.web import calls
    from scoreline.web.pages import HOME_TOURNAMENT, home_context

    settings: WebSettings = app.state.settings
    try:
        # kernels compiled apart (a no-op but for the imports when numba's cache is warm)
        await asyncio.to_thread(app.state.heavy.run_apart,
                                call(api.warm_up, settings.db, kernels_only=True))
        await home_context(app, budget=False)
        await calls.timeline_async(app, HOME_TOURNAMENT, settings.timeline_sims, 0,
                                   settings.timeline_refit, budget=False)
        log.info("warm-up done")
    except Exception:
        log.exception("warm-up failed")
    finally:
        app.state.warming = False


SETTINGS_ENV = "SCORELINE_WEB_SETTINGS"
"""Environment variable holding :class:`WebSettings` as JSON for :func:`app_from_env`."""


def settings_to_env(settings: WebSettings) -> str:
    """``settings`` as the JSON that :func:`app_from_env` reads from :data:`SETTINGS_ENV`."""
    return json.dumps(dataclasses.asdict(settings))


def app_from_env() -> FastAPI:
    """The app built from the settings in ``$SCORELINE_WEB_SETTINGS`` (JSON).

    uvicorn's worker processes (``scoreline serve --workers N``) each import and call this
    factory; every worker opens the store read-only and shares the on-disk caches, and
    runs pandas without pyarrow (:func:`scoreline.api.pandas_without_arrow`).
    """
    api.pandas_without_arrow()  # a server process: before the store loads pandas
    raw = os.environ.get(SETTINGS_ENV)
    return create_app(WebSettings(**json.loads(raw)) if raw else None)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    settings : WebSettings, optional
        Defaults serve the default store.

    Returns
    -------
    FastAPI
        The JSON API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``, a readable
        reference at ``/api``) and the pages ``/``, ``/team/{team}``, ``/match/{date}/{home}/{away}``,
        ``/tournament/{id}``, ``/predict``, ``/live``, ``/check``.
    """
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warming = None
        if settings.warm:
            app.state.heavy.start()
            app.state.warming = True
            warming = asyncio.create_task(_warm(app))
        yield
        if warming is not None:
            warming.cancel()
        app.state.heavy.shutdown()

    app = ScorelineApp(
        title="scoreline",
        version=__version__,
        description="International football forecasts and match intelligence from every "
                    "men's international since 1872. Every route is a thin client of "
                    "scoreline's Python API.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # FastAPI's explorer loads from a CDN; /api is drawn from the schema
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = settings.db
    app.state.cache = ResultCache(settings.cache_size)
    app.state.match_cache = ResultCache(settings.match_cache_size)
    app.state.forecasts = ResultCache(settings.forecast_cache_size)
    app.state.answers = AnswerCache(settings.forecast_cache_size)
    app.state.warming = False
    app.state.heavy = HeavyPool(settings.heavy_workers, settings.heavy_queue,
                                settings.time_budget_s, processes=settings.heavy_processes,
                                db=settings.db, niceness=settings.heavy_nice)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    install_filters(templates.env)
    app.state.templates = templates
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from scoreline.web import live, pages, routes

    app.include_router(routes.router)
    app.include_router(live.api_router)
    app.include_router(pages.router)
    app.include_router(live.page_router)
    # Open the store and read its tables now: a bad store fails at start-up rather than on
    # the first request, and request threads never race to fill the store's table cache.
    app.state.info = api.data_info(settings.db)
    app.state.teams = api.get_store(settings.db).teams()
    return app
