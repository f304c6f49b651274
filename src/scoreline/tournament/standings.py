"""Group tables and their ranking by official tie-breakers, in plain Python.

The recursive reading of the regulations (points, then the competition's own order of
goal difference, goals scored and head-to-head among the teams still level, then lots).
The compiled kernel (:func:`scoreline.tournament.engine.rank_teams`) is checked against it;
it also ranks groups whose results are all known before a simulation starts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

from scoreline.data.types import Record
from scoreline.tournament.format import TournamentFormat

_H2H = ("head_to_head_points", "head_to_head_goal_difference", "head_to_head_goals_for")
GroupResults = Mapping[tuple[str, str], tuple[int, int]]


def standings(teams: Sequence[str], results: GroupResults, *,
              points_per_win: int = 3) -> dict[str, Record]:
    """Group records of ``teams`` from results ``{(home, away): (home_goals, away_goals)}``.

    Results naming a team outside ``teams`` are ignored; ``points_per_win`` is 3 (2 in
    the tournaments before 1994).
    """
    rec = {t: Record(team=t, points_per_win=points_per_win) for t in teams}
    for (home, away), (hg, ag) in results.items():
        if home not in rec or away not in rec:
            continue
        rec[home] = rec[home].add(hg, ag)
        rec[away] = rec[away].add(ag, hg)
    return rec


def _h2h_key(team: str, among: set[str], results: GroupResults, crits: Sequence[str],
             points_per_win: int = 3) -> tuple[int, ...]:
    sub = standings(sorted(among), {k: v for k, v in results.items() if set(k) <= among},
                    points_per_win=points_per_win)
    s = sub[team]
    values = {
        "head_to_head_points": s.points,
        "head_to_head_goal_difference": s.goal_difference,
        "head_to_head_goals_for": s.goals_for,
    }
    return tuple(values[c] for c in crits)


def rank_group(
    teams: Sequence[str],
    results: GroupResults,
    criteria: Sequence[str],
    rng: random.Random,
    lots: Callable[[list[str]], list[str]] | None = None,
    *,
    points_per_win: int = 3,
) -> list[str]:
    """Rank a group best first by the criteria in order (recursive, as the regulations read).

    Parameters
    ----------
    teams : sequence of str
    results : mapping
        ``{(home, away): (home_goals, away_goals)}`` of the group's matches.
    criteria : sequence of str
        ``GROUP_CRITERIA`` names in official order.
    rng : random.Random
        Draws lots for teams the criteria cannot separate.
    lots : callable, optional
        Orders teams still level instead of ``rng`` (used to flag unresolved ties).
    points_per_win : int
        3, or 2 for tournaments before 1994.
    """
    table = standings(teams, results, points_per_win=points_per_win)

    def draw(block: list[str]) -> list[str]:
        if lots is not None:
            return lots(block)
        out = list(block)
        rng.shuffle(out)
        return out

    def split(block: list[str], key: Callable[[str], object]) -> list[list[str]]:
        ordered = sorted(block, key=key, reverse=True)  # type: ignore[arg-type]
        runs: list[list[str]] = []
        for t in ordered:
            if runs and key(runs[-1][0]) == key(t):
                runs[-1].append(t)
            else:
                runs.append([t])
        return runs

    def by_criteria(block: list[str], ci: int) -> list[str]:
        if len(block) <= 1:
            return block
        if ci >= len(criteria) or criteria[ci] in ("lots", "fair_play"):
            return draw(block)
        c = criteria[ci]
        if c in _H2H:
            j = ci
            while j < len(criteria) and criteria[j] in _H2H:
                j += 1
            reapply = j < len(criteria) and criteria[j] == "head_to_head_reapply"
            return head_to_head(block, list(criteria[ci:j]), reapply, j + int(reapply))
        if c == "head_to_head_reapply":
            return by_criteria(block, ci + 1)
        stat = {
            "points": lambda t: table[t].points,
            "goal_difference": lambda t: table[t].goal_difference,
            "goals_for": lambda t: table[t].goals_for,
            "wins": lambda t: table[t].wins,
        }[c]
        return [t for run in split(block, stat) for t in by_criteria(run, ci + 1)]

    def head_to_head(block: list[str], crits: list[str], reapply: bool, after: int) -> list[str]:
        among = set(block)
        out: list[str] = []
        for run in split(block, lambda t: _h2h_key(t, among, results, crits, points_per_win)):
            if len(run) > 1 and reapply and len(run) < len(block):
                out += head_to_head(run, crits, reapply, after)
            else:
                out += by_criteria(run, after)
        return out

    return by_criteria(list(teams), 0)


def rank_thirds(
    fmt: TournamentFormat,
    thirds: Mapping[str, Record],
    rng: random.Random,
    lots: Callable[[list[str]], list[str]] | None = None,
) -> list[str]:
    """Group names of the third-placed teams, best first, by ``fmt.best_thirds.ranking``."""
    assert fmt.best_thirds is not None
    by_team = {s.team: g for g, s in thirds.items()}
    ranked = _rank_records(list(thirds.values()), fmt.best_thirds.ranking, rng, lots)
    return [by_team[t] for t in ranked]


def _rank_records(
    records: list[Record],
    criteria: Sequence[str],
    rng: random.Random,
    lots: Callable[[list[str]], list[str]] | None,
) -> list[str]:
    table = {r.team: r for r in records}
    stat = {
        "points": lambda t: table[t].points,
        "goal_difference": lambda t: table[t].goal_difference,
        "goals_for": lambda t: table[t].goals_for,
        "wins": lambda t: table[t].wins,
    }
    keyed = [c for c in criteria if c in stat]

    def key(t: str) -> tuple[int, ...]:
        return tuple(stat[c](t) for c in keyed)

    ordered = sorted(table, key=key, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and key(ordered[j]) == key(ordered[i]):
            j += 1
        block = ordered[i:j]
        if len(block) > 1:
            if lots is not None:
                block = lots(block)
            else:
                rng.shuffle(block)
        out += block
        i = j
    return out
