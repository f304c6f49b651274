"""Server-rendered pages: each calls the Python API and fills a Jinja template.

Charts are drawn in the browser by the vendored uPlot (``static/vendor``) from the same
data the JSON API returns, embedded in the page as ``<script type="application/json">``
(or, for the tournament timeline, fetched from the API).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from scoreline import api
from scoreline.web import calls, convert
from scoreline.web.params import TEAM_PATTERN, DatePath, OptionalDate, TeamPath, Tournament
from scoreline.web.routes import check_text

router = APIRouter(include_in_schema=False)

HOME_TOURNAMENT = "wc2026"
"""The tournament whose forecast the home page shows."""


def _render(request: Request, template: str, **context: object) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)  # type: ignore[no-any-return]


def _db(app: FastAPI) -> str | None:
    db: str | None = app.state.settings.db
    return db


async def home_context(app: FastAPI, all_sides: bool = False, *,
                       budget: bool = True) -> dict[str, object]:
    """Data of the home page: latest ratings, the home tournament as of the latest data day,
    the latest upsets (between FIFA members unless ``all_sides``); each heavy part on the
    heavy pool until it is cached (``budget=False``: wait past the time budget)."""
    table = await calls.latest_ratings_async(app, 20, budget=budget)
    status = api.tournament_status(HOME_TOURNAMENT, db=_db(app))
    page_sims = app.state.settings.page_sims
    sim = await calls.simulation_async(app, HOME_TOURNAMENT, status.as_of.isoformat(),
                                       page_sims, 0, False, budget=budget)
    latest = await calls.upsets_async(app, tournament=None, year=None, since=None, until=None,
                                      all_time=False, top=8, fifa_only=not all_sides,
                                      budget=budget)
    opening = None
    if status.status == "finished":  # the table beside the champion: the pre-kick-off odds
        opening = convert.simulation(await calls.simulation_async(
            app, HOME_TOURNAMENT, None, page_sims, 0, False, budget=budget))
    return {"ratings": table, "forecast": convert.simulation(sim), "info": app.state.info,
            "upsets": latest, "tournament_id": HOME_TOURNAMENT, "status": status,
            "opening": opening, "all_sides": all_sides}


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, all_sides: bool = False) -> Response:
    """Home: ratings table, tournament state, latest upsets (``all_sides``: with non-FIFA
    sides), links into the rest."""
    context = await home_context(request.app, all_sides)
    return _render(request, "home.html", title="scoreline", **context)


@router.get("/team/{team}", response_class=HTMLResponse)
def team(request: Request, team: TeamPath) -> Response:
    """A team: record, Elo rating history chart, latest results."""
    db = _db(request.app)
    summary = api.team_summary(team, recent=20, db=db)
    points = api.rating_history(summary.team, db=db).points
    chart = {"kind": "rating", "team": summary.team,
             "dates": [p.date.isoformat() for p in points], "rating": [p.rating for p in points]}
    peak = max(points, key=lambda p: p.rating) if points else None
    return _render(request, "team.html", title=summary.team, summary=summary, chart=chart,
                   peak=peak, current=points[-1] if points else None)


@router.get("/match/{date}/{home}/{away}", response_class=HTMLResponse)
async def match(request: Request, date: DatePath, home: TeamPath,
                away: TeamPath) -> Response:
    """A match: pre-match forecast, win-probability chart with the goals, the story, a
    share link."""
    replay, story = await calls.match_async(request.app, date, home, away)
    m = story.match
    in_regulation = replay.decided_by == api.DecidedBy.REGULATION
    chart = None
    if replay.has_timeline:
        chart = {"kind": "winprob", "home_team": replay.match.home_team, "away_team": replay.match.away_team,
                 "timeline": convert.jsonable(replay.timeline),
                 "goals": convert.jsonable(replay.goals),
                 "low": {"team": replay.winner, "minute": replay.winner_lowest_minute,
                         "p": replay.winner_lowest_p}
                 if in_regulation and replay.winner_lowest_p is not None
                 else None}
    share = (str(request.base_url).rstrip("/")
             + f"/match/{m.date.isoformat()}/{quote(m.home_team)}/{quote(m.away_team)}")
    return _render(request, "match.html", title=story.headline, story=story, m=m,
                   replay=replay, in_regulation=in_regulation, chart=chart, share_url=share)


@router.get("/tournament", response_class=HTMLResponse)
def tournaments(request: Request) -> Response:
    """Which tournaments there are."""
    return RedirectResponse(f"/tournament/{HOME_TOURNAMENT}", status_code=307)


@router.get("/tournament/{tournament}", response_class=HTMLResponse)
async def tournament(request: Request, tournament: Tournament,
                     as_of: OptionalDate = None) -> Response:
    """A tournament: stage-probability table and the day-by-day title-chance chart."""
    settings = request.app.state.settings
    status = api.tournament_status(tournament.value, as_of, db=_db(request.app))
    result = await calls.simulation_async(request.app, tournament.value,
                                          status.as_of.isoformat(), settings.page_sims, 0, False)
    sim = convert.simulation(result)
    stages = result.stage_columns() if result.teams else []
    editions = await calls.editions_async(request.app)
    return _render(request, "tournament.html", title=result.tournament, sim=sim,
                   stages=stages, tournament_id=tournament.value, status=status,
                   editions=[e.to_dict() for e in editions])


@router.get("/team", response_class=HTMLResponse)
def team_search(request: Request,
                q: Annotated[str, Query(min_length=1, max_length=80, pattern=TEAM_PATTERN)]
                ) -> Response:
    """The team search box: straight to the team's page (or its 404 with suggestions)."""
    return RedirectResponse(f"/team/{quote(q.strip(), safe='')}", status_code=303)


