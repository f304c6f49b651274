"""Links from a rating difference to match outcomes: an ordered logit (1X2) and a Poisson goal rate.

Both are fitted on past matches (each match's *pre-match* ratings against its 90-minute
result), so a rating system such as :class:`scoreline.models.elo.Elo` turns into calibrated
probabilities rather than the raw Elo win expectancy, which counts a draw as half a win.

Ordered logit (proportional odds) with latent strength ``s = beta * d + gamma * home``::

    P(away win) = sigmoid(theta_1 - s)
    P(draw)     = sigmoid(theta_2 - s) - sigmoid(theta_1 - s)
    P(home win) = 1 - sigmoid(theta_2 - s)

where ``d`` is the home rating minus the away rating in units of 400 Elo points and
``home`` is 1 when the home team really plays at home (0 at a neutral venue). The home
advantage is fitted here rather than taken as the Elo formula's fixed +100.

Goal rates: one Poisson regression over both sides of every match,
``log(rate) = alpha + beta * d_own + gamma_home * at_home + gamma_away * away_from_home``,
with ``d_own`` the side's own rating minus its opponent's (400-point units).

References
----------
McCullagh, P. (1980). Regression models for ordinal data. JRSS B 42(2), 109-142.
Hvattum, L. M. & Arntzen, H. (2010). Using ELO ratings for match result prediction in
association football. International Journal of Forecasting 26(3), 460-470.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

_EPS = 1e-12


@dataclass(frozen=True)
class OrderedLogit:
    """Fitted ordered-logit link (see module docstring).

    Attributes
    ----------
    beta : float
        Effect of the rating difference per 400 Elo points.
    gamma : float
        Home advantage on the latent scale (not at neutral venues).
    theta_1, theta_2 : float
        Cut points, ``theta_1 < theta_2``.
    n_matches : int
        Matches it was fitted on.
    """

    beta: float
    gamma: float
    theta_1: float
    theta_2: float
    n_matches: int = 0

    def predict(
        self, rating_diff: NDArray[np.float64], not_neutral: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """1X2 probabilities, shape (n, 3), columns home, draw, away.

        Parameters
        ----------
        rating_diff : array, shape (n,)
            Home rating minus away rating, Elo points (without any home bonus).
        not_neutral : array, shape (n,)
            1.0 where the home team plays at home, else 0.0.
        """
        from scipy.special import expit  # imported late: scipy is slow to import

        s = self.beta * np.asarray(rating_diff) / 400.0 + self.gamma * np.asarray(not_neutral)
        p_away = expit(self.theta_1 - s)
        p_not_home = expit(self.theta_2 - s)
        return np.stack([1.0 - p_not_home, p_not_home - p_away, p_away], axis=1)


def _logit_nll(
    params: NDArray[np.float64],
    d: NDArray[np.float64],
    home: NDArray[np.float64],
    outcome: NDArray[np.int64],
    weight: NDArray[np.float64],
) -> tuple[float, NDArray[np.float64]]:
    from scipy.special import expit

    beta, gamma, theta_1, log_gap = params
    gap = np.exp(log_gap)
    theta_2 = theta_1 + gap
    s = beta * d + gamma * home
    f1 = expit(theta_1 - s)
    f2 = expit(theta_2 - s)
    # outcome 0 = home win, 1 = draw, 2 = away win
    p = np.where(outcome == 2, f1, np.where(outcome == 1, f2 - f1, 1.0 - f2))
    p = np.maximum(p, _EPS)
    nll = -float(np.sum(weight * np.log(p)))
    # d log p / d theta_1, d theta_2 (then chain to s, beta, gamma, log_gap)
    g1 = f1 * (1.0 - f1)
    g2 = f2 * (1.0 - f2)
    dth1 = np.where(outcome == 2, g1, np.where(outcome == 1, -g1, 0.0)) / p
    dth2 = np.where(outcome == 2, 0.0, np.where(outcome == 1, g2, -g2)) / p
    ds = -(dth1 + dth2)
    w = -weight
    grad = np.array(
        [
            np.sum(w * ds * d),
            np.sum(w * ds * home),
            np.sum(w * (dth1 + dth2)),
            np.sum(w * dth2) * gap,
        ]
    )
    return nll, grad


def fit_ordered_logit(
    rating_diff: NDArray[np.float64],
    not_neutral: NDArray[np.float64],
    outcome: NDArray[np.int64],
    weight: NDArray[np.float64] | None = None,
    init: OrderedLogit | None = None,
) -> OrderedLogit:
    """Fit the ordered logit by weighted maximum likelihood.

    Damped Newton's method on four parameters ``(beta, gamma, theta_1, log(theta_2 -
    theta_1))``: analytic gradient, Hessian by forward differences of the gradient,
    backtracking on the likelihood. From a warm start it converges in two or three steps.

    Parameters
    ----------
    rating_diff : array, shape (n,)
        Pre-match home rating minus away rating, Elo points.
    not_neutral : array, shape (n,)
        1.0 where the home team plays at home.
    outcome : int array, shape (n,)
        90-minute result: 0 home win, 1 draw, 2 away win.
    weight : array, shape (n,), optional
        Per-match weights (default 1).
    init : OrderedLogit, optional
        Starting point (a previous fit), which makes walk-forward refits cheap.
    """
    d = np.asarray(rating_diff, dtype=np.float64) / 400.0
    home = np.asarray(not_neutral, dtype=np.float64)
    y = np.asarray(outcome, dtype=np.int64)
    w = np.ones_like(d) if weight is None else np.asarray(weight, dtype=np.float64)
    if init is None:
        x = np.array([1.5, 0.3, -0.7, np.log(1.2)])
    else:
        x = np.array([init.beta, init.gamma, init.theta_1, np.log(init.theta_2 - init.theta_1)])
    args = (d, home, y, w)
    nll, grad = _logit_nll(x, *args)
    scale = max(float(w.sum()), 1.0)
    for _ in range(100):
        if np.max(np.abs(grad)) < 1e-6 * scale:
            break
        hess = np.empty((4, 4))
        for j in range(4):
            e = np.zeros(4)
            e[j] = 1e-6
            hess[:, j] = (_logit_nll(x + e, *args)[1] - grad) / 1e-6
        hess = 0.5 * (hess + hess.T) + 1e-8 * scale * np.eye(4)
        try:
            step = -np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:  # pragma: no cover - degenerate data
            step = -grad / scale
        if grad @ step >= 0:  # not a descent direction: fall back to the gradient
            step = -grad / scale
        t = 1.0
        while t > 1e-8:
            candidate = x + t * step
            new_nll, new_grad = _logit_nll(candidate, *args)
            if new_nll <= nll + 1e-4 * t * (grad @ step):
                break
            t *= 0.5
        x, nll, grad = candidate, new_nll, new_grad
    beta, gamma, theta_1, log_gap = x
    return OrderedLogit(
        float(beta), float(gamma), float(theta_1), float(theta_1 + np.exp(log_gap)), len(d)
    )


@dataclass(frozen=True)
class GoalRates:
    """Fitted Poisson goal-rate link (see module docstring).

    Attributes
    ----------
    alpha : float
        Log goals per 90 minutes of a side against an equal opponent at a neutral venue.
    beta : float
        Effect of the own-minus-opponent rating difference per 400 Elo points.
    gamma_home, gamma_away : float
        Log-rate shifts for the side playing at home and the side playing away
        (both zero at neutral venues).
    """

    alpha: float
    beta: float
    gamma_home: float
    gamma_away: float

    def predict(
        self, rating_diff: NDArray[np.float64], not_neutral: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Expected 90-minute goals (home, away), each shape (n,).

        Parameters are as in :meth:`OrderedLogit.predict`.
        """
        d = np.asarray(rating_diff) / 400.0
        nn = np.asarray(not_neutral)
        home = np.exp(self.alpha + self.beta * d + self.gamma_home * nn)
        away = np.exp(self.alpha - self.beta * d + self.gamma_away * nn)
        return home, away


