"""Options on top of the default goal model: margin capping and a stacked Elo blend.

:class:`AdjustedEloDixonColes` is :class:`~scoreline.models.combined.EloDixonColes` with
two optional adjustments, each off by default (so ``AdjustedEloDixonColes()`` forecasts
exactly as ``EloDixonColes()``):

``margin_cap``
    The goal model is fitted on 90-minute scores whose margin is capped at this many
    goals (the winner's goals are lowered, the loser's kept). Teams that meet much weaker
    neighbours often (Japan in Asia, Iran, the top CONCACAF sides) otherwise gain attack
    strength from 6-0 and 7-0 wins that says little about how they fare against strong
    teams. The Elo ratings inside the model are unchanged (they already damp the margin).
``elo_weight``
    The forecast grid is the mixture ``(1 - w) * grid_goal_model + w * grid_elo`` of the
    goal model's grid and the grid of the Elo ratings the model carries (the ordered
    logit of :class:`~scoreline.models.elo.Elo`, whose grid matches its 1X2). ``w`` may
    differ for competitive matches and friendlies (``elo_weight_friendly``); the weights
    are fitted on the tuning folds (``docs/models.md``). As in
    :class:`~scoreline.models.blend.Blend`, every market stays consistent because it
    comes from the one mixed grid.

References
----------
Bates, J. M. & Granger, C. W. J. (1969). The combination of forecasts. Operational
Research Quarterly 20(4), 451-468.
Ley, C., Van de Wiele, T. & Van Eetvelde, H. (2019). Ranking soccer teams on the basis of
their current strength: a comparison of maximum likelihood approaches. Statistical
Modelling 19(1), 55-73.
"""

from __future__ import annotations

import math
from typing import Any, Self

import numpy as np
import pandas as pd

from scoreline.errors import InvalidParameterError
from scoreline.models.combined import EloDixonColes
from scoreline.models.dixon_coles import DixonColes
from scoreline.models.score_grid import Forecast


def _check_weight(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(float(value)) or not 0.0 <= float(value) <= 1.0:
        raise InvalidParameterError(f"{name} must be a number in [0, 1], got {value!r}")
    return float(value)


def cap_margins(matches: pd.DataFrame, cap: int) -> pd.DataFrame:
    """A copy of ``matches`` whose 90-minute margins are at most ``cap`` goals.

    The winner's 90-minute goals are lowered to the loser's plus ``cap``; the columns
    ``home_score_90``/``away_score_90`` (or ``home_score``/``away_score`` when a frame has
    no 90-minute columns) are changed, every other column is kept as it is.
    """
    pair = ("home_score_90", "away_score_90")
    if not all(c in matches.columns for c in pair):
        pair = ("home_score", "away_score")
    home = matches[pair[0]]
    away = matches[pair[1]]
    out = matches.copy(deep=False)
    home_over = (home > away + cap).fillna(False).to_numpy(dtype=bool)
    away_over = (away > home + cap).fillna(False).to_numpy(dtype=bool)
    out[pair[0]] = home.mask(home_over, away + cap)
    out[pair[1]] = away.mask(away_over, home + cap)
    return out


class AdjustedEloDixonColes(EloDixonColes):
    """:class:`~scoreline.models.combined.EloDixonColes` with a margin cap and an Elo blend.

    Parameters
    ----------
    margin_cap : int or None, default None
        Cap on the 90-minute goal margin of the matches the goal model is fitted on
        (``None``: no cap). At least 1.
    elo_weight : float, default 0.0
        Weight in [0, 1] of the Elo grid in the forecast of a competitive match.
    elo_weight_friendly : float or None, default None
        Weight of the Elo grid for friendlies (``None``: ``elo_weight``).
    **kwargs
        The parameters of :class:`~scoreline.models.combined.EloDixonColes`.

    Attributes
    ----------
    As :class:`~scoreline.models.combined.EloDixonColes`.
    """

    name = "adjusted-elo-dixon-coles"
    version = "1"

    def __init__(self, margin_cap: int | None = None, elo_weight: float = 0.0,
                 elo_weight_friendly: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if margin_cap is not None and (isinstance(margin_cap, bool)
                                       or not isinstance(margin_cap, int) or margin_cap < 1):
            raise InvalidParameterError(
                f"margin_cap must be None or a whole number of goals >= 1, got {margin_cap!r}")
        self.margin_cap = margin_cap
        self.elo_weight = _check_weight("elo_weight", elo_weight)
        self.elo_weight_friendly = (None if elo_weight_friendly is None
                                    else _check_weight("elo_weight_friendly", elo_weight_friendly))

    def get_params(self) -> dict[str, Any]:
        """Hyperparameters as given at construction (JSON-serialisable)."""
        params = super().get_params()
        params.update(margin_cap=self.margin_cap, elo_weight=self.elo_weight,
                      elo_weight_friendly=self.elo_weight_friendly)
        return params

    def fit(self, matches: pd.DataFrame, init: DixonColes | None = None) -> Self:
        """Fit as :meth:`EloDixonColes.fit`, the goal model on margin-capped scores."""
        if self.margin_cap is not None:
            matches = cap_margins(matches, self.margin_cap)
        return super().fit(matches, init)

    def elo_weights(self, fixtures: pd.DataFrame) -> np.ndarray:
        """Weight of the Elo grid for each fixture, shape (n,)."""
        weight = np.full(len(fixtures), self.elo_weight)
        if self.elo_weight_friendly is not None and "tournament" in fixtures.columns:
            friendly = fixtures["tournament"].to_numpy(dtype=object) == "Friendly"
            weight[friendly] = self.elo_weight_friendly
        return weight

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """Forecasts from the mixed grid (module docstring); the goal model's when no weight."""
        goals = super().predict(fixtures)
        weight = self.elo_weights(goals.fixtures)
        if not weight.any():
            return goals
        elo = self.elo_.predict(goals.fixtures)
        w = weight[:, None, None]
        return Forecast(
            fixtures=goals.fixtures,
            grids=(1.0 - w) * goals.grids + w * elo.grids,
            expected_home_goals=(1.0 - weight) * goals.expected_home_goals
            + weight * elo.expected_home_goals,
            expected_away_goals=(1.0 - weight) * goals.expected_away_goals
            + weight * elo.expected_away_goals,
            model=self.name,
        )


__all__ = ["AdjustedEloDixonColes", "cap_margins"]
