"""Best-placed teams of any group position across groups (``best_placed``): the documented
example validates and simulates, the kernel and the plain loop agree, bad files fail
clearly (file, key, what was expected)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from scoreline.data.store import Store
from scoreline.errors import FormatError
from scoreline.tournament import reference
from scoreline.tournament.format import load_format
from scoreline.tournament.played import load_tournament
from scoreline.tournament.simulate import pair_grids, simulate

from .conftest import StrengthModel, ranked_strengths

DOC = Path(__file__).resolve().parents[2] / "docs" / "tournaments.md"


def _doc_example(tmp_path: Path) -> Path:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- example-best-placed -->")[1].split("<!-- /example-best-placed -->")[0]
    path = tmp_path / "baltic_cup.yaml"
    path.write_text(block.split("```yaml")[1].split("```")[0], encoding="utf-8")
    return path


def _edited(tmp_path: Path, fn: Callable[[dict[str, Any]], None]) -> Path:
    raw = yaml.safe_load(_doc_example(tmp_path).read_text(encoding="utf-8"))
    fn(raw)
    path = tmp_path / "bad_cup.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def test_documented_best_runner_up_example_simulates(store: Store, tmp_path: Path) -> None:
    """The docs' example (three groups, the winners and the best runner-up to the
    semi-finals) loads with the data's names and simulates: four semi-finalists, of which
    every winner and exactly one runner-up, never a team placed third or fourth."""
    fmt = load_tournament(store, _doc_example(tmp_path))
    assert fmt.best_thirds is not None and fmt.best_thirds.position == 2
    grids = pair_grids(StrengthModel(ranked_strengths(fmt)), fmt, fmt.start_date)
    r = simulate(fmt, grids, sims=4000, seed=1)
    assert r.p_reach.sum(axis=0)[1:].round(9).tolist() == [4, 2, 1]
    semi, first, second = r.p_reach[:, 1], r.p_position[:, 0], r.p_position[:, 1]
    assert np.all(semi >= first - 1e-12)
    assert np.all(semi <= first + second + 1e-12)
    assert (semi - first).sum() == pytest.approx(1.0)


def test_best_placed_kernel_agrees_with_the_plain_loop(store: Store, tmp_path: Path) -> None:
    """The compiled kernel and the plain-Python reference rank the runners-up alike: every
    team's chance of the semi-finals within four standard errors of the pair."""
    fmt = load_tournament(store, _doc_example(tmp_path))
    grids = pair_grids(StrengthModel(ranked_strengths(fmt)), fmt, fmt.start_date)
    n = 4000
    kernel = simulate(fmt, grids, sims=n, seed=2).p_reach[:, 1]
    loop = reference.LoopSimulator(fmt, grids)
    rng = random.Random(5)
    semis = np.zeros(len(fmt.teams))
    for _ in range(n):
        stage = loop.run(rng)
        for team, reached in stage.items():
            semis[fmt.teams.index(team)] += reached >= 1
    plain = semis / n
    se = np.sqrt((kernel * (1 - kernel) + plain * (1 - plain)) / n)
    assert np.all(np.abs(kernel - plain) <= 4 * se + 1e-9)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda raw: raw["best_placed"].update(position=1),
         "bad_cup.yaml: best_placed: position 1 must exist and not advance directly"),
        (lambda raw: raw["best_placed"].update(position=5),
         "best_placed.position: 5 is not a group position 1..4"),
        (lambda raw: raw["best_placed"].pop("position"),
         "best_placed.position: None is not a group position 1..4"),
        (lambda raw: raw["best_placed"]["allocation"].update(A={"1A": "3A"}),
         "best_placed.allocation.A.1A: '3A' is not 2<group>"),
        (lambda raw: raw["knockout"]["matches"][0].update(away="3rd:ABC"),
         "slot 3rd:ABC: the best-placed teams across groups are 2nd (expected 2nd:ABC)"),
        (lambda raw: raw.update(best_thirds=raw["best_placed"]),
         "best_placed: give best_thirds or best_placed, not both"),
    ],
)
def test_bad_best_placed_files(tmp_path: Path, edit: Callable[[dict[str, Any]], None],
                               message: str) -> None:
    """A position that advances directly or does not exist, a missing position, an
    allocation naming the wrong position, a slot of the wrong ordinal, both keys at once:
    each fails naming the file and the key."""
    path = _edited(tmp_path, edit)
    with pytest.raises(FormatError, match=re.escape(message)):
        load_format(path)
