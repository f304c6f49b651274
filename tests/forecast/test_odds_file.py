"""Reading an odds CSV: every bad cell named with the file's own line number."""

from __future__ import annotations

import math

import pytest

from scoreline.data.store import Store
from scoreline.forecast.odds_file import OddsFileError, read_odds

HEADER = "date,home_team,away_team,odds_home,odds_draw,odds_away,total_line,odds_over,odds_under\n"


def test_good_file_with_comments_and_optional_totals(store: Store) -> None:
    """Comment lines are skipped but counted, names become canonical, totals are optional."""
    text = ("# illustrative prices\n" + HEADER
            + "2022-11-23,germany,Japan,1.44,4.50,7.50,2.5,1.80,2.00\n"
            + "2022-11-23,Spain,Costa Rica,1.28,5.60,11.00,,,\n")
    odds = read_odds(text, store.resolve_team)
    assert odds["line"].tolist() == [3, 4]
    assert odds["home_team"].tolist() == ["Germany", "Spain"]
    assert odds["odds_away"].tolist() == [7.5, 11.0]
    assert odds["total_line"].iloc[0] == 2.5 and math.isnan(odds["total_line"].iloc[1])


def test_every_bad_cell_is_reported_by_line(store: Store) -> None:
    """Odds of 1 or below, a missing price, text, half a totals market, an unknown team and
    a bad date are all reported at once, each with its line and field."""
    text = ("# header comment\n" + HEADER
            + "2022-11-23,Germany,Japan,1.00,4.50,7.50,,,\n"
            + "2022-11-23,Spain,Costa Rica,,5.60,abc,2.5,1.9,\n"
            + "2022-11-31,Brazil,Serbai,1.5,4,7,,,\n")
    with pytest.raises(OddsFileError) as info:
        read_odds(text, store.resolve_team, "book.csv")
    msg = str(info.value)
    assert "book.csv:3: odds_home: '1.00' is not decimal odds" in msg
    assert "book.csv:4: odds_home: missing" in msg
    assert "book.csv:4: odds_away: 'abc' is not decimal odds" in msg
    assert "book.csv:4: odds_under: missing; give total_line, odds_over and odds_under" in msg
    assert "book.csv:5: date: '2022-11-31' is not a real date" in msg
    assert "book.csv:5: away_team: unknown team 'Serbai'; did you mean 'Serbia'" in msg
    assert info.value.total == 6


def test_missing_column_names_the_header(store: Store) -> None:
    """A file without odds_draw fails on its header, listing the expected columns."""
    with pytest.raises(OddsFileError, match="header: missing column"):
        read_odds("date,home_team,away_team,odds_home,odds_away\n2022-11-23,A,B,2,3\n",
                  store.resolve_team)
