"""The simulation result's table (issue 14: shown without pandas)."""

from __future__ import annotations

import pandas as pd

from scoreline import api
from scoreline.tournament.result import SimulationResult


def _pandas_table(result: SimulationResult) -> pd.DataFrame:
    """The table as pandas sorts it: by the title, then the final, ... descending, stable."""
    out = pd.DataFrame({"team": result.teams, "group": result.groups})
    for k, col in enumerate(result.stage_columns(), start=1):
        out[col] = result.p_reach[:, k]
    out["se_champion"] = result.se_reach[:, -1]
    for k in range(result.position_counts.shape[1]):
        out[f"p_position_{k + 1}"] = result.p_position[:, k]
    keys = list(reversed(result.stage_columns()))
    return out.sort_values(keys, ascending=False, kind="stable").reset_index(drop=True)


def test_records_are_the_table_pandas_sorts_ties_in_team_order() -> None:
    """With few simulations (many teams tied at no title and no final) the records, the
    frame and the summary's teams are pandas' stable descending sort of the same columns,
    for two editions (32 and 24 teams)."""
    for name in ("wc2022", "euro2020"):
        result = api.simulate_tournament(name, sims=300, seed=1)
        expected = _pandas_table(result)
        assert result.to_frame().equals(expected)
        assert result.records() == expected.to_dict(orient="records")
        assert result.summary()["teams"] == result.records()
        champion = result.p_reach[:, -1]
        assert (champion == 0).sum() > 1  # the ties this test is about
