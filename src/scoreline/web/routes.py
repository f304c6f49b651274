"""The JSON API under ``/api/v1``: one route per :mod:`scoreline.api` function.

Each route validates its parameters (FastAPI answers 422 for malformed ones), calls one
API function with the app's store and returns the result; errors become JSON answers
(:mod:`scoreline.web.errors`).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from scoreline import api
from scoreline.web import calls, convert
from scoreline.web.params import (
    TEAM_PATTERN,
    DatePath,
    ModelName,
    OptionalDate,
    Seed,
    TeamPath,
    TeamQuery,
    Tournament,
)
from scoreline.web.schemas import (
    ERRORS,
    CheckIn,
    CheckOut,
    SimulationOut,
    StoryOut,
)

router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)


def _json(result: object) -> JSONResponse:
    """``result`` written by the library's JSON encoder (the same as ``--json``)."""
    return JSONResponse(api.to_jsonable(result))


def _db(request: Request) -> str | None:
    db: str | None = request.app.state.settings.db
    return db


@router.get("/ratings", response_model=api.RatingsTable, summary="World Elo ratings on a date")
def ratings(
    request: Request,
    date: OptionalDate = None,
    top: Annotated[int, Query(ge=1, le=400, description="Best N teams.")] = 20,
    confederation: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z ]+$",
                                               description="AFC, CAF, CONCACAF, "
                                               "CONMEBOL, OFC, UEFA.")] = None,
) -> JSONResponse:
    """World Football Elo ratings after every match strictly before ``date`` (default: now)."""
    return _json(api.ratings(date, top=top, confederation=confederation, db=_db(request)))


@router.get("/teams/{team}", response_model=api.TeamSummary, summary="A team's record and results")
def team(
    request: Request,
    team: TeamPath,
    recent: Annotated[int, Query(ge=0, le=100, description="Latest results listed.")] = 10,
) -> JSONResponse:
    """Overall, home, away and neutral record (after extra time) and the latest results."""
    return _json(api.team_summary(team, recent=recent, db=_db(request)))


@router.get("/teams/{team}/ratings", response_model=api.RatingHistory,
            summary="A team's Elo rating history")
def team_ratings(request: Request, team: TeamPath, until: OptionalDate = None) -> JSONResponse:
    """The team's Elo rating after each of its matches (strictly before ``until``)."""
    return _json(convert.rating_history(api.rating_history(team, until=until, db=_db(request))))


@router.get("/h2h/{team_a}/{team_b}", response_model=api.HeadToHead, summary="Head-to-head")
def h2h(request: Request, team_a: TeamPath, team_b: TeamPath) -> JSONResponse:
    """Every meeting of two teams with goals; totals from ``team_a``'s side.

    A request repeated with the same path is answered from the bytes kept."""
    response = _json(api.head_to_head(team_a, team_b, db=_db(request)))
    request.app.state.answers.put(request.scope, bytes(response.body))
    return response


@router.get("/matches/{date}/{home}/{away}", response_model=api.MatchReplay,
            summary="A match minute by minute")
async def match(request: Request, date: DatePath, home: TeamPath,
                away: TeamPath) -> JSONResponse:
    """Pre-match forecast (walk-forward, 90 minutes), each goal with the win probabilities
    before and after it, the minute-by-minute timeline, and the winner's lowest point."""
    return _json(await calls.replay_async(request.app, date, home, away))


@router.get("/matches/{date}/{home}/{away}/story", response_model=StoryOut,
            summary="The story of a match")
async def story(request: Request, date: DatePath, home: TeamPath,
                away: TeamPath) -> JSONResponse:
    """A match report written from data; every statement is backed by a listed fact."""
    result = await calls.story_async(request.app, date, home, away)
    return _json(result.to_dict())


Tournament_ = Annotated[str | None, Query(min_length=2, max_length=80, pattern=TEAM_PATTERN,
                                          description="Tournament name as in the data, "
                                          "e.g. 'FIFA World Cup'.")]
Year = Annotated[int | None, Query(ge=1872, le=2100, description="Calendar year.")]
Top = Annotated[int, Query(ge=1, le=200, description="How many to list.")]


@router.get("/upsets", response_model=api.UpsetRanking, summary="Biggest upsets")
async def upsets(
    request: Request,
    tournament: Tournament_ = None,
    year: Year = None,
    since: OptionalDate = None,
    until: OptionalDate = None,
    all_time: bool = False,
    top: Top = 20,
) -> JSONResponse:
    """Wins by the side with the lower walk-forward pre-match win probability, biggest
    first. Without a period: a tournament's whole history, else the latest year."""
    return _json(await calls.upsets_async(request.app, tournament=tournament, year=year,
                                          since=since, until=until, all_time=all_time, top=top))


@router.get("/comebacks", response_model=api.ComebackRanking, summary="Biggest comebacks")
async def comebacks(
    request: Request,
    tournament: Tournament_ = None,
    year: Year = None,
    since: OptionalDate = None,
    until: OptionalDate = None,
    top: Top = 20,
) -> JSONResponse:
    """Wins ranked by the winner's lowest in-play win probability (complete goal minutes
    only; wins after extra time by the chance of going through)."""
    return _json(await calls.comebacks_async(request.app, tournament=tournament, year=year,
                                             since=since, until=until, top=top))


