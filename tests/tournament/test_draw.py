"""Before the draw: pots and rules, FIFA's draw procedure, simulations over drawn groups.

Checked on the 2026 World Cup draw: 10,000 simulated draws all honour the published rules,
and the real draw of December 2025 is one the procedure can give.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from scoreline.errors import FormatError, InvalidParameterError
from scoreline.tournament.draw import compile_draw, draw_in_order, draw_pool, producible
from scoreline.tournament.format import TournamentFormat, format_path, load_format
from scoreline.tournament.simulate import FixedResults, pair_grids, simulate

from .conftest import StrengthModel, ranked_strengths


@pytest.fixture(scope="module")
def predraw() -> TournamentFormat:
    """The 2026 World Cup before the draw."""
    return load_format("wc2026_predraw")


def test_ten_thousand_draws_are_legal(predraw: TournamentFormat) -> None:
    """10,000 draws: each group one team per pot, hosts in A, B and D, at most one team per
    confederation except UEFA (one or two), checked in plain Python; and they vary."""
    rules = predraw.draw
    assert rules is not None
    pool = draw_pool(compile_draw(rules, predraw.teams), 10_000, np.uint64(3))
    names = rules.group_names
    for i in range(len(pool)):
        groups = {names[k]: [predraw.teams[t] for t in pool[i, k]] for k in range(len(names))}
        assert rules.is_legal(groups), groups
    assert len({pool[i].tobytes() for i in range(len(pool))}) > 9_000


def test_real_draw_is_a_possible_outcome(predraw: TournamentFormat) -> None:
    """The real groups of wc2026.yaml are legal and the procedure gives them for some
    order of the balls."""
    rules = predraw.draw
    assert rules is not None
    real = load_format("wc2026").groups
    assert rules.is_legal(real)
    assert producible(rules, real)


def test_rules_reject_an_illegal_draw(predraw: TournamentFormat) -> None:
    """Swapping Ghana (CAF) into a group that already has a CAF team breaks the rules."""
    rules = predraw.draw
    assert rules is not None
    groups = {g: list(ts) for g, ts in load_format("wc2026").groups.items()}
    # group A has South Africa (CAF); Czech Republic (pot 4) swaps with Ghana (pot 4, L)
    groups["A"][3], groups["L"][2] = "Ghana", "Czech Republic"
    assert not rules.is_legal(groups)


def test_procedure_takes_the_first_open_group(predraw: TournamentFormat) -> None:
    """Drawn in the pots' file order, Spain (first unplaced pot-1 team) goes to group C,
    the first group without a pot-1 team (A, B and D hold the hosts)."""
    rules = predraw.draw
    assert rules is not None
    order = [t for pot in rules.pots for t in pot if t not in rules.placed]
    first = draw_in_order(rules, order)
    assert first is not None and first["C"][0] == "Spain"
    assert first == predraw.groups


def test_simulation_before_the_draw(predraw: TournamentFormat) -> None:
    """Simulating over drawn groups: each round holds its number of teams, positions are
    distributions, teams are labelled by pot, and strong pot-1 teams go furthest."""
    grids = pair_grids(StrengthModel(ranked_strengths(predraw)), predraw, predraw.start_date)
    r = simulate(predraw, grids, sims=3000, seed=1)
    assert r.p_reach.sum(axis=0)[1:].round(9).tolist() == [32, 16, 8, 4, 2, 1]
    assert np.allclose(r.p_position.sum(axis=1), 1.0)
    assert set(r.groups) == {"pot 1", "pot 2", "pot 3", "pot 4"}
    frame = r.to_frame()
    assert set(frame["group"].head(6)) == {"pot 1"}
    again = simulate(predraw, grids, sims=3000, seed=1)
    assert np.array_equal(r.stage_counts, again.stage_counts)


def test_no_real_result_before_the_draw(predraw: TournamentFormat) -> None:
    """Fixing a real result in a format before the draw is refused."""
    grids = pair_grids(StrengthModel({}), predraw, predraw.start_date)
    fixed = FixedResults(group={("Mexico", "South Africa"): (1, 1)})
    with pytest.raises(InvalidParameterError, match="before the draw"):
        simulate(predraw, grids, fixed=fixed, sims=10)


def _write(tmp_path: Path, edit: dict) -> Path:
    raw = yaml.safe_load(format_path("wc2026_predraw").read_text(encoding="utf-8"))
    raw["template"] = str(format_path("wc2026"))
    raw["draw"].update(edit)
    path = tmp_path / "predraw.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def test_impossible_rules(tmp_path: Path) -> None:
    """At most one UEFA team per group cannot hold 16 UEFA teams in 12 groups."""
    with pytest.raises(FormatError, match=r"predraw\.yaml: draw: no draw honours"):
        load_format(_write(tmp_path, {"max_per_group": {"UEFA": 1}}))


def test_bad_pot_and_placement(tmp_path: Path) -> None:
    """A pot of the wrong size and a host placed in no group name the key."""
    raw = yaml.safe_load(format_path("wc2026_predraw").read_text(encoding="utf-8"))
    short = raw["draw"]["pots"][1][:-1]
    with pytest.raises(FormatError, match=r"draw\.pots\[1\]: has 11 teams, expected 12"):
        load_format(_write(tmp_path, {"pots": [raw["draw"]["pots"][0], short,
                                               *raw["draw"]["pots"][2:]]}))
    with pytest.raises(FormatError, match=r"draw\.placed\.Mexico: expected a team"):
        load_format(_write(tmp_path, {"placed": {"Mexico": "Z"}}))
