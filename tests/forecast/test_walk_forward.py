"""Walk-forward forecasting: no lookahead, refit cadence, order of the output."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError
from scoreline.forecast.walk_forward import parse_refit, walk_forward
from scoreline.models.elo import Elo


@pytest.fixture(scope="module")
def recent(matches: pd.DataFrame) -> pd.DataFrame:
    """Matches from 2018 to mid-2019 (Elo needs a history; links fit on its last years)."""
    return matches[matches["date"] < "2019-07-01"].reset_index(drop=True)


def test_adding_later_matches_changes_no_forecast(matches: pd.DataFrame,
                                                  recent: pd.DataFrame) -> None:
    """Forecasts of Jan-Feb 2019 are identical whether the data stop in mid-2019 or run to
    2026: nothing dated on or after a forecast's block is used."""
    short = walk_forward(recent, Elo, "2019-01-01", "2019-03-01", refit="7D")
    full = walk_forward(matches, Elo, "2019-01-01", "2019-03-01", refit="7D")
    assert len(short) == len(full) > 50
    assert np.array_equal(short.grids, full.grids)


def test_results_of_the_day_are_not_used(recent: pd.DataFrame) -> None:
    """Flipping every result on and after 2019-01-10 leaves that day's forecasts (daily
    refit) unchanged: a forecast never sees its own match."""
    flipped = recent.copy()
    late = flipped["date"] >= "2019-01-10"
    flipped.loc[late, ["home_score", "away_score"]] = flipped.loc[
        late, ["away_score", "home_score"]].to_numpy()
    a = walk_forward(recent, Elo, "2019-01-10", "2019-01-11", refit="1D")
    b = walk_forward(flipped, Elo, "2019-01-10", "2019-01-11", refit="1D")
    assert np.array_equal(a.outcomes, b.outcomes)


def test_warm_and_cold_refits_agree(recent: pd.DataFrame) -> None:
    """Refitting one warm-started model gives the forecasts of fresh models per block."""
    warm = walk_forward(recent, Elo, "2019-03-01", "2019-04-15", refit="7D", warm_start=True)
    cold = walk_forward(recent, Elo, "2019-03-01", "2019-04-15", refit="7D", warm_start=False)
    assert warm.outcomes == pytest.approx(cold.outcomes, abs=1e-6)


def test_fixtures_keep_their_order_and_probabilities_sum_to_one(recent: pd.DataFrame) -> None:
    """Given fixtures out of date order, forecasts come back in the order given, each
    row's 1X2 summing to one; progress is reported up to the total."""
    fx = pd.DataFrame({
        "date": pd.to_datetime(["2019-06-20", "2019-02-01", "2019-06-20"]),
        "home_team": ["Brazil", "Japan", "Spain"], "away_team": ["Peru", "Qatar", "Malta"],
        "neutral": [False, True, False], "tournament": ["Copa América", "AFC Asian Cup",
                                                       "Friendly"]})
    calls: list[tuple[int, int]] = []
    f = walk_forward(recent, Elo, fixtures=fx, refit="30D", progress=lambda d, t: calls.append((d, t)))
    assert f.fixtures["home_team"].tolist() == ["Brazil", "Japan", "Spain"]
    assert f.outcomes.sum(axis=1) == pytest.approx(1.0)
    assert f.p_home[0] > 0.5 and calls[-1] == (3, 3)


@pytest.mark.parametrize("bad", ["0D", "12h", "soon", "-7D"])
def test_bad_refit_cadence(bad: str) -> None:
    """A cadence that is not a whole number of days (at least one) is refused."""
    with pytest.raises(InvalidParameterError, match="refit"):
        parse_refit(bad)


def test_empty_window_is_an_error(recent: pd.DataFrame) -> None:
    """A window without fixtures says so instead of returning an empty forecast."""
    with pytest.raises(InvalidParameterError, match="no fixtures"):
        walk_forward(recent, Elo, "2030-01-01", "2030-02-01")
