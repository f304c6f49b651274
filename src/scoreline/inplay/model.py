"""In-play win probabilities for batches of matches: the profile plus the lattice sweep."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError
from scoreline.inplay.lattice import SHOOTOUT_HOME_WIN, path_probabilities
from scoreline.inplay.profile import ScoringProfile
from scoreline.inplay.timeline import GoalTimelines

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_PROFILE_FILE = "default_profile.json"
"""The fitted profile shipped with scoreline (regenerate: ``python bench/inplay_validation.py
--write-profile``)."""


@lru_cache(maxsize=1)
def default_profile() -> ScoringProfile:
    """The shipped in-play profile (fitted walk-forward, see ``docs/inplay.md``)."""
    text = resources.files("scoreline.inplay").joinpath(DEFAULT_PROFILE_FILE).read_text("utf-8")
    import json

    return ScoringProfile.from_dict(json.loads(text))


@dataclass(frozen=True)
class InPlayPaths:
    """Win probabilities after every minute of a batch of matches.

    Attributes
    ----------
    match_id : int64 array, shape (n,)
    result : array of shape (n, 121, 3)
        ``p_home``, ``p_draw``, ``p_away`` after minute 0 (kick-off) .. 120. Minutes 0..90:
        the 90-minute result. Minutes 91..120 of matches that went to extra time: the
        result after extra time (draw = shoot-out); other matches repeat minute 90.
    knockout : array of shape (n, 121, 3)
        ``p_home``, ``p_shootout``, ``p_away``: the result after extra time if the match is
        a knockout tie (extra time at the fitted rate), after every minute.
    goal_difference : int64 array, shape (n, 121)
        Home minus away goals after each minute.
    extra_time : bool array, shape (n,)
    """

    match_id: NDArray[np.int64]
    result: NDArray[np.float64]
    knockout: NDArray[np.float64]
    goal_difference: NDArray[np.int64]
    extra_time: NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.match_id)

    @property
    def advance(self) -> NDArray[np.float64]:
        """``p_home_advance``, ``p_away_advance`` as a knockout tie, shape (n, 121, 2)
        (extra time, then a shoot-out won by either side with probability 1/2)."""
        home = self.knockout[:, :, 0] + SHOOTOUT_HOME_WIN * self.knockout[:, :, 1]
        return np.stack([home, 1.0 - home], axis=2)


def inplay_paths(
    timelines: GoalTimelines,
    home_xg: NDArray[np.float64] | pd.Series,
    away_xg: NDArray[np.float64] | pd.Series,
    profile: ScoringProfile | None = None,
) -> InPlayPaths:
    """In-play probabilities of each match along the score it actually had.

    Parameters
    ----------
    timelines : GoalTimelines
        Complete goal timelines (:func:`~scoreline.inplay.timeline.goal_timelines`).
    home_xg, away_xg : arrays of shape (n,)
        Pre-match expected goals per 90 minutes, in the order of ``timelines``.
    profile : ScoringProfile, optional
        Default :func:`default_profile`.

    Raises
    ------
    InvalidParameterError
        Lengths differ or an expected-goals value is not a positive finite number.
    """
    home = np.asarray(home_xg, dtype=np.float64)
    away = np.asarray(away_xg, dtype=np.float64)
    if home.shape != (len(timelines),) or away.shape != (len(timelines),):
        raise InvalidParameterError(
            f"need one home_xg and away_xg per match ({len(timelines)}), "
            f"got {home.shape} and {away.shape}"
        )
    if not (np.all(np.isfinite(home)) and np.all(np.isfinite(away))
            and np.all(home > 0) and np.all(away > 0)):
        raise InvalidParameterError("expected goals must be positive finite numbers")
    diff = timelines.goal_difference()
    result, knockout = path_probabilities(
        home, away, diff, profile or default_profile(), timelines.extra_time
    )
    return InPlayPaths(timelines.match_id, result, knockout, diff, timelines.extra_time)
