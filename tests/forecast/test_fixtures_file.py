"""Reading a user's fixtures CSV: clear errors naming the line and field."""

from __future__ import annotations

import pandas as pd
import pytest

from scoreline.data.store import Store
from scoreline.errors import DataValidationError
from scoreline.forecast.fixtures_file import read_fixtures


def test_good_file_is_parsed(store: Store) -> None:
    """Dates become datetimes, names canonical, neutral a bool, tournament defaults to Friendly."""
    text = "date,home_team,away_team,neutral\n2022-11-23,germany,Japan,TRUE\n2023-03-24,Spain,Norway,\n"
    fx = read_fixtures(text, store.resolve_team)
    assert fx["home_team"].tolist() == ["Germany", "Spain"]
    assert fx["neutral"].tolist() == [True, False]
    assert fx["tournament"].tolist() == ["Friendly", "Friendly"]
    assert fx["date"].iloc[0] == pd.Timestamp("2022-11-23")


def test_bad_rows_are_all_reported(store: Store) -> None:
    """An unknown team (with suggestions), a bad date, a team playing itself and a bad flag
    are each reported with file, line and field; nothing is predicted."""
    text = ("date,home_team,away_team,neutral\n"
            "2022-11-23,Germany,Japn,true\n"
            "2022-13-01,Spain,Spain,maybe\n")
    with pytest.raises(DataValidationError) as info:
        read_fixtures(text, store.resolve_team, name="my.csv")
    msg = str(info.value)
    assert "my.csv:2: away_team: unknown team 'Japn'; did you mean 'Japan'" in msg
    assert "my.csv:3: date: '2022-13-01' is not a real date" in msg
    assert "my.csv:3: away_team: 'Spain' cannot play itself" in msg
    assert "my.csv:3: neutral: 'maybe'" in msg
    assert info.value.total == 4


def test_missing_column_is_reported(store: Store) -> None:
    """A file without away_team fails on its header line."""
    with pytest.raises(DataValidationError, match="header: missing column"):
        read_fixtures("date,home_team\n2022-11-23,Germany\n", store.resolve_team)


def test_blank_venue_and_tournament_come_from_the_played_match(store: Store) -> None:
    """A played fixture's blank cells take the data's venue and tournament, in either
    order of the teams; a stated value is kept; a fixture not in the data keeps the
    defaults; only a home match named the other way round is marked to be reversed."""
    from scoreline.forecast.fixtures_file import read_fixtures_completed

    text = ("date,home_team,away_team,neutral,tournament\n"
            "2022-11-23,Germany,Japan,,\n"               # neutral World Cup match
            "2022-11-23,Japan,Germany,,\n"               # the same, other way round
            "2022-03-24,North Macedonia,Italy,,\n"       # Italy at home, named second
            "2022-03-24,Italy,North Macedonia,false,Friendly\n"  # stated: kept
            "2030-06-01,Brazil,Argentina,,\n")           # not played: defaults
    got = read_fixtures_completed(text, store.resolve_team, store.matches())
    f = got.frame
    assert f["neutral"].tolist() == [True, True, False, False, False]
    assert f["tournament"].tolist() == ["FIFA World Cup", "FIFA World Cup",
                                        "FIFA World Cup qualification", "Friendly", "Friendly"]
    assert got.reversed.tolist() == [False, False, True, False, False]
    assert got.completed == 3
    assert f["home_team"].tolist()[:3] == ["Germany", "Japan", "North Macedonia"]
