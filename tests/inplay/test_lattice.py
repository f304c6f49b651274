"""The lattice sweep: probabilities are probabilities, goals help the scorer, the end is certain."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import poisson

from scoreline.inplay import (
    LAST_MINUTE,
    GoalTimelines,
    ScoringProfile,
    default_profile,
    inplay_paths,
    path_probabilities,
    state_probabilities,
)

xg = st.floats(min_value=0.05, max_value=5.0, allow_nan=False)


def _timeline(goals: list[tuple[int, bool]], extra_time: bool = False) -> GoalTimelines:
    home = np.zeros((1, LAST_MINUTE + 1), dtype=np.int64)
    away = np.zeros((1, LAST_MINUTE + 1), dtype=np.int64)
    for minute, is_home in goals:
        (home if is_home else away)[0, minute] += 1
    return GoalTimelines(np.array([1]), home, away, np.array([extra_time]))


goal_lists = st.lists(
    st.tuples(st.integers(min_value=1, max_value=LAST_MINUTE), st.booleans()), max_size=9)


@settings(max_examples=60, deadline=None)
@given(home_xg=xg, away_xg=xg, goals=goal_lists, extra_time=st.booleans())
def test_probabilities_are_in_unit_interval_and_sum_to_one(
    home_xg: float, away_xg: float, goals: list[tuple[int, bool]], extra_time: bool
) -> None:
    """At every minute, for any pre-match rates and goals, p_home+p_draw+p_away = 1, each in [0, 1]."""
    paths = inplay_paths(_timeline(goals, extra_time), np.array([home_xg]), np.array([away_xg]))
    for arr in (paths.result, paths.knockout, paths.advance):
        assert np.all(arr >= 0.0) and np.all(arr <= 1.0)
        np.testing.assert_allclose(arr.sum(axis=2), 1.0, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(home_xg=xg, away_xg=xg, minute=st.integers(min_value=1, max_value=90),
       diff=st.integers(min_value=-4, max_value=4), home_scores=st.booleans())
def test_a_goal_never_lowers_the_scorers_win_probability(
    home_xg: float, away_xg: float, minute: int, diff: int, home_scores: bool
) -> None:
    """With the shipped profile, a goal in minute m leaves the scorer at least as likely to win
    as it was a minute earlier (and as it would be at the same minute without the goal).

    The final minute is the exception to the first comparison: an equaliser in minute 90
    ends the match level, while a minute earlier the trailing side could still have won
    with two goals in stoppage time (recorded at 90)."""
    profile = default_profile()
    home_before = max(diff, 0)
    away_before = max(-diff, 0)
    before = state_probabilities(home_xg, away_xg, minute - 1, home_before, away_before, profile)
    without = state_probabilities(home_xg, away_xg, minute, home_before, away_before, profile)
    after = state_probabilities(home_xg, away_xg, minute, home_before + home_scores,
                                away_before + (not home_scores), profile)
    col = 0 if home_scores else 2
    equaliser_at_full_time = minute == 90 and abs(diff) == 1 and (diff < 0) == home_scores
    if not equaliser_at_full_time:
        assert after[col] >= before[col] - 1e-12
    assert after[col] >= without[col] - 1e-12


def test_leader_at_full_time_has_won() -> None:
    """After minute 90 a lead is a win; one minute before, a one-goal lead is a near-certain win."""
    profile = default_profile()
    p90 = state_probabilities(1.2, 1.8, 90, 1, 0, profile)
    assert p90 == pytest.approx((1.0, 0.0, 0.0), abs=1e-12)
    p89 = state_probabilities(1.2, 1.8, 89, 1, 0, profile)
    assert 0.85 < p89[0] < 1.0
    level90 = state_probabilities(1.2, 1.8, 90, 2, 2, profile)
    assert level90 == pytest.approx((0.0, 1.0, 0.0), abs=1e-12)


def test_constant_profile_reproduces_independent_poisson_at_kick_off() -> None:
    """With a flat rate and no score effect the kick-off 1X2 equals the independent-Poisson grid."""
    home_xg, away_xg = 1.7, 0.9
    k = np.arange(30)
    grid = np.outer(poisson.pmf(k, home_xg), poisson.pmf(k, away_xg))
    expected = (np.tril(grid, -1).sum(), np.trace(grid), np.triu(grid, 1).sum())
    got = state_probabilities(home_xg, away_xg, 0, 0, 0, ScoringProfile.constant())
    np.testing.assert_allclose(got, expected, atol=2e-4)


def test_extra_time_and_shootout_for_a_level_knockout() -> None:
    """Level after 90 in a knockout: the stronger side is more likely to go through, and after
    120 level minutes going through is the 50/50 shoot-out."""
    paths = inplay_paths(_timeline([], extra_time=True), np.array([2.0]), np.array([0.8]))
    home_adv_90 = paths.advance[0, 90, 0]
    assert 0.5 < home_adv_90 < 0.75
    assert paths.advance[0, LAST_MINUTE, 0] == pytest.approx(0.5)
    assert paths.knockout[0, LAST_MINUTE, 1] == pytest.approx(1.0)  # shoot-out certain
    # in extra time the timeline is the result after extra time, draw = shoot-out
    assert paths.result[0, 100, 1] == pytest.approx(paths.knockout[0, 100, 1])


def test_batch_equals_one_by_one() -> None:
    """Vectorised over matches, each row is what that match alone gives."""
    timelines = [_timeline([(10, True), (80, False)]), _timeline([(45, False)], True)]
    batch = GoalTimelines(
        np.array([1, 2]),
        np.concatenate([t.home_goals_by_minute for t in timelines]),
        np.concatenate([t.away_goals_by_minute for t in timelines]),
        np.array([False, True]),
    )
    home, away = np.array([1.4, 0.7]), np.array([1.1, 2.2])
    together = inplay_paths(batch, home, away)
    for i, t in enumerate(timelines):
        alone = inplay_paths(t, home[i : i + 1], away[i : i + 1])
        np.testing.assert_allclose(together.result[i], alone.result[0])
        np.testing.assert_allclose(together.knockout[i], alone.knockout[0])


def test_bad_expected_goals_are_rejected() -> None:
    """A non-positive or mismatched expected-goals input is an InvalidParameterError."""
    from scoreline.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError):
        inplay_paths(_timeline([]), np.array([0.0]), np.array([1.0]))
    with pytest.raises(InvalidParameterError):
        inplay_paths(_timeline([]), np.array([1.0, 1.0]), np.array([1.0]))


def test_path_probabilities_shapes() -> None:
    """path_probabilities returns (n, 121, 3) result and knockout arrays."""
    diff = np.zeros((2, LAST_MINUTE + 1), dtype=np.int64)
    result, knockout = path_probabilities(np.array([1.0, 2.0]), np.array([1.0, 0.5]), diff,
                                          default_profile())
    assert result.shape == knockout.shape == (2, LAST_MINUTE + 1, 3)


def test_a_lead_after_90_minutes_wins_the_tie() -> None:
    """In a knockout, a side ahead after 90 minutes has gone through: no extra time is
    played from a lead, so its chance of going through is never below its chance of
    winning in 90 minutes (regression: the sweep used to play extra time from any score)."""
    diff = np.zeros((1, LAST_MINUTE + 1), dtype=np.int64)
    diff[0, 80:] = 1
    result, knockout = path_probabilities(np.array([1.3]), np.array([1.1]), diff,
                                          default_profile(), np.array([False]))
    assert knockout[0, 90, 0] == pytest.approx(1.0)
    assert np.all(knockout[0, :91, 0] >= result[0, :91, 0] - 1e-12)


def test_array_plain_and_compiled_sweeps_agree_exactly() -> None:
    """The NumPy-array sweep (small batches), the compiled one (large batches, or once
    numba is loaded) and the plain-Python loop give bit-identical probabilities, with
    leads past the lattice edge and extra time in the batch."""
    from scoreline.inplay import lattice

    rng = np.random.default_rng(5)
    n = 12
    diff = np.cumsum(rng.integers(-3, 4, size=(n, LAST_MINUTE + 1)) * (rng.random(
        (n, LAST_MINUTE + 1)) < 0.08), axis=1)
    diff[0, 60:] = lattice.MAX_DIFFERENCE + 2  # a lead past the lattice edge
    profile = default_profile()
    mult_home, mult_away = lattice._multipliers(profile)
    home_rate, away_rate = rng.uniform(0.3, 3.0, n) / 90, rng.uniform(0.3, 3.0, n) / 90
    outputs = []
    for sweep in (lattice._sweep_arrays, lattice._sweep, lattice._compiled_sweep()):
        result = np.zeros((n, LAST_MINUTE + 1, 3))
        knockout = np.zeros((n, LAST_MINUTE + 1, 3))
        sweep(home_rate, away_rate, profile.minute_weight,
              lattice.PHASE.astype(np.int64), mult_home, mult_away,
              lattice.lattice_index(diff).astype(np.int64), lattice._terminal(), result,
              knockout)
        outputs.append((result, knockout))
    for result, knockout in outputs[1:]:
        assert np.array_equal(result, outputs[0][0])
        assert np.array_equal(knockout, outputs[0][1])


def test_small_and_large_batches_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """A match forecast alone (array sweep, numba not loaded) equals the same match inside
    a batch large enough to run compiled."""
    from scoreline.inplay import lattice

    monkeypatch.setattr(lattice, "_compiled", None)
    rng = np.random.default_rng(3)
    n = lattice.COMPILE_FROM
    diff = np.cumsum(rng.integers(-1, 2, size=(n, LAST_MINUTE + 1)) * (rng.random(
        (n, LAST_MINUTE + 1)) < 0.02), axis=1)
    home, away = rng.uniform(0.3, 2.5, n), rng.uniform(0.3, 2.5, n)
    et = rng.random(n) < 0.5
    picked = rng.choice(n, size=6, replace=False)
    alone = [path_probabilities(home[i : i + 1], away[i : i + 1], diff[i : i + 1],
                                default_profile(), et[i : i + 1]) for i in picked]
    assert lattice._compiled is None  # the single matches did not load numba
    batch = path_probabilities(home, away, diff, default_profile(), et)
    for i, one in zip(picked, alone, strict=True):
        np.testing.assert_allclose(one[0][0], batch[0][i], atol=1e-12)
        np.testing.assert_allclose(one[1][0], batch[1][i], atol=1e-12)
