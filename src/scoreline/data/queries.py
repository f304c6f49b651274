"""Team records and head-to-head meetings, straight from the stored results.

Scores are after extra time (as upstream); a match settled by a shoot-out counts as a
draw in records, and the shoot-out winner is listed beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoreline._json import JsonDict
from scoreline.data.store import Store
from scoreline.data.types import Goal, Match, Record
from scoreline.errors import InvalidParameterError


@dataclass(frozen=True)
class TeamSummary(JsonDict):
    """``scoreline team NAME``: overall record, by venue, and the latest results."""

    team: str
    first_match: dt.date
    last_match: dt.date
    overall: Record
    home: Record
    away: Record
    neutral: Record
    recent: list[Match]


@dataclass(frozen=True)
class HeadToHead(JsonDict):
    """Every meeting of two teams, oldest first, with totals from ``team_a``'s side."""

    team_a: str
    team_b: str
    record: Record
    meetings: list[Match]


def _record(frame: pd.DataFrame, team: str) -> Record:
    home = (frame["home_team"] == team).to_numpy()
    gf = np.where(home, frame["home_score"], frame["away_score"])
    ga = np.where(home, frame["away_score"], frame["home_score"])
    return Record(
        played=len(frame),
        wins=int((gf > ga).sum()),
        draws=int((gf == ga).sum()),
        losses=int((gf < ga).sum()),
        goals_for=int(gf.sum()),
        goals_against=int(ga.sum()),
        team=team,
    )


def _lines(store: Store, frame: pd.DataFrame, with_goals: bool) -> list[Match]:
    goals_by_match: dict[int, list[Goal]] = {}
    if with_goals and len(frame):
        goals = store.goals(match_id=frame["match_id"].to_numpy())
        for g in goals.itertuples(index=False):
            goals_by_match.setdefault(int(g.match_id), []).append(Goal(
                team=str(g.team), scorer=None if pd.isna(g.scorer) else str(g.scorer),
                minute=None if pd.isna(g.minute) else int(g.minute),
                own_goal=bool(g.own_goal), penalty=bool(g.penalty),
            ))
    return [
        Match.from_row(r, goals=tuple(goals_by_match.get(int(r.match_id), [])))
        for r in frame.itertuples(index=False)
    ]


def team_summary(store: Store, team: str, *, recent: int = 10, until: dt.date | str | None = None) -> TeamSummary:
    """Record of ``team`` (any spelling) over its whole history, or before ``until``.

    Parameters
    ----------
    store : Store
    team : str
        Team name, alias or former name.
    recent : int
        How many latest results to list (with their goals).
    until : date-like, optional
        Only matches strictly before this date.
    """
    if recent < 0:
        raise InvalidParameterError(f"recent={recent} is negative; expected 0 or more")
    name = store.resolve_team(team)
    frame = store.matches(team=name, until=until)
    if frame.empty:
        raise InvalidParameterError(f"{name} played no match before {until}")
    at_home = (frame["home_team"] == name) & ~frame["neutral"]
    away = (frame["away_team"] == name) & ~frame["neutral"]
    return TeamSummary(
        team=name,
        first_match=frame["date"].iloc[0].date(),
        last_match=frame["date"].iloc[-1].date(),
        overall=_record(frame, name),
        home=_record(frame[at_home], name),
        away=_record(frame[away], name),
        neutral=_record(frame[frame["neutral"]], name),
        recent=_lines(store, frame.iloc[::-1].head(recent), with_goals=True),
    )


def head_to_head(store: Store, team_a: str, team_b: str, *, until: dt.date | str | None = None) -> HeadToHead:
    """Every meeting of ``team_a`` and ``team_b`` (home or away), with their goals.

    Totals are from ``team_a``'s point of view; ``until`` keeps meetings strictly
    before that date.
    """
    a, b = store.resolve_team(team_a), store.resolve_team(team_b)
    if a == b:
        raise InvalidParameterError(f"{a} cannot meet itself; expected two different teams")
    frame = store.matches(team=a, until=until)
    frame = frame[(frame["home_team"] == b) | (frame["away_team"] == b)]
    return HeadToHead(team_a=a, team_b=b, record=_record(frame, a),
                      meetings=_lines(store, frame, with_goals=True))