@router.get("/predict", response_class=HTMLResponse)
async def predict(
    request: Request,
    home: Annotated[str | None, Query(max_length=80)] = None,
    away: Annotated[str | None, Query(max_length=80)] = None,
    venue: Annotated[str, Query(pattern="^(home|neutral)$")] = "neutral",
    date: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None,
    knockout: bool = False,
) -> Response:
    """Pick two teams and a venue; see the forecast (a GET form, so results can be shared)."""
    forecast = None
    if home and away:
        forecast = await calls.predict_async(request.app, home, away, date=date or None,
                                             neutral=venue == "neutral", knockout=knockout)
    return _render(request, "predict.html", title="Predict a match", forecast=forecast,
                   teams=request.app.state.teams, home=home or "", away=away or "",
                   venue=venue, date=date or "", knockout=knockout)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> Response:
    """Paste an article."""
    return _render(request, "check.html", title="Check an article", report=None, text="")


@router.post("/check", response_class=HTMLResponse)
async def check_submit(request: Request) -> Response:
    """The verdicts on the pasted article (form fields ``text``, optional ``date``,
    ``home``, ``away``)."""
    from scoreline.errors import InvalidParameterError

    body = await request.body()
    try:
        fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=8)
    except ValueError:
        raise InvalidParameterError("the form has too many fields; expected text, date, "
                                    "home and away") from None
    text = fields.get("text", [""])[0]
    date, home, away = (fields.get(k, [""])[0].strip()[:80] or None
                        for k in ("date", "home", "away"))
    day = _form_date(date)
    report = await check_text(request, text, day, home, away)
    return _render(request, "check.html", title="Check an article", report=report, text=text)


def _form_date(value: str | None) -> dt.date | None:
    """A form's date field (empty -> None; malformed -> the API's 422 error)."""
    return api.parse_date(value, "date") if value else None


@router.get("/api", response_class=HTMLResponse)
def api_reference(request: Request) -> Response:
    """The JSON API's reference, drawn from its OpenAPI schema (no CDN-hosted explorer)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p["schema"].get("description", ""),
                       "type": _schema_type(p["schema"], spec)}
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path,
                              "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params,
                              "body": "requestBody" in op})
    return _render(request, "api.html", title="JSON API", endpoints=endpoints,
                   version=spec["info"]["version"])


def _schema_type(schema: dict[str, Any], spec: dict[str, Any]) -> str:
    """A short readable type of an OpenAPI parameter schema."""
    if "anyOf" in schema:
        return " or ".join(_schema_type(s, spec) for s in schema["anyOf"]
                           if s.get("type") != "null")
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _schema_type(spec["components"]["schemas"].get(name, {"type": name}), spec)
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    bounds = [f"{k[:3]} {schema[k]}" for k in ("minimum", "maximum") if k in schema]
    return str(schema.get("type", "any")) + (f" ({', '.join(bounds)})" if bounds else "")
