"""User formats with two-legged ties, byes (entrants without a group) and play-in rounds:
they validate, simulate, follow the rules of a two-legged tie, and bad files fail clearly."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from scoreline.data.store import Store
from scoreline.errors import FormatError
from scoreline.tournament import reference
from scoreline.tournament.format import TournamentFormat, load_format
from scoreline.tournament.played import load_tournament
from scoreline.tournament.simulate import PairGrids, fixed_results, pair_grids, simulate

from .conftest import StrengthModel, ranked_strengths

DOC = Path(__file__).resolve().parents[2] / "docs" / "tournaments.md"


def _doc_example(tmp_path: Path) -> Path:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- example-two-legged -->")[1].split("<!-- /example-two-legged -->")[0]
    path = tmp_path / "atlantic_cup.yaml"
    path.write_text(block.split("```yaml")[1].split("```")[0], encoding="utf-8")
    return path


def _edited(tmp_path: Path, fn: object) -> Path:
    raw = yaml.safe_load(_doc_example(tmp_path).read_text(encoding="utf-8"))
    fn(raw)  # type: ignore[operator]
    path = tmp_path / "bad_cup.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def test_documented_two_legged_example_simulates(store: Store, tmp_path: Path) -> None:
    """The docs' example (play-in round, four byes, two-legged quarter- and semi-finals
    with away goals, a one-match final) loads with the data's names and simulates: ten
    teams reach the play-in stage or skip it, eight the quarter-finals, four, two, one."""
    fmt = load_tournament(store, _doc_example(tmp_path))
    assert fmt.entrants == ("Brazil", "Argentina", "Spain", "France")
    assert fmt.two_legged_rounds == ("QF", "SF") and fmt.away_goals
    assert fmt.n_matches == 12 + 9 + 6
    grids = pair_grids(StrengthModel(ranked_strengths(fmt)), fmt, fmt.start_date)
    assert grids.legs is not None
    r = simulate(fmt, grids, sims=4000, seed=1)
    assert r.p_reach.sum(axis=0)[1:].round(9).tolist() == [10, 8, 4, 2, 1]
    entrant = r.teams.index("Brazil")
    assert r.p_reach[entrant, 2] == 1.0 and r.position_counts[entrant].sum() == 0
    assert r.groups[entrant] == "-"


def test_two_legged_kernel_agrees_with_the_plain_loop(store: Store, tmp_path: Path) -> None:
    """The compiled kernel and the plain-Python reference play the same two-legged format
    alike: every team's title chance within four standard errors of the pair."""
    fmt = load_tournament(store, _doc_example(tmp_path))
    grids = pair_grids(StrengthModel(ranked_strengths(fmt)), fmt, fmt.start_date)
    n = 6000
    kernel = simulate(fmt, grids, sims=n, seed=2).p_reach[:, -1]
    loop = reference.LoopSimulator(fmt, grids)
    rng = random.Random(5)
    wins = np.zeros(len(fmt.teams))
    for _ in range(n):
        stage = loop.run(rng)
        wins[fmt.teams.index(max(stage, key=stage.__getitem__))] += 1
    plain = wins / n
    se = np.sqrt((kernel * (1 - kernel) + plain * (1 - plain)) / n)
    assert np.all(np.abs(kernel - plain) <= 4 * se + 1e-9)


def _fixed_grids(fmt: TournamentFormat, scores: dict[tuple[int, int], tuple[int, int]],
                 shootout_first: float) -> PairGrids:
    """Grids in which every match of the pair (i at home) ends at ``scores[i, j]``."""
    side = 4
    n = len(fmt.teams)
    pmf = np.zeros((n, n, side * side))
    pmf[:, :, 0] = 1.0
    for (i, j), (h, a) in scores.items():
        pmf[i, j] = 0.0
        pmf[i, j, h * side + a] = 1.0
    cdf = np.cumsum(pmf, axis=2)
    zeros = np.zeros((n, n))
    shoot = np.array([[0.5, shootout_first], [1 - shootout_first, 0.5]])
    g = PairGrids(teams=fmt.teams, pmf=pmf, cdf=cdf, mean_diff=zeros, et_home=zeros,
                  et_away=zeros, p_shootout=shoot, model="fixed")
    return PairGrids(**{**g.__dict__, "legs": g})


