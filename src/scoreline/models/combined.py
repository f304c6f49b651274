"""Elo + Dixon–Coles: goal models that use both the Elo ratings and the goals.

:class:`EloDixonColes` -- a Dixon–Coles model whose team effects are residuals around
the Elo-implied strength and around their confederation's level. For a match of home
team ``h`` against away team ``a``::

    x = (elo[h] - elo[a]) / 400                  Elo ratings at the end of the fit
    attack[k]  = conf_attack[c(k)]  + residual_attack[k]      c(k): k's confederation
    defence[k] = conf_defence[c(k)] + residual_defence[k]
    log lambda_home = mu + gamma * [not neutral] + beta * x + attack[h] - defence[a]
    log lambda_away = mu                         - beta * x + attack[a] - defence[h]
    P(x, y) = tau_rho(x, y) * Poisson(x; lambda_home) * Poisson(y; lambda_away)

Fitted in two stages on the same time-weighted, penalised likelihood as
:class:`~scoreline.models.dixon_coles.DixonColes` (analytic gradient, L-BFGS):
(1) ``beta`` (with ``mu``, ``gamma``, ``rho``) with the team effects held at 0, i.e. how
goal rates follow the Elo difference; (2) ``beta`` fixed, the confederation offsets
(prior ``N(0, 1)``) and the residual attack and defence with a Gaussian prior
``N(0, prior_scale**2)``. A team with few recent matches is thus shrunk towards its Elo
rating (which the whole history since 1872 informs) and its confederation's level
instead of towards the average team. The ratings are those after the last fitted match,
used for every training match: per-match pre-match ratings were tried first and fitted
worse (they add Elo's match-to-match noise; log-likelihood 40 nats below plain
Dixon–Coles). A team never seen gets Elo's initial rating and its confederation's offsets.

Why confederation offsets. Most internationals are played within a confederation, so
with free team effects (the former default, ``prior_scale=3`` without offsets) the level
of a whole confederation rests on the few inter-confederation matches, and the strong
teams of the weaker confederations, fitted mostly on wins against weak neighbours, come
out too strong: before the 2022 World Cup that model gave Germany 48.6 % and Japan 24.9 %
(markets: about 65 % and 14 %). With offsets the inter-confederation matches set each
confederation's level and the residuals are shrunk harder (``prior_scale=0.5``) towards
it. Walk-forward backtest (weekly refits 2010-01-01..2026-07-19, 15,830 matches; daily
refits at the World Cups 2014-2026, 296 matches), mean RPS, difference to the former
default with the standard error of the paired per-match differences:

=============================================  ========================  =======================
model                                          all 2010-2026             World Cups pooled
=============================================  ========================  =======================
former default (prior 3, no offsets)           0.17121                   0.18510
confederation offsets, prior 0.5 (default)     0.17059 (-0.00062 +- 24)  0.18489 (-0.00020 +- 51)
=============================================  ========================  =======================

(``+- 24`` = 0.00024.) The gain on all matches is 2.6 standard errors; on the World Cups it
is a fraction of one (296 matches cannot separate the two). The gain comes from matches
within a confederation (-0.00108 +- 0.00025 over 13,161); on the 2,669 inter-confederation
matches the model is worse (+0.00165 +- 0.00076), all of it in matches of OFC teams and
non-FIFA sides (the ``'none'`` group is heterogeneous; a wider residual prior for it did
not help: all 0.17088, World Cups 0.18496), while between members of the six confederations the
change is within noise. The offsets are what make the harder shrinkage pay: prior 0.5
without offsets scores 0.17164 and 0.18756, worse than the former default on both. Tried and rejected (weekly
2018-01-01..2023-01-01, 4,482 matches, former default 0.16907; World Cups 0.18510):
inter-confederation matches weighted x3 (0.17000; 0.18758), competitive matches weighted
x2 (World Cups 0.18587), a confederation correction fitted afterwards on the
inter-confederation residuals (0.16874; 0.18494; all 2010-2026 0.17119, no gain), residual
prior 0.3 or 1.0 with offsets (World Cups 0.18494, 0.18495; 2018-2023 at 1.0: 0.16842 against
0.16820 at 0.5). Mixing in 10-30 % of Elo's forecast improves all matches a little more
but loses on the World Cups (e.g. 0.3 Elo: 0.17037 and 0.18601).

The other way to combine the two, a mixture of their score grids, is
:class:`scoreline.models.blend.Blend`. Which model is the default is decided by the tuning
protocol of ``docs/models.md`` (:func:`scoreline.models.default_model` documents the figures):
since that protocol it is built on this model (venue offsets, :mod:`scoreline.models.adjusted`;
two memories mixed, :mod:`scoreline.models.mixture`); ``get_model('elo-dixon-coles')`` is
this one.

References
----------
Dixon, M. J. and Coles, S. G. (1997). Applied Statistics 46(2), 265-280.
World Football Elo Ratings, https://www.eloratings.net/about
"""

