"""The scoring profile: fitted on real goal minutes it rises through the match, spikes at 45'
and 90', and a trailing side scores more late on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError
from scoreline.inplay import (
    ScoringProfile,
    default_profile,
    fit_profile,
    goal_timelines,
    timeline_sample,
)
from scoreline.inplay.profile import MINUTE_BIN_LABELS, PHASE_STARTS


def _bin(label: str) -> int:
    return MINUTE_BIN_LABELS.index(label)


def _check_minutes(profile: ScoringProfile) -> None:
    w = profile.bin_weight
    assert w[_bin("45")] > 1.8 * w[_bin("41-44")]  # first-half stoppage time
    assert w[_bin("90")] > 3.0 * w[_bin("86-89")]  # second-half stoppage time
    assert w[_bin("1-5")] < w[_bin("81-85")]  # rising through the match
    first_half = w[: _bin("41-44") + 1].mean()
    second_half = w[_bin("46-50") : _bin("86-89") + 1].mean()
    assert second_half > first_half


def _check_score_effect(profile: ScoringProfile) -> None:
    late = len(PHASE_STARTS) - 1
    trailing_by_one, level = profile.state_multiplier[late, 1], profile.state_multiplier[late, 2]
    assert level == pytest.approx(1.0)
    assert 1.05 < trailing_by_one < 1.5


@pytest.fixture(scope="module")
def recent_sample(matches: pd.DataFrame) -> pd.DataFrame:
    return timeline_sample(matches, since="2016-01-01")


def test_fit_on_real_goal_minutes(recent_sample: pd.DataFrame, goals: pd.DataFrame) -> None:
    """Fitted on 2016+ timelines the minute weights have the known shape.

    With flat pre-match rates the score effect would be confounded with team strength (the
    trailing side is usually the weaker one), so only the shipped profile, fitted with
    walk-forward expected goals, is checked for it."""
    timelines = goal_timelines(recent_sample, goals)
    n = len(timelines)
    profile = fit_profile(timelines, np.full(n, 1.5), np.full(n, 1.1))
    assert profile.n_matches == n > 2000
    assert profile.n_goals == int(timelines.home_goals_by_minute.sum()
                                  + timelines.away_goals_by_minute.sum())
    _check_minutes(profile)


def test_shipped_profile_has_the_known_shape() -> None:
    """The profile shipped with scoreline (fitted walk-forward) has spikes and a score effect."""
    profile = default_profile()
    _check_minutes(profile)
    _check_score_effect(profile)
    assert profile.n_matches > 5000
    assert profile.fitted_until is not None


def test_json_round_trip(tmp_path: Path) -> None:
    """Parameters save as JSON and load back unchanged."""
    profile = default_profile()
    path = tmp_path / "profile.json"
    profile.save(path)
    again = ScoringProfile.load(path)
    np.testing.assert_allclose(again.bin_weight, profile.bin_weight, rtol=1e-5)
    np.testing.assert_allclose(again.state_multiplier, profile.state_multiplier, rtol=1e-5)


def test_bad_profiles_are_rejected() -> None:
    """Wrong shapes or non-positive weights fail at construction."""
    with pytest.raises(InvalidParameterError):
        ScoringProfile(np.ones(3), np.ones((3, 5)))
    with pytest.raises(InvalidParameterError):
        ScoringProfile(-np.ones(len(MINUTE_BIN_LABELS)), np.ones((3, 5)))


def test_timeline_sample_keeps_goalless_matches_of_covered_competitions(
    matches: pd.DataFrame,
) -> None:
    """0-0s of World Cups are in the sample (no selection on goals); friendlies without goal
    lists are not."""
    sample = timeline_sample(matches, since="2018-01-01")
    wc = sample[(sample["tournament"] == "FIFA World Cup") & (sample["date"].dt.year == 2022)]
    assert len(wc) == 64
    assert ((wc["home_score"] + wc["away_score"]) == 0).sum() >= 5
    friendlies = sample[sample["tournament"] == "Friendly"]
    assert friendlies["has_goal_minutes"].all()
