"""Two memories in one model: the mixture of the score grids of two time decays.

:class:`MixedMemoryEloDixonColes` fits two
:class:`~scoreline.models.adjusted.AdjustedEloDixonColes` goal models that differ only in
their time decay (by default 0.0004 and 0.0012 per day, half-lives 4.7 and 1.6 years,
both with the venue offsets) and forecasts from the mixture of their score grids::

    grid[h, a] = weight * grid_long[h, a] + (1 - weight) * grid_short[h, a]

as :class:`~scoreline.models.blend.Blend` does: the 1X2 is the same mixture of the two
members' 1X2 and every market comes from the one mixed grid, so all stay consistent.
Expected goals are the same mixture of the members' rates.

Why not a :class:`~scoreline.models.blend.Blend` of two named models: a blend fits each
member as if alone. Here the members share what does not depend on the decay, so a fit
costs less than two: the data preparation (the venue offsets) and the Elo run over the
whole history are done once; on a first fit the second member's optimiser starts from the
first member's optimum (the two optima are close: most of a team's strength is common to
both memories), and on a refit each member starts from its own previous fit, as the
single models do.

On the tuning folds of ``docs/models.md`` the 0.5 / 0.5 mixture of these two decays
is the best candidate out of sample (its one weight fitted on eight of the nine years and
scored on the ninth): figures in ``docs/models.md``.

References
----------
Bates, J. M. & Granger, C. W. J. (1969). The combination of forecasts. Operational
Research Quarterly 20(4), 451-468.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any, Self

import numpy as np
import pandas as pd

from scoreline.errors import InvalidParameterError, NotFittedError
from scoreline.models._json import read_document, reading
from scoreline.models._params import check_flag
from scoreline.models.adjusted import TUNED_VENUE_OFFSETS, AdjustedEloDixonColes
from scoreline.models.elo import Elo
from scoreline.models.score_grid import Forecast

_JSON_FORMAT = "scoreline.mixed_memory/1"

TUNED_MEMORY_XIS = (0.0004, 0.0012)
"""Time decays per day of the two members (``docs/models.md``, "The default")."""

TUNED_MEMORY_WEIGHT = 0.5
"""Share of the first (longer-memory) member's grid: 0.47-0.52 when fitted on eight of
the nine tuning years in turn, so the even split."""


def _check_xis(xis: object) -> tuple[float, float]:
    try:
        pair = tuple(float(v) for v in xis)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        pair = ()
    if len(pair) != 2 or not all(math.isfinite(v) and v >= 0 for v in pair) \
            or any(isinstance(v, bool) for v in xis):  # type: ignore[attr-defined]
        raise InvalidParameterError(
            f"xis must be two time decays per day (finite numbers >= 0), got {xis!r}")
    return pair[0], pair[1]


class MixedMemoryEloDixonColes:
    """Mixture of the score grids of two Elo + Dixon–Coles models with different memories.

    Parameters
    ----------
    xis : pair of float, default (0.0004, 0.0012)
        Time decay per day of each member.
    weight : float, default 0.5
        Share of the first member's grid, in [0, 1].
    venue_offsets : pair of float or None, default (0.12, 0.06)
        The venue offsets of both members
        (:class:`~scoreline.models.adjusted.AdjustedEloDixonColes`).
    warm_start : bool, default True
        A refit continues from the previous fit: the Elo run rates only the new matches,
        each member's optimiser starts from its own previous optimum.

    Attributes
    ----------
    members_ : list of AdjustedEloDixonColes
        The two fitted members, in the order of ``xis``; they share one Elo run.
    elo_ : Elo
        That Elo run (its ordered logit gives the Elo forecast the members carry).
    reference_date_ : Timestamp
        Newest match date in the fit.
    n_iterations_ : int
        Optimiser iterations of the last fit, both members.
    converged_ : bool
        Whether both members reached the gradient tolerance.
    """

    name = "elo-dixon-coles-mix"
    version = "1"
    """Version of the model's maths: bump it whenever forecasts change for the same parameters
    (caches of forecasts, e.g. ``scoreline.forecast.prematch``, are keyed by it)."""

    members_: list[AdjustedEloDixonColes]
    elo_: Elo

    def __init__(self, xis: Sequence[float] = TUNED_MEMORY_XIS,
                 weight: float = TUNED_MEMORY_WEIGHT,
                 venue_offsets: Sequence[float] | None = TUNED_VENUE_OFFSETS,
                 warm_start: bool = True) -> None:
        self.xis = _check_xis(xis)
        if isinstance(weight, bool) or not isinstance(weight, (int, float, np.floating)) \
                or not 0.0 <= float(weight) <= 1.0:
            raise InvalidParameterError(
                f"weight must be the first member's share of the grid, a number in [0, 1], "
                f"got {weight!r}")
        self.weight = float(weight)
        # validated by the member model: one message for a bad pair wherever it is given
        offsets = AdjustedEloDixonColes(venue_offsets=venue_offsets).venue_offsets  # type: ignore[arg-type]
        self.venue_offsets = offsets
        self.warm_start = check_flag("warm_start", warm_start)

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"

    def get_params(self) -> dict[str, Any]:
        """Hyperparameters as given at construction (JSON-serialisable)."""
        return {"xis": list(self.xis), "weight": self.weight,
                "venue_offsets": None if self.venue_offsets is None else list(self.venue_offsets),
                "warm_start": self.warm_start}

    def _new_members(self) -> list[AdjustedEloDixonColes]:
        return [AdjustedEloDixonColes(venue_offsets=self.venue_offsets, xi=xi)
                for xi in self.xis]

    def _check_fitted(self) -> None:
        if not hasattr(self, "members_"):
            raise NotFittedError(
                "this MixedMemoryEloDixonColes model is not fitted yet; call .fit(matches) "
                "first (e.g. matches = scoreline.open().matches(until=DATE))")

    def fit(self, matches: pd.DataFrame, *,
            warm_start: MixedMemoryEloDixonColes | None = None) -> Self:
        """Run Elo once over ``matches`` and fit both members' goal models on it.

        Parameters
        ----------
        matches : DataFrame
            ``store.matches(...)``, as for
            :meth:`~scoreline.models.combined.EloDixonColes.fit`.
        warm_start : MixedMemoryEloDixonColes, optional
            A fitted model to start from (read, never changed): its Elo run is continued
            on a copy and each member starts from the matching member. By default, with
            ``warm_start=True``, a fitted model continues from its own fit.

        Returns
        -------
        self
        """
        previous: MixedMemoryEloDixonColes | None = None
        if warm_start is not None:
            if not isinstance(warm_start, MixedMemoryEloDixonColes):
                raise InvalidParameterError(
                    f"warm_start must be a fitted {type(self).__name__}, "
                    f"got {type(warm_start).__name__}")
            previous = warm_start if hasattr(warm_start, "members_") else None
        elif self.warm_start and hasattr(self, "members_"):
            previous = self
        starts: list[AdjustedEloDixonColes | None] = (
            list(previous.members_) if previous is not None else [None, None])
        members = self._new_members()
        # the members differ only in their decay: one preparation and one Elo run for both
        prepared = members[0].prepared(matches)
        previous_elo = previous.elo_ if previous is not None else None
        elo = Elo(warm_start=True).fit(prepared, warm_start=previous_elo)
        # the shorter memory first: its optimum is the cheaper to reach from a cold start
        # and starts the longer memory's optimiser on a first fit (fewer iterations in
        # total than the other way round: 401 against 452 on the 8 years of fit_speed.py)
        order = sorted(range(2), key=lambda k: -self.xis[k])
        for k in order:
            start = starts[k] if starts[k] is not None else (
                members[order[0]] if k != order[0] else None)
            members[k]._fit_goal_model(prepared, elo, start)
        self.members_ = members
        self.elo_ = elo
        self.reference_date_ = members[0].reference_date_
        self.n_iterations_ = sum(m.n_iterations_ for m in members)
        self.converged_ = all(m.converged_ for m in members)
        return self

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """Forecasts from the mixed score grid (module docstring).

        Returns
        -------
        Forecast
            Grids ``(n, 11, 11)``: ``weight`` times the first member's plus the rest
            times the second's; expected goals mixed the same way.
        """
        self._check_fitted()
        w = self.weight
        one, two = (m.predict(fixtures) for m in self.members_)
        return Forecast(
            fixtures=one.fixtures,
            grids=w * one.grids + (1.0 - w) * two.grids,
            expected_home_goals=w * one.expected_home_goals + (1.0 - w) * two.expected_home_goals,
            expected_away_goals=w * one.expected_away_goals + (1.0 - w) * two.expected_away_goals,
            model=self.name,
        )

    def to_json(self) -> str:
        """Parameters and both fitted members' own JSON documents (never pickle)."""
        payload: dict[str, object] = {"format": _JSON_FORMAT, "params": self.get_params()}
        if hasattr(self, "members_"):
            documents = [json.loads(m.to_json()) for m in self.members_]
            documents[1]["fitted"].pop("elo", None)  # the one Elo run both share, kept once
            payload["members"] = documents
        return json.dumps(payload)

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Rebuild a model written by :meth:`to_json`.

        Raises
        ------
        FormatError
            The text is not a scoreline mixed-memory JSON document.
        """
        payload = read_document(text, _JSON_FORMAT, "mixed-memory Elo-Dixon-Coles")
        with reading("mixed-memory Elo-Dixon-Coles"):
            model = cls(**payload["params"])
            members = payload.get("members")
            if members is not None:
                if len(members) != 2:
                    raise ValueError(f"{len(members)} members, expected 2")
                model.members_ = [AdjustedEloDixonColes.from_json(json.dumps(doc))
                                  for doc in members]
                model.elo_ = model.members_[0].elo_
                model.members_[1].elo_ = model.elo_
                model.reference_date_ = model.members_[0].reference_date_
                model.n_iterations_ = sum(m.n_iterations_ for m in model.members_)
                model.converged_ = all(m.converged_ for m in model.members_)
        return model


__all__ = ["TUNED_MEMORY_WEIGHT", "TUNED_MEMORY_XIS", "MixedMemoryEloDixonColes"]
