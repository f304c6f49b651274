"""Where a tournament stands as of a day: upcoming, running, finished with its final."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scoreline import api
from scoreline.errors import InvalidParameterError


def test_finished_tournaments_default_to_after_the_final(store_path: Path) -> None:
    """With the data running past them, each tournament shows its final and champion:
    Argentina on penalties in 2022, Spain in 2026 (the data run to that final)."""
    wc22 = api.tournament_status("wc2022", db=store_path)
    assert wc22.status == "finished" and wc22.as_of == dt.date(2022, 12, 19)
    assert wc22.champion == "Argentina" and wc22.matches_played == 64
    assert wc22.final is not None and wc22.final.shootout_winner == "Argentina"
    wc26 = api.tournament_status("wc2026", db=store_path)
    assert wc26.as_of == dt.date(2026, 7, 20) and wc26.matches_played == 104
    assert wc26.final is not None and (wc26.final.home_team, wc26.final.away_team) == (
        "Spain", "Argentina")
    assert wc26.champion == "Spain"
    assert wc26.to_dict()["final"]["date"] == "2026-07-19"


def test_as_of_during_and_before(store_path: Path) -> None:
    """As of a day of the group stage the tournament is running with the matches so far;
    as of its opening day it is upcoming."""
    running = api.tournament_status("wc2026", "2026-06-20", db=store_path)
    assert running.status == "running" and running.champion is None
    assert 0 < running.matches_played < 72
    upcoming = api.tournament_status("wc2026", "2026-06-11", db=store_path)
    assert upcoming.status == "upcoming" and upcoming.matches_played == 0


def test_bad_as_of(store_path: Path) -> None:
    """A malformed date is refused."""
    with pytest.raises(InvalidParameterError, match="not a date"):
        api.tournament_status("wc2026", "2026-13-45", db=store_path)


def test_fifa_only_upsets_leave_out_non_members(store_path: Path) -> None:
    """Asked for FIFA members only, the latest upsets have no CONIFA sides or regions;
    without it they may."""
    from scoreline.data.confederations import NONE, confederation_of

    only = api.upsets(top=None, fifa_only=True, db=store_path)
    teams = {t for u in only.upsets for t in (u.match.home_team, u.match.away_team)}
    assert teams and all(confederation_of(t) != NONE for t in teams)
    every = api.upsets(top=None, db=store_path)
    others = {t for u in every.upsets for t in (u.match.home_team, u.match.away_team)}
    assert any(confederation_of(t) == NONE for t in others)
    assert only.upsets_found < every.upsets_found


def test_status_of_an_edition_with_groups_from_the_data(store_path: Path) -> None:
    """An edition whose groups come from the data (World Cup 2014) has a status: finished,
    Germany the champion, all 64 matches played."""
    s = api.tournament_status("wc2014", db=store_path)
    assert s.status == "finished" and s.champion == "Germany" and s.matches_played == 64
