"""The Dixon–Coles likelihood, its analytic gradient, and score grids.

Model (Dixon & Coles 1997, with a log-linear covariate for the combined model)::

    log lambda_home = mu + gamma * not_neutral + attack[h] - defence[a] + beta * x
    log lambda_away = mu                       + attack[a] - defence[h] - beta * x
    P(h, a) = tau(h, a) * Poisson(h; lambda_home) * Poisson(a; lambda_away)

with the low-score correction ``tau(0,0) = 1 - rho*lh*la``, ``tau(0,1) = 1 + rho*lh``,
``tau(1,0) = 1 + rho*la``, ``tau(1,1) = 1 - rho`` and 1 elsewhere. A *higher*
``defence`` is a *better* defence. The objective is the time-weighted negative
log-likelihood plus a Gaussian (ridge) prior ``(attack**2 + defence**2) / (2 * s**2)``,
which also identifies the model (no sum-to-zero constraint or box bounds needed).

Parameter vector layout: ``[attack (T), defence (T), mu, gamma, rho]`` plus ``beta``
when a covariate is used. Everything is vectorised over matches; per-team sums use
``np.bincount``.

References
----------
Dixon, M. J. and Coles, S. G. (1997). Modelling association football scores and
inefficiencies in the football betting market. Applied Statistics 46(2), 265-280.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scoreline.models._training import TrainingData
from scoreline.models.score_grid import MAX_GOALS, poisson_probabilities

_TAU_FLOOR = 1e-3


def _dot(x: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Inner product without BLAS: a threaded ``ddot`` on a busy 2-core machine was 60x slower."""
    return float(np.multiply(x, y).sum())


@dataclass(frozen=True)
class Problem:
    """Precomputed constants of one fit (built once, evaluated hundreds of times)."""

    data: TrainingData
    covariate: NDArray[np.float64] | None
    offset: NDArray[np.float64] | None  # fixed: added to eta_home, subtracted from eta_away
    prior_precision: float
    scale: float  # 1 / total weight: keeps the objective O(1) for the optimiser's tolerances
    # match subsets for the low-score correction
    i00: NDArray[np.int64]
    i01: NDArray[np.int64]
    i10: NDArray[np.int64]
    i11: NDArray[np.int64]
    w_hg: NDArray[np.float64]  # weight * home goals
    w_ag: NDArray[np.float64]
    const: float  # sum of weight * log(h! a!)

    @property
    def n_params(self) -> int:
        """Length of the parameter vector."""
        return 2 * self.data.n_teams + 3 + (self.covariate is not None)


def make_problem(
    data: TrainingData,
    prior_scale: float,
    covariate: NDArray[np.float64] | None = None,
    offset: NDArray[np.float64] | None = None,
) -> Problem:
    """Precompute the constant parts of the objective.

    ``covariate`` adds a fitted ``beta * x`` to the home log-rate (``-beta * x`` to the
    away one); ``offset`` adds a fixed amount the same way, as do the data's own
    offsets (:attr:`TrainingData.offset`).
    """
    if data.offset is not None:
        offset = data.offset if offset is None else offset + data.offset
    hg, ag, w = data.home_goals, data.away_goals, data.weight
    from scipy.special import gammaln  # fitting only: keeps scipy off the forecast path

    return Problem(
        data=data,
        covariate=covariate,
        offset=offset,
        prior_precision=1.0 / prior_scale**2,
        scale=1.0 / float(w.sum()),
        i00=np.flatnonzero((hg == 0) & (ag == 0)),
        i01=np.flatnonzero((hg == 0) & (ag == 1)),
        i10=np.flatnonzero((hg == 1) & (ag == 0)),
        i11=np.flatnonzero((hg == 1) & (ag == 1)),
        w_hg=w * hg,
        w_ag=w * ag,
        const=float((w * (gammaln(hg + 1.0) + gammaln(ag + 1.0))).sum()),
    )


