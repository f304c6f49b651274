"""scoreline.inplay: minute-by-minute win probabilities from the pre-match forecast and the goals.

>>> from scoreline.inplay import goal_timelines, inplay_paths
>>> paths = inplay_paths(goal_timelines(matches, goals), home_xg, away_xg)
>>> paths.result[0, 45]     # p_home, p_draw, p_away at half-time of the first match

See :mod:`scoreline.inplay.profile` for the model and :mod:`scoreline.inplay.lattice` for
the computation.
"""

from scoreline.inplay.lattice import path_probabilities, state_probabilities
from scoreline.inplay.model import InPlayPaths, default_profile, inplay_paths
from scoreline.inplay.profile import ScoringProfile, fit_profile
from scoreline.inplay.timeline import (
    EXTRA_TIME_MINUTES,
    LAST_MINUTE,
    REGULATION_MINUTES,
    GoalTimelines,
    check_goal_list,
    goal_timelines,
    timeline_sample,
)

__all__ = [
    "EXTRA_TIME_MINUTES",
    "LAST_MINUTE",
    "REGULATION_MINUTES",
    "GoalTimelines",
    "InPlayPaths",
    "ScoringProfile",
    "check_goal_list",
    "default_profile",
    "fit_profile",
    "goal_timelines",
    "inplay_paths",
    "path_probabilities",
    "state_probabilities",
    "timeline_sample",
]
