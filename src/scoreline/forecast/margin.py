"""Bookmaker margins: from decimal odds to probabilities that sum to one.

A bookmaker's inverse odds ``pi_i = 1 / odds_i`` sum to more than one (the *booksum*;
the excess is the margin or overround). Three standard ways to remove it:

``multiplicative``
    ``p_i = pi_i / sum(pi)``: the margin is spread in proportion to the prices.
``power``
    ``p_i = pi_i ** k`` with ``k`` chosen so the ``p_i`` sum to one; takes relatively
    more margin off long shots.
``shin`` (the default)
    Shin's (1993) model of a bookmaker facing a share ``z`` of insiders:
    ``p_i = (sqrt(z**2 + 4 (1 - z) pi_i**2 / sum(pi)) - z) / (2 (1 - z))``, ``z``
    solved so the ``p_i`` sum to one.

Why Shin is the default: bookmakers shade long shots more than favourites (the
favourite-longshot bias), which the multiplicative method ignores, so it overstates the
outsider. Štrumbelj (2014) found Shin's probabilities more accurate than the normalised
inverse odds on football 1X2 prices of many bookmakers; Clarke, Kovalchik & Ingram (2017)
find the power method about as good as Shin's. Shin's model also has a reading (the
insider share ``z``) rather than an arbitrary exponent. On a two-way market (totals)
the methods differ very little.

References
----------
Shin, H. S. (1993). Measuring the incidence of insider trading in a market for
state-contingent claims. The Economic Journal 103(420), 1141-1153.
Štrumbelj, E. (2014). On determining probability forecasts from betting odds.
International Journal of Forecasting 30(4), 934-943.
Clarke, S., Kovalchik, S. & Ingram, M. (2017). Adjusting bookmaker's odds to allow for
overround. American Journal of Sports Science 5(6), 45-49.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import brentq

from scoreline.errors import InvalidParameterError

METHODS = ("shin", "power", "multiplicative")
"""Margin-removal methods; the first is the default."""


def _inverse(odds: Sequence[float] | NDArray[np.float64]) -> NDArray[np.float64]:
    o = np.asarray(odds, dtype=np.float64)
    if o.ndim != 1 or len(o) < 2:
        raise InvalidParameterError(f"need the odds of at least two outcomes, got {o.tolist()!r}")
    if not np.isfinite(o).all() or (o <= 1.0).any():
        raise InvalidParameterError(
            f"decimal odds must be finite and greater than 1, got {o.tolist()!r}")
    return 1.0 / o


def booksum(odds: Sequence[float] | NDArray[np.float64]) -> float:
    """Sum of the inverse decimal odds (1 + the margin)."""
    return float(_inverse(odds).sum())


def remove_margin(odds: Sequence[float] | NDArray[np.float64],
                  method: str = "shin") -> NDArray[np.float64]:
    """Probabilities implied by decimal odds of mutually exclusive outcomes, margin removed.

    Parameters
    ----------
    odds : sequence of float
        Decimal odds (> 1) of every outcome of one market, e.g. home, draw, away.
    method : str
        ``'shin'`` (default), ``'power'`` or ``'multiplicative'`` (module docstring).

    Returns
    -------
    array
        Probabilities in the order of ``odds``, summing to one. A book without a margin
        (booksum <= 1) is normalised multiplicatively by every method.

    Raises
    ------
    InvalidParameterError
        Odds not above 1, fewer than two outcomes, or an unknown method.
    """
    if method not in METHODS:
        raise InvalidParameterError(
            f"unknown margin method {method!r}; expected one of {', '.join(METHODS)}")
    pi = _inverse(odds)
    total = float(pi.sum())
    if method == "multiplicative" or total <= 1.0 + 1e-12:
        return pi / total
    if method == "power":
        def excess_power(k: float) -> float:
            return float(np.power(pi, k).sum()) - 1.0

        k = brentq(excess_power, 1.0, 50.0, xtol=1e-14)
        p = np.power(pi, k)
        return np.asarray(p / p.sum(), dtype=np.float64)

    def shin(z: float) -> NDArray[np.float64]:
        return np.asarray((np.sqrt(z * z + 4.0 * (1.0 - z) * pi * pi / total) - z)
                          / (2.0 * (1.0 - z)), dtype=np.float64)

    def excess_shin(z: float) -> float:
        return float(shin(z).sum()) - 1.0

    z = brentq(excess_shin, 0.0, 0.999, xtol=1e-14)
    p = shin(z)
    return np.asarray(p / p.sum(), dtype=np.float64)


def expected_value(probability: float, odds: float) -> float:
    """Expected return per unit stake of a bet at decimal ``odds`` (``p * odds - 1``)."""
    if not math.isfinite(odds) or odds <= 1.0:
        raise InvalidParameterError(f"decimal odds must be greater than 1, got {odds!r}")
    return float(probability) * float(odds) - 1.0


__all__ = ["METHODS", "booksum", "expected_value", "remove_margin"]
