"""Group draws with constraints: pots, confederation limits, hosts placed.

The procedure is the one FIFA and UEFA run by computer: pots are drawn in order, the teams of
a pot in a random order, and each team goes to the first group (alphabetically) that has no
team of its pot yet and still leaves a legal completion of the whole draw. For a fixed order
of all teams this is the lexicographically first legal draw, so one depth-first search with
backtracking over that order gives it (:func:`draw_in_order_kernel`, numba: the reference
search, with bipartite matchings as its pruning). A pre-draw simulation makes its own draw
with the faster search of :mod:`scoreline.tournament.draw_solver` (same procedure, same
draw for the same order); :func:`draw_pool` makes draws up front with the reference search,
for a run that shares them between simulations and as the sampler the fast one is tested
against.

Rules: every group takes one team of each pot; at most ``max_per_group[c]`` teams of
confederation ``c`` in a group (1 unless the format says otherwise, UEFA 2 at the 2026 World
Cup), at least ``min_per_group[c]``; ``placed`` teams (hosts) go to their named group. The
confederation of each team comes from :mod:`scoreline.data.confederations` unless the format
names it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.draw_pruning import _completable, _fits
from scoreline.tournament.jit import numba

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_INV53 = 1.0 / 9007199254740992.0

DRAW_POOL = 5_000
"""Draws of a pool made up front (``simulate(..., draw_pool_size=DRAW_POOL)``; fewer when the
run has fewer simulations): each simulation plays the groups of one of them, picked with its
own random stream."""
SEARCH_BUDGET = 20_000
"""Search steps allowed for one draw order; an order needing more is drawn again (rare)."""
SEARCH_HORIZON = 1
"""Pots (the current one first) whose open slots the pruning checks at every search step: more
than the current pot pruned no more orders on the 2026 draw and cost 20-30 % more time."""


@dataclass(frozen=True)
class DrawRules:
    """Pots and constraints of a group draw.

    Attributes
    ----------
    group_names : tuple of str
        Groups in the order teams are offered them (alphabetical).
    pots : tuple of tuple of str
        Pot 1 first; each pot has one team per group.
    confederation : dict of str to str
        Each team's confederation.
    max_per_group : dict of str to int
        Most teams of a confederation in one group (confederations not listed: 1).
    min_per_group : dict of str to int
        Fewest teams of a confederation in one group (not listed: 0).
    placed : dict of str to str
        Teams placed in a named group before the draw (hosts).
    """

    group_names: tuple[str, ...]
    pots: tuple[tuple[str, ...], ...]
    confederation: Mapping[str, str]
    max_per_group: Mapping[str, int]
    min_per_group: Mapping[str, int]
    placed: Mapping[str, str]

    @property
    def teams(self) -> list[str]:
        """All teams, pot by pot."""
        return [t for pot in self.pots for t in pot]

    def cap(self, confederation: str) -> int:
        """Most teams of ``confederation`` in one group."""
        return self.max_per_group.get(confederation, 1)

    def is_legal(self, groups: Mapping[str, Sequence[str]]) -> bool:
        """Whether a complete draw honours every rule."""
        if set(groups) != set(self.group_names):
            return False
        pot_of = {t: p for p, pot in enumerate(self.pots) for t in pot}
        seen: set[str] = set()
        for teams in groups.values():
            if sorted(pot_of.get(t, -1) for t in teams) != list(range(len(self.pots))):
                return False
            seen.update(teams)
            confs = [self.confederation[t] for t in teams]
            for c in set(confs) | set(self.min_per_group):
                if not self.min_per_group.get(c, 0) <= confs.count(c) <= self.cap(c):
                    return False
        if seen != set(self.teams):
            return False
        return all(t in groups[g] for t, g in self.placed.items())


@dataclass(frozen=True)
class DrawArrays:
    """The rules as integer arrays for the compiled draw (team ``i`` = ``teams[i]``)."""

    pot_teams: NDArray[np.int64]  # (P, G)
    team_pot: NDArray[np.int64]  # (T,)
    conf: NDArray[np.int64]  # (T,)
    cap: NDArray[np.int64]  # (C,)
    min_count: NDArray[np.int64]  # (C,)
    placed: NDArray[np.int64]  # (T,) group index or -1


def compile_draw(rules: DrawRules, teams: Sequence[str]) -> DrawArrays:
    """Arrays of the rules over the simulator's team order."""
    index = {t: i for i, t in enumerate(teams)}
    confs = sorted(set(rules.confederation.values()) | set(rules.min_per_group))
    cidx = {c: i for i, c in enumerate(confs)}
    gidx = {g: i for i, g in enumerate(rules.group_names)}
    team_pot = np.zeros(len(teams), np.int64)
    for p, pot in enumerate(rules.pots):
        for t in pot:
            team_pot[index[t]] = p
    placed = np.full(len(teams), -1, np.int64)
    for t, g in rules.placed.items():
        placed[index[t]] = gidx[g]
    return DrawArrays(
        pot_teams=np.array([[index[t] for t in pot] for pot in rules.pots], np.int64),
        team_pot=team_pot,
        conf=np.array([cidx[rules.confederation[t]] for t in teams], np.int64),
        cap=np.array([rules.cap(c) for c in confs], np.int64),
        min_count=np.array([rules.min_per_group.get(c, 0) for c in confs], np.int64),
        placed=placed,
    )


