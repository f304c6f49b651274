"""Markets from one score grid: consistent by construction, on any grid and on real fits."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import poisson

from scoreline.errors import InvalidParameterError
from scoreline.forecast.markets import (
    asian_handicap,
    european_handicap,
    markets,
    total,
)

SIZE = 8


def _normalise(raw: np.ndarray) -> np.ndarray:
    return raw / raw.sum()


grids = arrays(np.float64, (SIZE, SIZE),
               elements=st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)).filter(
    lambda g: g.sum() > 1e-3).map(_normalise)
quarter_lines = st.integers(-12, 12).map(lambda k: k / 4)


def poisson_grid(home_rate: float, away_rate: float, size: int = 11) -> np.ndarray:
    grid = np.outer(poisson.pmf(np.arange(size), home_rate), poisson.pmf(np.arange(size), away_rate))
    return grid / grid.sum()


@settings(max_examples=60, deadline=None)
@given(grids)
def test_one_grid_gives_consistent_1x2_markets(grid: np.ndarray) -> None:
    """1X2 sums to one; double chance is one minus the opposite outcome; draw no bet is the
    1X2 without the draw, renormalised; BTTS yes is the grid outside row 0 and column 0."""
    m = markets(grid)
    assert m.p_home + m.p_draw + m.p_away == pytest.approx(1.0)
    assert m.p_home_or_draw == pytest.approx(1 - m.p_away)
    assert m.p_draw_or_away == pytest.approx(1 - m.p_home)
    assert m.p_home_or_away == pytest.approx(1 - m.p_draw)
    assert m.dnb_home + m.dnb_away == pytest.approx(1.0)
    if m.p_home + m.p_away > 1e-9:
        assert m.dnb_home == pytest.approx(m.p_home / (m.p_home + m.p_away))
    assert m.btts_yes == pytest.approx(float(grid[1:, 1:].sum()))
    assert m.btts_yes + m.btts_no == pytest.approx(1.0)
    assert m.p_other_score + sum(s.p for s in m.exact_scores) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(grids, quarter_lines)
def test_asian_lines_settle_every_outcome_and_price_fairly(grid: np.ndarray, line: float) -> None:
    """Each side's settlements sum to one; the two sides' fair probabilities sum to one; the
    away side wins exactly where the home side loses; a fair price has zero expected return."""
    ah = asian_handicap(grid, line)
    for side in (ah.home, ah.away):
        parts = side.win + side.half_win + side.push + side.half_loss + side.loss
        assert parts == pytest.approx(1.0)
    assert ah.home.win == pytest.approx(ah.away.loss)
    assert ah.home.half_win == pytest.approx(ah.away.half_loss)
    if ah.home.p_fair > 1e-9 and ah.away.p_fair > 1e-9:
        assert ah.home.p_fair + ah.away.p_fair == pytest.approx(1.0)
        odds = ah.home.fair_odds
        # return per unit stake: full win odds, half win (odds+1)/2, push 1, half loss 1/2
        expected = (ah.home.win * odds + ah.home.half_win * (odds + 1) / 2 + ah.home.push
                    + ah.home.half_loss * 0.5)
        assert expected == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(grids)
def test_asian_zero_is_draw_no_bet_and_half_lines_are_1x2(grid: np.ndarray) -> None:
    """AH 0 prices as draw no bet; AH -0.5 is the home win, +0.5 home win or draw."""
    m = markets(grid)
    if m.p_home + m.p_away > 1e-9:
        assert asian_handicap(grid, 0.0).home.p_fair == pytest.approx(m.dnb_home)
    assert asian_handicap(grid, -0.5).home.p_fair == pytest.approx(m.p_home)
    assert asian_handicap(grid, 0.5).home.p_fair == pytest.approx(m.p_home_or_draw)


@settings(max_examples=60, deadline=None)
@given(grids, st.integers(0, 10).map(lambda k: k + 0.5))
def test_over_and_under_add_up_to_one(grid: np.ndarray, line: float) -> None:
    """Over + under = 1 on half lines, and over is the grid mass above the line."""
    t = total(grid, line)
    assert t.over.win + t.under.win == pytest.approx(1.0)
    h, a = np.indices(grid.shape)
    assert t.over.win == pytest.approx(float(grid[h + a > line].sum()))


@settings(max_examples=60, deadline=None)
@given(grids, st.integers(-4, 4))
def test_european_handicap_is_a_three_way_split(grid: np.ndarray, handicap: int) -> None:
    """A three-way handicap sums to one; handicap 0 is the 1X2; -1's home win is AH -1.5."""
    eh = european_handicap(grid, handicap)
    assert eh.p_home + eh.p_draw + eh.p_away == pytest.approx(1.0)
    m = markets(grid)
    zero = european_handicap(grid, 0)
    assert (zero.p_home, zero.p_draw, zero.p_away) == pytest.approx((m.p_home, m.p_draw, m.p_away))
    assert european_handicap(grid, -1).p_home == pytest.approx(
        asian_handicap(grid, -1.5).home.win)


