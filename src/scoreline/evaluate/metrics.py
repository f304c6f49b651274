"""Scores of 1X2 forecasts: ranked probability score, log loss, Brier score, accuracy.

Conventions: ``probs`` has shape (n, 3) with columns ``p_home``, ``p_draw``, ``p_away``
(in that order, which is also the order the RPS ranks them); ``outcomes`` holds the
column index of what happened (:attr:`scoreline.data.outcomes.Outcome.column`: 0 home win,
1 draw, 2 away win), judged on the 90-minute score. Every score is a mean over matches; lower is better except accuracy.

References
----------
Epstein, E. S. (1969). A scoring system for probability forecasts of ranked categories.
Journal of Applied Meteorology 8(6), 985-987.
Constantinou, A. C. & Fenton, N. E. (2012). Solving the problem of inadequate scoring
rules for assessing probabilistic football forecast models. JQAS 8(1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from scoreline.data.outcomes import Outcome, outcome_index  # their home is data.outcomes
from scoreline.errors import InvalidParameterError

LOG_LOSS_FLOOR = 1e-15
"""Probabilities are floored here before the logarithm (a 0 for what happened would be inf)."""


def _check(probs: ArrayLike, outcomes: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(outcomes)
    if p.ndim != 2 or p.shape[1] != 3:
        raise InvalidParameterError(f"probs must have shape (n, 3), got {p.shape}")
    if y.shape != (p.shape[0],):
        raise InvalidParameterError(
            f"outcomes must have shape ({p.shape[0]},) to match probs, got {y.shape}"
        )
    if p.shape[0] == 0:
        raise InvalidParameterError("no forecasts to score")
    if not np.isin(y, (0, 1, 2)).all():
        raise InvalidParameterError("outcomes must be 0 (home win), 1 (draw) or 2 (away win)")
    if (p < -1e-9).any() or not np.allclose(p.sum(axis=1), 1.0, atol=1e-6):
        raise InvalidParameterError("each row of probs must be non-negative and sum to 1")
    return p, y.astype(np.int64)


def _one_hot(y: NDArray[np.int64]) -> NDArray[np.float64]:
    return np.eye(3)[y]


def rps_each(probs: ArrayLike, outcomes: ArrayLike) -> NDArray[np.float64]:
    """Ranked probability score of each forecast (0 perfect, 1 worst), shape (n,).

    ``RPS = 1/2 * sum_{k=1}^{2} (P_k - O_k)^2`` with ``P_k``, ``O_k`` the cumulative
    forecast and observed probabilities over (home, draw, away).
    """
    p, y = _check(probs, outcomes)
    cum = np.cumsum(p - _one_hot(y), axis=1)[:, :2]
    return np.asarray(0.5 * np.sum(cum**2, axis=1), dtype=np.float64)


def rps(probs: ArrayLike, outcomes: ArrayLike) -> float:
    """Mean ranked probability score (see :func:`rps_each`)."""
    return float(np.mean(rps_each(probs, outcomes)))


def log_loss(probs: ArrayLike, outcomes: ArrayLike) -> float:
    """Mean negative natural log of the probability given to what happened (nats)."""
    p, y = _check(probs, outcomes)
    return float(-np.mean(np.log(np.maximum(p[np.arange(len(y)), y], LOG_LOSS_FLOOR))))


def brier(probs: ArrayLike, outcomes: ArrayLike) -> float:
    """Mean multi-class Brier score: sum over the three outcomes of (p - o)^2 (0 to 2)."""
    p, y = _check(probs, outcomes)
    return float(np.mean(np.sum((p - _one_hot(y)) ** 2, axis=1)))


def accuracy(probs: ArrayLike, outcomes: ArrayLike) -> float:
    """Share of matches whose most probable outcome happened (ties go home, draw, away)."""
    p, y = _check(probs, outcomes)
    return float(np.mean(np.argmax(p, axis=1) == y))


@dataclass(frozen=True)
class Scores:
    """The four scores of a set of forecasts.

    Attributes
    ----------
    n_matches : int
    rps, log_loss, brier, accuracy : float
        Means over the matches (see the functions of the same names).
    """

    n_matches: int
    rps: float
    log_loss: float
    brier: float
    accuracy: float


def score(probs: ArrayLike, outcomes: ArrayLike) -> Scores:
    """All four scores of ``probs`` against ``outcomes`` (module conventions)."""
    p, y = _check(probs, outcomes)
    return Scores(len(y), rps(p, y), log_loss(p, y), brier(p, y), accuracy(p, y))


__all__ = [
    "LOG_LOSS_FLOOR",
    "Outcome",
    "Scores",
    "accuracy",
    "brier",
    "log_loss",
    "outcome_index",
    "rps",
    "rps_each",
    "score",
]
