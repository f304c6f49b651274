"""The fast draw search that makes a fresh draw in every pre-draw simulation.

Checked on the 2026 World Cup draw against the published rules and against the reference
search (:func:`scoreline.tournament.draw.draw_in_order`, which the pool of draws uses):
legal draws, the same draw for the same order of the balls, the real draw among its
outcomes, seeded reproducibility, and the same distribution of draws as the pool.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from numpy.typing import NDArray
from scipy.stats import chi2_contingency

from scoreline.tournament.draw import (
    DrawArrays,
    DrawRules,
    compile_draw,
    draw_in_order,
    draw_pool,
    producing_order,
)
from scoreline.tournament.draw_solver import fast_solver_applies, fresh_draws, solve_order
from scoreline.tournament.format import TournamentFormat, load_format


@pytest.fixture(scope="module")
def predraw() -> TournamentFormat:
    """The 2026 World Cup before the draw."""
    return load_format("wc2026_predraw")


@pytest.fixture(scope="module")
def rules(predraw: TournamentFormat) -> DrawRules:
    """Its pots and rules."""
    assert predraw.draw is not None
    return predraw.draw


@pytest.fixture(scope="module")
def arrays(predraw: TournamentFormat, rules: DrawRules) -> DrawArrays:
    """The rules over the simulator's team order."""
    return compile_draw(rules, predraw.teams)


def _groups(predraw: TournamentFormat, rules: DrawRules,
            slot: NDArray[np.int64]) -> dict[str, tuple[str, ...]]:
    return {g: tuple(predraw.teams[t] for t in slot[k]) for k, g in enumerate(rules.group_names)}


def _random_order(rules: DrawRules, rng: random.Random) -> list[str]:
    order: list[str] = []
    for pot in rules.pots:
        rest = [t for t in pot if t not in rules.placed]
        rng.shuffle(rest)
        order += rest
    return order


def test_fast_search_handles_the_2026_rules(arrays: DrawArrays) -> None:
    """Minimum of one UEFA team per group, four pots: the fast search applies (no silent
    fallback to the slow one in the simulations)."""
    assert fast_solver_applies(arrays)


def test_ten_thousand_fresh_draws_are_legal(predraw: TournamentFormat, rules: DrawRules,
                                            arrays: DrawArrays) -> None:
    """The draws of 10,000 pre-draw simulations: each group one team per pot, hosts in A,
    B and D, at most one team per confederation except UEFA (one or two), checked in plain
    Python; and they vary."""
    draws = fresh_draws(arrays, 10_000, seed=3)
    for i in range(len(draws)):
        groups = _groups(predraw, rules, draws[i])
        assert rules.is_legal(groups), groups
    assert len({draws[i].tobytes() for i in range(len(draws))}) > 9_000


def test_same_draw_as_the_reference_search(predraw: TournamentFormat, rules: DrawRules,
                                           arrays: DrawArrays) -> None:
    """For 500 random orders of the balls the fast search gives the very draw of the
    reference search (both give the first legal draw in the order of the groups)."""
    index = {t: i for i, t in enumerate(predraw.teams)}
    rng = random.Random(11)
    for _ in range(500):
        order = _random_order(rules, rng)
        slot = solve_order(arrays, np.array([index[t] for t in order]))
        assert slot is not None
        assert _groups(predraw, rules, slot) == draw_in_order(rules, order)


def test_real_draw_is_an_outcome_of_the_fast_search(predraw: TournamentFormat,
                                                    rules: DrawRules,
                                                    arrays: DrawArrays) -> None:
    """Some order of the balls makes the fast search give the real groups of December 2025
    (wc2026.yaml), team for team."""
    real = load_format("wc2026").groups
    order = producing_order(rules, real)
    assert order is not None
    index = {t: i for i, t in enumerate(predraw.teams)}
    slot = solve_order(arrays, np.array([index[t] for t in order]))
    assert slot is not None
    drawn = _groups(predraw, rules, slot)
    assert {g: set(ts) for g, ts in drawn.items()} == {g: set(ts) for g, ts in real.items()}


def test_fresh_draws_are_reproducible(arrays: DrawArrays) -> None:
    """The same seed gives the same draws, another seed others; simulation ``i``'s draw does
    not depend on where the run starts (runs over consecutive ranges merge exactly)."""
    a = fresh_draws(arrays, 600, seed=5)
    assert np.array_equal(a, fresh_draws(arrays, 600, seed=5))
    assert not np.array_equal(a, fresh_draws(arrays, 600, seed=6))
    assert np.array_equal(a[400:], fresh_draws(arrays, 200, seed=5, first_sim=400))


def _partner_counts(predraw: TournamentFormat, draws: NDArray[np.int64], team: str,
                    pot: int) -> NDArray[np.int64]:
    """How often each team of ``pot`` shares ``team``'s group, over the draws."""
    t = predraw.teams.index(team)
    rows = (draws == t).any(axis=2)  # (draw, group): the group holding the team
    partners = draws[rows][:, pot]
    return np.bincount(partners, minlength=len(predraw.teams))


def _same_distribution(a: NDArray[np.int64], b: NDArray[np.int64]) -> float:
    """p-value of a chi-squared test that two count vectors come from one distribution."""
    keep = (a + b) > 0
    return float(chi2_contingency(np.vstack([a[keep], b[keep]]))[1])


def test_fresh_draws_follow_the_pool_distribution(predraw: TournamentFormat,
                                                  rules: DrawRules,
                                                  arrays: DrawArrays) -> None:
    """Spain's pot-2 partner and Argentina's pot-3 partner are distributed alike in 4,000
    fresh draws and 4,000 draws of the reference pool (independent code and random
    streams; chi-squared p > 0.001, fixed seeds); a sampler that leaves pot 2 in its
    listed order is told apart (p < 0.001), so the test can fail."""
    fresh = fresh_draws(arrays, 4_000, seed=21)
    pool = draw_pool(arrays, 4_000, np.uint64(22))
    for team, pot in (("Spain", 1), ("Argentina", 2)):
        p = _same_distribution(_partner_counts(predraw, fresh, team, pot),
                               _partner_counts(predraw, pool, team, pot))
        assert p > 1e-3, (team, p)
    index = {t: i for i, t in enumerate(predraw.teams)}
    rng = random.Random(23)
    biased = []
    for _ in range(1_000):
        order = _random_order(rules, rng)
        pot2 = [t for t in rules.pots[1] if t not in rules.placed]
        order = [t for t in order if t not in pot2]
        order[9:9] = pot2  # pot 2 as listed, after the nine unplaced pot-1 teams
        slot = solve_order(arrays, np.array([index[t] for t in order]))
        assert slot is not None
        biased.append(slot)
    p = _same_distribution(_partner_counts(predraw, np.array(biased), "Spain", 1),
                           _partner_counts(predraw, pool, "Spain", 1))
    assert p < 1e-3
