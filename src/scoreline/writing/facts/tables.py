"""Group tables of a finals tournament, inferred from who played whom.

The data has no stage column, so a group is found as a set of n teams (n = 3 to 6) that
each played the other n - 1 exactly once as their first n - 1 matches of the edition:
a round-robin at the start of the tournament. Points: 3 for a win from 1994 on
(2 before), 1 for a draw; ties broken by goal difference, goals scored, head-to-head,
then name (:mod:`scoreline.tournament.standings`).
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

import pandas as pd

from scoreline.data.types import Match, Record
from scoreline.tournament.standings import rank_group, standings
from scoreline.writing.facts.lookup import Edition

#: First year of three points for a win at the tournaments in the data (the 1994 World Cup).
THREE_POINTS_FROM = 1994


def _first_opponents(matches: pd.DataFrame, team: str, k: int) -> list[str]:
    rows = matches[(matches["home_team"] == team) | (matches["away_team"] == team)].head(k)
    return [a if h == team else h for h, a in zip(rows["home_team"], rows["away_team"], strict=False)]


def find_group(edition: Edition, match: Match) -> list[str] | None:
    """The teams of the round-robin group ``match`` belongs to, or None if it is not a group game."""
    if not edition.is_finals:
        return None
    frame = edition.matches
    for size in (4, 3, 5, 6):
        group = {match.home_team, match.away_team}
        ok = True
        for team in (match.home_team, match.away_team):
            opp = _first_opponents(frame, team, size - 1)
            if len(opp) != size - 1 or match.opponent(team) not in opp:
                ok = False
                break
            group |= set(opp)
        if not ok or len(group) != size:
            continue
        games = frame[frame["home_team"].isin(group) & frame["away_team"].isin(group)]
        pairs = {frozenset((h, a)) for h, a in zip(games["home_team"], games["away_team"], strict=False)}
        if all(frozenset(p) in pairs for p in combinations(group, 2)) and all(
            set(_first_opponents(frame, t, size - 1)) == group - {t} for t in group
        ):
            return sorted(group)
    return None


#: Group tie-breakers of the World Cup finals (head-to-head after goals), then team name.
TABLE_CRITERIA = ("points", "goal_difference", "goals_for", "head_to_head_points",
                  "head_to_head_goal_difference", "head_to_head_goals_for")


def group_table(edition: Edition, group: list[str], through: dt.date) -> list[Record]:
    """The table of ``group`` counting its round-robin matches played on or before ``through``.

    Ranked by :func:`scoreline.tournament.standings.rank_group` with ``TABLE_CRITERIA``;
    teams still level are listed by name.
    """
    frame = edition.matches
    games = frame[
        frame["home_team"].isin(group)
        & frame["away_team"].isin(group)
        & (frame["date"] <= pd.Timestamp(through))
    ]
    seen: set[frozenset[str]] = set()
    results: dict[tuple[str, str], tuple[int, int]] = {}
    for h, a, hs, as_ in zip(games["home_team"], games["away_team"], games["home_score"],
                             games["away_score"], strict=True):
        key = frozenset((h, a))
        if key in seen:  # a later knockout meeting of two group rivals is not a group game
            continue
        seen.add(key)
        results[(str(h), str(a))] = (int(hs), int(as_))
    win_points = 3 if through.year >= THREE_POINTS_FROM else 2
    table = standings(group, results, points_per_win=win_points)
    order = rank_group(group, results, TABLE_CRITERIA, random.Random(0), lots=sorted,
                       points_per_win=win_points)
    return [table[t] for t in order]


def table_provenance(edition: Edition, through: dt.date) -> str:
    """How a group table was computed."""
    pts = 3 if through.year >= THREE_POINTS_FROM else 2
    return (
        f"group inferred as a round-robin of first matches in {edition.label} ({edition.provenance}); "
        f"matches to {through.isoformat()} inclusive; {pts} points for a win, 1 for a draw; "
        "ordered by points, goal difference, goals scored, head-to-head, name"
    )
