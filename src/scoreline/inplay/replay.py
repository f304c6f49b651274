"""A match replayed minute by minute: the pre-match forecast, each goal and what it did to the
win probabilities, and the lowest point of the eventual winner.

The in-play model is :mod:`scoreline.inplay`; the pre-match expected goals come from the
walk-forward forecast of the default model (:mod:`scoreline.forecast.prematch`), so the
replay of a match never uses a model that saw it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scoreline.data.outcomes import DecidedBy
from scoreline.data.types import AboutAMatch, Match
from scoreline.inplay import (
    LAST_MINUTE,
    REGULATION_MINUTES,
    InPlayPaths,
    ScoringProfile,
    check_goal_list,
    goal_timelines,
    inplay_paths,
)

if TYPE_CHECKING:
    import pandas as pd

    from scoreline.models.protocol import ModelFactory


@dataclass(frozen=True)
class PrematchForecast:
    """The forecast made before kick-off (90-minute result).

    Attributes
    ----------
    p_home, p_draw, p_away : float
        Probabilities of the 90-minute result.
    home_xg, away_xg : float
        Expected goals per 90 minutes.
    trained_until : str
        ISO date: the model saw only matches strictly before it.
    """

    p_home: float
    p_draw: float
    p_away: float
    home_xg: float
    away_xg: float
    trained_until: str


@dataclass(frozen=True)
class GoalEvent:
    """One goal and the win probabilities just before and just after it.

    Attributes
    ----------
    minute : int
        Minute as recorded (45 and 90 include stoppage time; 91-120 extra time).
    team : str
        Team credited with the goal (for an own goal, the team that benefits).
    scorer : str or None
        Player who scored (for an own goal, the player who put it into his own net).
    own_goal, penalty : bool
    home_goals, away_goals : int
        Score after the goal.
    p_home, p_draw, p_away : float or None
        Probabilities after the minute of the goal (None without a timeline). For a match
        that went to extra time, of the result after extra time (draw = shoot-out).
    p_team_before, p_team_after : float or None
        Win probability of the scoring team before its goal (end of the previous minute)
        and after it.
    """

    minute: int | None
    team: str
    scorer: str | None
    own_goal: bool
    penalty: bool
    home_goals: int
    away_goals: int
    p_home: float | None = None
    p_draw: float | None = None
    p_away: float | None = None
    p_team_before: float | None = None
    p_team_after: float | None = None


@dataclass(frozen=True)
class TimelinePoint:
    """Win probabilities after one minute (0 = kick-off)."""

    minute: int
    home_goals: int
    away_goals: int
    p_home: float
    p_draw: float
    p_away: float


@dataclass(frozen=True)
class MatchReplay(AboutAMatch):
    """A past match, minute by minute.

    Attributes
    ----------
    match : Match
        The match as in the data (final score after extra time, without shoot-outs; the
        first-named team is the home side even at neutral venues); its ``extra_time`` is
        True when the match went to extra time (a shoot-out included).
    home_score_90, away_score_90 : int or None
        Score after 90 minutes where known.
    prematch : PrematchForecast or None
        None only for a match in the first week of the data (nothing to learn from).
    goals : list of GoalEvent
        In the order scored.
    timeline : list of TimelinePoint
        Minutes 0..90 (..120 with extra time); empty when no timeline can be drawn. The
        probabilities are of the 90-minute result, or for a match that went to extra time
        of the result after extra time (``p_draw`` = a shoot-out).
    winner : str or None
        The team that won (after extra time) or went through on penalties; None for a draw.
    decided_by : DecidedBy or None
        ``"90 minutes"``, ``"extra time"`` or ``"shoot-out"`` (a string enum).
    winner_lowest_p : float or None
        Lowest in-play probability of the eventual winner winning (for matches that went
        to extra time: of going through, with a 50/50 shoot-out).
    winner_lowest_minute : int or None
        When it was lowest (the first minute it reached that low).
    notes : list of str
        Why a timeline is missing, data problems found, conventions worth knowing.
    charts : list of str
        Chart files written for this replay (PNG, SVG), if any.
    """

    match: Match
    home_score_90: int | None
    away_score_90: int | None
    prematch: PrematchForecast | None
    goals: list[GoalEvent] = field(default_factory=list)
    timeline: list[TimelinePoint] = field(default_factory=list)
    winner: str | None = None
    decided_by: DecidedBy | None = None
    winner_lowest_p: float | None = None
    winner_lowest_minute: int | None = None
    notes: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)

    @property
    def has_timeline(self) -> bool:
        """True when the minute-by-minute probabilities could be computed."""
        return bool(self.timeline)

    def timeline_frame(self) -> pd.DataFrame:
        """The timeline as a DataFrame (``minute, home_goals, away_goals, p_home, p_draw, p_away``)."""
        import pandas as pd

        columns = ["minute", "home_goals", "away_goals", "p_home", "p_draw", "p_away"]
        return pd.DataFrame([vars(p) for p in self.timeline], columns=columns)

    @property
    def score_text(self) -> str:
        """e.g. ``"Germany 1-2 Japan"`` (``a.e.t.`` / penalties noted)."""
        text = self.match.score_text()
        if self.match.extra_time and not self.match.shootout_winner:
            text += " (a.e.t.)"
        return text


def winner_of(match: pd.Series | Any) -> tuple[str | None, DecidedBy | None]:
    """The winner of a match row (after extra time, else the shoot-out) and how it was decided."""
    import pandas as pd

    home_score, away_score = int(match["home_score"]), int(match["away_score"])
    extra_time = bool(match["extra_time"]) if pd.notna(match["extra_time"]) else False
    shootout = match["shootout_winner"]
    if home_score != away_score:
        winner = match["home_team"] if home_score > away_score else match["away_team"]
        return str(winner), DecidedBy.EXTRA_TIME if extra_time else DecidedBy.REGULATION
    if shootout is not None and pd.notna(shootout):
        return str(shootout), DecidedBy.SHOOTOUT
    return None, None


def winner_curve(paths: InPlayPaths, row: int, winner_is_home: bool,
                 decided_by: DecidedBy) -> np.ndarray:
    """The eventual winner's in-play probability over the minutes it was played.

    90-minute wins use the 90-minute result (minutes 0..90); matches that went to extra
    time use the probability of going through (minutes 0..120).
    """
    if decided_by == DecidedBy.REGULATION:
        curve = paths.result[row, : REGULATION_MINUTES + 1, 0 if winner_is_home else 2]
    else:
        curve = paths.advance[row, : LAST_MINUTE + 1, 0 if winner_is_home else 1]
    return np.asarray(curve)


def build_replay(
    match: pd.Series,
    matches: pd.DataFrame,
    goals: pd.DataFrame,
    *,
    profile: ScoringProfile | None = None,
    model_factory: ModelFactory | None = None,
    cache_dir: Path | None = None,
) -> MatchReplay:
    """Replay one match of the store.

    Parameters
    ----------
    match : Series
        The store row of the match (``store.find_match``).
    matches : DataFrame
        Every match of the store (training data of the walk-forward pre-match forecast).
    goals : DataFrame
        The goals of this match (``store.goals(match_id=...)``).
    profile : ScoringProfile, optional
        In-play profile (default: the shipped one).
    model_factory, cache_dir : optional
        Passed to :func:`~scoreline.forecast.prematch.prematch_forecasts`.

    Returns
    -------
    MatchReplay
        Without a timeline (and with a note saying why) when the goal list is missing,
        incomplete, or does not add up to the final score.
    """
    import pandas as pd

    from scoreline.forecast.prematch import prematch_forecasts

    match_id = int(match["match_id"])
    home_team, away_team = str(match["home_team"]), str(match["away_team"])
    extra_time = bool(match["extra_time"]) if pd.notna(match["extra_time"]) else False
    shootout = match["shootout_winner"] if match["shootout_winner"] is not None else None
    if shootout is not None and pd.isna(shootout):
        shootout = None
    extra_time = extra_time or shootout is not None
    notes: list[str] = []

    pre = prematch_forecasts(matches, [match_id], model_factory=model_factory, cache_dir=cache_dir)
    prematch: PrematchForecast | None = None
    if len(pre):
        r = pre.iloc[0]
        prematch = PrematchForecast(
            float(r["p_home"]), float(r["p_draw"]), float(r["p_away"]),
            float(r["home_xg"]), float(r["away_xg"]), str(pd.Timestamp(r["trained_until"]).date()),
        )
    else:
        notes.append("no pre-match forecast: the match is in the first week of the data")

    goals = goals.sort_values(["minute", "goal_seq"] if "goal_seq" in goals.columns else ["minute"],
                              kind="stable", na_position="last")
    problems = check_goal_list(match, goals)
    notes.extend(problems)
    winner, decided_by = winner_of(match)

    events: list[GoalEvent] = []
    home_goals = away_goals = 0
    for g in goals.itertuples(index=False):
        if g.team == home_team:
            home_goals += 1
        elif g.team == away_team:
            away_goals += 1
        events.append(GoalEvent(
            minute=None if pd.isna(g.minute) else int(g.minute), team=str(g.team),
            scorer=None if g.scorer is None or pd.isna(g.scorer) else str(g.scorer),
            own_goal=bool(g.own_goal), penalty=bool(g.penalty),
            home_goals=home_goals, away_goals=away_goals,
        ))

    base = MatchReplay(
        match=dataclasses.replace(Match.from_row(match), extra_time=extra_time),
        home_score_90=None if pd.isna(match["home_score_90"]) else int(match["home_score_90"]),
        away_score_90=None if pd.isna(match["away_score_90"]) else int(match["away_score_90"]),
        prematch=prematch, winner=winner, decided_by=decided_by, goals=events, notes=notes,
    )
    if problems or prematch is None:
        return base

    frame = pd.DataFrame([match]).assign(extra_time=extra_time)
    timelines = goal_timelines(frame, goals)
    paths = inplay_paths(timelines, np.array([prematch.home_xg]), np.array([prematch.away_xg]),
                         profile)
    last = LAST_MINUTE if extra_time else REGULATION_MINUTES
    diff_home = np.cumsum(timelines.home_goals_by_minute[0])
    diff_away = np.cumsum(timelines.away_goals_by_minute[0])
    # a match that went to extra time was a knockout: follow the result after extra time
    # (draw = shoot-out) from kick-off, so the lines never jump at minute 90
    result = paths.knockout[0] if extra_time else paths.result[0]
    timeline = [
        TimelinePoint(m, int(diff_home[m]), int(diff_away[m]),
                      float(result[m, 0]), float(result[m, 1]), float(result[m, 2]))
        for m in range(last + 1)
    ]
    with_p: list[GoalEvent] = []
    for e in events:
        m = min(int(e.minute or 0), LAST_MINUTE)
        col = 0 if e.team == home_team else 2
        with_p.append(GoalEvent(
            **{**vars(e), "p_home": float(result[m, 0]), "p_draw": float(result[m, 1]),
               "p_away": float(result[m, 2]),
               "p_team_before": float(result[m - 1, col]), "p_team_after": float(result[m, col])}
        ))
    lowest_p = lowest_minute = None
    if winner is not None and decided_by is not None:
        curve = winner_curve(paths, 0, winner == home_team, decided_by)
        lowest_minute = int(np.argmin(curve))
        lowest_p = float(curve[lowest_minute])
    if extra_time:
        notes.append("the match went to extra time: the probabilities are for the result "
                     "after extra time (p_draw = a shoot-out), from kick-off on")
    return dataclasses.replace(base, goals=with_p, timeline=timeline, winner_lowest_p=lowest_p,
                               winner_lowest_minute=lowest_minute, notes=notes)
