"""A plain-Python tournament, one at a time: the reference the compiled kernel is checked against.

Three uses: (1) replaying a finished tournament through its format with the real results
(who should have met whom: the format-vs-data check, and each team's real furthest stage);
(2) the baseline of ``bench/simulate_speed.py`` (the straightforward loop); (3) an
independent implementation of the tie-breakers for the tests.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from scoreline.data.types import Record
from scoreline.tournament.format import THIRD_PLACE_ROUND, TournamentFormat
from scoreline.tournament.format_types import BEST_PLACED_SLOT
from scoreline.tournament.simulate import FixedResults, PairGrids
from scoreline.tournament.standings import (
    GroupResults,
    rank_group,
    rank_thirds,
    standings,
)


@dataclass(frozen=True)
class PlayedMatch:
    """A knockout match of a replayed or simulated bracket."""

    number: int
    round: str
    home_team: str
    away_team: str
    winner: str


def group_tables(
    fmt: TournamentFormat,
    results: GroupResults,
    rng: random.Random,
    lots: Callable[[list[str]], list[str]] | None = None,
) -> dict[str, list[str]]:
    """Each group ranked best first from its results."""
    return {
        g: rank_group(teams, results, fmt.group_tiebreakers, rng, lots)
        for g, teams in fmt.groups.items()
    }


def bracket_teams(
    fmt: TournamentFormat,
    tables: Mapping[str, list[str]],
    results: GroupResults,
    rng: random.Random,
    strict: bool = False,
) -> dict[str, str]:
    """The team in each group slot of the bracket (``1A``, ``3rd:ABCDF@1E``) after the groups.

    With ``strict``, a tie between third-placed teams across the qualifying cut-off raises
    :class:`LookupError` instead of being drawn (the data cannot say who went through).
    """
    slots = {f"{pos}{g}": tables[g][pos - 1] for g in fmt.groups for pos in fmt.advance}
    slots.update({team: team for team in fmt.entrants})  # byes: the slot is the team
    if fmt.best_thirds is not None:
        at = fmt.best_thirds.position - 1
        thirds = {g: standings(fmt.groups[g], results)[tables[g][at]] for g in fmt.groups}
        fair = fmt.fair_play_points if "fair_play" in fmt.best_thirds.ranking else {}

        def by_fair_play(block: list[str]) -> list[str]:
            if all(t in fair for t in block):
                return sorted(block, key=lambda t: -fair[t])
            return block

        ranked = rank_thirds(fmt, thirds, rng, by_fair_play if strict else None)
        count = fmt.best_thirds.count
        if strict:
            keys = [
                (*_third_key(fmt, thirds[g]), fair.get(thirds[g].team, 0)) for g in ranked
            ]
            if keys[count - 1] == keys[count]:
                raise LookupError(
                    f"third-placed teams level across the cut-off: {ranked[count - 1]}, "
                    f"{ranked[count]}"
                )
        row = fmt.best_thirds.allocation[frozenset(ranked[:count])]
        for m in fmt.matches:
            for slot, other in ((m.home, m.away), (m.away, m.home)):
                if BEST_PLACED_SLOT.match(slot):
                    slots[slot + "@" + other] = tables[row[other]][at]
    return slots


def _third_key(fmt: TournamentFormat, s: Record) -> tuple[int, ...]:
    assert fmt.best_thirds is not None
    stat = {"points": s.points, "goal_difference": s.goal_difference,
            "goals_for": s.goals_for, "wins": s.wins}
    return tuple(stat[c] for c in fmt.best_thirds.ranking if c in stat)


def _slot_team(slot: str, other: str, slots: Mapping[str, str], played: Mapping[int, PlayedMatch]) -> str:
    if BEST_PLACED_SLOT.match(slot):
        return slots[slot + "@" + other]
    if slot[0] in "WL" and slot[1:].isdigit():
        m = played[int(slot[1:])]
        loser = m.away_team if m.winner == m.home_team else m.home_team
        return m.winner if slot[0] == "W" else loser
    return slots[slot]


def replay(fmt: TournamentFormat, fixed: FixedResults) -> list[PlayedMatch]:
    """Walk the bracket with the real results of a finished tournament.

    Raises
    ------
    LookupError
        A bracket match whose teams (from the real group tables and earlier results) did
        not meet in the data, or a group tie that only lots could break.
    """

    def settle(block: list[str]) -> list[str]:
        for tie in fmt.settled_ties:
            if set(tie) == set(block):
                return list(tie)
        raise LookupError(
            f"teams level on every criterion in the data: {', '.join(block)} "
            "(add their real order to settled_ties)"
        )

    rng = random.Random(0)
    tables = group_tables(fmt, fixed.group, rng, settle)
    slots = bracket_teams(fmt, tables, fixed.group, rng, strict=True)
    played: dict[int, PlayedMatch] = {}
    for m in fmt.matches:
        home = _slot_team(m.home, m.away, slots, played)
        away = _slot_team(m.away, m.home, slots, played)
        pair = frozenset((home, away))
        winner = fixed.knockout.get(pair) or fmt.known_winners.get(pair)
        if winner is None:
            raise LookupError(
                f"match {m.number} ({m.round}): {home} v {away} is not in the data"
            )
        played[m.number] = PlayedMatch(m.number, m.round, home, away, winner)
    return list(played.values())


def furthest_stages(fmt: TournamentFormat, fixed: FixedResults) -> dict[str, str]:
    """Each team's real furthest stage (``group``, a round name or ``champion``)."""
    stage = {t: "group" for t in fmt.teams}
    for m in replay(fmt, fixed):
        if m.round == THIRD_PLACE_ROUND:
            continue
        for t in (m.home_team, m.away_team):
            stage[t] = m.round
        if m.round == fmt.rounds[-1]:
            stage[m.winner] = "champion"
    return stage


