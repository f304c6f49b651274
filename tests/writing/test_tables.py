"""Group tables of the story facts are ranked by the tournament's own tie-breakers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from scoreline.writing.facts.lookup import Edition
from scoreline.writing.facts.tables import group_table


def _edition(rows: list[tuple[str, str, int, int]], year: int) -> Edition:
    day = dt.date(year, 6, 1)
    frame = pd.DataFrame(
        [(pd.Timestamp(day + dt.timedelta(days=i)), h, a, hs, as_) for i, (h, a, hs, as_)
         in enumerate(rows)],
        columns=["date", "home_team", "away_team", "home_score", "away_score"])
    return Edition("Cup", f"{year} Cup", day, day + dt.timedelta(days=len(rows)), True, frame)


ROWS = [("Alpha", "Beta", 0, 1), ("Alpha", "Gamma", 2, 0), ("Alpha", "Delta", 1, 0),
        ("Beta", "Gamma", 0, 1), ("Beta", "Delta", 2, 0), ("Gamma", "Delta", 0, 0)]
TEAMS = ["Alpha", "Beta", "Delta", "Gamma"]


def test_head_to_head_breaks_a_tie_on_points_and_goals() -> None:
    """Alpha and Beta are level on points, goal difference and goals scored; Beta won their
    meeting, so Beta is first (not Alpha by name)."""
    table = group_table(_edition(ROWS, 2002), TEAMS, dt.date(2002, 12, 31))
    assert [r.team for r in table] == ["Beta", "Alpha", "Gamma", "Delta"]
    assert [r.points for r in table] == [6, 6, 4, 1]


def test_two_points_for_a_win_before_1994() -> None:
    """Before 1994 a win is worth 2 points, and the ranking uses those points."""
    table = group_table(_edition(ROWS, 1990), TEAMS, dt.date(1990, 12, 31))
    assert [(r.team, r.points) for r in table] == [
        ("Beta", 4), ("Alpha", 4), ("Gamma", 3), ("Delta", 1)]