from __future__ import annotations

import json
import logging
from typing import Self

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.data.confederations import CONFEDERATIONS, NONE, confederations
from scoreline.errors import InvalidParameterError
from scoreline.models._dc_likelihood import Problem, log_likelihood, make_problem, objective
from scoreline.models._json import read_document, reading
from scoreline.models._optimise import (
    GRADIENT_TOLERANCE,
    FitResult,
    _diagonal_curvature,
    minimise,
    single_threaded_blas,
)
from scoreline.models._training import MIN_WEIGHT, fixture_arrays, training_data
from scoreline.models.dixon_coles import DixonColes, check_positive
from scoreline.models.elo import Elo

logger = logging.getLogger(__name__)

_JSON_FORMAT = "scoreline.elo_dixon_coles/1"
ELO_SCALE = 400.0
"""Elo points per unit of the covariate ``x``."""

ELO_STAGE_PRIOR_SCALE = 0.01
"""Prior scale of the team effects while ``beta`` is estimated (stage 1): practically 0."""

CONFEDERATION_GROUPS = (*CONFEDERATIONS, NONE)
"""Groups of the confederation offsets: the six confederations and non-FIFA sides."""

CONFEDERATION_PRIOR_SCALE = 1.0
"""Prior scale of the confederation offsets (log-rate units): weak, they are well identified."""


def confederation_index(teams: NDArray[np.str_] | list[str]) -> NDArray[np.int64]:
    """Index into :data:`CONFEDERATION_GROUPS` of each team (``'none'`` when not listed)."""
    table = confederations()
    position = {g: i for i, g in enumerate(CONFEDERATION_GROUPS)}
    return np.array([position[table.get(str(t), NONE)] for t in teams], dtype=np.int64)


