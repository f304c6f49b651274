"""Options on top of the Elo + Dixon–Coles goal model, each measured in ``docs/models.md``.

:class:`AdjustedEloDixonColes` is :class:`~scoreline.models.combined.EloDixonColes` with
five optional adjustments, each off by default (so ``AdjustedEloDixonColes()`` forecasts
exactly as ``EloDixonColes()``, the first default). The venue offsets
(:data:`TUNED_VENUE_OFFSETS`, model name ``elo-dixon-coles-venue``) with the longer memory
(:data:`TUNED_LONG_MEMORY_XI`, ``elo-dixon-coles-long``) were the default model; the
default (:func:`scoreline.models.default_model`) mixes the grids of two venue models with
different memories (:mod:`scoreline.models.mixture`); the other options are kept so their
negative results can be reproduced:

``margin_cap``
    The goal model is fitted on 90-minute scores whose margin is capped at this many
    goals (the winner's goals are lowered, the loser's kept). Teams that meet much weaker
    neighbours often (Japan in Asia, Iran, the top CONCACAF sides) otherwise gain attack
    strength from 6-0 and 7-0 wins that says little about how they fare against strong
    teams. The Elo ratings inside the model are unchanged (they already damp the margin).
``mismatch_scale``
    Matches between very unequal sides count less in the goal model's likelihood: a
    match whose pre-match Elo ratings differ by ``d`` points gets the factor
    ``1 / (1 + (d / mismatch_scale) ** 2)`` on its time weight (``d = mismatch_scale``
    halves it). The strength a team shows against much weaker opponents then weighs less
    than what it shows against its equals.
``venue_offsets``
    ``(c_home, c_neutral)``: fixed log-rate offsets added to the home side's and taken
    from the away side's goal rate, ``c_home`` at the home team's ground, ``c_neutral``
    at a neutral venue outside a tournament's finals (0 at neutral tournament matches,
    whose first-named side is only the schedule's order), in the fit and the forecasts.
    The goal model's own home advantage only raises the home side's rate; out of sample, its forecasts overrate
    away sides at the home team's ground by about 0.09 goals and under-rate the
    first-named side at neutral venues (who is often the host's neighbour, the seeded
    side, or at home in all but the venue's name). ``c_home`` lets the home ground also
    lower the away side's rate (the fitted home advantage adapts), ``c_neutral`` gives
    the nominal home side a small edge at neutral venues.
``stacking``
    A stacked forecast per match context (:func:`match_context`: friendly,
    qualification or tournament match, at home or at a neutral venue). For a context
    with weights ``(w, s)`` or ``(w, s, k)`` the grid is::

        mix[h, a]  = (1 - w) * grid_goal_model[h, a] + w * grid_elo[h, a]
        t          = s + k * log(lambda_home / lambda_away)
        grid[h, a] = mix[h, a] * exp(t * (h - a)) / normaliser

    ``grid_elo`` is the grid of the Elo ratings the model carries (the ordered logit of
    :class:`~scoreline.models.elo.Elo`, whose grid matches its 1X2) and the tilt ``s``
    corrects the home side's goal-difference rate for the context (for independent
    Poisson goals it multiplies the home rate by ``e**s`` and the away rate by
    ``e**-s``): a home advantage by context. The slope ``k`` (0 when not given) is a
    temperature on the goal model's own strength gap (``lambda`` are its goal rates):
    ``k > 0`` sharpens the favourite's edge, ``k < 0`` flattens it; with ``w = 0`` the
    pair ``(s, k)`` is a logistic-style recalibration of the grid. Every market stays
    consistent because it comes from the one final grid. :data:`TUNED_STACKING` holds the weights fitted on
    the tuning folds (``docs/models.md``).

``inter_confederation_scale``
    A factor (one for all, or ``{confederation: factor}`` with 1 for groups not listed)
    on a team's residual attack and defence (its effects minus its confederation's
    offsets) in fixtures between members of different confederations. The residuals
    are fitted mostly on matches within the team's own confederation; a factor below 1
    says that dominance of weak neighbours transfers only in part to other
    confederations' teams (Japan, Iran in the AFC). Forecasts only: the fit is unchanged.
    Fitted on the inter-confederation matches of the tuning folds, it did not help the
    test period (``docs/models.md``).

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
from collections.abc import Mapping
from typing import Any, Self

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError
from scoreline.models._training import FIT_OFFSET, FIT_WEIGHT, fixture_arrays
from scoreline.models.combined import CONFEDERATION_GROUPS, EloDixonColes, confederation_index
from scoreline.models.dixon_coles import DixonColes, check_positive
from scoreline.models.elo import Elo
from scoreline.models.score_grid import Forecast

CONTEXTS = ("friendly-home", "friendly-neutral", "qualification-home",
            "qualification-neutral", "tournament-home", "tournament-neutral")
"""Match contexts of the stacking (:func:`match_context`)."""

TUNED_VENUE_OFFSETS = (0.12, 0.06)
"""``(c_home, c_neutral)`` chosen on the tuning folds 2010-2018 (best of (0.09, 0.04),
(0.12, 0.06), (0.09, 0), (0, 0.04); monthly refits). Test period 2019-01-01..2026-07-19,
weekly refits: RPS 0.16426 against ``EloDixonColes()``'s 0.16476 (-0.00050 +- 0.00014); elite
matches +0.00043 +- 0.00034; World Cups 2014-2026 +0.00048 +- 0.00034 (``docs/models.md``).
The model of ``get_model('elo-dixon-coles-venue')``."""

TUNED_LONG_MEMORY_XI = 0.0006
"""Time decay per day chosen on the tuning folds 2010-2018 for the venue model (weekly
refits; 0.0012, the former default's, 0.17488; 0.0006, 0.17447; 0.0004, 0.17491). Test
period 2019-01-01..2026-07-19: RPS 0.16377 against ``EloDixonColes()``'s 0.16476 (-0.00098
+- 0.00035), elite matches -0.00013 +- 0.00086, inter-confederation matches -0.00289 +-
0.00097, largest calibration error 4.7 points (7.2); World Cups 2014-2026 +0.00155 +-
0.00146 (``docs/models.md``). The model of ``get_model('elo-dixon-coles-long')``, the
former default."""

TUNED_STACKING: dict[str, tuple[float, float]] = {
    "friendly-home": (0.054, 0.034),
    "friendly-neutral": (0.0, 0.073),
    "qualification-home": (0.104, 0.073),
    "qualification-neutral": (0.0, 0.115),
    "tournament-home": (0.246, 0.042),
    "tournament-neutral": (0.096, 0.005),
}
"""``(elo weight, home tilt)`` per context, minimising the mean RPS of weekly walk-forward
forecasts 2010-01-01..2018-12-31 (the tuning folds) of ``EloDixonColes()``
(``bench/stacking.py``). Test period: -0.00050 +- 0.00029 on all matches but +0.00052 on
the elite subset and +0.00061 on the World Cups; on top of :data:`TUNED_VENUE_OFFSETS`
(refitted there) it adds nothing (-0.00002), so no named model uses it."""


TUNED_RECALIBRATION: dict[str, tuple[float, float, float]] = {
    "friendly-home": (0.0, 0.031, -0.049),
    "friendly-neutral": (0.0, 0.007, 0.029),
    "qualification-home": (0.0, 0.054, 0.038),
    "qualification-neutral": (0.0, 0.063, 0.09),
    "tournament-home": (0.0, 0.036, 0.012),
    "tournament-neutral": (0.0, 0.006, -0.019),
}
"""``(0, home tilt, slope)`` per context for ``stacking`` on top of
:data:`TUNED_VENUE_OFFSETS`: the recalibration of the grid fitted on the weekly
walk-forward forecasts 2010-2018 of the venue model (``bench/recalibration.py``). Test
period: RPS -0.00070 +- 0.00030 against ``EloDixonColes()`` and the largest 10 %-bin
calibration error 3.1 points (7.2), but elite matches +0.00090 +- 0.00074 and
World Cups 2014-2026 +0.00100 +- 0.00049 (``docs/models.md``), so no named model uses it."""


def match_context(fixtures: pd.DataFrame) -> NDArray[np.str_]:
    """Context of each fixture: ``friendly``/``qualification``/``tournament`` + ``-home``/``-neutral``.

    A tournament whose name contains ``qualification`` is a qualifier, ``Friendly`` a
    friendly, anything else a tournament match (finals, Nations League, regional cups).
    """
    names = fixtures["tournament"].astype(str) if "tournament" in fixtures.columns \
        else pd.Series("Friendly", index=fixtures.index)
    kind = np.where(names.to_numpy(dtype=object) == "Friendly", "friendly",
                    np.where(names.str.contains("qualification", case=False).to_numpy(),
                             "qualification", "tournament"))
    venue = np.where(fixtures["neutral"].to_numpy(dtype=bool), "-neutral", "-home")
    return np.char.add(kind.astype(str), venue)


def _check_stacking(
    stacking: Mapping[str, tuple[float, ...]],
) -> dict[str, tuple[float, float, float]]:
    if not isinstance(stacking, Mapping):
        raise InvalidParameterError(
            f"stacking must map contexts to (weight, tilt[, slope]), got {stacking!r}")
    out: dict[str, tuple[float, float, float]] = {}
    for key, value in stacking.items():
        if key not in CONTEXTS:
            raise InvalidParameterError(
                f"unknown stacking context {key!r}; expected one of {', '.join(CONTEXTS)}")
        try:
            numbers = tuple(float(v) for v in value)
        except (TypeError, ValueError):
            numbers = ()
        if len(numbers) not in (2, 3):
            raise InvalidParameterError(
                f"stacking[{key!r}] must be (elo weight, home tilt) or (elo weight, home tilt, "
                f"slope), got {value!r}")
        weight, tilt, slope = (*numbers, 0.0)[:3]
        if not (0.0 <= weight <= 1.0 and all(math.isfinite(v) and abs(v) <= 1.0
                                             for v in (tilt, slope))):
            raise InvalidParameterError(
                f"stacking[{key!r}] = {value!r}: the weight must be in [0, 1], the tilt and "
                "the slope in [-1, 1] (goals, log scale)")
        out[key] = (weight, tilt, slope)
    return out


def _check_scales(
    scales: float | Mapping[str, float] | None,
) -> float | dict[str, float] | None:
    """``inter_confederation_scale`` validated: None, one scale, or one per group."""
    if scales is None:
        return None
    table = scales if isinstance(scales, Mapping) else {g: scales for g in CONFEDERATION_GROUPS}
    out: dict[str, float] = {}
    for key, value in table.items():
        if key not in CONFEDERATION_GROUPS:
            raise InvalidParameterError(
                f"unknown confederation {key!r} in inter_confederation_scale; expected one of "
                f"{', '.join(CONFEDERATION_GROUPS)}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not 0.0 <= number <= 3.0:
            raise InvalidParameterError(
                f"inter_confederation_scale must be in [0, 3] (a factor on the residual team "
                f"effects), got {value!r} for {key!r}")
        out[key] = number
    return out if isinstance(scales, Mapping) else float(scales)


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
    mismatch_scale : float or None, default None
        Elo-point scale of the mismatch damping (module docstring; ``None``: off).
    venue_offsets : pair of float or None, default None
        ``(c_home, c_neutral)`` log-rate offsets by venue (module docstring; ``None``: off).
    stacking : mapping or None, default None
        ``{context: (elo weight, home tilt)}`` (module docstring); contexts not listed
        get ``(0, 0)``. ``None``: the goal model's grid alone.
    **kwargs
        The parameters of :class:`~scoreline.models.combined.EloDixonColes`.

    Attributes
    ----------
    As :class:`~scoreline.models.combined.EloDixonColes`.
    """

    name = "adjusted-elo-dixon-coles"
    version = "1"

    def __init__(self, margin_cap: int | None = None, mismatch_scale: float | None = None,
                 venue_offsets: tuple[float, float] | None = None,
                 stacking: Mapping[str, tuple[float, ...]] | None = None,
                 inter_confederation_scale: float | Mapping[str, float] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inter_confederation_scale = _check_scales(inter_confederation_scale)
        if venue_offsets is not None:
            try:
                pair = tuple(float(v) for v in venue_offsets)
            except (TypeError, ValueError):
                pair = ()
            if len(pair) != 2 or not all(math.isfinite(v) and abs(v) <= 1.0 for v in pair):
                raise InvalidParameterError(
                    "venue_offsets must be a pair (c_home, c_neutral) of log-rate offsets in "
                    f"[-1, 1], got {venue_offsets!r}")
            venue_offsets = (pair[0], pair[1])
        self.venue_offsets = venue_offsets
        if mismatch_scale is not None:
            check_positive("mismatch_scale", mismatch_scale)
        self.mismatch_scale = mismatch_scale
        if margin_cap is not None and (isinstance(margin_cap, bool)
                                       or not isinstance(margin_cap, int) or margin_cap < 1):
            raise InvalidParameterError(
                f"margin_cap must be None or a whole number of goals >= 1, got {margin_cap!r}")
        self.margin_cap = margin_cap
        self.stacking = None if stacking is None else _check_stacking(stacking)
        self.name = self._registry_name()

    def _registry_name(self) -> str:
        """The :func:`~scoreline.models.get_model` name of these parameters, shown in
        forecasts (``elo-dixon-coles-long``, the former default, or ``elo-dixon-coles-venue``);
        ``adjusted-elo-dixon-coles`` for any other setting."""
        base = EloDixonColes().get_params()
        mine = self.get_params()
        named = {"elo-dixon-coles-venue": base["xi"], "elo-dixon-coles-long": TUNED_LONG_MEMORY_XI}
        same_base = all(mine[k] == v for k, v in base.items() if k not in ("xi", "warm_start"))
        options_off = (self.margin_cap is None and self.mismatch_scale is None
                       and self.stacking is None and self.inter_confederation_scale is None)
        if same_base and options_off and self.venue_offsets == TUNED_VENUE_OFFSETS:
            for name, xi in named.items():
                if mine["xi"] == xi:
                    return name
        return "adjusted-elo-dixon-coles"

    def get_params(self) -> dict[str, Any]:
        """Hyperparameters as given at construction (JSON-serialisable)."""
        params = super().get_params()
        params.update(margin_cap=self.margin_cap, mismatch_scale=self.mismatch_scale,
                      venue_offsets=None if self.venue_offsets is None
                      else list(self.venue_offsets),
                      stacking=None if self.stacking is None
                      else {k: list(v) for k, v in self.stacking.items()},
                      inter_confederation_scale=self.inter_confederation_scale
                      if not isinstance(self.inter_confederation_scale, Mapping)
                      else dict(self.inter_confederation_scale))
        return params

    def fit(self, matches: pd.DataFrame, *, warm_start: DixonColes | None = None) -> Self:
        """Fit as :meth:`EloDixonColes.fit`, the goal model on margin-capped scores
        (``warm_start`` is read, never changed)."""
        return super().fit(self.prepared(matches, warm_start), warm_start=warm_start)

    def prepared(self, matches: pd.DataFrame,
                 warm_start: DixonColes | None = None) -> pd.DataFrame:
        """``matches`` as this model fits them: margins capped, the mismatch damping's
        :data:`FIT_WEIGHT` and the venue offsets' :data:`FIT_OFFSET` columns added (as
        set; a shallow copy, ``matches`` itself is not changed)."""
        if self.margin_cap is not None:
            matches = cap_margins(matches, self.margin_cap)
        if self.mismatch_scale is not None:
            matches = self._damp_mismatches(matches, warm_start)
        if self.venue_offsets is not None:
            matches = matches.copy(deep=False)
            matches[FIT_OFFSET] = self._venue_offset(matches)
        return matches

    def _venue_offset(self, frame: pd.DataFrame) -> NDArray[np.float64]:
        """Offset of each match: ``c_home`` at home, ``c_neutral`` at a neutral venue
        outside a tournament's finals, 0 at a neutral tournament match (whose first-named
        side is only the schedule's order)."""
        c_home, c_neutral = self.venue_offsets or (0.0, 0.0)
        neutral = frame["neutral"].to_numpy(dtype=bool)
        tournament = np.char.startswith(match_context(frame), "tournament")
        return np.where(neutral, np.where(tournament, 0.0, c_neutral), c_home).astype(np.float64)

    def expected_goals(
        self, fixtures: pd.DataFrame
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """90-minute goal rates (home, away), with the venue offsets and the
        inter-confederation scale when set."""
        lam_h, lam_a = super().expected_goals(fixtures)
        if self.inter_confederation_scale is not None:
            lam_h, lam_a = self._scale_inter_confederation(fixtures, lam_h, lam_a)
        if self.venue_offsets is None:
            return lam_h, lam_a
        fixture_arrays(fixtures)  # validates the columns
        shift = np.exp(self._venue_offset(fixtures))
        return lam_h * shift, lam_a / shift

    def _scale_inter_confederation(
        self, fixtures: pd.DataFrame, lam_h: NDArray[np.float64], lam_a: NDArray[np.float64],
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Rates with the residual team effects times ``inter_confederation_scale`` in
        fixtures between members of different confederations (the confederation offsets
        and the Elo term stay whole)."""
        home, away, _ = fixture_arrays(fixtures)
        table = self.inter_confederation_scale
        scales = np.array([table.get(g, 1.0) if isinstance(table, Mapping) else float(table or 1.0)
                           for g in CONFEDERATION_GROUPS])
        g_h, g_a = confederation_index(home), confederation_index(away)
        inter = g_h != g_a
        parts = []
        for teams, group in ((home, g_h), (away, g_a)):
            attack, defence = self.strengths(teams)
            change = np.where(inter, scales[group] - 1.0, 0.0)
            parts.append((change * (attack - self.confederation_attack_.to_numpy()[group]),
                          change * (defence - self.confederation_defence_.to_numpy()[group])))
        (att_h, def_h), (att_a, def_a) = parts
        return lam_h * np.exp(att_h - def_a), lam_a * np.exp(att_a - def_h)

    def _damp_mismatches(self, matches: pd.DataFrame,
                         warm_start: DixonColes | None) -> pd.DataFrame:
        """``matches`` with the :data:`FIT_WEIGHT` column of the mismatch damping.

        The pre-match ratings come from an Elo run that continues the previous fit's (on a
        copy: the previous model keeps its own), so each refit rates only the new matches.
        """
        previous_elo: Elo | None = getattr(self._warm_start_from(warm_start), "elo_", None)
        elo = Elo(warm_start=True).fit(matches, warm_start=previous_elo)
        history = elo.history_
        gap = (history["home_rating_before"] - history["away_rating_before"]).abs().to_numpy()
        scale = float(self.mismatch_scale)  # type: ignore[arg-type]
        out = matches.copy(deep=False)
        out[FIT_WEIGHT] = 1.0 / (1.0 + (gap / scale) ** 2)
        return out

    def stacking_weights(self, fixtures: pd.DataFrame) -> tuple[
            NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """Elo weight, home tilt and slope of each fixture, three arrays of shape (n,)."""
        table = self.stacking or {}
        rows = np.array([table.get(c, (0.0, 0.0, 0.0)) for c in match_context(fixtures)],
                        dtype=np.float64).reshape(-1, 3)
        return rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2].copy()

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """Forecasts from the stacked grid (module docstring); the goal model's without."""
        goals = super().predict(fixtures)
        if not self.stacking:
            return goals
        weight, tilt, slope = self.stacking_weights(goals.fixtures)
        # the slope sharpens (> 0) or flattens (< 0) the goal model's own strength gap
        tilt = tilt + slope * np.log(goals.expected_home_goals / goals.expected_away_goals)
        grids = goals.grids
        if weight.any():
            elo = self.elo_.predict(goals.fixtures)
            grids = (1.0 - weight[:, None, None]) * grids + weight[:, None, None] * elo.grids
        n = grids.shape[1]
        margin = np.subtract.outer(np.arange(n), np.arange(n)).astype(np.float64)
        grids = grids * np.exp(tilt[:, None, None] * margin[None])
        grids = grids / grids.sum(axis=(1, 2), keepdims=True)
        # expected goals of the final grid, so they agree with every market
        goals_per_side = np.arange(n, dtype=np.float64)
        return Forecast(
            fixtures=goals.fixtures,
            grids=grids,
            expected_home_goals=grids.sum(axis=2) @ goals_per_side,
            expected_away_goals=grids.sum(axis=1) @ goals_per_side,
            model=self.name,
        )


__all__ = ["CONTEXTS", "TUNED_LONG_MEMORY_XI", "TUNED_RECALIBRATION", "TUNED_STACKING", "TUNED_VENUE_OFFSETS",
           "AdjustedEloDixonColes", "cap_margins",
           "match_context"]
