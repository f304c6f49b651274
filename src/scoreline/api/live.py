"""Matches in play: win probabilities from the minute, the score and the goals so far (``live``)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline._json import JsonDict, jsonable
from scoreline.api._store import _day, get_store

if TYPE_CHECKING:
    from scoreline.inplay.replay import MatchReplay


@dataclass(frozen=True)
class LivePrematch:
    """The pre-match forecast a live state starts from (90-minute result).

    Attributes
    ----------
    p_home, p_draw, p_away : float
    home_xg, away_xg : float
        Expected goals per 90 minutes.
    trained_until : datetime.date
        The model saw only matches strictly before this day.
    source : str
        ``"walk-forward"`` for a match in the store (the forecast ``scoreline match`` starts
        from) or ``"fitted"`` for a fixture the store does not hold (a model fitted on every
        match before its date, as ``scoreline predict``).
    """

    p_home: float
    p_draw: float
    p_away: float
    home_xg: float
    away_xg: float
    trained_until: dt.date
    source: str


@dataclass(frozen=True)
class LiveGoalRow:
    """One goal entered, with the probabilities right after it (home/away as entered)."""

    minute: int
    side: str
    team: str
    scorer: str | None
    penalty: bool
    own_goal: bool
    home_goals: int
    away_goals: int
    p_home: float
    p_draw: float
    p_away: float


@dataclass(frozen=True)
class LiveCurvePoint:
    """Probabilities after one minute (0 = kick-off); advance fields only in knockouts."""

    minute: int
    home_goals: int
    away_goals: int
    p_home: float
    p_draw: float
    p_away: float
    p_home_advance: float | None = None
    p_away_advance: float | None = None


@dataclass(frozen=True)
class LiveForecast(JsonDict):
    """A match in play (``scoreline live``, ``POST /api/v1/live``).

    Attributes
    ----------
    home_team, away_team : str
        Canonical names, home first as entered.
    date : datetime.date
        Match day.
    neutral, knockout : bool
    match_id : int or None
        The store's match when the fixture is a stored (past) match: its walk-forward
        pre-match forecast is used, so the numbers equal the replay's (``scoreline match``).
    minute : int
        Minutes played (0 = kick-off; 45, 90, 105, 120 include stoppage time).
    period : str
        ``"normal time"`` or ``"extra time"``.
    home_goals, away_goals : int
        The score now.
    p_home, p_draw, p_away : float
        In normal time the 90-minute result; in extra time the result after extra time
        (``p_draw`` = a shoot-out).
    p_home_advance, p_away_advance : float or None
        Knockout ties: the chance of going through (extra time, then a 50/50 shoot-out).
    p_shootout : float or None
        Knockout ties: the chance that it goes to penalties.
    prematch : LivePrematch
    goals : list of LiveGoalRow
        The goals entered, with the probabilities after each.
    curve : list of LiveCurvePoint
        Minutes 0..minute (empty when only the score was given).
    goals_text : str
        The goals in the ``--goals`` syntax (what a share link carries).
    notes : list of str
    charts : list of str
        Chart files written (PNG, SVG).
    """

    home_team: str
    away_team: str
    date: dt.date
    neutral: bool
    knockout: bool
    match_id: int | None
    minute: int
    period: str
    home_goals: int
    away_goals: int
    p_home: float
    p_draw: float
    p_away: float
    p_home_advance: float | None
    p_away_advance: float | None
    p_shootout: float | None
    prematch: LivePrematch
    goals: list[LiveGoalRow] = field(default_factory=list)
    curve: list[LiveCurvePoint] = field(default_factory=list)
    goals_text: str = ""
    notes: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)



_WALK_FORWARD: dict[tuple[str, str, int], Any] = {}
"""Walk-forward forecasts of stored matches by (store, snapshot, match_id): a match in play
is asked about every minute, and reading the forecast cache costs more than the answer."""


def _walk_forward(store: Any, match_id: int) -> Any:
    from scoreline.forecast.prematch import prematch_forecasts

    key = (store.path, store.fingerprint(), match_id)
    if key not in _WALK_FORWARD:
        pre = prematch_forecasts(store.matches(), [match_id])
        if len(_WALK_FORWARD) > 1024:
            _WALK_FORWARD.clear()
        _WALK_FORWARD[key] = pre.iloc[0] if len(pre) else None
    return _WALK_FORWARD[key]


def _prematch(store: Any, day: Any, home: str, away: str, neutral: bool, knockout: bool,
              notes: list[str]) -> tuple[LivePrematch, int | None, bool]:
    """The pre-match forecast: walk-forward for a stored match, else a fit before ``day``."""
    import pandas as pd

    from scoreline.api.forecasts import predict_match
    from scoreline.errors import UnknownMatchError

    try:
        row = store.find_match(day, home, away)
    except UnknownMatchError:
        row = None
    if row is not None:
        r = _walk_forward(store, int(row["match_id"]))
        if r is not None:
            swapped = str(row["home_team"]) != home
            stored_neutral = bool(row["neutral"])
            if stored_neutral != neutral:
                notes.append(f"the venue is that of the stored match "
                             f"({'neutral' if stored_neutral else 'home ground'})")
            p_home, p_away = float(r["p_home"]), float(r["p_away"])
            home_xg, away_xg = float(r["home_xg"]), float(r["away_xg"])
            if swapped:
                p_home, p_away, home_xg, away_xg = p_away, p_home, away_xg, home_xg
            trained = pd.Timestamp(r["trained_until"]).date()
            return (LivePrematch(p_home, float(r["p_draw"]), p_away, home_xg, away_xg, trained,
                                 "walk-forward"), int(row["match_id"]), stored_neutral)
    forecast = predict_match(home, away, date=day, neutral=neutral, knockout=knockout,
                             db=store.path)
    return (LivePrematch(forecast.p_home, forecast.p_draw, forecast.p_away, forecast.home_xg,
                         forecast.away_xg, forecast.date, "fitted"), None, neutral)


@dataclass(frozen=True)
class _Fixture:
    """What a live state starts from, before the minute and the score: the canonical teams,
    the day, the venue and the pre-match forecast (a pure function of the store and the
    request, so it is cached on disk)."""

    home_team: str
    away_team: str
    day: dt.date
    neutral: bool
    match_id: int | None
    prematch: LivePrematch
    notes: list[str]


def _fixture(home: str, away: str, date: Any, neutral: bool, knockout: bool,
             db: str | Path | None) -> _Fixture:
    """The fixture of a live request, from the on-disk forecast cache when it was asked before.

    A match in play is asked about minute after minute; resolving the names and reading
    the pre-match forecast needs the store (DuckDB and pandas, ~1 s to import and read),
    while the state itself costs milliseconds. The key is that of
    :func:`scoreline.api.forecasts._forecast_key`: the store file's identity (a load,
    update, addition, removal or rollback rewrites it) and the forecasting code's.
    """
    from scoreline.api.forecasts import _forecast_cache, _forecast_key

    use_disk = os.environ.get("SCORELINE_FIT_CACHE", "1") != "0"
    request = {"live": "fixture", "home": home, "away": away,
               "date": None if date is None else str(date), "neutral": bool(neutral),
               "knockout": bool(knockout)}
    disk_key = _forecast_key(db, request) if use_disk else None
    if disk_key is not None:
        stored = _forecast_cache().read(disk_key)
        if isinstance(stored, dict):
            with contextlib.suppress(KeyError, TypeError, ValueError):
                pre = stored["prematch"]
                return _Fixture(
                    str(stored["home_team"]), str(stored["away_team"]),
                    dt.date.fromisoformat(stored["day"]), bool(stored["neutral"]),
                    None if stored["match_id"] is None else int(stored["match_id"]),
                    LivePrematch(**{**pre, "trained_until":
                                    dt.date.fromisoformat(pre["trained_until"])}),
                    [str(n) for n in stored["notes"]])
    fixture = _fixture_from_store(home, away, date, neutral, knockout, db)
    if disk_key is not None:
        _forecast_cache().write(disk_key, jsonable(fixture))
    return fixture


def _fixture_from_store(home: str, away: str, date: Any, neutral: bool, knockout: bool,
                        db: str | Path | None) -> _Fixture:
    """:func:`_fixture` without the cache."""
    from scoreline.errors import InvalidParameterError

    store = get_store(db)
    day = _day(date, "date") or store.last_date() + dt.timedelta(days=1)
    home_team, away_team = store.resolve_team(home, day), store.resolve_team(away, day)
    if home_team == away_team:
        raise InvalidParameterError(f"{home_team!r} cannot play itself; give two different teams")
    notes: list[str] = []
    prematch, match_id, venue_neutral = _prematch(store, day, home_team, away_team, neutral,
                                                  knockout, notes)
    return _Fixture(home_team, away_team, day, venue_neutral, match_id, prematch, notes)


def live_match(
    home: str,
    away: str,
    *,
    minute: int | str | None = None,
    score: str | tuple[int, int] | None = None,
    goals: str | Sequence[Mapping[str, Any]] | None = None,
    date: Any = None,
    neutral: bool = False,
    knockout: bool = False,
    chart: str | Path | None = None,
    db: str | Path | None = None,
) -> LiveForecast:
    """Win probabilities of a match in play (``scoreline live HOME AWAY --minute M``).

    Parameters
    ----------
    home, away : str
        The two teams, home first (any spelling the store resolves). ``HOME``/``AWAY`` in
        ``goals`` and the order of ``score`` follow this order.
    minute : int or str, optional
        Minutes played: 0..90, or 91..120 in extra time of a knockout; ``"45+2"`` is 45.
        Default: the minute of the last goal (0 without goals).
    score : str or (int, int), optional
        The score now, ``"0-1"`` (home first). Taken from ``goals`` when not given.
    goals : str or sequence of mappings, optional
        The goals so far, ``"33:HOME:Gündoğan:pen,75:AWAY:Dōan"`` (``MINUTE:SIDE[:SCORER]
        [:pen|:og]``, SIDE = HOME, AWAY or a team's name), or records ``{minute, side,
        scorer, penalty, own_goal}`` (JSON); with them the curve from kick-off is computed
        and the chart can be drawn.
    date : date-like, optional
        Match day (default: the day after the last match in the store). When the store
        holds this match, its walk-forward pre-match forecast is used (the one
        ``scoreline match`` replays from), so the numbers equal the replay's.
    neutral : bool
        Neutral venue (no home advantage); a stored match keeps its own venue.
    knockout : bool
        A knockout tie: extra time and penalties if level after 90 minutes.
    chart : path, optional
        Draw the win-probability chart (needs ``goals``); PNG and SVG beside this path.
    db : path, optional
        Store file.

    Raises
    ------
    InvalidParameterError
        A bad minute, score or goal list, or a state the match cannot be in.
    UnknownTeamError
        A team name matches no team (with the closest names).
    """

    from scoreline.inplay.live import (
        Side,
        goals_from_records,
        goals_text,
        live_state,
        parse_goals,
        parse_minute,
    )
    from scoreline.inplay.live import parse_score as parse_score_text

    fixture = _fixture(home, away, date, neutral, knockout, db)
    home_team, away_team, day = fixture.home_team, fixture.away_team, fixture.day
    if goals is None:
        entered = None
    elif isinstance(goals, str):
        entered = parse_goals(goals, home_team, away_team)
    else:
        entered = goals_from_records(goals, home_team, away_team)
    if minute is None:
        minute_n = max((g.minute for g in entered or []), default=0)
    else:
        minute_n = minute if isinstance(minute, int) else parse_minute(minute)
    home_goals = away_goals = None
    if score is not None:
        home_goals, away_goals = (parse_score_text(score) if isinstance(score, str)
                                  else (int(score[0]), int(score[1])))
    notes = list(fixture.notes)
    prematch, match_id, venue_neutral = fixture.prematch, fixture.match_id, fixture.neutral
    state = live_state(prematch.home_xg, prematch.away_xg, minute=minute_n,
                       home_goals=home_goals, away_goals=away_goals, goals=entered,
                       knockout=knockout)
    by_minute = {p.minute: p for p in state.curve}
    rows: list[LiveGoalRow] = []
    h = a = 0
    for g in state.goals:
        h, a = (h + 1, a) if g.side is Side.HOME else (h, a + 1)
        at = by_minute[g.minute]
        rows.append(LiveGoalRow(g.minute, g.side.value,
                                home_team if g.side is Side.HOME else away_team, g.scorer,
                                g.penalty, g.own_goal, h, a, at.p_home, at.p_draw, at.p_away))
    now = state.now
    if knockout and minute_n <= 90:
        notes.append("normal time: the 1X2 is of the 90-minute result; the advance chances "
                     "include extra time and a 50/50 shoot-out")
    result = LiveForecast(
        home_team, away_team, day, venue_neutral, knockout, match_id, minute_n,
        "extra time" if minute_n > 90 else "normal time", now.home_goals, now.away_goals,
        now.p_home, now.p_draw, now.p_away, now.p_home_advance, now.p_away_advance,
        state.p_shootout, prematch, rows, [LiveCurvePoint(**vars(p)) for p in state.curve],
        goals_text(state.goals), notes)
    if chart is not None:
        if not result.curve:
            result = dataclasses.replace(result, notes=[
                *result.notes, "no chart was drawn: give the goals so far to draw the curve"])
        else:
            from scoreline.inplay.replay_chart import save_replay_chart

            paths = save_replay_chart(_as_replay(result), chart)
            result = dataclasses.replace(result, charts=[str(p) for p in paths])
    return result


def _as_replay(live: LiveForecast) -> MatchReplay:
    """The live curve in the shape of a replay, so the replay chart draws it."""
    from scoreline.data.types import Match
    from scoreline.inplay.replay import GoalEvent, MatchReplay, PrematchForecast, TimelinePoint

    curve = {p.minute: p for p in live.curve}
    goals = []
    for g in live.goals:
        before = curve[g.minute - 1]
        after = curve[g.minute]
        col = "p_home" if g.side == "home" else "p_away"
        goals.append(GoalEvent(g.minute, g.team, g.scorer, g.own_goal, g.penalty, g.home_goals,
                               g.away_goals, g.p_home, g.p_draw, g.p_away,
                               getattr(before, col), getattr(after, col)))
    pre = live.prematch
    match = Match(
        match_id=live.match_id or 0, date=live.date, home_team=live.home_team,
        away_team=live.away_team, home_score=live.home_goals, away_score=live.away_goals,
        tournament=f"In play after {live.minute}'",
        city="neutral venue" if live.neutral else "home venue", country="",
        neutral=live.neutral, extra_time=live.minute > 90, shootout_winner=None)
    return MatchReplay(
        match=match, home_score_90=None, away_score_90=None,
        prematch=PrematchForecast(pre.p_home, pre.p_draw, pre.p_away, pre.home_xg, pre.away_xg,
                                  pre.trained_until.isoformat()),
        goals=goals,
        timeline=[TimelinePoint(p.minute, p.home_goals, p.away_goals, p.p_home, p.p_draw,
                                p.p_away) for p in live.curve])
