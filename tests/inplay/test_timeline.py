"""Goal timelines from the real goal lists: own goals, extra time, incomplete lists."""

from __future__ import annotations

import pandas as pd

from scoreline.inplay import check_goal_list, goal_timelines


def _match(matches: pd.DataFrame, date: str, home: str) -> pd.DataFrame:
    return matches[(matches["date"] == pd.Timestamp(date)) & (matches["home_team"] == home)]


def test_own_goal_counts_for_the_team_it_benefits(matches: pd.DataFrame, goals: pd.DataFrame) -> None:
    """Brazil 3-1 Croatia (2014): Marcelo's own goal in the 12th minute is a Croatia goal."""
    m = _match(matches, "2014-06-12", "Brazil")
    g = goals[goals["match_id"].isin(m["match_id"])]
    og = g[g["own_goal"]]
    assert og["scorer"].tolist() == ["Marcelo"] and og["team"].tolist() == ["Croatia"]
    t = goal_timelines(m, goals)
    assert t.away_goals_by_minute[0, 12] == 1 and t.home_goals_by_minute[0, 12] == 0
    h90, a90 = t.score_90()
    assert (int(h90[0]), int(a90[0])) == (3, 1)
    assert check_goal_list(m.iloc[0], g) == []


def test_extra_time_goals_and_flag(matches: pd.DataFrame, goals: pd.DataFrame) -> None:
    """Argentina 3-3 France (2022 final): 2-2 after 90, extra-time goals at 108'/118'."""
    m = _match(matches, "2022-12-18", "Argentina")
    t = goal_timelines(m, goals)
    assert bool(t.extra_time[0])
    h90, a90 = t.score_90()
    assert (int(h90[0]), int(a90[0])) == (2, 2)
    assert int(t.goal_difference()[0, -1]) == 0


def test_goal_list_not_adding_up_is_reported(matches: pd.DataFrame, goals: pd.DataFrame) -> None:
    """A goal list that does not sum to the final score is reported, not repaired."""
    m = _match(matches, "2022-11-23", "Germany").iloc[0]
    g = goals[goals["match_id"] == m["match_id"]]
    problems = check_goal_list(m, g.iloc[:2])
    assert len(problems) == 1 and "1-2" in problems[0] and "Japan 1" in problems[0]
    no_minute = g.assign(minute=pd.array([None, 75, 83], dtype="Int64"))
    assert any("without a minute" in p for p in check_goal_list(m, no_minute))
    assert "no goal list" in check_goal_list(m, g.iloc[:0])[0]
