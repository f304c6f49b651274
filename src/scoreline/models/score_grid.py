"""The scoreline probability grid: one object from which every market is derived.

Convention: ``grid[h, a]`` is the probability that the home team scores ``h`` and the
away team ``a`` goals in 90 minutes (plus stoppage time, no extra time). The last row
and column are capped at ``MAX_GOALS``; grids are renormalised to sum to one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:  # annotations only: the model protocol must not load pandas
    import pandas as pd

MAX_GOALS = 10
"""Highest goal count per side held in a grid (grids are (MAX_GOALS+1) square)."""

FIXTURE_COLUMNS = ("date", "home_team", "away_team", "neutral", "tournament")
"""Columns every fixtures frame carries (``date`` as datetime64, ``neutral`` bool)."""


def poisson_probabilities(rates: NDArray[np.float64], max_goals: int = MAX_GOALS
                          ) -> NDArray[np.float64]:
    """Poisson probabilities of 0..max_goals goals, the last column holding the tail.

    Computed with NumPy alone (scipy.stats costs a second of import time on the forecast
    path): ``p[k] = exp(-rate) rate^k / k!`` for ``k < max_goals`` and
    ``p[max_goals] = 1 - sum(p[:max_goals])`` (``max_goals`` or more), clipped at 0.

    Parameters
    ----------
    rates : array of shape (n,)
        Expected goals (>= 0).
    max_goals : int
        Highest goal count held.

    Returns
    -------
    array of shape (n, max_goals + 1)
    """
    rates = np.asarray(rates, dtype=np.float64).reshape(-1, 1)
    k = np.arange(max_goals, dtype=np.float64)
    log_factorial = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, max_goals)))])
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero rate: 0 * log(0)
        log_p = k * np.log(rates) - rates - log_factorial
    head = np.exp(np.where(np.isnan(log_p), -np.inf, log_p))
    head[:, 0] = np.exp(-rates[:, 0])  # 0 ** 0 = 1, also for a zero rate
    tail = np.clip(1.0 - head.sum(axis=1, keepdims=True), 0.0, 1.0)
    return np.concatenate([head, tail], axis=1)


def outcome_probabilities(grids: NDArray[np.float64]) -> NDArray[np.float64]:
    """Home win, draw and away win probabilities of a stack of grids.

    Parameters
    ----------
    grids : array of shape (n, G, G)
        Scoreline probabilities, ``grids[i, h, a]`` as in the module docstring.

    Returns
    -------
    array of shape (n, 3)
        Columns ``p_home``, ``p_draw``, ``p_away``.
    """
    p_home = np.tril(grids, -1).sum(axis=(1, 2))
    p_draw = np.trace(grids, axis1=1, axis2=2)
    p_away = np.triu(grids, 1).sum(axis=(1, 2))
    return np.stack([p_home, p_draw, p_away], axis=1)


@dataclass(frozen=True)
class ScoreGrid:
    """The scoreline probability matrix of one fixture (the module docstring's convention).

    Attributes
    ----------
    probabilities : array of shape (MAX_GOALS+1, MAX_GOALS+1)
        ``probabilities[h, a]`` = P(home scores h, away scores a) in 90 minutes; sums to 1.
    """

    probabilities: NDArray[np.float64]

    @property
    def outcomes(self) -> NDArray[np.float64]:
        """``(p_home, p_draw, p_away)`` of this grid, shape (3,)."""
        return np.asarray(outcome_probabilities(self.probabilities[None, :, :])[0], dtype=np.float64)

    @property
    def p_home(self) -> float:
        """P(home win in 90 minutes)."""
        return float(self.outcomes[0])

    @property
    def p_draw(self) -> float:
        """P(draw after 90 minutes)."""
        return float(self.outcomes[1])

    @property
    def p_away(self) -> float:
        """P(away win in 90 minutes)."""
        return float(self.outcomes[2])


@dataclass(frozen=True)
class Forecast:
    """90-minute forecasts for a batch of fixtures, all derived from score grids.

    Attributes
    ----------
    fixtures : DataFrame
        The fixtures as given (``FIXTURE_COLUMNS``), in the same order as the arrays.
    grids : array of shape (n, MAX_GOALS+1, MAX_GOALS+1)
        ``grids[i, h, a]`` = P(home scores h, away scores a) in 90 minutes.
    expected_home_goals, expected_away_goals : array of shape (n,)
        Model goal rates (Poisson means before any low-score correction), goals per 90'.
    model : str
        Name of the model that produced the forecast.
    """

    fixtures: pd.DataFrame
    grids: NDArray[np.float64]
    expected_home_goals: NDArray[np.float64]
    expected_away_goals: NDArray[np.float64]
    model: str = ""
    outcomes: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcomes", outcome_probabilities(self.grids))

    def __len__(self) -> int:
        return len(self.fixtures)

    @property
    def p_home(self) -> NDArray[np.float64]:
        """P(home win in 90 minutes), shape (n,)."""
        return self.outcomes[:, 0]

    @property
    def p_draw(self) -> NDArray[np.float64]:
        """P(draw after 90 minutes), shape (n,)."""
        return self.outcomes[:, 1]

    @property
    def p_away(self) -> NDArray[np.float64]:
        """P(away win in 90 minutes), shape (n,)."""
        return self.outcomes[:, 2]

    def to_frame(self) -> pd.DataFrame:
        """Fixtures with ``p_home``, ``p_draw``, ``p_away``, ``home_xg``, ``away_xg``."""
        out = self.fixtures.reset_index(drop=True).copy()
        out["p_home"] = self.p_home
        out["p_draw"] = self.p_draw
        out["p_away"] = self.p_away
        out["home_xg"] = self.expected_home_goals
        out["away_xg"] = self.expected_away_goals
        return out

    def score_grid(self, i: int) -> ScoreGrid:
        """The score grid of fixture ``i`` (row ``i`` of ``fixtures``)."""
        return ScoreGrid(self.grids[i])

    def top_scorelines(self, i: int, n: int = 5) -> list[tuple[int, int, float]]:
        """The ``n`` most likely (home_goals, away_goals, probability) of fixture ``i``."""
        grid = self.grids[i]
        flat = np.argsort(grid, axis=None)[::-1][:n]
        h, a = np.unravel_index(flat, grid.shape)
        return [(int(x), int(y), float(grid[x, y])) for x, y in zip(h, a, strict=True)]