@numba.njit(cache=True)
def draw_in_order_kernel(
    order: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
    n_groups: int,
    n_pots: int,
    slot: NDArray[np.int64],
    budget: int = 0,
    horizon: int = 4,
) -> bool:
    """The first legal draw for the team order ``order`` (placed teams already excluded).

    Fills ``slot[g, p]`` (team of pot ``p`` in group ``g``); False when no legal draw
    exists, or when ``budget > 0`` and the search needed more than ``budget`` steps.
    Depth-first search: each team takes the first group that leaves a legal completion,
    backtracking where none does; every step checks the matching conditions of
    :func:`_completable` on the next ``horizon`` pots (0: none).
    """
    steps = 0
    n_conf = cap.shape[0]
    cnt = np.zeros((n_groups, n_conf), np.int64)
    rem = np.zeros(n_conf, np.int64)
    for g in range(n_groups):
        for p in range(n_pots):
            slot[g, p] = -1
    for t in range(team_pot.shape[0]):
        if placed[t] >= 0:
            slot[placed[t], team_pot[t]] = t
            cnt[placed[t], conf[t]] += 1
    n = order.shape[0]
    for k in range(n):
        rem[conf[order[k]]] += 1
    choice = np.zeros(n + 1, np.int64)
    assigned = np.full(n + 1, -1, np.int64)
    # scratch of the matchings: left side up to every (group, missing team) pair, right
    # side up to every team
    size = max(n_groups * n_pots, team_pot.shape[0])
    adj = np.zeros((size, size), np.bool_)
    match_of_right = np.zeros(size, np.int64)
    seen = np.zeros(size, np.bool_)
    left = np.zeros(2 * size, np.int64)
    stacks = np.zeros((3, size + 1), np.int64)
    hall = np.zeros((1 << n_pots) + n_pots if n_pots <= 12 else 0, np.int64)
    k = 0
    while 0 <= k < n:
        steps += 1
        if budget > 0 and steps > budget:
            return False
        t = order[k]
        p, c = team_pot[t], conf[t]
        if assigned[k] >= 0:  # back here after a dead end further on: undo, try the next
            g0 = assigned[k]
            slot[g0, p] = -1
            cnt[g0, c] -= 1
            rem[c] += 1
            assigned[k] = -1
        g = choice[k]
        while g < n_groups:
            if slot[g, p] < 0 and _fits(g, c, cnt, rem, cap, min_count):
                slot[g, p] = t
                cnt[g, c] += 1
                ok = horizon == 0 or _completable(
                    k + 1, order, team_pot, conf, cap, min_count, slot, cnt,
                    adj, match_of_right, seen, left, stacks, horizon, hall,
                )
                slot[g, p] = -1
                cnt[g, c] -= 1
                if ok:
                    break
            g += 1
        if g < n_groups:
            slot[g, p] = t
            cnt[g, c] += 1
            rem[c] -= 1
            assigned[k] = g
            choice[k] = g + 1
            k += 1
            choice[k] = 0
            assigned[k] = -1
        else:
            choice[k] = 0
            k -= 1
    return bool(k == n)


@numba.njit(cache=True, inline="always")
def _uniform(state: NDArray[np.uint64]) -> float:
    state[0] += _GOLDEN
    z = state[0]
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    z = z ^ (z >> _S31)
    return float(z >> _S11) * _INV53


@numba.njit(cache=True)
def draw_kernel(
    state: NDArray[np.uint64],
    pot_teams: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
    order: NDArray[np.int64],
    slot: NDArray[np.int64],
) -> bool:
    """One random draw into ``slot[g, p]``: each pot's unplaced teams in a random order
    (from the SplitMix64 ``state``), then :func:`draw_in_order_kernel`; an order whose
    search passes :data:`SEARCH_BUDGET` steps is drawn again (up to 100 times). ``order``
    is scratch of length T. False when no legal draw was found."""
    n_pots, n_groups = pot_teams.shape
    for _ in range(100):
        n = 0
        for p in range(n_pots):
            start = n
            for j in range(n_groups):
                t = pot_teams[p, j]
                if placed[t] < 0:
                    order[n] = t
                    n += 1
            for i in range(n - 1, start, -1):  # Fisher-Yates within the pot
                j = start + int(_uniform(state) * (i - start + 1))
                order[i], order[j] = order[j], order[i]
        if draw_in_order_kernel(
            order[:n], team_pot, conf, cap, min_count, placed, n_groups, n_pots, slot,
            SEARCH_BUDGET, SEARCH_HORIZON,
        ):
            return True
    return False