def _fit_with_confederations(
    problem: Problem, group: NDArray[np.int64], prior_scale: float,
    start: NDArray[np.float64],
) -> FitResult:
    """Minimise the Dixon–Coles objective with team effects = confederation offset + residual.

    Parameter vector ``[residual attack (T), residual defence (T), confederation attack (G),
    confederation defence (G), mu, gamma, rho]``; the residuals get the prior
    ``N(0, prior_scale**2)``, the offsets ``N(0, CONFEDERATION_PRIOR_SCALE**2)``. The
    optimiser is L-BFGS, preconditioned by the diagonal Fisher information as in
    :func:`scoreline.models._optimise.minimise`; ``problem`` must carry no prior of its own
    (its ``prior_precision`` is ignored). Returns ``theta`` in this extended layout.
    """
    t = problem.data.n_teams
    g = len(CONFEDERATION_GROUPS)
    residual_precision = 1.0 / prior_scale**2
    offset_precision = 1.0 / CONFEDERATION_PRIOR_SCALE**2
    scale = problem.scale

    def expand(e: NDArray[np.float64]) -> NDArray[np.float64]:
        theta = np.empty(2 * t + 3)
        theta[:t] = e[:t] + e[2 * t : 2 * t + g][group]
        theta[t : 2 * t] = e[t : 2 * t] + e[2 * t + g : 2 * t + 2 * g][group]
        theta[2 * t :] = e[2 * t + 2 * g :]
        return theta

    def fun(e: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        value, grad = objective(expand(e), problem, with_prior=False)
        out = np.empty_like(e)
        out[: 2 * t] = grad[: 2 * t]
        out[2 * t : 2 * t + g] = np.bincount(group, grad[:t], g)
        out[2 * t + g : 2 * t + 2 * g] = np.bincount(group, grad[t : 2 * t], g)
        out[2 * t + 2 * g :] = grad[2 * t :]
        residual, offsets = e[: 2 * t], e[2 * t : 2 * t + 2 * g]
        value += 0.5 * scale * (residual_precision * float(np.multiply(residual, residual).sum())
                                + offset_precision * float(np.multiply(offsets, offsets).sum()))
        out[: 2 * t] += scale * residual_precision * residual
        out[2 * t : 2 * t + 2 * g] += scale * offset_precision * offsets
        return value, out

    team_curvature = _diagonal_curvature(expand(start), problem)
    curvature = np.empty_like(start)
    curvature[: 2 * t] = team_curvature[: 2 * t] + scale * (
        residual_precision - problem.prior_precision)
    curvature[2 * t : 2 * t + g] = np.bincount(group, team_curvature[:t], g)
    curvature[2 * t + g : 2 * t + 2 * g] = np.bincount(group, team_curvature[t : 2 * t], g)
    curvature[2 * t : 2 * t + 2 * g] += scale * offset_precision
    curvature[2 * t + 2 * g :] = team_curvature[2 * t :]
    sqrt_h = np.sqrt(np.maximum(curvature, 1e-8))

    from scipy.optimize import minimize  # a second of import time: only when fitting

    def scaled(u: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        value, grad = fun(u / sqrt_h)
        return value, grad / sqrt_h

    with single_threaded_blas():
        res = minimize(scaled, start * sqrt_h, jac=True, method="L-BFGS-B",
                       options={"maxiter": 5000, "maxcor": 20,
                                "gtol": GRADIENT_TOLERANCE * 1e-2, "ftol": 1e-15})
    e = res.x / sqrt_h
    value, grad = fun(e)
    gnorm = float(np.abs(grad).max())
    converged = bool(np.isfinite(value)) and gnorm <= GRADIENT_TOLERANCE
    if not converged:
        logger.warning("Elo-Dixon-Coles fit did not reach the optimum: max|gradient| = %.3g "
                       "after %d iterations (%s)", gnorm, res.nit, res.message)
    return FitResult(e, float(value), gnorm, int(res.nit), int(res.nfev), converged,
                     str(res.message))


class EloDixonColes(DixonColes):
    """Dixon–Coles goal model with the pre-match Elo difference as a covariate.

    Parameters
    ----------
    xi : float, default 0.0012
        Time decay per day of the likelihood weights (chosen by the backtest: mean RPS
        on 2010-2026 0.1712 at 0.0012 against 0.1728 at 0.0018 for the goal model).
    prior_scale : float, default 0.5
        Standard deviation of the Gaussian prior on the residual attack and defence
        around the confederation offsets (without offsets the backtest preferred 3.0:
        0.1712 at 3.0 and at 1.0; World Cups 0.1851 at 3.0, 0.1859 at 1.0; with offsets
        0.5, see the module docstring).
    friendly_weight : float, default 1.0
        Factor on the likelihood weight of friendlies, in (0, 1] (0.5 did not help).
    warm_start : bool, default True
        Refits continue from the previous fit (Elo runs only the new matches; the
        optimiser starts at the previous optimum).
    xi2 : float or None, default None
        A second time decay per day: the likelihood weights become the equal mixture
        of both decays (as in :class:`~scoreline.models.dixon_coles.DixonColes`).
    confederation_offsets : bool, default True
        Fit an attack and a defence offset per confederation (and one for non-FIFA
        sides, :data:`CONFEDERATION_GROUPS`) around which the team residuals are shrunk.
        ``EloDixonColes(prior_scale=3.0, confederation_offsets=False)`` is the default
        model before the confederation offsets.

    Attributes
    ----------
    elo_coefficient_ : float
        ``beta``: change in log goal rate per 400 Elo points of difference.
    elo_ratings_ : Series
        Elo rating of every team after the last fitted match.
    confederation_attack_, confederation_defence_ : Series
        Offsets per confederation group (zeros without ``confederation_offsets``);
        ``attack_`` and ``defence_`` include them.
    attack_, defence_, intercept_, home_advantage_, rho_, teams_, log_likelihood_,
    n_matches_, reference_date_, converged_, n_iterations_ :
        As in :class:`~scoreline.models.dixon_coles.DixonColes` (attack and defence are
        what the Elo difference does not explain: confederation offset plus residual).

    References
    ----------
    Dixon & Coles (1997); https://www.eloratings.net/about
    """

    confederation_attack_: pd.Series
    confederation_defence_: pd.Series
    name = "elo-dixon-coles"
    version = "2"
    """Version of the model's maths: bump it whenever forecasts change for the same parameters
    (caches of forecasts, e.g. ``scoreline.forecast.prematch``, are keyed by it)."""

    def __init__(self, xi: float = 0.0012, prior_scale: float = 0.5, friendly_weight: float = 1.0,
                 warm_start: bool = True, confederation_offsets: bool = True,
                 xi2: float | None = None) -> None:
        super().__init__(xi=xi, prior_scale=prior_scale, friendly_weight=friendly_weight,
                         warm_start=warm_start, xi2=xi2)
        if not isinstance(confederation_offsets, bool):
            raise InvalidParameterError(
                f"confederation_offsets must be True or False, got {confederation_offsets!r}")
        self.confederation_offsets = confederation_offsets

    def get_params(self) -> dict[str, object]:
        """Hyperparameters as given at construction (JSON-serialisable)."""
        params = super().get_params()
        params["confederation_offsets"] = self.confederation_offsets
        return params

    def fit(self, matches: pd.DataFrame, *, warm_start: DixonColes | None = None) -> Self:
        """Run Elo over ``matches`` and fit the goal model on the recent ones.

        Parameters
        ----------
        matches : DataFrame
            ``store.matches(...)``, sorted by date (Elo needs the whole history to rate
            teams; the goal model uses the 90-minute scores of the time-weighted window).
        warm_start : EloDixonColes, optional
            A fitted model to start from: its Elo run is continued on a copy and its
            optimum starts the optimiser; ``warm_start`` itself is never changed. By
            default, with ``warm_start=True``, a fitted model continues from its own fit.

        Returns
        -------
        self
        """
        check_positive("xi", self.xi, allow_zero=True)
        previous = self._warm_start_from(warm_start)
        # a new Elo continues the previous run from a copy of its state: fitting in place
        # would advance the warm start's own ratings (issue 10)
        previous_elo: Elo | None = getattr(previous, "elo_", None)
        elo = Elo(warm_start=True).fit(matches, warm_start=previous_elo)
        return self._fit_goal_model(matches, elo, previous)

    def _fit_goal_model(self, matches: pd.DataFrame, elo: Elo,
                        previous: DixonColes | None) -> Self:
        """The goal model's two stages on ``matches`` given the Elo run ``elo`` over them,
        the optimiser started from ``previous`` (a fitted model) or cold (None).

        Models that share one Elo run (:mod:`scoreline.models.mixture`) call this directly.
        """
        ratings = elo.ratings_
        data = training_data(matches, float(self.xi), MIN_WEIGHT, float(self.friendly_weight),
                             xi2=self._xi2())
        # current ratings for every training match: a constant per-team shift, so the
        # team effects are residuals around the Elo-implied strength (the pre-match
        # ratings would add Elo's match-to-match noise to the fit)
        current = ratings.reindex(data.teams).fillna(elo.initial_rating).to_numpy(np.float64)
        x = (current[data.home_idx] - current[data.away_idx]) / ELO_SCALE
        t = data.n_teams

        # Stage 1: how goal rates follow the Elo difference (team effects held near 0).
        stage1 = make_problem(data, ELO_STAGE_PRIOR_SCALE, covariate=x)
        theta1 = self._initial_theta(data, None, n_extra=1)
        theta1[2 * t + 3] = 0.8
        stage1_start: tuple[float, ...] | None = getattr(previous, "_stage1_", None)
        if stage1_start is not None:
            theta1[2 * t :] = stage1_start
        fit1 = minimise(stage1, theta1)
        beta = float(fit1.theta[2 * t + 3])

        # Stage 2: team effects as residuals around the Elo-implied rates (and around
        # their confederation's offset).
        g = len(CONFEDERATION_GROUPS)
        conf_attack = np.zeros(g)
        conf_defence = np.zeros(g)
        if self.confederation_offsets:
            problem = make_problem(data, 1.0, offset=beta * x)
            group = confederation_index(data.teams)
            start = np.zeros(2 * t + 2 * g + 3)
            base = self._initial_theta(data, previous)
            start[2 * t + 2 * g :] = base[2 * t :]
            if isinstance(previous, EloDixonColes) and hasattr(previous, "confederation_attack_"):
                conf_attack = previous.confederation_attack_.reindex(
                    CONFEDERATION_GROUPS).fillna(0.0).to_numpy(np.float64)
                conf_defence = previous.confederation_defence_.reindex(
                    CONFEDERATION_GROUPS).fillna(0.0).to_numpy(np.float64)
                start[2 * t : 2 * t + g] = conf_attack
                start[2 * t + g : 2 * t + 2 * g] = conf_defence
                seen = pd.Index(previous.teams_).get_indexer(data.teams) >= 0
                start[:t] = np.where(seen, base[:t] - conf_attack[group], 0.0)
                start[t : 2 * t] = np.where(seen, base[t : 2 * t] - conf_defence[group], 0.0)
            result = _fit_with_confederations(problem, group, float(self.prior_scale), start)
            e = result.theta
            conf_attack = e[2 * t : 2 * t + g].copy()
            conf_defence = e[2 * t + g : 2 * t + 2 * g].copy()
            theta = np.concatenate([e[:t] + conf_attack[group],
                                    e[t : 2 * t] + conf_defence[group], e[2 * t + 2 * g :]])
        else:
            problem = make_problem(data, float(self.prior_scale), offset=beta * x)
            result = minimise(problem, self._initial_theta(data, previous))
            theta = result.theta
        self._set_fitted(data, theta)
        index = pd.Index(CONFEDERATION_GROUPS, name="confederation")
        self.confederation_attack_ = pd.Series(conf_attack, index=index, name="attack")
        self.confederation_defence_ = pd.Series(conf_defence, index=index, name="defence")
        self.unseen_attack_ = 0.0
        self.unseen_defence_ = 0.0
        self._stage1_ = tuple(float(v) for v in fit1.theta[2 * t :])
        self.elo_coefficient_ = beta
        self.elo_ = elo
        self.elo_ratings_ = ratings
        self.elo_initial_rating_ = elo.initial_rating
        self.log_likelihood_ = log_likelihood(theta, problem)
        self.converged_ = result.converged and fit1.converged
        self.n_iterations_ = result.iterations + fit1.iterations
        self.gradient_norm_ = result.gradient_norm
        return self

    def strengths(self, teams: NDArray[np.str_]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Residual attack and defence of each team; a team not in the fit gets its
        confederation's offsets (``'none'`` for teams outside FIFA or not listed)."""
        attack, defence = super().strengths(teams)
        unseen = pd.Index(self.teams_).get_indexer(teams) < 0
        if unseen.any():
            group = confederation_index(teams)
            attack = np.where(unseen, self.confederation_attack_.to_numpy()[group], attack)
            defence = np.where(unseen, self.confederation_defence_.to_numpy()[group], defence)
        return attack, defence

    def elo_difference(self, fixtures: pd.DataFrame) -> NDArray[np.float64]:
        """Current Elo rating of the home side minus the away side (no home bonus)."""
        self._check_fitted()
        home, away, _ = fixture_arrays(fixtures)
        ratings = self.elo_ratings_
        r_h = ratings.reindex(home).fillna(self.elo_initial_rating_).to_numpy(np.float64)
        r_a = ratings.reindex(away).fillna(self.elo_initial_rating_).to_numpy(np.float64)
        return np.asarray(r_h - r_a, dtype=np.float64)

    def expected_goals(
        self, fixtures: pd.DataFrame
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """90-minute goal rates (home, away) of each fixture, before the rho correction."""
        lam_h, lam_a = super().expected_goals(fixtures)
        shift = np.exp(self.elo_coefficient_ * self.elo_difference(fixtures) / ELO_SCALE)
        return lam_h * shift, lam_a / shift

    def to_json(self) -> str:
        """Hyperparameters and fitted parameters (with the Elo ratings) as JSON."""
        payload = json.loads(super().to_json())
        payload["format"] = _JSON_FORMAT
        if "fitted" in payload:
            if hasattr(self, "elo_"):  # the ratings and links, for a stacked Elo forecast
                payload["fitted"]["elo"] = json.loads(self.elo_.to_json())
            payload["fitted"]["elo_coefficient"] = self.elo_coefficient_
            payload["fitted"]["elo_initial_rating"] = self.elo_initial_rating_
            payload["fitted"]["elo_ratings"] = {str(k): float(v) for k, v in self.elo_ratings_.items()}
            payload["fitted"]["confederation_attack"] = {
                str(k): float(v) for k, v in self.confederation_attack_.items()}
            payload["fitted"]["confederation_defence"] = {
                str(k): float(v) for k, v in self.confederation_defence_.items()}
        return json.dumps(payload)

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Rebuild a model written by :meth:`to_json` (the Elo ratings, not their history).

        Raises
        ------
        FormatError
            The text is not a scoreline Elo–Dixon–Coles JSON document.
        """
        payload = read_document(text, _JSON_FORMAT, "Elo-Dixon-Coles")
        fitted = payload.get("fitted")
        params = dict(payload.get("params") or {})
        # documents written before the confederation offsets existed were fitted without them
        params.setdefault("confederation_offsets", False)
        goal_params = DixonColes().get_params()  # subclasses add parameters of their own
        inner = dict(payload, format="scoreline.dixon_coles/1",
                     params={k: v for k, v in params.items() if k in goal_params})
        if fitted is not None:
            inner["fitted"] = {k: v for k, v in fitted.items()
                               if not k.startswith(("elo", "confederation_"))}
        base = DixonColes.from_json(json.dumps(inner))
        model = cls(**params)
        model.__dict__.update({k: v for k, v in base.__dict__.items() if k.endswith("_")})
        if fitted is not None:
            with reading("Elo-Dixon-Coles"):
                model.elo_coefficient_ = float(fitted["elo_coefficient"])
                model.elo_initial_rating_ = float(fitted["elo_initial_rating"])
                model.elo_ratings_ = pd.Series(fitted["elo_ratings"], dtype=float, name="rating")
                if "elo" in fitted:
                    model.elo_ = Elo.from_json(json.dumps(fitted["elo"]))
                index = pd.Index(CONFEDERATION_GROUPS, name="confederation")
                model.confederation_attack_ = pd.Series(
                    fitted.get("confederation_attack", {}), dtype=float, name="attack"
                ).reindex(index).fillna(0.0)
                model.confederation_defence_ = pd.Series(
                    fitted.get("confederation_defence", {}), dtype=float, name="defence"
                ).reindex(index).fillna(0.0)
        return model




__all__ = ["ELO_SCALE", "EloDixonColes"]
