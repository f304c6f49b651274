"""Walk-forward backtest on a real window, scored on 90-minute results."""

from __future__ import annotations

import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError
from scoreline.evaluate.backtest import backtest
from scoreline.models.elo import Elo


def test_world_cup_2022_with_elo(matches: pd.DataFrame) -> None:
    """Elo scores the 64 matches of the 2022 World Cup near the reference RPS of the
    eloratings formula with an ordered logit (about 0.225), and excludes none (every
    match has a 90-minute score)."""
    r = backtest(matches, Elo, "2022-11-20", "2022-12-19", tournament="FIFA World Cup",
                 refit="1D")
    assert r.scores.n_matches == 64 and r.n_excluded == 0
    assert 0.20 < r.scores.rps < 0.24
    assert r.forecasts[["p_home", "p_draw", "p_away"]].sum(axis=1).to_numpy() == \
        pytest.approx(1.0)
    assert set(r.calibration["outcome"]) == {"home", "draw", "away"}


def test_unknown_90_minute_scores_are_excluded_and_counted(matches: pd.DataFrame) -> None:
    """Matches whose 90-minute score is unknown are not scored; their number is reported."""
    window = matches[(matches["date"] >= "1995-01-01") & (matches["date"] < "2000-01-01")]
    unknown = int(window["home_score_90"].isna().sum())
    assert unknown > 0
    r = backtest(matches, Elo, "1995-01-01", "2000-01-01", refit="30D")
    assert r.n_excluded == unknown
    assert r.scores.n_matches == len(window) - unknown
    assert 0.15 < r.scores.rps < 0.20


def test_bad_window_and_tournament(matches: pd.DataFrame) -> None:
    """since >= until and an unknown tournament are clear errors (with a suggestion)."""
    with pytest.raises(InvalidParameterError, match="before"):
        backtest(matches, Elo, "2020-01-01", "2019-01-01")
    with pytest.raises(InvalidParameterError, match="FIFA World Cup"):
        backtest(matches, Elo, "2022-11-20", "2022-12-19", tournament="FIFA Wrld Cup")
