"""Turn a matches frame into the integer-indexed arrays the goal models fit on.

Goal models are fitted on **90-minute scores** (``home_score_90``/``away_score_90``):
extra time is played at a different intensity and only in knockout matches, so the
after-extra-time score would bias the rates. Where the 90-minute score is unknown
(``score_90_source == 'unknown'``: extra time was played but the goal list is
incomplete, about 1 match in 500) the match is **dropped** rather than fitted on its
after-extra-time score; the count is logged. Frames without the 90-minute columns
(hand-made fixtures of past results) fall back to ``home_score``/``away_score``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.errors import DataValidationError, InvalidParameterError

logger = logging.getLogger(__name__)

MIN_WEIGHT = 1e-4
"""Matches whose time-decay weight falls below this are left out of a fit.

At xi = 0.0018 per day that is about 14 years before the newest match; their share of
the likelihood is negligible and leaving them out keeps refits on the full history fast.
"""

_REQUIRED = ("date", "home_team", "away_team", "neutral")

FIT_WEIGHT = "fit_weight"
"""Optional column of per-match likelihood factors in [0, 1] (multiplies the time weight)."""

FIT_OFFSET = "fit_offset"
"""Optional column of fixed log-rate offsets: added to the home side's log goal rate and
subtracted from the away side's in the likelihood (:attr:`TrainingData.offset`)."""


@dataclass(frozen=True)
class TrainingData:
    """Integer-indexed training arrays (one entry per match kept).

    Attributes
    ----------
    teams : array of str, shape (T,)
        Sorted team names; ``home_idx``/``away_idx`` index into it.
    home_idx, away_idx : int64 arrays, shape (n,)
    home_goals, away_goals : int64 arrays, shape (n,)
        90-minute goals.
    not_neutral : float64 array, shape (n,)
        1.0 where the home team really plays at home, else 0.0.
    weight : float64 array, shape (n,)
        Time-decay weights ``exp(-xi * days_before_reference)`` (or the mixture of two
        decays, :func:`time_weights`), at most 1.
    days_before : float64 array, shape (n,)
        Days between each match and ``reference_date``.
    reference_date : Timestamp
        Date of the newest match kept (weight 1).
    rows : int64 array, shape (n,)
        Positions of the kept matches in the frame given.
    offset : float64 array, shape (n,), or None
        Fixed log-rate offsets from the :data:`FIT_OFFSET` column (None without one).
    """

    teams: NDArray[np.str_]
    home_idx: NDArray[np.int64]
    away_idx: NDArray[np.int64]
    home_goals: NDArray[np.int64]
    away_goals: NDArray[np.int64]
    not_neutral: NDArray[np.float64]
    weight: NDArray[np.float64]
    days_before: NDArray[np.float64]
    reference_date: pd.Timestamp
    rows: NDArray[np.int64]
    offset: NDArray[np.float64] | None = None

    @property
    def n_teams(self) -> int:
        """Number of distinct teams."""
        return len(self.teams)

    def __len__(self) -> int:
        return len(self.home_idx)


