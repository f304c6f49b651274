"""``Store.info`` counted in DuckDB: the same figures as the tables read into memory give,
without reading them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scoreline.data.store import Store


def test_info_counts_agree_with_the_tables_on_the_real_data(store_path: Path) -> None:
    """Matches, goals, shoot-outs, teams, tournaments, the date range and the matches with
    goal minutes counted by SQL are those counted from the tables as DataFrames."""
    with Store(store_path) as fresh:  # same mode as the session's connection
        info = fresh.info()
        assert fresh._cache == {}  # no table was read to count
        m, goals, shootouts = fresh.matches(), fresh.goals(), fresh.shootouts()
        assert info.matches == len(m) == 49_520
        assert info.goals == len(goals)
        assert info.shootouts == len(shootouts)
        assert info.teams == len(pd.unique(pd.concat([m["home_team"], m["away_team"]])))
        assert info.teams == len(fresh.teams())
        assert info.tournaments == m["tournament"].nunique()
        assert info.first_date == m["date"].min().date()
        assert info.last_date == m["date"].max().date()
        assert info.matches_with_goal_minutes == int(m["has_goal_minutes"].sum())
        assert info.loads >= 1 and info.added == [] and info.added_matches == 0


def test_info_reports_the_last_load_as_plain_values(store_path: Path) -> None:
    """The last load's record holds the JSON columns decoded and the time as ISO seconds."""
    with Store(store_path) as fresh:  # same mode as the session's connection
        last = fresh.info().last_load
    assert last is not None
    assert isinstance(last["sha256"], dict) and "results.csv" in last["sha256"]
    assert isinstance(last["warnings"], list)
    assert last["matches"] == 49_520 and isinstance(last["loaded_at"], str)
    assert pd.Timestamp(last["loaded_at"]).isoformat(timespec="seconds") == last["loaded_at"]
