"""Knockout matches: who advances after 90 minutes, extra time and a penalty shoot-out.

Path of a knockout tie (one match; home/away order as in the fixtures):

1. **90 minutes** from the forecast's score grid: ``p_home_90``, ``p_away_90``; a draw
   (``p_extra_time``) goes to extra time.
2. **Extra time**: 30 minutes at the model's 90-minute goal rates times 1/3, each side
   an independent Poisson. Goals in extra time are independent of the level score at
   90 minutes, so the extra-time result convolves with every level 90-minute state
   alike: ``p_home_extra_time = p_extra_time * P(X > Y)`` with
   ``X ~ Poisson(lambda_home / 3)``, ``Y ~ Poisson(lambda_away / 3)``.
3. **Shoot-out** if still level: the home side wins it with probability
   ``shootout_home_probability`` (below).

What decides a shoot-out? Measured on all 682 shoot-outs in ``shootouts.csv``
(1967-2026; pre-match Elo ratings from :class:`scoreline.models.elo.Elo` fitted on the
full history, exact binomial tests against 50 %, likelihood-ratio test for the slope;
``python bench/shootout_effects.py`` reproduces the table):

==========================  =============  ========  ==========  =================
effect                      wins / n       share     p (2-sided) verdict
==========================  =============  ========  ==========  =================
first shooter               136 / 260      52.3 %    0.50        no evidence
home side (non-neutral)     155 / 277      56.0 %    0.054       not significant
Elo favourite               369 / 680      54.3 %    0.029       see slope
Elo-difference logit slope  0.72 +- 0.21   per 400   0.00057     **real**
==========================  =============  ========  ==========  =================

The first-shooter advantage that is often quoted does not show in this data (and the
first shooter is not known before the coin toss anyway). A home effect is not
significant on its own. The stronger team, by pre-match Elo difference (home +100
included), does win shoot-outs more often: a logistic regression without intercept
gives ``logit P(home wins) = 0.72 * dr / 400`` (standard error 0.21; likelihood-ratio
p = 0.0006, which survives a Bonferroni correction for the three effects tested).
A 200-point favourite wins 59 % of shoot-outs, not 50 %.

A forecast carries no Elo difference, so the module translates it: the Elo expected
score of the home side is ``E = p_home + p_draw / 2`` (90 minutes), and
``dr / 400 = log10(E / (1 - E))`` inverts the Elo win expectancy
``E = 1 / (1 + 10 ** (-dr / 400))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError
from scoreline.models.score_grid import Forecast, poisson_probabilities

EXTRA_TIME_FRACTION = 30.0 / 90.0
"""Extra time lasts 30 minutes: goal rates are the 90-minute rates times this."""

SHOOTOUT_ELO_SLOPE = 0.72
"""Log-odds of winning a shoot-out per 400 Elo points of pre-match advantage (measured)."""

_E_CLIP = 1e-6


@dataclass(frozen=True)
class KnockoutBreakdown:
    """How each side of a knockout tie advances (arrays of shape (n,)).

    Attributes
    ----------
    p_home_90, p_away_90 : array
        Win in 90 minutes.
    p_extra_time : array
        Level after 90 minutes (= the forecast's ``p_draw``).
    p_home_extra_time, p_away_extra_time : array
        Level at 90 minutes, then win in extra time.
    p_shootout : array
        Still level after extra time.
    p_home_shootout, p_away_shootout : array
        Reach the shoot-out and win it.
    p_home, p_away : array
        Advance, by any route (``p_home + p_away == 1``).
    """

    p_home_90: NDArray[np.float64]
    p_away_90: NDArray[np.float64]
    p_extra_time: NDArray[np.float64]
    p_home_extra_time: NDArray[np.float64]
    p_away_extra_time: NDArray[np.float64]
    p_shootout: NDArray[np.float64]
    p_home_shootout: NDArray[np.float64]
    p_away_shootout: NDArray[np.float64]
    p_home: NDArray[np.float64]
    p_away: NDArray[np.float64]


def shootout_home_probability(
    p_home: NDArray[np.float64], p_draw: NDArray[np.float64], slope: float = SHOOTOUT_ELO_SLOPE
) -> NDArray[np.float64]:
    """P(home side wins a shoot-out), from the 90-minute 1X2 of the same match.

    Parameters
    ----------
    p_home, p_draw : array
        90-minute home-win and draw probabilities.
    slope : float
        Log-odds per 400 Elo points (0 gives a coin toss).

    Returns
    -------
    array
        ``1 / (1 + exp(-slope * log10(E / (1 - E))))`` with ``E = p_home + p_draw / 2``.
    """
    e = np.clip(np.asarray(p_home) + 0.5 * np.asarray(p_draw), _E_CLIP, 1.0 - _E_CLIP)
    dr_400 = np.log10(e / (1.0 - e))
    return 1.0 / (1.0 + np.exp(-slope * dr_400))


def knockout_breakdown(
    forecast: Forecast, shootout_slope: float = SHOOTOUT_ELO_SLOPE
) -> KnockoutBreakdown:
    """Split each fixture's chance to advance into 90 minutes, extra time and shoot-out.

    Parameters
    ----------
    forecast : Forecast
        90-minute forecasts (grids and expected goals) of knockout fixtures.
    shootout_slope : float
        Strength effect in shoot-outs (module docstring); 0 for a coin toss.

    Returns
    -------
    KnockoutBreakdown

    Raises
    ------
    InvalidParameterError
        ``shootout_slope`` is negative or not finite.
    """
    if not np.isfinite(shootout_slope) or shootout_slope < 0:
        raise InvalidParameterError(
            f"shootout_slope must be a finite number >= 0, got {shootout_slope!r}"
        )
    p_home_90 = forecast.p_home
    p_draw = forecast.p_draw
    p_away_90 = forecast.p_away
    mu_h = np.asarray(forecast.expected_home_goals, dtype=np.float64) * EXTRA_TIME_FRACTION
    mu_a = np.asarray(forecast.expected_away_goals, dtype=np.float64) * EXTRA_TIME_FRACTION
    # X - Y for independent Poissons (a Skellam distribution): P(X = Y) and P(X > Y) from
    # the joint grid, 40 goals a side being far past any extra-time rate
    ph, pa = poisson_probabilities(mu_h, 40), poisson_probabilities(mu_a, 40)
    et_level = np.einsum("nk,nk->n", ph, pa)
    et_home = np.einsum("nh,na,ha->n", ph, pa, np.tril(np.ones((41, 41)), -1))
    et_away = np.clip(1.0 - et_level - et_home, 0.0, 1.0)
    s_home = shootout_home_probability(p_home_90, p_draw, shootout_slope)
    p_shootout = p_draw * et_level
    p_home_et = p_draw * et_home
    p_away_et = p_draw * et_away
    p_home_so = p_shootout * s_home
    p_away_so = p_shootout * (1.0 - s_home)
    p_home = p_home_90 + p_home_et + p_home_so
    p_away = p_away_90 + p_away_et + p_away_so
    total = p_home + p_away
    return KnockoutBreakdown(
        p_home_90=p_home_90,
        p_away_90=p_away_90,
        p_extra_time=p_draw,
        p_home_extra_time=p_home_et,
        p_away_extra_time=p_away_et,
        p_shootout=p_shootout,
        p_home_shootout=p_home_so,
        p_away_shootout=p_away_so,
        p_home=p_home / total,
        p_away=p_away / total,
    )


def advance_probabilities(
    forecast: Forecast, shootout_slope: float = SHOOTOUT_ELO_SLOPE
) -> NDArray[np.float64]:
    """Probability that each side advances from a knockout tie.

    Parameters
    ----------
    forecast : Forecast
        90-minute forecasts of the ties (home/away order as in its fixtures).
    shootout_slope : float
        Strength effect in shoot-outs (module docstring); 0 for a coin toss.

    Returns
    -------
    array of shape (n, 2)
        Columns: home side advances, away side advances (rows sum to 1).
    """
    b = knockout_breakdown(forecast, shootout_slope)
    return np.stack([b.p_home, b.p_away], axis=1)


def extra_time_grid(
    expected_home_goals: float, expected_away_goals: float, max_goals: int = 10
) -> NDArray[np.float64]:
    """Extra-time score grid ``[h, a]`` (independent Poisson at 1/3 of the 90-minute rates).

    The last row and column hold the tail (``max_goals`` or more).
    """
    ph = poisson_probabilities(np.array([expected_home_goals * EXTRA_TIME_FRACTION]), max_goals)
    pa = poisson_probabilities(np.array([expected_away_goals * EXTRA_TIME_FRACTION]), max_goals)
    return np.outer(ph[0], pa[0])


__all__ = [
    "EXTRA_TIME_FRACTION",
    "SHOOTOUT_ELO_SLOPE",
    "KnockoutBreakdown",
    "advance_probabilities",
    "extra_time_grid",
    "knockout_breakdown",
    "shootout_home_probability",
]