def fit_goal_rates(
    rating_diff: NDArray[np.float64],
    not_neutral: NDArray[np.float64],
    home_goals: NDArray[np.int64],
    away_goals: NDArray[np.int64],
    weight: NDArray[np.float64] | None = None,
    init: GoalRates | None = None,
) -> GoalRates:
    """Fit :class:`GoalRates` by Poisson maximum likelihood (Newton's method, 4 parameters).

    Parameters
    ----------
    rating_diff, not_neutral : arrays, shape (n,)
        As in :func:`fit_ordered_logit`.
    home_goals, away_goals : int arrays, shape (n,)
        90-minute goals.
    weight : array, shape (n,), optional
        Per-match weights (default 1).
    init : GoalRates, optional
        Starting point (a previous fit).
    """
    d = np.asarray(rating_diff, dtype=np.float64) / 400.0
    nn = np.asarray(not_neutral, dtype=np.float64)
    n = len(d)
    w = np.ones(n) if weight is None else np.asarray(weight, dtype=np.float64)
    zeros = np.zeros(n)
    # design: [1, d_own, at_home, away_from_home], home sides first then away sides
    x = np.vstack(
        [
            np.column_stack([np.ones(n), d, nn, zeros]),
            np.column_stack([np.ones(n), -d, zeros, nn]),
        ]
    )
    y = np.concatenate([home_goals, away_goals]).astype(np.float64)
    ww = np.concatenate([w, w])
    if init is None:
        coef = np.array([np.log(max(np.average(y, weights=ww), 0.1)), 0.0, 0.0, 0.0])
    else:
        coef = np.array([init.alpha, init.beta, init.gamma_home, init.gamma_away])
    for _ in range(50):
        mu = np.exp(x @ coef)
        grad = x.T @ (ww * (y - mu))
        hess = (x * (ww * mu)[:, None]).T @ x + 1e-9 * np.eye(4)
        step = np.linalg.solve(hess, grad)
        coef = coef + step
        if np.max(np.abs(step)) < 1e-8:
            break
    return GoalRates(*(float(c) for c in coef))


