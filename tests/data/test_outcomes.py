"""The result vocabulary: the Outcome and DecidedBy string enums and the column coding."""

from __future__ import annotations

import json

import numpy as np

from scoreline.data.outcomes import (
    OUTCOME_NAMES,
    DecidedBy,
    Outcome,
    outcome_index,
    outcome_names,
)


def test_outcome_from_goals_and_columns() -> None:
    """A score gives its home-side outcome; the columns follow p_home, p_draw, p_away."""
    assert Outcome.from_goals(2, 1) is Outcome.HOME
    assert Outcome.from_goals(1, 1) is Outcome.DRAW
    assert Outcome.from_goals(0, 3) is Outcome.AWAY
    assert [o.column for o in (Outcome.HOME, Outcome.DRAW, Outcome.AWAY)] == [0, 1, 2]
    assert OUTCOME_NAMES == ("home", "draw", "away")


def test_vectorised_coding_agrees_with_the_enum() -> None:
    """outcome_index and outcome_names agree with Outcome.from_goals match by match."""
    home = np.array([3, 0, 2, 1, 0])
    away = np.array([0, 0, 4, 1, 1])
    index = outcome_index(home, away)
    assert index.dtype == np.int64
    expected = [Outcome.from_goals(h, a) for h, a in zip(home, away, strict=True)]
    assert index.tolist() == [o.column for o in expected]
    assert outcome_names(index).tolist() == [o.value for o in expected]


def test_decided_by_keeps_the_json_strings() -> None:
    """DecidedBy members are the strings the JSON output has always shown."""
    assert [d.value for d in DecidedBy] == ["90 minutes", "extra time", "shoot-out"]
    assert DecidedBy.REGULATION == "90 minutes"
    assert json.dumps({"decided_by": DecidedBy.SHOOTOUT}) == '{"decided_by": "shoot-out"}'
    assert DecidedBy("extra time") is DecidedBy.EXTRA_TIME
