"""The result of a tournament simulation: stage and group-position counts per team.

Apart from the simulator (:mod:`scoreline.tournament.simulate`, which loads pandas and the
compiled kernels) so that a result read back from the result cache is shown without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class SimulationResult:
    """Stage and group-position probabilities of every team of a simulated tournament.

    Attributes
    ----------
    tournament : str
        Format name.
    as_of : date
        Results before this date are fixed; the model saw only matches before it.
    sims, seed : int
    hot : bool
        Whether ratings moved within each simulated tournament.
    model : str
    teams, groups : list of str
        Team ``i`` and its group (``-`` for an entrant, which plays no group).
    stages : list of str
        ``group``, each knockout round, ``champion``.
    stage_counts : int array (T, len(stages))
        Simulations in which each team's furthest stage was each stage.
    position_counts : int array (T, group_size)
        Simulations in which each team finished in each group position.
    fixed_matches : int
        Real results fixed in the simulation.
    """

    tournament: str
    as_of: dt.date
    sims: int
    seed: int
    hot: bool
    model: str
    teams: list[str]
    groups: list[str]
    stages: list[str]
    stage_counts: NDArray[np.int64]
    position_counts: NDArray[np.int64]
    fixed_matches: int

    @property
    def p_furthest(self) -> NDArray[np.float64]:
        """P(furthest stage = s), shape (T, len(stages)); rows sum to 1."""
        return self.stage_counts / self.sims

    @property
    def p_reach(self) -> NDArray[np.float64]:
        """P(reach at least stage s), shape (T, len(stages)); column 0 is 1."""
        return np.cumsum(self.stage_counts[:, ::-1], axis=1)[:, ::-1] / self.sims

    @property
    def se_reach(self) -> NDArray[np.float64]:
        """Monte Carlo standard errors of :attr:`p_reach` (binomial, sqrt(p(1-p)/n))."""
        p = self.p_reach
        return np.sqrt(p * (1 - p) / self.sims)

    @property
    def p_position(self) -> NDArray[np.float64]:
        """P(finish the group in position k + 1), shape (T, group_size)."""
        return self.position_counts / self.sims

    def stage_columns(self) -> list[str]:
        """Column names of the reach probabilities after ``group``: ``p_r16`` .. ``p_champion``."""
        return [f"p_{_slug(s)}" for s in self.stages[1:]]

    def to_frame(self) -> pd.DataFrame:
        """One row per team, favourites first.

        Columns: ``team``, ``group``, ``p_<round>`` (reach that knockout round, the first
        one being "leave the group"), ``p_champion``, ``se_champion`` (Monte Carlo standard
        error), ``p_position_1`` .. ``p_position_<group_size>``.
        """
        import pandas as pd

        return pd.DataFrame(self.records(), columns=self._columns())

    def _columns(self) -> list[str]:
        positions = [f"p_position_{k + 1}" for k in range(self.position_counts.shape[1])]
        return ["team", "group", *self.stage_columns(), "se_champion", *positions]

    def records(self) -> list[dict[str, Any]]:
        """The rows of :meth:`to_frame` as dicts (plain Python values), favourites first:
        by the chance of the title, then of the final, and so on back to leaving the group;
        ties keep the format's team order."""
        reach, se, position = self.p_reach, self.se_reach, self.p_position
        # np.lexsort is stable and sorts by its last key first: title, final, ... descending
        order = np.lexsort([-reach[:, k] for k in range(1, len(self.stages))])
        columns = self.stage_columns()
        out = []
        for i in order.tolist():
            row: dict[str, Any] = {"team": self.teams[i], "group": self.groups[i]}
            for k, col in enumerate(columns, start=1):
                row[col] = float(reach[i, k])
            row["se_champion"] = float(se[i, -1])
            for k in range(position.shape[1]):
                row[f"p_position_{k + 1}"] = float(position[i, k])
            out.append(row)
        return out

    def summary(self) -> dict[str, Any]:
        """JSON-ready dict: run settings and the per-team records of :meth:`to_frame`."""
        return {
            "tournament": self.tournament,
            "as_of": self.as_of.isoformat(),
            "sims": self.sims,
            "seed": self.seed,
            "hot": self.hot,
            "model": self.model,
            "fixed_matches": self.fixed_matches,
            "stages": self.stages,
            "max_se": float(self.se_reach.max()),
            "teams": self.records(),
        }


def _slug(stage: str) -> str:
    return {"F": "final"}.get(stage, stage.lower())


@dataclass(frozen=True)
class TimelineResult:
    """The tournament forecast replayed after every matchday.

    Attributes
    ----------
    tournament : str
    dates : list of date
        As-of dates: the opening day, then the day after each matchday (so the forecast
        at ``dates[k]`` knows every result up to ``dates[k] - 1 day``).
    results : list of SimulationResult
        One forecast per date.
    """

    tournament: str
    dates: list[dt.date]
    results: list[SimulationResult]

    @property
    def teams(self) -> list[str]:
        """Teams, in format order."""
        return self.results[0].teams

    def p_champion(self) -> NDArray[np.float64]:
        """Title probabilities, shape (len(dates), teams)."""
        return np.stack([r.p_reach[:, -1] for r in self.results])

    def contenders(self, top: int = 8) -> list[str]:
        """Teams with the highest title chance at any date, best peak first."""
        peak = self.p_champion().max(axis=0)
        order = np.argsort(-peak, kind="stable")[:top]
        return [self.teams[i] for i in order]

    def to_frame(self) -> pd.DataFrame:
        """Long frame: ``date``, ``team``, ``p_<round>`` .., ``p_champion``, ``se_champion``."""
        import pandas as pd

        frames = []
        for day, res in zip(self.dates, self.results, strict=True):
            f = res.to_frame().drop(columns=[c for c in res.to_frame() if c.startswith("p_position")])
            f.insert(0, "date", pd.Timestamp(day))
            frames.append(f)
        return pd.concat(frames, ignore_index=True)
