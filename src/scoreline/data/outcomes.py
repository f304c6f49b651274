"""The vocabulary of match results: who won in 90 minutes, and how a match was decided.

``Outcome`` is the 90-minute result from the home team's side. Arrays of 1X2
probabilities and the scores of :mod:`scoreline.evaluate.metrics` use its order
(home, draw, away), so ``Outcome.column`` is also a column index. ``DecidedBy`` says how
the winner of a match was settled; its string values are the ones written to JSON.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray


class Outcome(StrEnum):
    """A 90-minute result, from the home team's side; ``column`` is its place in ``probs``."""

    HOME = "home"
    DRAW = "draw"
    AWAY = "away"

    @property
    def column(self) -> int:
        """Column of this outcome in a (p_home, p_draw, p_away) array."""
        return _ORDER.index(self)

    @classmethod
    def from_goals(cls, home_goals: int, away_goals: int) -> Outcome:
        """The outcome of one score (90-minute goals, home first)."""
        if home_goals > away_goals:
            return cls.HOME
        return cls.DRAW if home_goals == away_goals else cls.AWAY


_ORDER = (Outcome.HOME, Outcome.DRAW, Outcome.AWAY)

OUTCOME_NAMES: tuple[str, ...] = tuple(o.value for o in _ORDER)
"""``('home', 'draw', 'away')``: outcome values in column order."""


def outcome_index(home_goals: ArrayLike, away_goals: ArrayLike) -> NDArray[np.int64]:
    """``Outcome.column`` per match from 90-minute goals: 0 home win, 1 draw, 2 away win."""
    h = np.asarray(home_goals, dtype=np.int64)
    a = np.asarray(away_goals, dtype=np.int64)
    return np.where(h > a, Outcome.HOME.column,
                    np.where(h == a, Outcome.DRAW.column, Outcome.AWAY.column)).astype(np.int64)


def outcome_names(columns: NDArray[np.int64]) -> NDArray[np.object_]:
    """The ``Outcome`` value (``'home'``, ``'draw'``, ``'away'``) of each column index."""
    return np.asarray(OUTCOME_NAMES, dtype=object)[np.asarray(columns, dtype=np.int64)]


class DecidedBy(StrEnum):
    """How the winner of a match was settled (the value is what JSON output shows).

    ``REGULATION``: the score after 90 minutes (plus stoppage time) had a winner;
    ``EXTRA_TIME``: level after 90 minutes, won in extra time; ``SHOOTOUT``: level after
    extra time, won on penalties.
    """

    REGULATION = "90 minutes"
    EXTRA_TIME = "extra time"
    SHOOTOUT = "shoot-out"


__all__ = ["OUTCOME_NAMES", "DecidedBy", "Outcome", "outcome_index", "outcome_names"]
