"""The shared records of every layer: ``Match``, ``Record`` and the one date parser."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from scoreline.data.dates import parse_date
from scoreline.data.store import Store
from scoreline.data.types import Match, Record
from scoreline.errors import InvalidParameterError


@pytest.mark.parametrize("value", ["2022-11-23", " 2022-11-23 ", "2022-11-23T19:00:00",
                                   dt.date(2022, 11, 23), dt.datetime(2022, 11, 23, 19),
                                   pd.Timestamp("2022-11-23"), np.datetime64("2022-11-23")])
def test_parse_date_reads_every_date_like(value: object) -> None:
    """Strings, dates, datetimes, Timestamps and datetime64 all give the same day."""
    assert parse_date(value, "date") == dt.date(2022, 11, 23)


@pytest.mark.parametrize("value", ["next tuesday", "2022-02-30", "", None, pd.NaT, 20221123.5])
def test_parse_date_has_one_message(value: object) -> None:
    """Whatever is wrong, the message names the argument, the value and the expected form."""
    with pytest.raises(InvalidParameterError) as err:
        parse_date(value, "since")
    assert str(err.value) == (f"since={value!r} is not a date; expected a date YYYY-MM-DD, "
                              "e.g. 2022-11-23")


def test_store_and_api_use_the_same_message(store: Store) -> None:
    """A bad date reaches the store with the parser's message."""
    with pytest.raises(InvalidParameterError, match=r"until='soon' is not a date; expected"):
        store.matches(until="soon")


def test_match_from_a_store_row(store: Store) -> None:
    """A stored row becomes a Match with a ``datetime.date`` and the result helpers work."""
    row = store.find_match("2022-11-23", "Japan", "Germany")
    m = Match.from_row(row)
    assert m.date == dt.date(2022, 11, 23) and m.teams == ("Germany", "Japan")
    assert (m.winner, m.loser, m.goals_for("Japan"), m.opponent("Japan")) == (
        "Japan", "Germany", 2, "Germany")
    assert m.label() == "Germany 1-2 Japan, FIFA World Cup, 2022-11-23, Al Rayyan"
    assert m.to_dict()["date"] == "2022-11-23" and m.header()["away_score"] == 2


def test_record_points_and_adding_results() -> None:
    """points = points_per_win x wins + draws; adding a score updates every count."""
    rec = Record(team="Japan").add(2, 1).add(0, 1).add(1, 1)
    assert (rec.played, rec.wins, rec.draws, rec.losses) == (3, 1, 1, 1)
    assert (rec.goals_for, rec.goals_against, rec.goal_difference, rec.points) == (3, 3, 0, 4)
    assert Record(wins=2, draws=1, points_per_win=2).points == 5
    assert rec.text() == "P3 W1 D1 L1"
