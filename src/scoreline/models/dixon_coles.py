"""Dixon–Coles goal model: attack and defence per team, time-weighted, regularised.

Model for a match of home team ``h`` against away team ``a`` (90-minute goals)::

    log lambda_home = mu + gamma * [not neutral] + attack[h] - defence[a]
    log lambda_away = mu                         + attack[a] - defence[h]
    P(x, y) = tau_rho(x, y) * Poisson(x; lambda_home) * Poisson(y; lambda_away)

A *higher* ``defence`` is a *better* defence. Home advantage ``gamma`` applies only
where the home team really plays at home. ``tau_rho`` is Dixon and Coles' correction of
the four low scores 0-0, 1-0, 0-1, 1-1. Each match is weighted by
``exp(-xi * days before the newest match)``.

International football is sparse (291 teams played 2014-2022, some only twice), so
attack and defence get a Gaussian prior ``N(0, prior_scale**2)``: a team with few
matches stays near the average instead of going to +-infinity. The prior also makes
the model identifiable, so the fit is an unconstrained L-BFGS over all parameters
(no box bounds, no sum-to-zero constraint), with the analytic gradient computed over
integer-indexed arrays (no Python loop over matches), preconditioned by the diagonal
Fisher information. A fit is accepted only when the largest gradient entry of the
weight-normalised objective is below 1e-6; otherwise a warning is logged and
``converged_`` is False.

**Teams never seen in the training window** get the average attack and defence of
the *sparsely observed* teams (the quarter of teams with the least match weight),
not the overall average (0): in this data a team new to the window is almost always
a small football nation (or a non-FIFA side), and sparsely observed teams are the best
evidence of how such teams play. ``unseen_attack_``/``unseen_defence_`` hold the values.
Even so a goal model knows little about newcomers: on the 93 matches of 2010-2026
involving a team without a match in the previous four years, this model's mean RPS is
0.211 against Elo's 0.185. The Elo + Dixon–Coles models (:mod:`scoreline.models.combined`,
the default among them) rate such teams by their Elo rating instead.

References
----------
Dixon, M. J. and Coles, S. G. (1997). Modelling association football scores and
inefficiencies in the football betting market. Applied Statistics 46(2), 265-280.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Self

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError, NotFittedError
from scoreline.models._dc_likelihood import log_likelihood, make_problem, score_grids
from scoreline.models._json import read_document, reading
from scoreline.models._optimise import minimise
from scoreline.models._params import check_number
from scoreline.models._training import MIN_WEIGHT, TrainingData, fixture_arrays, training_data
from scoreline.models.score_grid import Forecast

logger = logging.getLogger(__name__)

_JSON_FORMAT = "scoreline.dixon_coles/1"
SPARSE_QUANTILE = 0.25
"""Teams below this quantile of total match weight define the prior of unseen teams."""


def check_positive(name: str, value: object, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is a finite number > 0 (>= 0 with ``allow_zero``).

    Raises
    ------
    InvalidParameterError
        Otherwise, naming the parameter and the value.
    """
    return check_number(name, value, minimum=0, above=not allow_zero)