class LoopSimulator:
    """One tournament at a time in plain Python, on the same pair grids as the kernel.

    The baseline of ``bench/simulate_speed.py``: same model, same format logic (group
    ranking, best thirds, bracket, extra time, shoot-outs), no vectorisation.
    """

    def __init__(self, fmt: TournamentFormat, grids: PairGrids) -> None:
        self.fmt = fmt
        self.grids = grids
        self.index = {t: i for i, t in enumerate(grids.teams)}
        self.cdf = grids.cdf.tolist()
        self.leg_cdf = grids.legs.cdf.tolist() if grids.legs is not None else self.cdf
        self.side = math.isqrt(grids.cdf.shape[2])

    def play90(self, home: str, away: str, rng: random.Random) -> tuple[int, int]:
        """A 90-minute score sampled by inverse CDF."""
        cdf = self.cdf[self.index[home]][self.index[away]]
        k = bisect.bisect_right(cdf, rng.random())
        return k // self.side, k % self.side

    def poisson(self, rate: float, rng: random.Random) -> int:
        """A Poisson count by inversion."""
        u, p, k = rng.random(), math.exp(-rate), 0
        acc = p
        while u > acc and k < 30:
            k += 1
            p *= rate / k
            acc += p
        return k

    def one_match(self, home: str, away: str, extra_time: bool, rng: random.Random) -> str:
        """Winner of a knockout match: 90 minutes, extra time, penalties."""
        h, a = self.play90(home, away, rng)
        i, j = self.index[home], self.index[away]
        if h == a and extra_time:
            h += self.poisson(self.grids.et_home[i, j], rng)
            a += self.poisson(self.grids.et_away[i, j], rng)
        if h == a:
            return home if rng.random() < self.grids.p_shootout[i, j] else away
        return home if h > a else away

    def two_legs(self, first: str, second: str, extra_time: bool, rng: random.Random) -> str:
        """Winner of a two-legged tie (``first`` at home first): aggregate, away goals if
        the format says so, extra time in the second leg, penalties."""
        legs = self.grids.legs
        assert legs is not None
        cdf = self.leg_cdf
        i, j = self.index[first], self.index[second]

        def leg(a: int, b: int) -> tuple[int, int]:
            k = bisect.bisect_right(cdf[a][b], rng.random())
            return k // self.side, k % self.side

        h1, a1 = leg(i, j)
        h2, a2 = leg(j, i)
        total_i, total_j, away_i, away_j = h1 + a2, a1 + h2, a2, a1
        rule = self.fmt.away_goals

        def level() -> bool:
            return total_i == total_j and (not rule or away_i == away_j)

        if level() and extra_time:
            goals_j = self.poisson(legs.et_home[j, i], rng)
            goals_i = self.poisson(legs.et_away[j, i], rng)
            total_i, total_j, away_i = total_i + goals_i, total_j + goals_j, away_i + goals_i
        if level():
            return second if rng.random() < self.grids.p_shootout[j, i] else first
        if total_i != total_j:
            return first if total_i > total_j else second
        return first if away_i > away_j else second

    def run(self, rng: random.Random) -> dict[str, int]:
        """Simulate one tournament; returns each team's furthest stage index."""
        fmt = self.fmt
        results: dict[tuple[str, str], tuple[int, int]] = {}
        for teams in fmt.groups.values():
            for a in range(len(teams)):
                for b in range(a + 1, len(teams)):
                    results[(teams[a], teams[b])] = self.play90(teams[a], teams[b], rng)
        tables = group_tables(fmt, results, rng)
        slots = bracket_teams(fmt, tables, results, rng)
        stage = {t: 0 for t in fmt.teams}
        played: dict[int, PlayedMatch] = {}
        for m in fmt.matches:
            home = _slot_team(m.home, m.away, slots, played)
            away = _slot_team(m.away, m.home, slots, played)
            if fmt.is_two_legged(m.round):
                winner = self.two_legs(home, away, fmt.has_extra_time(m.round), rng)
            else:
                winner = self.one_match(home, away, fmt.has_extra_time(m.round), rng)
            played[m.number] = PlayedMatch(m.number, m.round, home, away, winner)
            if m.round != THIRD_PLACE_ROUND:
                r = fmt.rounds.index(m.round) + 1
                stage[home] = max(stage[home], r)
                stage[away] = max(stage[away], r)
        final = next(m for m in played.values() if m.round == fmt.rounds[-1])
        stage[final.winner] = len(fmt.rounds) + 1
        return stage
