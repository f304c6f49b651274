"""The rating-difference links: ordered logit, Poisson goal rates, grid rescaling."""

from __future__ import annotations

import numpy as np
import pytest

from scoreline.models.ordered_logit import (
    _logit_nll,
    fit_goal_rates,
    fit_ordered_logit,
    match_outcomes,
    poisson_grids,
)
from scoreline.models.score_grid import outcome_probabilities


def simulated(n: int = 6000, seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rating differences, home flags and outcomes drawn from a known ordered logit."""
    rng = np.random.default_rng(seed)
    d = rng.normal(0, 200, n)
    home = (rng.random(n) < 0.6).astype(float)
    latent = 2.0 * d / 400 + 0.4 * home + rng.logistic(size=n)
    y = np.where(latent < -0.7, 2, np.where(latent < 0.6, 1, 0))
    return d, home, y


def test_gradient_matches_finite_differences() -> None:
    """The analytic gradient of the negative log-likelihood agrees with central differences."""
    d, home, y = simulated(500)
    x = np.array([1.7, 0.2, -0.5, np.log(1.1)])
    args = (d / 400, home, y, np.ones(len(d)))
    _, grad = _logit_nll(x, *args)
    numeric = np.array([(_logit_nll(x + e, *args)[0] - _logit_nll(x - e, *args)[0]) / 2e-6
                        for e in np.eye(4) * 1e-6])
    assert grad == pytest.approx(numeric, rel=1e-4, abs=1e-4)


def test_recovers_simulated_parameters() -> None:
    """On 6,000 simulated matches the fit recovers beta, gamma and both cut points."""
    fit = fit_ordered_logit(*simulated())
    assert fit.beta == pytest.approx(2.0, abs=0.15)
    assert fit.gamma == pytest.approx(0.4, abs=0.1)
    assert (fit.theta_1, fit.theta_2) == pytest.approx((-0.7, 0.6), abs=0.1)
    p = fit.predict(np.array([0.0, 300.0]), np.array([0.0, 1.0]))
    assert p.sum(axis=1) == pytest.approx(1.0) and (p > 0).all()


def test_goal_rates_recover_a_poisson_model() -> None:
    """Simulated goals with log-rate 0.2 + 0.7 d/400 (+0.12 at home) are recovered."""
    rng = np.random.default_rng(2)
    d = rng.normal(0, 200, 8000)
    nn = np.ones(8000)
    h = rng.poisson(np.exp(0.2 + 0.7 * d / 400 + 0.12))
    a = rng.poisson(np.exp(0.2 - 0.7 * d / 400 - 0.2))
    fit = fit_goal_rates(d, nn, h, a)
    assert (fit.alpha, fit.beta, fit.gamma_home, fit.gamma_away) == pytest.approx(
        (0.2, 0.7, 0.12, -0.2), abs=0.05)


def test_rescaled_grid_has_exactly_the_target_1x2() -> None:
    """match_outcomes keeps a valid grid whose home/draw/away masses equal the target."""
    grids = poisson_grids(np.array([1.4, 0.6]), np.array([0.9, 2.1]), 10)
    target = np.array([[0.5, 0.3, 0.2], [0.1, 0.25, 0.65]])
    out = match_outcomes(grids, target)
    assert outcome_probabilities(out) == pytest.approx(target)
    assert out.sum(axis=(1, 2)) == pytest.approx(1.0) and (out >= 0).all()
