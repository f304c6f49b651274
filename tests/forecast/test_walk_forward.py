"""Walk-forward forecasting: no lookahead, refit cadence, order of the output."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError
from scoreline.forecast.walk_forward import parse_refit, walk_forward, walk_forward_blocks
from scoreline.models.elo import Elo
from scoreline.models.score_grid import FIXTURE_COLUMNS


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


def test_blocks_follow_the_given_cut_offs(recent: pd.DataFrame) -> None:
    """walk_forward_blocks fits one model per distinct cut-off, oldest first, each on the
    matches strictly before it, and predicts exactly the fixtures that share it (as a
    model fitted on those matches alone would, to optimiser tolerance)."""
    fx = recent[recent["date"] >= "2019-06-01"].head(6).reset_index(drop=True)
    cut = pd.Series(pd.to_datetime(["2019-05-01", "2019-03-01"] * 3))
    blocks = list(walk_forward_blocks(recent, Elo, fx[list(FIXTURE_COLUMNS)], cut))
    assert [b.trained_until for b in blocks] == [pd.Timestamp("2019-03-01"),
                                                 pd.Timestamp("2019-05-01")]
    assert [b.rows.tolist() for b in blocks] == [[1, 3, 5], [0, 2, 4]]
    alone = Elo().fit(recent[recent["date"] < "2019-05-01"])
    expected = alone.predict(fx.iloc[[0, 2, 4]][list(FIXTURE_COLUMNS)].reset_index(drop=True))
    assert blocks[1].forecast.outcomes == pytest.approx(expected.outcomes, abs=1e-5)


def test_blocks_need_one_cut_off_per_fixture(recent: pd.DataFrame) -> None:
    """A cut-off series of the wrong length is refused before any fit."""
    fx = recent.tail(3)[list(FIXTURE_COLUMNS)].reset_index(drop=True)
    with pytest.raises(InvalidParameterError, match="trained_until"):
        next(walk_forward_blocks(recent, Elo, fx, pd.Series(pd.to_datetime(["2019-01-01"]))))