@router.get("/predict", response_model=api.MatchForecast, summary="Forecast a fixture")
async def predict(
    request: Request,
    home: TeamQuery,
    away: TeamQuery,
    date: OptionalDate = None,
    neutral: bool = False,
    knockout: bool = False,
    tournament: Tournament_ = None,
    model: ModelName = ModelName.default,  # type: ignore[attr-defined]
) -> JSONResponse:
    """90-minute home/draw/away probabilities, expected goals and likeliest scores.

    With ``knockout``, also each side's chance to advance (extra time, then penalties).
    A request repeated with the same query string is answered from the bytes kept.
    """
    response = _json(await calls.predict_async(request.app, home, away, date=date,
                                               neutral=neutral, knockout=knockout,
                                               tournament=tournament, model=model.value))
    # the same query string again is answered with these bytes, ahead of the framework
    request.app.state.answers.put(request.scope, bytes(response.body))
    return response


@router.get("/health", summary="Liveness and load of this server process")
async def health(request: Request) -> dict[str, object]:
    """Always cheap: fits so far, cached models and forecasts (this server process and its
    heavy workers, added up), the answers kept as bytes and how often they were sent, and
    the heavy-work queue; ``pid`` tells the server processes of ``--workers N`` apart.
    Answered on the event loop itself (nothing here blocks), so it never waits for a
    request thread."""
    pool = request.app.state.heavy
    answers = request.app.state.answers
    counts = api.cache_stats().to_dict()
    for name, count in pool.worker_stats().items():
        counts[name] = counts.get(name, 0) + count
    return {"status": "ok", "pid": os.getpid(), "warming": request.app.state.warming,
            **counts, "answers": {"kept": len(answers), "sent": answers.hits},
            "heavy": {"workers": pool.workers, "processes": pool.worker_pids,
                      "capacity": pool.capacity, "admitted": pool.admitted,
                      "started": pool.started, "refused": pool.refused}}


@router.get("/tournaments", summary="Tournaments that can be simulated")
async def tournaments(request: Request) -> JSONResponse:
    """Ids accepted by ``/tournaments/{tournament}`` (``tournaments``) and each edition's
    title, dates, teams and hosts (``editions``, by start date)."""
    found = await calls.editions_async(request.app)
    return _json({"tournaments": [t.value for t in Tournament],
                  "editions": [e.to_dict() for e in found]})


@router.get("/tournaments/{tournament}", response_model=SimulationOut,
            summary="Simulate a tournament")
async def simulate(
    request: Request,
    tournament: Tournament,
    as_of: OptionalDate = None,
    sims: Annotated[int | None, Query(ge=100, description="Simulations (capped by the "
                                      "server, default its page setting).")] = None,
    seed: Seed = 0,
    hot: bool = False,
) -> JSONResponse:
    """Each team's chance to reach each stage, from the results known before ``as_of``.

    Results are cached by their inputs; ``sims`` above the server's cap is refused (422).
    """
    settings = request.app.state.settings
    n = _capped(sims, settings.page_sims, settings.max_sims)
    result = await calls.simulation_async(request.app, tournament.value, as_of, n, seed, hot)
    return _json(convert.simulation(result))


@router.get("/tournaments/{tournament}/timeline", response_model=api.TitleRace,
            summary="Title chances after every matchday")
async def tournament_timeline(
    request: Request,
    tournament: Tournament,
    sims: Annotated[int | None, Query(ge=100, description="Simulations per date (capped).")]
    = None,
    seed: Seed = 0,
    top: Annotated[int, Query(ge=1, le=16, description="Contenders listed.")] = 8,
) -> JSONResponse:
    """The tournament forecast replayed day by day: the contenders' title chances."""
    settings = request.app.state.settings
    n = _capped(sims, settings.timeline_sims, settings.max_timeline_sims)
    result = await calls.timeline_async(request.app, tournament.value, n, seed,
                                        settings.timeline_refit)
    return _json(api.title_race(result, top))


@router.post("/check", response_model=CheckOut, summary="Check an article's claims",
             responses={413: {"description": "Article over 1 MB."}})
async def check(request: Request, body: CheckIn) -> JSONResponse:
    """Every checkable claim of a match report: supported, contradicted or not checkable.

    Name the match with ``date``, ``home`` and ``away``, or let the checker find it from
    the text. The answer lists at most the server's ``max_claims`` claims, each quoting at
    most a few hundred characters of its sentence (``truncated`` says when it was cut).
    """
    report = await check_text(request, body.text, body.date, body.home, body.away)
    return _json(convert.check(report, request.app.state.settings.max_claims))


async def check_text(request: Request, text: str, date: dt.date | str | None, home: str | None,
                     away: str | None) -> api.CheckReport:
    """``api.check_article`` of a posted text on the heavy pool (shared with the check page)."""
    match = (date, home, away) if date and home and away else None
    return await calls.check_async(request.app, text, match)


def _capped(asked: int | None, default: int, cap: int) -> int:
    """``asked`` (or ``default``), refused above ``cap``."""
    from scoreline.errors import InvalidParameterError

    n = default if asked is None else asked
    if n > cap:
        raise InvalidParameterError(f"sims={n} is above this server's cap of {cap:,}; "
                                    f"ask for {cap:,} or fewer")
    return n