class DixonColes:
    """Time-weighted, regularised Dixon–Coles model of 90-minute scores.

    Parameters
    ----------
    xi : float, default 0.0018
        Time decay per day (0.0018/day halves a match's weight in about 385 days).
    prior_scale : float, default 3.0
        Standard deviation of the Gaussian prior on attack and defence (log-rate units).
        Smaller values shrink teams harder towards the average. Chosen by the weekly
        walk-forward backtest on 2010-01-01..2026-07-19 (xi = 0.0018): mean RPS 0.1808 at
        0.5, 0.1750 at 1, 0.1730 at 2, 0.1728 at 3 and at 6 -- shrinking minnows towards
        the average flatters the teams that beat them, so a weak prior predicts better.
    friendly_weight : float, default 1.0
        Factor on the likelihood weight of friendlies, in (0, 1].
    xi2 : float or None, default None
        A second time decay per day (``None``: off). When set, a match ``d`` days before
        the newest one weighs ``0.5 * exp(-xi * d) + 0.5 * exp(-xi2 * d)``: a memory
        with two time scales in one fit (``docs/models.md``).
    warm_start : bool, default True
        scikit-learn's convention: when ``fit`` is called again on a fitted model, the
        optimiser starts from the previous solution (teams matched by name; new teams
        at the unseen-team prior). The optimum is the same up to optimiser tolerance;
        a weekly walk-forward refit takes a fraction of the iterations.

    Attributes
    ----------
    teams_ : ndarray of str
        Teams in the training window, sorted.
    attack_, defence_ : Series
        Per-team log-rate effects indexed by team (higher defence = concedes fewer).
    intercept_ : float
        Log goal rate of an average team at a neutral venue.
    home_advantage_ : float
        Added to the home log-rate at non-neutral venues (``exp`` is the rate ratio).
    rho_ : float
        Low-score correction.
    unseen_attack_, unseen_defence_ : float
        Prior used for teams not in ``teams_`` (see the module docstring).
    log_likelihood_ : float
        Time-weighted log-likelihood of the training matches at the fit (without the
        prior term), in nats.
    n_matches_ : int
        Matches fitted (90-minute score known, weight at least 1e-4).
    reference_date_ : Timestamp
        Newest match date in the fit (weight 1).
    converged_ : bool
        Whether the optimiser reached the gradient tolerance.
    n_iterations_ : int
        L-BFGS iterations of the last fit.

    References
    ----------
    Dixon & Coles (1997), Applied Statistics 46(2), 265-280.

    Examples
    --------
    >>> model = DixonColes(xi=0.0018).fit(store.matches(until="2022-11-20"))  # doctest: +SKIP
    >>> model.predict(fixtures).to_frame()  # doctest: +SKIP
    """

    name = "dixon-coles"
    version = "1"
    """Version of the model's maths: bump it whenever forecasts change for the same parameters
    (caches of forecasts, e.g. ``scoreline.forecast.prematch``, are keyed by it)."""

    def __init__(self, xi: float = 0.0018, prior_scale: float = 3.0, friendly_weight: float = 1.0,
                 warm_start: bool = True, xi2: float | None = None) -> None:
        check_positive("xi", xi, allow_zero=True)
        if xi2 is not None:
            try:
                check_number("xi2", xi2, minimum=0)
            except InvalidParameterError:
                raise InvalidParameterError(
                    f"xi2 must be None (one time decay) or a second time decay per day, a "
                    f"finite number >= 0, got {xi2!r}") from None
        check_positive("prior_scale", prior_scale)
        if check_positive("friendly_weight", friendly_weight) > 1:
            raise InvalidParameterError(
                f"friendly_weight must be in (0, 1], got {friendly_weight!r}")
        if not isinstance(warm_start, bool):
            raise InvalidParameterError(f"warm_start must be True or False, got {warm_start!r}")
        self.xi = xi
        self.prior_scale = prior_scale
        self.friendly_weight = friendly_weight
        self.warm_start = warm_start
        self.xi2 = xi2

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"

    def get_params(self) -> dict[str, object]:
        """Hyperparameters as given at construction (JSON-serialisable)."""
        return {"xi": self.xi, "prior_scale": self.prior_scale,
                "friendly_weight": self.friendly_weight, "warm_start": self.warm_start,
                "xi2": self.xi2}

    # ------------------------------------------------------------------ fitting
    def _xi2(self) -> float | None:
        """The second time decay as a float (``None``: one decay only)."""
        return None if self.xi2 is None else float(self.xi2)

    def _check_fitted(self) -> None:
        if not hasattr(self, "attack_"):
            raise NotFittedError(
                "this DixonColes model is not fitted yet; call .fit(matches) first "
                "(e.g. matches = scoreline.open().matches(until=DATE))"
            )

    def _warm_start_from(self, warm_start: DixonColes | None) -> DixonColes | None:
        """The fitted model a fit starts from: ``warm_start``, else ``self`` when it is
        fitted and built with ``warm_start=True``, else None (a cold start)."""
        if warm_start is not None:
            if not isinstance(warm_start, DixonColes):
                raise InvalidParameterError(
                    f"warm_start must be a fitted {type(self).__name__}, "
                    f"got {type(warm_start).__name__}")
            return warm_start if hasattr(warm_start, "attack_") else None
        return self if self.warm_start and hasattr(self, "attack_") else None

    def _initial_theta(
        self, data: TrainingData, init: DixonColes | None, n_extra: int = 0
    ) -> NDArray[np.float64]:
        t = data.n_teams
        theta = np.zeros(2 * t + 3 + n_extra)
        w = data.weight
        mean_goals = float((w * (data.home_goals + data.away_goals)).sum() / (2 * w.sum()))
        theta[2 * t] = math.log(max(mean_goals, 0.1))
        theta[2 * t + 1] = 0.25
        if init is not None and hasattr(init, "attack_"):
            theta[:t] = init.attack_.reindex(data.teams).fillna(init.unseen_attack_).to_numpy()
            previous = init.defence_.reindex(data.teams)
            theta[t : 2 * t] = previous.fillna(init.unseen_defence_).to_numpy()
            theta[2 * t] = init.intercept_
            theta[2 * t + 1] = init.home_advantage_
            theta[2 * t + 2] = init.rho_
        return theta

    def _set_fitted(self, data: TrainingData, theta: NDArray[np.float64]) -> None:
        t = data.n_teams
        self.teams_ = data.teams
        self.attack_ = pd.Series(theta[:t], index=pd.Index(data.teams, name="team"), name="attack")
        self.defence_ = pd.Series(theta[t : 2 * t], index=self.attack_.index, name="defence")
        self.intercept_ = float(theta[2 * t])
        self.home_advantage_ = float(theta[2 * t + 1])
        self.rho_ = float(theta[2 * t + 2])
        exposure = np.bincount(data.home_idx, data.weight, t) + np.bincount(
            data.away_idx, data.weight, t
        )
        sparse = exposure <= np.quantile(exposure, SPARSE_QUANTILE)
        self.unseen_attack_ = float(theta[:t][sparse].mean())
        self.unseen_defence_ = float(theta[t : 2 * t][sparse].mean())
        self.n_matches_ = len(data)
        self.reference_date_ = data.reference_date

    def fit(self, matches: pd.DataFrame, *, warm_start: DixonColes | None = None) -> Self:
        """Fit on past matches (90-minute scores; see ``scoreline.models._training``).

        Parameters
        ----------
        matches : DataFrame
            ``store.matches(...)``: columns ``date``, ``home_team``, ``away_team``,
            ``neutral`` and ``home_score_90``/``away_score_90`` (or ``home_score``/
            ``away_score``). Matches whose 90-minute score is unknown are dropped.
        warm_start : DixonColes, optional
            A fitted model to start the optimiser from (read, never changed). By
            default, with ``warm_start=True``, a model already fitted starts from its own
            last fit.

        Returns
        -------
        self

        Raises
        ------
        DataValidationError
            A required column is missing, or no usable match is left.
        """
        data = training_data(matches, float(self.xi), MIN_WEIGHT, float(self.friendly_weight),
                             xi2=self._xi2())
        problem = make_problem(data, float(self.prior_scale))
        result = minimise(problem, self._initial_theta(data, self._warm_start_from(warm_start)))
        self._set_fitted(data, result.theta)
        self.log_likelihood_ = log_likelihood(result.theta, problem)
        self.converged_ = result.converged
        self.n_iterations_ = result.iterations
        self.gradient_norm_ = result.gradient_norm
        logger.debug("DixonColes fit: %d matches, %d teams, %d iterations, max|g| %.2g",
                     len(data), data.n_teams, result.iterations, result.gradient_norm)
        return self

    # --------------------------------------------------------------- prediction
    def strengths(self, teams: NDArray[np.str_]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Attack and defence of each name in ``teams`` (the unseen prior where unknown)."""
        self._check_fitted()
        attack = self.attack_.reindex(teams).fillna(self.unseen_attack_).to_numpy(np.float64)
        defence = self.defence_.reindex(teams).fillna(self.unseen_defence_).to_numpy(np.float64)
        return attack, defence

    def expected_goals(
        self, fixtures: pd.DataFrame
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """90-minute goal rates (home, away) of each fixture, before the rho correction."""
        self._check_fitted()
        home, away, not_neutral = fixture_arrays(fixtures)
        att_h, def_h = self.strengths(home)
        att_a, def_a = self.strengths(away)
        base = self.intercept_
        lam_h = np.exp(base + self.home_advantage_ * not_neutral + att_h - def_a)
        lam_a = np.exp(base + att_a - def_h)
        return lam_h, lam_a

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        """Forecast the 90-minute score of each fixture.

        Parameters
        ----------
        fixtures : DataFrame
            Columns ``home_team``, ``away_team``, ``neutral`` (and usually ``date``,
            ``tournament``, which this model does not use). Teams unknown to the model
            get the unseen-team prior.

        Returns
        -------
        Forecast
            Grids ``(n, 11, 11)`` with the low-score correction, renormalised.
        """
        lam_h, lam_a = self.expected_goals(fixtures)
        grids = score_grids(lam_h, lam_a, self.rho_)
        return Forecast(fixtures.reset_index(drop=True), grids, lam_h, lam_a, self.name)

    @property
    def ratings_(self) -> pd.DataFrame:
        """Teams with ``attack``, ``defence`` and ``overall`` (= attack + defence), best first."""
        self._check_fitted()
        out = pd.concat([self.attack_, self.defence_], axis=1)
        out["overall"] = out["attack"] + out["defence"]
        return out.sort_values("overall", ascending=False)

    # ---------------------------------------------------------------- persistence
    def to_json(self) -> str:
        """Hyperparameters and fitted parameters as a JSON string (never pickle)."""
        payload: dict[str, object] = {"format": _JSON_FORMAT, "params": self.get_params()}
        if hasattr(self, "attack_"):
            payload["fitted"] = {
                "teams": [str(t) for t in self.teams_],
                "attack": [float(x) for x in self.attack_],
                "defence": [float(x) for x in self.defence_],
                "intercept": self.intercept_,
                "home_advantage": self.home_advantage_,
                "rho": self.rho_,
                "unseen_attack": self.unseen_attack_,
                "unseen_defence": self.unseen_defence_,
                "log_likelihood": self.log_likelihood_,
                "n_matches": self.n_matches_,
                "reference_date": self.reference_date_.date().isoformat(),
                "converged": self.converged_,
                "n_iterations": self.n_iterations_,
                "gradient_norm": self.gradient_norm_,
            }
        return json.dumps(payload)

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Rebuild a model written by :meth:`to_json`.

        Raises
        ------
        FormatError
            The text is not a scoreline Dixon–Coles JSON document.
        """
        payload = read_document(text, _JSON_FORMAT, "Dixon-Coles")
        with reading("Dixon-Coles"):
            model = cls(**payload["params"])
            fitted = payload.get("fitted")
            if fitted is not None:
                index = pd.Index(np.asarray(fitted["teams"], dtype=str), name="team")
                model.teams_ = index.to_numpy()
                model.attack_ = pd.Series(fitted["attack"], index=index, name="attack", dtype=float)
                model.defence_ = pd.Series(fitted["defence"], index=index, name="defence",
                                           dtype=float)
                model.intercept_ = float(fitted["intercept"])
                model.home_advantage_ = float(fitted["home_advantage"])
                model.rho_ = float(fitted["rho"])
                model.unseen_attack_ = float(fitted["unseen_attack"])
                model.unseen_defence_ = float(fitted["unseen_defence"])
                model.log_likelihood_ = float(fitted["log_likelihood"])
                model.n_matches_ = int(fitted["n_matches"])
                model.reference_date_ = pd.Timestamp(fitted["reference_date"])
                model.converged_ = bool(fitted["converged"])
                model.n_iterations_ = int(fitted["n_iterations"])
                model.gradient_norm_ = float(fitted["gradient_norm"])
        return model


__all__ = ["DixonColes"]