def log_rates(
    theta: NDArray[np.float64], p: Problem
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Log goal rates (home, away) of every training match."""
    d = p.data
    t = d.n_teams
    attack, defence = theta[:t], theta[t : 2 * t]
    mu, gamma = theta[2 * t], theta[2 * t + 1]
    eta_h = mu + gamma * d.not_neutral + attack[d.home_idx] - defence[d.away_idx]
    eta_a = mu + attack[d.away_idx] - defence[d.home_idx]
    if p.covariate is not None:
        beta = theta[2 * t + 3]
        eta_h = eta_h + beta * p.covariate
        eta_a = eta_a - beta * p.covariate
    if p.offset is not None:
        eta_h = eta_h + p.offset
        eta_a = eta_a - p.offset
    return eta_h, eta_a


def _safe_log(tau: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``log(tau)`` and its derivative, continued below ``_TAU_FLOOR`` by its 2nd-order Taylor.

    The likelihood is -inf where some ``tau <= 0``; a finite, smooth and steeply
    falling continuation keeps L-BFGS's line search well defined there without moving
    the optimum (which always has every ``tau`` well above the floor).
    """
    low = tau < _TAU_FLOOR
    if not low.any():
        return np.log(tau), 1.0 / tau
    z = (tau - _TAU_FLOOR) / _TAU_FLOOR
    logt = np.where(low, np.log(_TAU_FLOOR) + z - 0.5 * z * z, np.log(np.maximum(tau, _TAU_FLOOR)))
    dlog = np.where(low, (1.0 - z) / _TAU_FLOOR, 1.0 / np.maximum(tau, _TAU_FLOOR))
    return logt, dlog


def log_likelihood(theta: NDArray[np.float64], p: Problem) -> float:
    """Time-weighted Dixon–Coles log-likelihood (no prior term), in nats."""
    value, _ = objective(theta, p, with_prior=False, scaled=False)
    return -value


def objective(
    theta: NDArray[np.float64],
    p: Problem,
    with_prior: bool = True,
    scaled: bool = True,
) -> tuple[float, NDArray[np.float64]]:
    """Negative penalised log-likelihood and its analytic gradient.

    Parameters
    ----------
    theta : array
        Parameters (layout in the module docstring).
    p : Problem
        Precomputed data.
    with_prior : bool
        Add the ridge term.
    scaled : bool
        Divide by the total weight (what the optimiser sees).

    Returns
    -------
    value : float
    gradient : array, same shape as ``theta``
    """
    d = p.data
    t = d.n_teams
    w = d.weight
    rho = theta[2 * t + 2]
    eta_h, eta_a = log_rates(theta, p)
    lam_h = np.exp(eta_h)
    lam_a = np.exp(eta_a)

    # Poisson part: sum w * (h*eta_h - lam_h + a*eta_a - lam_a) - const
    wl_h = w * lam_h
    wl_a = w * lam_a
    ll = _dot(p.w_hg, eta_h) + _dot(p.w_ag, eta_a) - float(wl_h.sum() + wl_a.sum()) - p.const
    g_h = p.w_hg - wl_h  # d ll / d eta_h per match
    g_a = p.w_ag - wl_a
    g_rho = 0.0

    # Low-score correction, on the four subsets only: d log tau = dlog * d tau.
    if p.i00.size:
        i = p.i00
        lhla = lam_h[i] * lam_a[i]
        logt, dlog = _safe_log(1.0 - rho * lhla)
        wd = w[i] * dlog
        ll += _dot(w[i], logt)
        g_h[i] -= wd * rho * lhla
        g_a[i] -= wd * rho * lhla
        g_rho -= _dot(wd, lhla)
    if p.i01.size:
        i = p.i01
        logt, dlog = _safe_log(1.0 + rho * lam_h[i])
        wd = w[i] * dlog
        ll += _dot(w[i], logt)
        g_h[i] += wd * rho * lam_h[i]
        g_rho += _dot(wd, lam_h[i])
    if p.i10.size:
        i = p.i10
        logt, dlog = _safe_log(1.0 + rho * lam_a[i])
        wd = w[i] * dlog
        ll += _dot(w[i], logt)
        g_a[i] += wd * rho * lam_a[i]
        g_rho += _dot(wd, lam_a[i])
    if p.i11.size:
        wsum = float(w[p.i11].sum())
        logt, dlog = _safe_log(np.array([1.0 - rho]))
        ll += wsum * float(logt[0])
        g_rho -= wsum * float(dlog[0])

    grad = np.empty_like(theta)
    hi, ai = d.home_idx, d.away_idx
    grad[:t] = np.bincount(hi, g_h, t) + np.bincount(ai, g_a, t)
    grad[t : 2 * t] = -np.bincount(ai, g_h, t) - np.bincount(hi, g_a, t)
    grad[2 * t] = g_h.sum() + g_a.sum()
    grad[2 * t + 1] = _dot(g_h, d.not_neutral)
    grad[2 * t + 2] = g_rho
    if p.covariate is not None:
        grad[2 * t + 3] = _dot(g_h - g_a, p.covariate)

    value = -ll
    grad = -grad
    if with_prior:
        ad = theta[: 2 * t]
        value += 0.5 * p.prior_precision * _dot(ad, ad)
        grad[: 2 * t] += p.prior_precision * ad
    if scaled:
        value *= p.scale
        grad *= p.scale
    return value, grad


def score_grids(
    lam_h: NDArray[np.float64], lam_a: NDArray[np.float64], rho: float | NDArray[np.float64]
) -> NDArray[np.float64]:
    """Dixon–Coles score grids, shape (n, MAX_GOALS+1, MAX_GOALS+1).

    ``grids[i, h, a]`` = P(home h, away a) in 90 minutes. The last row and column hold
    the Poisson tail (``MAX_GOALS`` or more goals), so no mass is lost for lopsided
    fixtures; the low-score correction preserves the total, and each grid is
    renormalised to absorb rounding (and the rare clipping of ``tau`` at 0).
    """
    lam_h = np.asarray(lam_h, dtype=np.float64)[:, None]
    lam_a = np.asarray(lam_a, dtype=np.float64)[:, None]
    ph = poisson_probabilities(lam_h[:, 0], MAX_GOALS)
    pa = poisson_probabilities(lam_a[:, 0], MAX_GOALS)
    grids = ph[:, :, None] * pa[:, None, :]
    rho = np.broadcast_to(np.asarray(rho, dtype=np.float64), lam_h[:, 0].shape)
    lh, la = lam_h[:, 0], lam_a[:, 0]
    grids[:, 0, 0] *= np.maximum(1.0 - rho * lh * la, 0.0)
    grids[:, 0, 1] *= np.maximum(1.0 + rho * lh, 0.0)
    grids[:, 1, 0] *= np.maximum(1.0 + rho * la, 0.0)
    grids[:, 1, 1] *= np.maximum(1.0 - rho, 0.0)
    grids /= grids.sum(axis=(1, 2), keepdims=True)
    return np.asarray(grids, dtype=np.float64)