def test_quarter_line_is_the_average_of_its_halves() -> None:
    """AH -0.75 on a 1.6 v 1.0 Poisson grid: a one-goal home win is a half win, the fair
    price sits between the -0.5 and -1.0 prices, and more handicap never prices higher."""
    grid = poisson_grid(1.6, 1.0)
    quarter = asian_handicap(grid, -0.75).home
    margins_one = float(sum(grid[h, h - 1] for h in range(1, grid.shape[0])))
    assert quarter.half_win == pytest.approx(margins_one)
    assert quarter.push == 0.0
    low, high = asian_handicap(grid, -1.0).home.p_fair, asian_handicap(grid, -0.5).home.p_fair
    assert low < quarter.p_fair < high
    prices = [asian_handicap(grid, x / 4).home.p_fair for x in range(-10, 11)]
    assert prices == sorted(prices)


def test_totals_fall_with_the_line_and_btts_matches_poisson() -> None:
    """Over 0.5 ... 5.5 falls; with independent Poisson rates BTTS is (1-e^-lh)(1-e^-la)."""
    grid = poisson_grid(1.4, 1.1, size=16)
    m = markets(grid)
    overs = [t.over.win for t in m.totals]
    assert overs == sorted(overs, reverse=True)
    assert m.btts_yes == pytest.approx((1 - math.exp(-1.4)) * (1 - math.exp(-1.1)), abs=1e-6)


def test_real_forecast_markets_make_football_sense(matches: pd.DataFrame) -> None:
    """Germany v Japan 2022-11-23 from the default model fitted on 2014-11..2022-11: Germany
    favourites on every home-side market, over 2.5 near a coin flip, 1-0/1-1 among the
    likeliest scores."""
    from scoreline.models import default_model

    train = matches[(matches["date"] >= "2014-11-23") & (matches["date"] < "2022-11-23")]
    model = default_model().fit(train.reset_index(drop=True))
    fx = pd.DataFrame({"date": [pd.Timestamp("2022-11-23")], "home_team": ["Germany"],
                       "away_team": ["Japan"], "neutral": [True], "tournament": ["FIFA World Cup"]})
    m = markets(model.predict(fx).grids[0])
    assert 0.4 < m.p_home < 0.75
    assert m.dnb_home > 0.6
    assert 0.35 < m.totals[2].over.win < 0.65
    assert {(s.home_goals, s.away_goals) for s in m.exact_scores[:4]} & {(1, 0), (1, 1), (2, 1)}
    assert m.to_dict()["asian_handicaps"][10]["line"] == 0.0


def test_bad_grids_and_lines_are_rejected() -> None:
    """A grid that is not a probability matrix, a line off the quarter-goal steps, a
    fractional European handicap and a negative total fail with InvalidParameterError."""
    grid = poisson_grid(1.0, 1.0)
    with pytest.raises(InvalidParameterError, match="sum"):
        markets(grid * 2)
    with pytest.raises(InvalidParameterError, match="square"):
        markets(np.ones((3, 4)) / 12)
    with pytest.raises(InvalidParameterError, match=r"multiple of 0\.25"):
        asian_handicap(grid, 0.3)
    with pytest.raises(InvalidParameterError, match="whole number"):
        european_handicap(grid, 0.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="at least 0"):
        total(grid, -0.5)
