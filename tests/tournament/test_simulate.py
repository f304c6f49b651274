"""The compiled Monte Carlo simulator: validity, reproducibility, agreement with references."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.stats import poisson

from scoreline.data.store import Store
from scoreline.errors import InvalidParameterError
from scoreline.tournament import reference
from scoreline.tournament.format import TournamentFormat, load_format
from scoreline.tournament.played import tournament_matches
from scoreline.tournament.simulate import (
    FixedResults,
    PairGrids,
    fixed_results,
    pair_grids,
    simulate,
)

from .conftest import StrengthModel, ranked_strengths


def test_probabilities_are_consistent(wc2026: TournamentFormat, grids2026: PairGrids) -> None:
    """Reach probabilities fall stage by stage; each round holds exactly its number of
    teams; one champion; group positions are distributions."""
    r = simulate(wc2026, grids2026, sims=4000, seed=1)
    reach = r.p_reach
    assert np.allclose(reach[:, 0], 1.0)
    assert np.all(np.diff(reach, axis=1) <= 1e-12)  # reach final <= reach semi-final ...
    assert reach.sum(axis=0)[1:].round(9).tolist() == [32, 16, 8, 4, 2, 1]
    assert np.allclose(r.p_position.sum(axis=1), 1.0)
    assert np.allclose(r.p_position.sum(axis=0), 12.0)
    assert np.allclose(r.p_furthest.sum(axis=1), 1.0)
    frame = r.to_frame()
    assert list(frame.columns[:8]) == ["team", "group", "p_r32", "p_r16", "p_qf", "p_sf",
                                       "p_final", "p_champion"]


def test_stronger_teams_go_further(wc2026: TournamentFormat, grids2026: PairGrids) -> None:
    """With pot-1 teams strongest, the favourites are pot-1 teams and each group's pot-1
    team wins its group far more often than the pot-4 team."""
    r = simulate(wc2026, grids2026, sims=4000, seed=2)
    pot1 = {teams[0] for teams in wc2026.groups.values()}
    assert set(r.to_frame()["team"].head(6)) <= pot1
    for teams in wc2026.groups.values():
        first, last = r.teams.index(teams[0]), r.teams.index(teams[3])
        assert r.p_position[first, 0] > 3 * r.p_position[last, 0]


def test_same_seed_same_result_any_batch_size(wc2022: TournamentFormat, grids2022: PairGrids) -> None:
    """A seed fixes the result whatever the batch size; another seed changes it."""
    a = simulate(wc2022, grids2022, sims=3000, seed=7)
    b = simulate(wc2022, grids2022, sims=3000, seed=7, batch_size=700)
    c = simulate(wc2022, grids2022, sims=3000, seed=8)
    assert np.array_equal(a.stage_counts, b.stage_counts)
    assert np.array_equal(a.position_counts, b.position_counts)
    assert not np.array_equal(a.stage_counts, c.stage_counts)


def test_kernel_agrees_with_plain_python_loop(wc2022: TournamentFormat, grids2022: PairGrids) -> None:
    """The compiled kernel and the one-at-a-time Python loop give the same stage
    probabilities within 4 standard errors (independent implementations)."""
    n_loop = 1500
    loop = reference.LoopSimulator(wc2022, grids2022)
    rng = random.Random(3)
    counts = np.zeros((len(wc2022.teams), len(wc2022.stages)))
    for _ in range(n_loop):
        for team, stage in loop.run(rng).items():
            counts[wc2022.teams.index(team), stage] += 1
    loop_reach = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1] / n_loop
    r = simulate(wc2022, grids2022, sims=100_000, seed=3)
    se = np.sqrt(loop_reach * (1 - loop_reach) / n_loop + r.se_reach**2) + 1e-3
    z = np.abs(loop_reach - r.p_reach) / se
    assert z.max() < 4.5, z.max()


def _real_fixed(store: Store, fmt: TournamentFormat) -> FixedResults:
    return fixed_results(fmt, tournament_matches(store, fmt))


@pytest.mark.parametrize("name", ["wc2022", "euro2024", "wc2026"])
def test_everything_fixed_gives_the_real_outcome(store: Store, name: str) -> None:
    """With every real result fixed, each simulation is the real tournament, including
    Euro 2024's group C where Denmark finished above Slovenia on disciplinary points."""
    fmt = load_format(name)
    grids = pair_grids(StrengthModel(ranked_strengths(fmt)), fmt, fmt.start_date)
    fixed = _real_fixed(store, fmt)
    r = simulate(fmt, grids, fixed=fixed, sims=300, seed=0)
    real = reference.furthest_stages(fmt, fixed)
    for i, team in enumerate(r.teams):
        assert r.p_furthest[i, r.stages.index(real[team])] == 1.0, team
    if name == "euro2024":
        assert r.p_position[r.teams.index("Denmark"), 1] == 1.0


def test_final_matches_knockout_formula(store: Store, wc2022: TournamentFormat,
                                        grids2022: PairGrids) -> None:
    """Only the final left to play: Argentina's title chance equals P(win in 90') +
    P(draw) x (P(win extra time) + P(level after extra time) x P(win the shoot-out))
    within 4 SE."""
    fixed = _real_fixed(store, wc2022)
    knockout = {k: v for k, v in fixed.knockout.items() if k != frozenset(("Argentina", "France"))}
    r = simulate(wc2022, grids2022, fixed=FixedResults(fixed.group, knockout), sims=40_000, seed=5)
    i, j = grids2022.teams.index("Argentina"), grids2022.teams.index("France")
    side = int(np.sqrt(grids2022.pmf.shape[2]))
    grid = grids2022.pmf[i, j].reshape(side, side)
    p_win, p_draw = np.tril(grid, -1).sum(), np.trace(grid)
    k = np.arange(30)
    et = np.outer(poisson.pmf(k, grids2022.et_home[i, j]), poisson.pmf(k, grids2022.et_away[i, j]))
    expected = p_win + p_draw * (np.tril(et, -1).sum() + grids2022.p_shootout[i, j] * np.trace(et))
    got = r.p_reach[i, -1]
    assert abs(got - expected) < 4 * r.se_reach[i, -1], (got, expected)
    assert r.p_reach[i, -2] == 1.0 and r.p_reach[j, -2] == 1.0


def test_hot_simulation(wc2026: TournamentFormat, grids2026: PairGrids) -> None:
    """Hot with k = 0 is the cold simulation exactly; with k > 0 it stays a valid
    distribution and favourites' chances move (form carries within a tournament)."""
    cold = simulate(wc2026, grids2026, sims=3000, seed=4)
    same = simulate(wc2026, grids2026, sims=3000, seed=4, hot=True, hot_k=0.0)
    hot = simulate(wc2026, grids2026, sims=3000, seed=4, hot=True, hot_k=0.1)
    assert np.array_equal(cold.stage_counts, same.stage_counts)
    assert not np.array_equal(cold.stage_counts, hot.stage_counts)
    assert np.all(np.diff(hot.p_reach, axis=1) <= 1e-12)
    assert hot.p_reach[:, -1].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("kwargs", [{"sims": 0}, {"sims": 2.5}, {"seed": -1}, {"hot_k": -0.1}])
def test_bad_parameters(wc2022: TournamentFormat, grids2022: PairGrids, kwargs: dict) -> None:
    """Out-of-range sims, seed or hot_k are refused with InvalidParameterError."""
    with pytest.raises(InvalidParameterError):
        simulate(wc2022, grids2022, **kwargs)
