"""The in-play scoring profile: how a team's pre-match goal rate is spread over the minutes
and how the score changes it.

Model
-----
The rate at which a team scores in minute ``m`` (goals per minute) is

    lambda(m) = (xg / 90) * minute_weight[m] * state_multiplier[phase(m), s]

where ``xg`` is the team's pre-match expected goals per 90 minutes from the goal model,
``minute_weight`` is a step profile over minute bins (its own bins for the stoppage-time
spikes at 45' and 90' and for extra time), and ``s`` is the team's goal difference before
the minute, clipped to -2..+2 (negative = trailing). ``state_multiplier[:, 0]`` is 1: the
level score is the reference. Phases split the match (1-45, 46-75, 76-120) because a
trailing side pushes hardest late.

Both factors are fitted by maximum likelihood of a Poisson model on minute-level exposure
(one row per team and minute, offset ``log(xg/90)``). Because every covariate is
categorical, the likelihood depends on the data only through the goals and exposures per
(minute bin, phase, state) cell; the fit runs iterative proportional fitting on that table
(Bishop, Fienberg & Holland 1975), which converges to the Poisson MLE of a multiplicative
model. The baseline profile (:meth:`ScoringProfile.constant`) is the plain Poisson model:
every weight and multiplier is 1.

References
----------
Dixon, M. J. & Robinson, M. E. (1998). A birth process model for association football
matches. The Statistician 47(3), 523-538.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scoreline.errors import DataValidationError, InvalidParameterError
from scoreline.inplay.timeline import LAST_MINUTE, REGULATION_MINUTES, GoalTimelines

MAX_STATE = 2
"""Goal differences beyond +-2 share the multiplier of +-2."""

N_STATES = 2 * MAX_STATE + 1

PHASE_STARTS = (1, 46, 76)
"""First minute of each phase of the score-state effect."""


def _minute_bins() -> tuple[NDArray[np.int64], tuple[str, ...]]:
    """Bin index of each minute 0..120 and the bin labels (minute 0 gets bin 0, unused)."""
    edges: list[tuple[int, int]] = [(1, 5)]
    edges += [(s, s + 4) for s in range(6, 41, 5)]  # 6-10 .. 36-40
    edges += [(41, 44), (45, 45)]
    edges += [(s, s + 4) for s in range(46, 82, 5)]  # 46-50 .. 81-85
    edges += [(86, 89), (90, 90), (91, LAST_MINUTE)]
    bins = np.zeros(LAST_MINUTE + 1, dtype=np.int64)
    labels = []
    for i, (lo, hi) in enumerate(edges):
        bins[lo : hi + 1] = i
        labels.append(f"{lo}" if lo == hi else f"{lo}-{hi}")
    return bins, tuple(labels)


MINUTE_BIN, MINUTE_BIN_LABELS = _minute_bins()
N_BINS = len(MINUTE_BIN_LABELS)
PHASE = np.searchsorted(np.array(PHASE_STARTS), np.arange(LAST_MINUTE + 1), side="right") - 1
PHASE[0] = 0
N_PHASES = len(PHASE_STARTS)


@dataclass(frozen=True)
class ScoringProfile:
    """Fitted minute weights and score-state multipliers (see the module docstring).

    Attributes
    ----------
    bin_weight : array of shape (N_BINS,)
        Scoring-rate weight of each minute bin (``MINUTE_BIN_LABELS``), relative to
        ``xg / 90`` goals per minute.
    state_multiplier : array of shape (N_PHASES, 5)
        Rate multiplier for goal differences -2..+2 (scoring team's view) in each phase
        (``PHASE_STARTS``); column 2 (level) is 1.
    n_matches, n_goals : int
        Size of the fitting sample (0 for the constant baseline).
    fitted_since, fitted_until : str or None
        Date range of the fitting sample (``until`` exclusive), ISO format.
    name : str
        "fitted" or "constant".
    """

    bin_weight: NDArray[np.float64]
    state_multiplier: NDArray[np.float64]
    n_matches: int = 0
    n_goals: int = 0
    fitted_since: str | None = None
    fitted_until: str | None = None
    name: str = "fitted"
    minute_weight: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        bw = np.asarray(self.bin_weight, dtype=np.float64)
        sm = np.asarray(self.state_multiplier, dtype=np.float64)
        if bw.shape != (N_BINS,) or sm.shape != (N_PHASES, N_STATES):
            raise InvalidParameterError(
                f"profile shapes {bw.shape}, {sm.shape}; expected ({N_BINS},), "
                f"({N_PHASES}, {N_STATES})"
            )
        if not (np.all(np.isfinite(bw)) and np.all(bw > 0) and np.all(sm > 0)):
            raise InvalidParameterError("profile weights and multipliers must be positive")
        object.__setattr__(self, "bin_weight", bw)
        object.__setattr__(self, "state_multiplier", sm)
        mw = bw[MINUTE_BIN].copy()
        mw[0] = 0.0
        object.__setattr__(self, "minute_weight", mw)

    @classmethod
    def constant(cls) -> ScoringProfile:
        """The baseline: a flat scoring rate of ``xg / 90`` per minute, no score effect."""
        return cls(np.ones(N_BINS), np.ones((N_PHASES, N_STATES)), name="constant")

    def expected_goals_factor(self) -> float:
        """Sum of the minute weights over 90 minutes at a level score (1.0 = xg is kept)."""
        return float(self.minute_weight[1 : REGULATION_MINUTES + 1].sum() / REGULATION_MINUTES)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters (bins and states labelled)."""
        return {
            "name": self.name,
            "minute_bins": list(MINUTE_BIN_LABELS),
            "bin_weight": [round(float(x), 6) for x in self.bin_weight],
            "phase_starts": list(PHASE_STARTS),
            "states": list(range(-MAX_STATE, MAX_STATE + 1)),
            "state_multiplier": [[round(float(x), 6) for x in row] for row in self.state_multiplier],
            "n_matches": self.n_matches,
            "n_goals": self.n_goals,
            "fitted_since": self.fitted_since,
            "fitted_until": self.fitted_until,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoringProfile:
        """Rebuild a profile from :meth:`to_dict` output."""
        if list(data.get("minute_bins", [])) != list(MINUTE_BIN_LABELS):
            raise DataValidationError(["in-play profile: minute bins differ from this version"])
        return cls(
            np.array(data["bin_weight"], dtype=np.float64),
            np.array(data["state_multiplier"], dtype=np.float64),
            n_matches=int(data.get("n_matches", 0)),
            n_goals=int(data.get("n_goals", 0)),
            fitted_since=data.get("fitted_since"),
            fitted_until=data.get("fitted_until"),
            name=str(data.get("name", "fitted")),
        )

    def save(self, path: str | Path) -> None:
        """Write the parameters as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ScoringProfile:
        """Read parameters written by :meth:`save`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def exposure_table(
    timelines: GoalTimelines,
    home_xg: NDArray[np.float64],
    away_xg: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Goals and expected-goal exposure per (minute bin, phase, state) cell.

    Parameters
    ----------
    timelines : GoalTimelines
    home_xg, away_xg : arrays of shape (n,)
        Pre-match expected goals per 90 minutes of each side.

    Returns
    -------
    goals, exposure : arrays of shape (N_BINS, N_PHASES, 5)
        ``exposure`` sums ``xg / 90`` over every team-minute played in the cell (minutes
        91..120 only for matches that went to extra time).
    """
    n = len(timelines)
    diff = timelines.goal_difference()
    before = np.zeros_like(diff)
    before[:, 1:] = diff[:, :-1]  # the state during minute m is the score before it
    minutes = np.arange(LAST_MINUTE + 1)
    played = np.broadcast_to(minutes[None, :] >= 1, (n, LAST_MINUTE + 1)).copy()
    played[:, REGULATION_MINUTES + 1 :] &= timelines.extra_time[:, None]
    cell = (MINUTE_BIN[None, :] * N_PHASES + PHASE[None, :]) * N_STATES
    size = N_BINS * N_PHASES * N_STATES
    goals = np.zeros(size)
    exposure = np.zeros(size)
    for sign, xg, by_minute in (
        (1, home_xg, timelines.home_goals_by_minute),
        (-1, away_xg, timelines.away_goals_by_minute),
    ):
        state = np.clip(sign * before, -MAX_STATE, MAX_STATE) + MAX_STATE
        idx = (cell + state)[played]
        rate = np.broadcast_to(np.asarray(xg, dtype=np.float64)[:, None] / REGULATION_MINUTES,
                               played.shape)[played]
        exposure += np.bincount(idx, weights=rate, minlength=size)
        goals += np.bincount(idx, weights=by_minute[played].astype(np.float64), minlength=size)
    shape = (N_BINS, N_PHASES, N_STATES)
    return goals.reshape(shape), exposure.reshape(shape)


def fit_profile(
    timelines: GoalTimelines,
    home_xg: NDArray[np.float64],
    away_xg: NDArray[np.float64],
    *,
    fitted_since: str | None = None,
    fitted_until: str | None = None,
    max_iter: int = 500,
    tol: float = 1e-10,
) -> ScoringProfile:
    """Fit minute weights and score-state multipliers by Poisson maximum likelihood.

    Parameters
    ----------
    timelines : GoalTimelines
        Matches with complete goal lists (:func:`~scoreline.inplay.timeline.timeline_sample`).
    home_xg, away_xg : arrays of shape (n,)
        Pre-match expected goals per 90 minutes (walk-forward forecasts: never from a model
        fitted on the match itself).
    fitted_since, fitted_until : str, optional
        Date range of the sample, recorded in the profile.

    Returns
    -------
    ScoringProfile

    Raises
    ------
    InvalidParameterError
        Array lengths differ, an xg is not positive, or the sample has no goals.
    """
    home_xg = np.asarray(home_xg, dtype=np.float64)
    away_xg = np.asarray(away_xg, dtype=np.float64)
    if home_xg.shape != (len(timelines),) or away_xg.shape != (len(timelines),):
        raise InvalidParameterError(
            f"home_xg/away_xg must have one value per match ({len(timelines)}), "
            f"got {home_xg.shape} and {away_xg.shape}"
        )
    if not (np.all(home_xg > 0) and np.all(away_xg > 0)):
        raise InvalidParameterError("expected goals must be positive")
    goals, exposure = exposure_table(timelines, home_xg, away_xg)
    if goals.sum() == 0:
        raise InvalidParameterError("the fitting sample holds no goals")
    w = np.ones(N_BINS)
    s = np.ones((N_PHASES, N_STATES))
    bin_phase = np.zeros((N_BINS, N_PHASES), dtype=bool)
    for m in range(1, LAST_MINUTE + 1):
        bin_phase[MINUTE_BIN[m], PHASE[m]] = True
    for _ in range(max_iter):
        denom_w = (exposure * s[None, :, :]).sum(axis=(1, 2))
        w_new = np.where(denom_w > 0, goals.sum(axis=(1, 2)) / np.maximum(denom_w, 1e-300), 1.0)
        denom_s = (exposure * w_new[:, None, None]).sum(axis=0)
        s_new = np.where(denom_s > 0, goals.sum(axis=0) / np.maximum(denom_s, 1e-300), 1.0)
        # identifiability: the level state is the reference in every phase
        ref = s_new[:, MAX_STATE : MAX_STATE + 1]
        s_new = s_new / ref
        for p in range(N_PHASES):
            w_new[bin_phase[:, p]] *= ref[p, 0]
        done = np.max(np.abs(w_new - w)) < tol and np.max(np.abs(s_new - s)) < tol
        w, s = w_new, s_new
        if done:
            break
    # cells never observed (e.g. a 2-goal lead in a phase with no data) keep 1
    w = np.where(w > 0, w, 1e-6)
    s = np.where(s > 0, s, 1e-6)
    return ScoringProfile(
        w, s, n_matches=len(timelines), n_goals=int(goals.sum()),
        fitted_since=fitted_since, fitted_until=fitted_until,
    )
