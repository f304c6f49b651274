"""Knockout advancement: 90 minutes, extra time at a third of the rates, shoot-out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest, poisson

from scoreline.errors import InvalidParameterError
from scoreline.forecast.knockout import (
    advance_probabilities,
    knockout_breakdown,
    shootout_home_probability,
)
from scoreline.models._dc_likelihood import score_grids
from scoreline.models.score_grid import Forecast


def forecast(lam_h: list[float], lam_a: list[float], rho: float = 0.0) -> Forecast:
    n = len(lam_h)
    fixtures = pd.DataFrame({"date": pd.Timestamp("2022-12-18"), "home_team": ["A"] * n,
                             "away_team": ["B"] * n, "neutral": True, "tournament": "FIFA World Cup"})
    h, a = np.array(lam_h), np.array(lam_a)
    return Forecast(fixtures, score_grids(h, a, rho), h, a, "test")


def test_equal_teams_advance_half_the_time() -> None:
    """Two equal sides at a neutral venue each advance with probability 1/2."""
    np.testing.assert_allclose(advance_probabilities(forecast([1.3], [1.3])), [[0.5, 0.5]], atol=1e-12)


def test_extra_time_matches_a_hand_computation() -> None:
    """With rates 1.5 and 0.9 (no rho), extra time is Poisson(0.5) against Poisson(0.3) and
    the breakdown equals the direct double sums; a coin-toss shoot-out splits the rest."""
    fc = forecast([1.5], [0.9])
    b = knockout_breakdown(fc, shootout_slope=0.0)
    k = np.arange(40)
    ph, pa = poisson.pmf(k, 0.5), poisson.pmf(k, 0.3)
    joint = np.outer(ph, pa)
    level, home_et = np.trace(joint), np.tril(joint, -1).sum()
    draw = fc.p_draw[0]
    assert b.p_extra_time[0] == pytest.approx(draw)
    assert b.p_shootout[0] == pytest.approx(draw * level, rel=1e-10)
    assert b.p_home_extra_time[0] == pytest.approx(draw * home_et, rel=1e-10)
    assert b.p_home_shootout[0] == pytest.approx(draw * level / 2, rel=1e-10)
    assert b.p_home[0] == pytest.approx(fc.p_home[0] + draw * home_et + draw * level / 2, rel=1e-10)


@settings(max_examples=60, deadline=None)
@given(lam_h=st.floats(0.05, 6.0), lam_a=st.floats(0.05, 6.0), rho=st.floats(-0.15, 0.15))
def test_breakdown_is_a_partition(lam_h: float, lam_a: float, rho: float) -> None:
    """The routes partition the outcomes: 90-minute wins + extra time = 1, extra time splits
    into the two extra-time wins and the shoot-out, and the two sides' advancement sums to 1."""
    b = knockout_breakdown(forecast([lam_h], [lam_a], rho))
    assert b.p_home_90[0] + b.p_away_90[0] + b.p_extra_time[0] == pytest.approx(1.0, abs=1e-12)
    parts = b.p_home_extra_time[0] + b.p_away_extra_time[0] + b.p_shootout[0]
    assert parts == pytest.approx(b.p_extra_time[0], abs=1e-12)
    assert b.p_home_shootout[0] + b.p_away_shootout[0] == pytest.approx(b.p_shootout[0], abs=1e-12)
    assert b.p_home[0] + b.p_away[0] == pytest.approx(1.0, abs=1e-12)
    assert 0.0 <= b.p_home[0] <= 1.0


@settings(max_examples=60, deadline=None)
@given(lam_a=st.floats(0.2, 4.0), lam_h=st.floats(0.2, 4.0), boost=st.floats(0.01, 2.0))
def test_stronger_home_side_advances_more_often(lam_h: float, lam_a: float, boost: float) -> None:
    """Raising the home side's goal rate never lowers its chance to advance."""
    p = advance_probabilities(forecast([lam_h, lam_h + boost], [lam_a, lam_a]))
    assert p[1, 0] >= p[0, 0] - 1e-12


def test_shootout_favours_the_stronger_side_as_measured() -> None:
    """A side whose 90-minute Elo expected score equals a 200-point favourite's wins 58-60 %
    of shoot-outs (the slope measured on shootouts.csv), and 50 % at slope 0 or equal strength."""
    e = 1 / (1 + 10 ** (-200 / 400))
    assert shootout_home_probability(np.array([e]), np.array([0.0]))[0] == pytest.approx(0.589, abs=0.01)
    assert shootout_home_probability(np.array([e]), np.array([0.0]), slope=0.0)[0] == 0.5
    assert shootout_home_probability(np.array([0.3]), np.array([0.4]))[0] == pytest.approx(0.5)


def test_bad_shootout_slope() -> None:
    """A negative or non-finite slope is an InvalidParameterError."""
    with pytest.raises(InvalidParameterError):
        advance_probabilities(forecast([1.0], [1.0]), shootout_slope=-0.1)
    with pytest.raises(InvalidParameterError):
        advance_probabilities(forecast([1.0], [1.0]), shootout_slope=float("nan"))


def test_documented_shootout_facts_hold(matches: pd.DataFrame) -> None:
    """The module docstring's figures: the first shooter won 136 of 260 shoot-outs (no
    significant edge), home sides at non-neutral venues 155 of 277 (p > 0.05)."""
    so = matches[matches["shootout_winner"].notna()]
    known = so[so["first_shooter"].notna()]
    first = int((known["first_shooter"] == known["shootout_winner"]).sum())
    assert (first, len(known)) == (136, 260)
    assert binomtest(first, len(known)).pvalue > 0.05
    home = so[~so["neutral"]]
    wins = int((home["shootout_winner"] == home["home_team"]).sum())
    assert (wins, len(home)) == (155, 277)
    assert binomtest(wins, len(home)).pvalue > 0.05
