"""A match in play: ``POST /api/v1/live`` and the ``/live`` page.

The page works without JavaScript: every button is a GET form whose result URL carries
the fixture and the goals, so it doubles as the share link. With JavaScript, ``live.js``
posts the same state to the JSON API and redraws the numbers and the chart in place.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from scoreline import api
from scoreline.web import calls
from scoreline.web.params import TEAM_PATTERN
from scoreline.web.schemas import ERRORS

api_router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)
page_router = APIRouter(include_in_schema=False)

MAX_GOALS = 30
"""More goals than this in one request are refused (422)."""

GOALS_PATTERN = r"^[^\x00-\x1f\x7f<>]*$"


class LiveGoalIn(BaseModel):
    """One goal so far."""

    minute: Annotated[int, Field(ge=1, le=120, description="1..120; stoppage time folded "
                                 "into 45, 90, 105 and 120.")]
    side: Annotated[str, Field(pattern=r"^(home|away|HOME|AWAY)$",
                               description="The side credited with the goal (an own goal "
                               "counts for the other side).")]
    scorer: Annotated[str | None, Field(max_length=80, pattern=GOALS_PATTERN)] = None
    penalty: bool = False
    own_goal: bool = False


class LiveIn(BaseModel):
    """A fixture and the goals so far."""

    home: Annotated[str, Field(min_length=1, max_length=80, pattern=TEAM_PATTERN)]
    away: Annotated[str, Field(min_length=1, max_length=80, pattern=TEAM_PATTERN)]
    date: dt.date | None = Field(None, description="Match day (default: the day after the "
                                 "last match in the store).")
    neutral: bool = False
    knockout: bool = False
    minute: Annotated[int | None, Field(ge=0, le=120, description="Minutes played (default: "
                                        "the last goal's minute).")] = None
    goals: Annotated[list[LiveGoalIn], Field(max_length=MAX_GOALS)] = []


@api_router.post("/live", response_model=api.LiveForecast, summary="A match in play")
async def live_state(request: Request, body: LiveIn) -> JSONResponse:
    """Win probabilities now and the curve from kick-off, from the goals so far.

    In normal time the probabilities are of the 90-minute result, in extra time of the
    result after extra time (``p_draw`` = a shoot-out); knockouts add each side's chance
    to go through. A stored (past) match starts from its own walk-forward pre-match
    forecast, so the numbers equal its replay's.
    """
    result = await calls.live_async(
        request.app, body.home, body.away, minute=body.minute, date=body.date,
        neutral=body.neutral, knockout=body.knockout,
        goals=[g.model_dump() for g in body.goals])
    return JSONResponse(api.to_jsonable(result))  # the library's encoder, as ``--json``


def share_query(home: str, away: str, date: str | None, venue: str, knockout: bool,
                minute: int | None, goals: str) -> str:
    """The query string of a live page state (what the share link carries)."""
    params: dict[str, str] = {"home": home, "away": away}
    if date:
        params["date"] = date
    params["venue"] = venue
    if knockout:
        params["knockout"] = "true"
    if minute is not None:
        params["minute"] = str(minute)
    if goals:
        params["goals"] = goals
    return urlencode(params)


Text = Annotated[str | None, Query(max_length=80, pattern=TEAM_PATTERN)]


@page_router.get("/live", response_class=HTMLResponse)
async def live_page(
    request: Request,
    home: Text = None,
    away: Text = None,
    venue: Annotated[str, Query(pattern="^(home|neutral)$")] = "neutral",
    date: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None,
    knockout: bool = False,
    minute: Annotated[str | None, Query(max_length=8)] = None,
    goals: Annotated[str, Query(max_length=3000, pattern=GOALS_PATTERN)] = "",
    add: Annotated[str | None, Query(pattern="^(home|away)$")] = None,
    scorer: Annotated[str | None, Query(max_length=80, pattern=GOALS_PATTERN)] = None,
    pen: bool = False,
    og: bool = False,
    undo: bool = False,
) -> Response:
    """Pick a fixture, add goals with their minute, watch the win probabilities.

    ``add=home|away`` (with ``minute``, optional ``scorer``, ``pen``, ``og``) records a goal and
    ``undo`` removes the last one; both redirect to the plain state URL, the share link.
    """
    from scoreline.errors import InvalidParameterError

    date = date or None
    if home and away and (add or undo):
        entries = [g for g in goals.split(",") if g.strip()]
        if undo and entries:
            entries.pop()
        if add:
            if not minute or not minute.strip():
                raise InvalidParameterError("give the minute of the goal")
            name = (scorer or "").replace(",", " ").replace(":", " ").strip()
            flags = ["pen"] * pen + ["og"] * og
            entries.append(":".join([minute.strip(), add.upper(), *([name] if name else []),
                                     *flags]))
        last = _last_minute(entries)
        keep = _minute_or_none(minute)
        at = max(last, keep) if keep is not None else last
        query = share_query(home, away, date, venue, knockout, at if entries or keep else None,
                            ",".join(entries))
        return RedirectResponse(f"/live?{query}", status_code=303)
    state = None
    if home and away:
        state = await calls.live_async(request.app, home, away,
                                       minute=minute.strip() if minute else None,
                                       goals=goals, date=date, neutral=venue == "neutral",
                                       knockout=knockout)
    chart = None
    share = ""
    if state is not None:
        chart = {"kind": "winprob", "home_team": state.home_team, "away_team": state.away_team,
                 "timeline": [vars(p) for p in state.curve],
                 "goals": [vars(g) for g in state.goals], "low": None}
        share = (str(request.base_url).rstrip("/") + "/live?" + share_query(
            state.home_team, state.away_team, state.date.isoformat(), venue, knockout,
            state.minute, state.goals_text))
    templates = request.app.state.templates
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, "live.html",
        {"title": "Live" if state is None else
         f"{state.home_team} {state.home_goals}–{state.away_goals} {state.away_team}, {state.minute}'",
         "state": state, "chart": chart, "share_url": share, "teams": request.app.state.teams,
         "home": home or "", "away": away or "", "venue": venue, "date": date or "",
         "knockout": knockout})


def _minute_or_none(text: str | None) -> int | None:
    digits = (text or "").split("+")[0].strip().rstrip("'")
    return int(digits) if digits.isdigit() else None


def _last_minute(entries: list[str]) -> int:
    minutes = [_minute_or_none(e.split(":")[0]) for e in entries]
    return max((m for m in minutes if m is not None), default=0)