def poisson_grids(
    home_rate: NDArray[np.float64], away_rate: NDArray[np.float64], max_goals: int
) -> NDArray[np.float64]:
    """Independent-Poisson score grids, shape (n, G, G), renormalised to sum to one."""
    from scipy.special import gammaln

    goals = np.arange(max_goals + 1)
    log_fact = gammaln(goals + 1.0)
    ph = np.exp(goals * np.log(home_rate)[:, None] - home_rate[:, None] - log_fact)
    pa = np.exp(goals * np.log(away_rate)[:, None] - away_rate[:, None] - log_fact)
    grids = ph[:, :, None] * pa[:, None, :]
    return np.asarray(grids / grids.sum(axis=(1, 2), keepdims=True), dtype=np.float64)


def match_outcomes(grids: NDArray[np.float64], target: NDArray[np.float64]) -> NDArray[np.float64]:
    """Rescale each grid's home-win, draw and away-win regions to the target 1X2.

    The shape of the scoreline distribution inside each region (e.g. 1-0 against 2-1)
    is kept; only the mass of each region changes, so ``outcome_probabilities`` of the
    result equals ``target`` exactly.

    Parameters
    ----------
    grids : array, shape (n, G, G)
        Score grids, ``grids[i, h, a]``.
    target : array, shape (n, 3)
        Wanted home, draw, away probabilities (rows sum to one).
    """
    size = grids.shape[1]
    h, a = np.indices((size, size))
    regions = np.stack([h > a, h == a, h < a])  # (3, G, G)
    mass = np.einsum("nij,kij->nk", grids, regions.astype(np.float64))
    scale = target / np.maximum(mass, _EPS)
    factor = np.einsum("nk,kij->nij", scale, regions.astype(np.float64))
    out = grids * factor
    return np.asarray(out / out.sum(axis=(1, 2), keepdims=True), dtype=np.float64)


def poisson_log_likelihood(goals: NDArray[np.int64], rate: NDArray[np.float64]) -> float:
    """Sum of Poisson log-probabilities (used in tests and diagnostics)."""
    from scipy.special import gammaln

    g = np.asarray(goals, dtype=np.float64)
    return float(np.sum(g * np.log(rate) - rate - gammaln(g + 1.0)))


__all__ = [
    "GoalRates",
    "OrderedLogit",
    "fit_goal_rates",
    "fit_ordered_logit",
    "match_outcomes",
    "poisson_grids",
    "poisson_log_likelihood",
]