def _final_over_two_legs(tmp_path: Path, away_goals: bool) -> TournamentFormat:
    raw = {
        "name": "Two-leg final", "tournament": "Two-leg final",
        "start_date": "2031-05-01", "end_date": "2031-05-08",
        "entrants": ["Brazil", "Argentina"],
        "knockout": {"rounds": ["F"], "two_legged": ["F"], "away_goals": away_goals,
                     "matches": [{"match": 1, "round": "F", "home": "Brazil",
                                  "away": "Argentina"}]},
    }
    path = tmp_path / f"final_{away_goals}.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_format(path)


@pytest.mark.parametrize("away_goals", [True, False])
def test_away_goals_then_penalties(tmp_path: Path, away_goals: bool) -> None:
    """Brazil 0-0 Argentina, then Argentina 1-1 Brazil: level on aggregate (1-1). With
    the away-goals rule Brazil go through on their goal in Buenos Aires; without it, extra
    time (no goals here) and the shoot-out, which Argentina (at home) win in these grids."""
    fmt = _final_over_two_legs(tmp_path, away_goals)
    grids = _fixed_grids(fmt, {(0, 1): (0, 0), (1, 0): (1, 1)}, shootout_first=0.0)
    r = simulate(fmt, grids, sims=200, seed=0)
    champion = r.teams[int(np.argmax(r.p_reach[:, -1]))]
    assert r.p_reach[:, -1].max() == 1.0
    assert champion == ("Brazil" if away_goals else "Argentina")


def test_aggregate_decides_before_away_goals(tmp_path: Path) -> None:
    """Brazil win 3-1 at home and lose 1-0 away: through 3-2 on aggregate, although
    Argentina scored more away goals (1 to 0); the aggregate comes first."""
    fmt = _final_over_two_legs(tmp_path, True)
    grids = _fixed_grids(fmt, {(0, 1): (3, 1), (1, 0): (1, 0)}, shootout_first=1.0)
    r = simulate(fmt, grids, sims=100, seed=0)
    assert r.p_reach[r.teams.index("Brazil"), -1] == 1.0


def test_real_two_legged_tie_is_fixed_on_aggregate(tmp_path: Path) -> None:
    """Real results of both legs fix the tie: Brazil lose 1-2 at home and win 1-0 away,
    2-2 on aggregate; the away-goals rule gives it to Argentina (two away goals to one);
    without the rule, to the shoot-out winner of the data, Brazil."""
    legs = pd.DataFrame({
        "date": pd.to_datetime(["2031-05-01", "2031-05-08"]),
        "home_team": ["Brazil", "Argentina"], "away_team": ["Argentina", "Brazil"],
        "home_score": [1, 0], "away_score": [2, 1],
        "shootout_winner": [None, "Brazil"],
    })
    with_rule = fixed_results(_final_over_two_legs(tmp_path, True), legs)
    assert with_rule.knockout == {frozenset(("Brazil", "Argentina")): "Argentina"}
    without = fixed_results(_final_over_two_legs(tmp_path, False), legs)
    assert without.knockout == {frozenset(("Brazil", "Argentina")): "Brazil"}


BAD = [
    (lambda r: r["knockout"].update(two_legged=["QF", "R16"]),
     r"knockout\.two_legged\[1\]: 'R16' is not a round; expected one of"),
    (lambda r: r["knockout"].update(two_legged=[], away_goals=True),
     r"knockout\.away_goals: needs two-legged rounds"),
    (lambda r: r["knockout"].update(away_goals="yes"),
     r"knockout\.away_goals: 'yes' is not true or false"),
    (lambda r: r["entrants"].append("Morocco"),
     r"entrants\[4\]: 'Morocco' also plays in a group"),
    (lambda r: r["entrants"].append("Germany"),
     r"knockout\.matches: entrant Germany plays in no match"),
    (lambda r: r["knockout"]["matches"][1].update(away="France"),
     r"knockout match 15: entrant France already plays in knockout match 14"),
    (lambda r: r["knockout"]["matches"][0].update(home="3C"),
     r"knockout match 13: slot 3C references no group C"),
    (lambda r: r.update(entrants="Brazil"),
     r"entrants: expected a list of team names"),
]


@pytest.mark.parametrize(("edit", "message"), BAD)
def test_bad_two_legged_file_says_file_key_and_expectation(
    tmp_path: Path, edit: object, message: str
) -> None:
    """Each mistake in a two-legged/bye/play-in file raises FormatError naming the file,
    the key and what was expected."""
    path = _edited(tmp_path, edit)
    with pytest.raises(FormatError, match=re.escape(str(path)) + ": " + message):
        load_format(path)