@numba.njit(cache=True, parallel=True)
def draw_many_kernel(
    n_draws: int,
    seed: np.uint64,
    pot_teams: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
    out: NDArray[np.int64],
) -> None:
    """``n_draws`` independent draws into ``out[i, g, p]`` (-1 rows where none is legal)."""
    n_pots, n_groups = pot_teams.shape
    for i in numba.prange(n_draws):
        state = np.zeros(1, np.uint64)
        state[0] = seed ^ (np.uint64(i + 1) * _GOLDEN)
        order = np.zeros(team_pot.shape[0], np.int64)
        slot = np.zeros((n_groups, n_pots), np.int64)
        ok = draw_kernel(state, pot_teams, team_pot, conf, cap, min_count, placed, order, slot)
        for g in range(n_groups):
            for p in range(n_pots):
                out[i, g, p] = slot[g, p] if ok else -1


def draw_pool(draw: DrawArrays, n_draws: int, seed: np.uint64) -> NDArray[np.int64]:
    """``n_draws`` draws by the procedure, ``(n_draws, groups, pots)`` team indices.

    Raises
    ------
    RuntimeError
        A draw found no legal completion (the format's parser checked that one exists).
    """
    n_pots, n_groups = draw.pot_teams.shape
    out = np.zeros((n_draws, n_groups, n_pots), np.int64)
    draw_many_kernel(n_draws, seed, draw.pot_teams, draw.team_pot, draw.conf, draw.cap,
                     draw.min_count, draw.placed, out)
    if (out[:, 0, 0] < 0).any():
        raise RuntimeError("a simulated draw found no legal completion")
    return out


def draw_in_order(rules: DrawRules, order: Sequence[str]) -> dict[str, tuple[str, ...]] | None:
    """The draw the procedure gives when the unplaced teams come out in ``order``.

    Returns ``None`` when no legal draw exists (or none was found in 10 x
    :data:`SEARCH_BUDGET` search steps).
    """
    teams = rules.teams
    index = {t: i for i, t in enumerate(teams)}
    d = compile_draw(rules, teams)
    n_pots, n_groups = d.pot_teams.shape
    slot = np.zeros((n_groups, n_pots), np.int64)
    seq = np.array([index[t] for t in order], np.int64)
    if not draw_in_order_kernel(seq, d.team_pot, d.conf, d.cap, d.min_count, d.placed,
                                n_groups, n_pots, slot, 10 * SEARCH_BUDGET, SEARCH_HORIZON):
        return None
    return {g: tuple(teams[slot[k, p]] for p in range(n_pots))
            for k, g in enumerate(rules.group_names)}


def random_draw(rules: DrawRules, rng: random.Random) -> dict[str, tuple[str, ...]] | None:
    """One draw in plain Python: each pot's unplaced teams shuffled, then :func:`draw_in_order`."""
    order: list[str] = []
    for pot in rules.pots:
        rest = [t for t in pot if t not in rules.placed]
        rng.shuffle(rest)
        order += rest
    return draw_in_order(rules, order)


def producible(rules: DrawRules, groups: Mapping[str, Sequence[str]]) -> bool:
    """Whether the procedure can give this draw: some order of the teams, pot by pot, in
    which each team's group is the first open to it (a greedy search over the orders)."""
    return producing_order(rules, groups) is not None


def producing_order(rules: DrawRules, groups: Mapping[str, Sequence[str]]) -> list[str] | None:
    """An order of the unplaced teams, pot by pot, for which the procedure gives exactly
    this draw (a greedy search over the orders), or None when it finds none."""
    group_of = {t: g for g, ts in groups.items() for t in ts}
    order: list[str] = []
    for pot in rules.pots:
        pending = [t for t in pot if t not in rules.placed]
        while pending:
            for t in pending:
                trial = draw_in_order(rules, [*order, t, *_rest_in_real_groups(rules, order, t)])
                if trial is not None and group_of[t] in trial and t in trial[group_of[t]]:
                    order.append(t)
                    pending.remove(t)
                    break
            else:
                return None
    final = draw_in_order(rules, order)
    if final is None or not all(set(final[g]) == set(groups[g]) for g in groups):
        return None
    return order


def _rest_in_real_groups(rules: DrawRules, order: list[str], team: str) -> list[str]:
    done = set(order) | {team} | set(rules.placed)
    return [t for pot in rules.pots for t in pot if t not in done]