def _check_columns(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise InvalidParameterError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataValidationError(
            [f"{what}: missing column(s) {missing}; expected at least {list(columns)}"]
        )


def goals_90(matches: pd.DataFrame) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """90-minute goals of each match and a mask of the matches where they are known.

    Parameters
    ----------
    matches : DataFrame
        Store matches (``home_score_90``/``away_score_90``, Int64 with NA), or any frame
        with ``home_score``/``away_score`` (taken as 90-minute scores).

    Returns
    -------
    home_goals, away_goals : int64 arrays
        Goals (0 where unknown).
    known : bool array
        False where the 90-minute score is unknown.
    """
    if "home_score_90" in matches.columns and "away_score_90" in matches.columns:
        home = matches["home_score_90"]
        away = matches["away_score_90"]
    elif "home_score" in matches.columns and "away_score" in matches.columns:
        home = matches["home_score"]
        away = matches["away_score"]
    else:
        raise DataValidationError(
            [("matches: no score columns; expected home_score_90/away_score_90 "
             "or home_score/away_score")]
        )
    known = (home.notna() & away.notna()).to_numpy(dtype=bool)
    h = home.fillna(0).to_numpy(dtype=np.int64)
    a = away.fillna(0).to_numpy(dtype=np.int64)
    if (h[known] < 0).any() or (a[known] < 0).any():
        raise DataValidationError(["matches: negative goal counts"])
    return h, a, known


def time_weights(days: NDArray[np.float64], xi: float,
                 xi2: float | None = None) -> NDArray[np.float64]:
    """Likelihood weight of a match ``days`` before the newest one.

    ``exp(-xi * days)``; with a second decay ``xi2`` the equal mixture
    ``0.5 * exp(-xi * days) + 0.5 * exp(-xi2 * days)``, a memory with a short and a
    long time scale (both weights are 1 at the newest match).
    """
    if xi2 is None:
        return np.exp(-xi * days)
    return 0.5 * np.exp(-xi * days) + 0.5 * np.exp(-xi2 * days)


def training_data(
    matches: pd.DataFrame, xi: float, min_weight: float = MIN_WEIGHT, friendly_weight: float = 1.0,
    xi2: float | None = None,
) -> TrainingData:
    """Validate ``matches`` and build the arrays a goal model fits on.

    Parameters
    ----------
    matches : DataFrame
        Columns ``date``, ``home_team``, ``away_team``, ``neutral`` and scores (see
        :func:`goals_90`). Order does not matter.
    xi : float
        Time decay per day; weights are ``exp(-xi * (reference_date - date).days)``
        with ``reference_date`` the newest match date.
    xi2 : float, optional
        A second time decay per day: the weights become the equal mixture of both
        decays (:func:`time_weights`).
    min_weight : float
        Matches with a smaller time weight are left out.
    friendly_weight : float
        Extra weight factor of friendlies (``tournament == 'Friendly'``), in (0, 1]:
        teams experiment in friendlies, so they say less about competitive form.

    Raises
    ------
    DataValidationError
        A column is missing, or no match with a known 90-minute score is left.
    """
    _check_columns(matches, _REQUIRED, "matches")
    h, a, known = goals_90(matches)
    n_unknown = int((~known).sum())
    if n_unknown:
        logger.info("dropping %d matches whose 90-minute score is unknown", n_unknown)
    dates = pd.to_datetime(matches["date"]).to_numpy(dtype="datetime64[D]")
    rows = np.flatnonzero(known)
    if rows.size == 0:
        raise DataValidationError(["matches: no match with a known 90-minute score to fit on"])
    reference = dates[rows].max()
    days = (reference - dates).astype(np.float64)
    weight = time_weights(days, xi, xi2)
    rows = rows[weight[rows] >= min_weight]
    if friendly_weight != 1.0 and "tournament" in matches.columns:
        friendly = (matches["tournament"].to_numpy(dtype=object) == "Friendly")
        weight = np.where(friendly, weight * friendly_weight, weight)
    if FIT_WEIGHT in matches.columns:
        # per-match factors set by a model (e.g. damping mismatches), on top of the decay
        weight = weight * matches[FIT_WEIGHT].to_numpy(dtype=np.float64)
    home_names = matches["home_team"].to_numpy(dtype=object)[rows]
    away_names = matches["away_team"].to_numpy(dtype=object)[rows]
    if (home_names == away_names).any():
        bad = home_names[home_names == away_names][0]
        raise DataValidationError([f"matches: {bad!r} plays itself"])
    # hash-based factorize, then sort the few hundred names (np.unique sorts every row)
    codes, uniques = pd.factorize(np.concatenate([home_names, away_names]))
    names = np.asarray(uniques, dtype=str)
    order = np.argsort(names, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    teams = names[order]
    inverse = rank[codes]
    n = len(rows)
    return TrainingData(
        teams=teams,
        home_idx=inverse[:n].astype(np.int64),
        away_idx=inverse[n:].astype(np.int64),
        home_goals=h[rows],
        away_goals=a[rows],
        not_neutral=(~matches["neutral"].to_numpy(dtype=bool)[rows]).astype(np.float64),
        weight=weight[rows],
        days_before=days[rows],
        reference_date=pd.Timestamp(reference),
        rows=rows.astype(np.int64),
        offset=(matches[FIT_OFFSET].to_numpy(dtype=np.float64)[rows]
                if FIT_OFFSET in matches.columns else None),
    )


def fixture_arrays(
    fixtures: pd.DataFrame,
) -> tuple[NDArray[np.str_], NDArray[np.str_], NDArray[np.float64]]:
    """Validate a fixtures frame; return home names, away names and the not-neutral flag.

    Raises
    ------
    DataValidationError
        A required column is missing or a team plays itself.
    """
    _check_columns(fixtures, ("home_team", "away_team", "neutral"), "fixtures")
    home = fixtures["home_team"].to_numpy(dtype=object).astype(str)
    away = fixtures["away_team"].to_numpy(dtype=object).astype(str)
    same = home == away
    if same.any():
        i = int(np.flatnonzero(same)[0])
        raise DataValidationError([f"fixtures row {i}: {home[i]!r} cannot play itself"])
    neutral = fixtures["neutral"]
    if neutral.isna().any():
        i = int(np.flatnonzero(neutral.isna().to_numpy())[0])
        raise DataValidationError([f"fixtures row {i}: neutral is missing; expected True/False"])
    not_neutral = (~neutral.to_numpy(dtype=bool)).astype(np.float64)
    return home, away, not_neutral


__all__ = ["FIT_OFFSET", "FIT_WEIGHT", "MIN_WEIGHT", "TrainingData", "fixture_arrays", "goals_90",
           "time_weights", "training_data"]
