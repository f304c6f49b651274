"""Group ranking: official tie-breakers in order, the compiled kernel against the reference."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreline.tournament import reference
from scoreline.tournament.engine import _CODES, rank_teams, work_size

FIFA_2022 = ["points", "goal_difference", "goals_for", "head_to_head_points",
             "head_to_head_goal_difference", "head_to_head_goals_for", "lots"]
UEFA_2024 = ["points", "head_to_head_points", "head_to_head_goal_difference",
             "head_to_head_goals_for", "head_to_head_reapply", "goal_difference", "goals_for",
             "lots"]
TEAMS = ["W", "X", "Y", "Z"]
PAIRS = [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)]


def kernel_rank(results: dict[tuple[str, str], tuple[int, int]], criteria: list[str], seed: int = 0) -> list[str]:
    """Rank with the compiled kernel's ``rank_teams``."""
    n = len(TEAMS)
    idx = {t: i for i, t in enumerate(TEAMS)}
    goals = np.zeros((n, n), np.int64)
    table = reference.standings(TEAMS, results)
    for (h, a), (hg, ag) in results.items():
        goals[idx[h], idx[a]], goals[idx[a], idx[h]] = hg, ag
    arr = lambda f: np.array([f(table[t]) for t in TEAMS], np.int64)
    codes = np.array([_CODES[c] for c in criteria], np.int64)
    order = np.zeros(n, np.int64)
    work = np.zeros((5, work_size(n, len(codes))), np.int64)
    state = np.array([seed], np.uint64)
    rank_teams(n, arr(lambda s: s.points), arr(lambda s: s.goal_difference),
               arr(lambda s: s.goals_for), arr(lambda s: s.wins), goals, codes, state, order,
               work, np.zeros(n))
    return [TEAMS[i] for i in order]


def group(*scores: tuple[int, int]) -> dict[tuple[str, str], tuple[int, int]]:
    """Results of the six matches in PAIRS order."""
    return {(TEAMS[a], TEAMS[b]): s for (a, b), s in zip(PAIRS, scores, strict=True)}


# W-X, Y-Z, W-Y, X-Z, W-Z, X-Y.  X beat W but W has the better goal difference.
LEVEL_ON_POINTS = group((0, 1), (1, 0), (5, 0), (0, 0), (0, 0), (0, 1))


def test_fifa_2022_goal_difference_before_head_to_head() -> None:
    """WC 2022 order: W (GD +4) finishes above X (GD 0) although X beat W."""
    table = reference.standings(TEAMS, LEVEL_ON_POINTS)
    assert table["W"].points == table["X"].points == 4
    for ranking in (reference.rank_group(TEAMS, LEVEL_ON_POINTS, FIFA_2022, random.Random(0)),
                    kernel_rank(LEVEL_ON_POINTS, FIFA_2022)):
        assert ranking.index("W") < ranking.index("X")


def test_uefa_head_to_head_before_goal_difference() -> None:
    """Euro 2024 / WC 2026 order: X finishes above W because X won their match."""
    for ranking in (reference.rank_group(TEAMS, LEVEL_ON_POINTS, UEFA_2024, random.Random(0)),
                    kernel_rank(LEVEL_ON_POINTS, UEFA_2024)):
        assert ranking.index("X") < ranking.index("W")


# All four on 4 points (a win, a draw, a loss each): Z best (GD +2), W worst (-2); X and Y
# are level on everything among the four (GD 0, 1 goal), and X beat Y.
FOUR_LEVEL = group((1, 0), (1, 0), (0, 0), (0, 0), (0, 3), (1, 0))


def test_reapply_head_to_head_to_the_teams_still_level() -> None:
    """UEFA's re-application: after the four-team mini-league, X and Y are compared on
    their own match (X won), so X is always above Y; without re-application lots decide."""
    table = reference.standings(TEAMS, FOUR_LEVEL)
    assert {s.points for s in table.values()} == {4}
    for seed in range(20):
        ranking = kernel_rank(FOUR_LEVEL, UEFA_2024, seed)
        assert ranking.index("X") < ranking.index("Y")
    no_reapply = [c for c in UEFA_2024 if c != "head_to_head_reapply"]
    orders = {tuple(kernel_rank(FOUR_LEVEL, no_reapply, seed)) for seed in range(40)}
    assert len({o.index("X") < o.index("Y") for o in orders}) == 2


def test_lots_when_nothing_separates() -> None:
    """Six goalless draws: every criterion ties, the draw of lots gives varied orders."""
    draws = group(*[(0, 0)] * 6)
    orders = {tuple(kernel_rank(draws, FIFA_2022, seed)) for seed in range(60)}
    assert len(orders) > 10
    assert all(sorted(o) == TEAMS for o in orders)


scores = st.tuples(st.integers(0, 3), st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(st.lists(scores, min_size=6, max_size=6), st.sampled_from([FIFA_2022, UEFA_2024]))
def test_kernel_agrees_with_reference(results: list[tuple[int, int]], criteria: list[str]) -> None:
    """The compiled ranking equals the recursive reference, up to the order inside blocks
    that only lots separate."""
    res = group(*results)
    blocks: list[set[str]] = []

    def record(block: list[str]) -> list[str]:
        blocks.append(set(block))
        return sorted(block)

    ref = reference.rank_group(TEAMS, res, criteria, random.Random(0), record)
    got = kernel_rank(res, criteria)
    for r, g in zip(ref, got, strict=True):
        if r != g:
            assert any(r in b and g in b for b in blocks), (ref, got, blocks)


@given(st.lists(scores, min_size=6, max_size=6))
def test_table_points_are_three_per_win_plus_draws(results: list[tuple[int, int]]) -> None:
    """Points = 3 x wins + draws; wins + draws + losses = 3; goal differences sum to 0."""
    table = reference.standings(TEAMS, group(*results))
    for s in table.values():
        assert s.points == 3 * s.wins + s.draws
        assert s.wins + s.draws + s.losses == s.played == 3
    assert sum(s.goal_difference for s in table.values()) == 0
    assert sum(s.points for s in table.values()) == sum(3 if a != b else 2 for a, b in results)
