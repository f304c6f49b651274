"""The compiled Monte Carlo kernel: whole tournaments, one per simulation, in parallel.

Each simulation plays every group match (inverse-CDF sampling of the 90-minute score grid
of the pair), ranks each group with the format's tie-breakers, ranks and allocates the best
third-placed teams, then plays the bracket: a knockout match level after 90 minutes goes to
30 minutes of extra time (independent Poisson goals at one third of the 90-minute rates),
then to a shoot-out.

Randomness: simulation ``i`` of a run with seed ``s`` draws from its own SplitMix64 stream
seeded by a hash of ``(s, i)``, so results do not depend on the batch size or the number of
threads, and a run of ``n`` simulations is a prefix of a run of ``2n``.

Before the draw (a format with pots), each simulation first draws its own groups by FIFA's
procedure with its own stream (:func:`scoreline.tournament.draw_solver.fresh_draw`), then
plays them; or, when given a pool of draws made up front
(:func:`scoreline.tournament.draw.draw_pool`), plays the groups of one it picks.

"Hot" simulations (FiveThirtyEight's approach) let form carry within one simulated
tournament: each team gets a strength shift ``d`` (log goal-rate units, 0 at the start).
A match between home ``i`` and away ``j`` is drawn from the pair's grid exponentially tilted
by ``exp(theta * (h - a))`` with ``theta = d_i - d_j``, which multiplies the home rate by
``e**theta`` and the away rate by ``e**-theta`` (exact for independent Poisson goals). After
each simulated result, ``d_i += k * (goal difference - expected goal difference)`` and
``d_j -= `` the same (an Elo-like, zero-sum update; ``k = 0.05`` by default, so beating
expectations by two goals makes a team about 10 % more potent, 10 % less leaky).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.draw import DrawArrays, compile_draw
from scoreline.tournament.draw_solver import draw_scratch, fast_solver_applies, fresh_draw
from scoreline.tournament.format import THIRD_PLACE_ROUND, TournamentFormat
from scoreline.tournament.format_types import BEST_PLACED_SLOT
from scoreline.tournament.group_ranking import _CODES, rank_teams, work_size
from scoreline.tournament.jit import numba
from scoreline.tournament.match_sampling import (
    _GOLDEN,
    _mix,
    _play90,
    _poisson,
    _two_legs,
    _uniform,
    cdf_guide,
)

__all__ = [
    "_CODES",
    "CompiledFormat",
    "compile_format",
    "count_kernel",
    "rank_teams",
    "round_robin",
    "simulate_kernel",
    "work_size",
]

SLOT_POSITION, SLOT_THIRD, SLOT_WINNER, SLOT_LOSER, SLOT_TEAM = range(5)


@dataclass(frozen=True)
class CompiledFormat:
    """A format as integer arrays for the kernel (team ``i`` = ``TournamentFormat.teams[i]``)."""

    teams: list[str]
    group_teams: NDArray[np.int64]  # (G, S) team indices
    pair_a: NDArray[np.int64]  # (P,) local index of the first-named team of each group match
    pair_b: NDArray[np.int64]
    group_criteria: NDArray[np.int64]
    third_criteria: NDArray[np.int64]
    n_thirds: int
    allocation: NDArray[np.int64]  # (2**G, n_thirds) group of the third in each third slot
    best_position: int  # group position (0 = winner) of the best-placed teams: 2, thirds
    ko_kind: NDArray[np.int64]  # (M, 2) SLOT_* of home, away
    ko_arg: NDArray[np.int64]  # (M, 2)
    ko_round: NDArray[np.int64]  # (M,) round index, -1 for the third-place match
    final: int  # index of the final in the bracket
    n_rounds: int
    ko_extra_time: NDArray[np.bool_]  # (M,) whether a level match goes to extra time
    draw: DrawArrays | None = None  # before the draw: every simulation draws its groups
    ko_legs: NDArray[np.bool_] | None = None  # (M,) whether the tie has two legs
    ko_away_goals: NDArray[np.bool_] | None = None  # (M,) away goals decide a level tie


def round_robin(size: int) -> list[tuple[int, int]]:
    """Group matches as (first-named, second-named) local indices, matchday by matchday."""
    teams = list(range(size)) + ([-1] if size % 2 else [])
    n = len(teams)
    pairs = []
    for _ in range(n - 1):
        for k in range(n // 2):
            a, b = teams[k], teams[n - 1 - k]
            if a >= 0 and b >= 0:
                pairs.append((min(a, b), max(a, b)))
        teams = [teams[0], teams[-1], *teams[1:-1]]
    return pairs


def compile_format(fmt: TournamentFormat) -> CompiledFormat:
    """Turn a validated format into the kernel's arrays."""
    teams = fmt.teams
    index = {t: i for i, t in enumerate(teams)}
    gnames = list(fmt.groups)
    gidx = {g: i for i, g in enumerate(gnames)}
    group_teams = np.array(
        [[index[t] for t in fmt.groups[g]] for g in gnames], dtype=np.int64
    ).reshape(len(gnames), fmt.group_size)
    entrants = set(fmt.entrants)
    pairs = round_robin(fmt.group_size)
    numbers = {m.number: k for k, m in enumerate(fmt.matches)}
    third_keys: list[str] = []
    kind = np.zeros((len(fmt.matches), 2), dtype=np.int64)
    arg = np.zeros((len(fmt.matches), 2), dtype=np.int64)
    for k, m in enumerate(fmt.matches):
        for side, (slot, other) in enumerate(((m.home, m.away), (m.away, m.home))):
            if slot in entrants:
                kind[k, side], arg[k, side] = SLOT_TEAM, index[slot]
            elif BEST_PLACED_SLOT.match(slot):
                kind[k, side], arg[k, side] = SLOT_THIRD, len(third_keys)
                third_keys.append(other)
            elif slot[0] in "WL" and slot[1:].isdigit():
                kind[k, side] = SLOT_WINNER if slot[0] == "W" else SLOT_LOSER
                arg[k, side] = numbers[int(slot[1:])]
            else:
                kind[k, side] = SLOT_POSITION
                arg[k, side] = gidx[slot[1:]] * fmt.group_size + int(slot[0]) - 1
    n_thirds = len(third_keys)
    allocation = np.full((2 ** len(gnames) if n_thirds else 1, max(n_thirds, 1)), -1, np.int64)
    if fmt.best_thirds is not None:
        for qualifying, row in fmt.best_thirds.allocation.items():
            mask = sum(1 << gidx[g] for g in qualifying)
            allocation[mask] = [gidx[row[key]] for key in third_keys]
    bt = fmt.best_thirds
    return CompiledFormat(
        teams=teams,
        group_teams=group_teams,
        pair_a=np.array([a for a, _ in pairs], dtype=np.int64),
        pair_b=np.array([b for _, b in pairs], dtype=np.int64),
        group_criteria=np.array([_CODES[c] for c in fmt.group_tiebreakers], dtype=np.int64),
        third_criteria=np.array(
            [_CODES[c] for c in (bt.ranking if bt else ("points",))], dtype=np.int64
        ),
        n_thirds=n_thirds,
        allocation=allocation,
        best_position=(bt.position - 1) if bt else 2,
        ko_kind=kind,
        ko_arg=arg,
        ko_round=np.array(
            [-1 if m.round == THIRD_PLACE_ROUND else fmt.rounds.index(m.round) for m in fmt.matches],
            dtype=np.int64,
        ),
        final=next(k for k, m in enumerate(fmt.matches) if m.round == fmt.rounds[-1]),
        n_rounds=len(fmt.rounds),
        ko_extra_time=np.array([fmt.has_extra_time(m.round) for m in fmt.matches], np.bool_),
        draw=compile_draw(fmt.draw, teams) if fmt.draw is not None else None,
        ko_legs=np.array([fmt.is_two_legged(m.round) for m in fmt.matches], np.bool_),
        ko_away_goals=np.array(
            [fmt.away_goals and fmt.is_two_legged(m.round) for m in fmt.matches], np.bool_
        ),
    )


def simulate_kernel(
    first_sim: int,
    n_sims: int,
    seed: np.uint64,
    group_teams: NDArray[np.int64],
    pair_a: NDArray[np.int64],
    pair_b: NDArray[np.int64],
    group_criteria: NDArray[np.int64],
    third_criteria: NDArray[np.int64],
    n_thirds: int,
    allocation: NDArray[np.int64],
    ko_kind: NDArray[np.int64],
    ko_arg: NDArray[np.int64],
    ko_round: NDArray[np.int64],
    final: int,
    n_rounds: int,
    pmf: NDArray[np.float64],
    cdf: NDArray[np.float64],
    mean_diff: NDArray[np.float64],
    et_home: NDArray[np.float64],
    et_away: NDArray[np.float64],
    p_shootout: NDArray[np.float64],
    fixed_home: NDArray[np.int64],
    fixed_away: NDArray[np.int64],
    fixed_winner: NDArray[np.int64],
    fixed_order: NDArray[np.int64],
    extra_time: NDArray[np.bool_] | bool,
    hot: bool,
    hot_k: float,
    stage_out: NDArray[np.int8],
    position_out: NDArray[np.int8],
    draw_pool: NDArray[np.int64] | None = None,
    best_position: int = 2,
    ko_legs: NDArray[np.bool_] | None = None,
    ko_away_goals: NDArray[np.bool_] | None = None,
    leg_grids: tuple[NDArray[np.float64], ...] | None = None,
    draw: DrawArrays | None = None,
) -> None:
    """Simulate tournaments ``first_sim .. first_sim + n_sims - 1`` (see :func:`_kernel`).

    ``extra_time`` is one flag for every knockout match (``TournamentFormat.extra_time``) or
    the flag of each match (``CompiledFormat.ko_extra_time``: the Copa America plays extra
    time in the final only). ``draw_pool`` (``(K, groups, group size)`` team indices, from
    :func:`scoreline.tournament.draw.draw_pool`): each simulation plays the groups of a
    draw it picks from the pool with its own random stream. ``draw`` (the rules of a format
    before the draw, with no pool): each simulation makes its own draw.

    ``ko_legs`` / ``ko_away_goals`` (``CompiledFormat``): two-legged ties, and whether away
    goals decide them; ``leg_grids`` = ``(pmf, cdf, mean_diff, et_home, et_away)`` of the
    pairs with the first-named team at home (not neutral), for the legs of those ties.
    """
    pool = draw_pool if draw_pool is not None else _NO_POOL
    fresh = draw is not None and draw_pool is None
    rules = draw if draw is not None else _NO_DRAW
    n_ko = ko_kind.shape[0]
    legs = ko_legs if ko_legs is not None else np.zeros(n_ko, np.bool_)
    away = ko_away_goals if ko_away_goals is not None else np.zeros(n_ko, np.bool_)
    if leg_grids is None:
        leg_grids = (pmf, cdf, mean_diff, et_home, et_away)
    leg_pmf, leg_cdf, leg_mean_diff, leg_et_home, leg_et_away = leg_grids
    guide, flag = cdf_guide(cdf)
    leg_guide = guide if leg_cdf is cdf else cdf_guide(leg_cdf)[0]
    if isinstance(extra_time, bool | np.bool_):
        et = np.full(ko_kind.shape[0], bool(extra_time), np.bool_)
    else:
        et = np.ascontiguousarray(extra_time, dtype=np.bool_)
    _kernel(
        first_sim,
        n_sims,
        seed,
        group_teams,
        pair_a,
        pair_b,
        group_criteria,
        third_criteria,
        n_thirds,
        allocation,
        ko_kind,
        ko_arg,
        ko_round,
        final,
        n_rounds,
        pmf,
        cdf,
        guide,
        flag,
        mean_diff,
        et_home,
        et_away,
        p_shootout,
        fixed_home,
        fixed_away,
        fixed_winner,
        fixed_order,
        et,
        hot,
        hot_k,
        stage_out,
        position_out,
        pool,
        np.ascontiguousarray(legs, dtype=np.bool_),
        np.ascontiguousarray(away, dtype=np.bool_),
        leg_pmf,
        leg_cdf,
        leg_guide,
        leg_mean_diff,
        leg_et_home,
        leg_et_away,
        best_position,
        fresh,
        fast_solver_applies(rules),
        rules.pot_teams,
        rules.team_pot,
        rules.conf,
        rules.cap,
        rules.min_count,
        rules.placed,
    )


_NO_POOL = np.zeros((0, 1, 1), np.int64)
_NO_DRAW = DrawArrays(
    pot_teams=np.zeros((1, 1), np.int64),
    team_pot=np.zeros(1, np.int64),
    conf=np.zeros(1, np.int64),
    cap=np.ones(1, np.int64),
    min_count=np.zeros(1, np.int64),
    placed=np.full(1, -1, np.int64),
)


# nogil: a server computes simulations on worker threads while its event loop answers
# other requests; a kernel holding the interpreter lock for seconds would freeze them
@numba.njit(cache=True, parallel=True, nogil=True)
def _kernel(
    first_sim: int,
    n_sims: int,
    seed: np.uint64,
    group_teams: NDArray[np.int64],
    pair_a: NDArray[np.int64],
    pair_b: NDArray[np.int64],
    group_criteria: NDArray[np.int64],
    third_criteria: NDArray[np.int64],
    n_thirds: int,
    allocation: NDArray[np.int64],
    ko_kind: NDArray[np.int64],
    ko_arg: NDArray[np.int64],
    ko_round: NDArray[np.int64],
    final: int,
    n_rounds: int,
    pmf: NDArray[np.float64],
    cdf: NDArray[np.float64],
    guide: NDArray[np.unsignedinteger],
    flag: int,
    mean_diff: NDArray[np.float64],
    et_home: NDArray[np.float64],
    et_away: NDArray[np.float64],
    p_shootout: NDArray[np.float64],
    fixed_home: NDArray[np.int64],
    fixed_away: NDArray[np.int64],
    fixed_winner: NDArray[np.int64],
    fixed_order: NDArray[np.int64],
    extra_time: NDArray[np.bool_],
    hot: bool,
    hot_k: float,
    stage_out: NDArray[np.int8],
    position_out: NDArray[np.int8],
    draw_pool: NDArray[np.int64],
    ko_legs: NDArray[np.bool_],
    ko_away_goals: NDArray[np.bool_],
    leg_pmf: NDArray[np.float64],
    leg_cdf: NDArray[np.float64],
    leg_guide: NDArray[np.unsignedinteger],
    leg_mean_diff: NDArray[np.float64],
    leg_et_home: NDArray[np.float64],
    leg_et_away: NDArray[np.float64],
    best_position: int,
    fresh: bool,
    fast: bool,
    pot_teams: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
) -> None:
    """Simulate tournaments ``first_sim .. first_sim + n_sims - 1`` into the output rows.

    ``stage_out[i, t]``: furthest stage of team ``t`` (0 out in the group, ``r + 1`` reached
    knockout round ``r``, ``n_rounds + 1`` champion); ``position_out[i, t]``: group position
    (0 = winner; -1 for an entrant, which plays no group). ``fixed_home[i, j] >= 0`` fixes the group match i-j at that score,
    ``fixed_winner[i, j] >= 0`` the winner of a knockout match between i and j;
    ``fixed_order[g, 0] >= 0`` fixes the final order of group ``g`` (all its matches fixed).
    ``fresh``: each simulation first draws its groups by the rules ``pot_teams`` ..
    ``placed`` (:class:`scoreline.tournament.draw.DrawArrays`; ``fast``: the fast search
    handles them); else ``draw_pool`` (when not empty) gives them.
    """
    n_groups, size = group_teams.shape
    n_teams = pmf.shape[0]
    n_ko = ko_kind.shape[0]
    chunk = 256
    n_chunks = (n_sims + chunk - 1) // chunk
    for c in numba.prange(n_chunks):
        state = np.zeros(1, np.uint64)
        shift = np.zeros(n_teams, np.float64)
        pts = np.zeros(n_teams, np.int64)
        gd = np.zeros(n_teams, np.int64)
        gf = np.zeros(n_teams, np.int64)
        wins = np.zeros(n_teams, np.int64)
        l_pts = np.zeros(size, np.int64)
        l_gd = np.zeros(size, np.int64)
        l_gf = np.zeros(size, np.int64)
        l_wins = np.zeros(size, np.int64)
        goals = np.zeros((size, size), np.int64)
        order = np.zeros(max(size, n_groups), np.int64)
        ranked = np.zeros((n_groups, size), np.int64)
        t_pts = np.zeros(n_groups, np.int64)
        t_gd = np.zeros(n_groups, np.int64)
        t_gf = np.zeros(n_groups, np.int64)
        t_wins = np.zeros(n_groups, np.int64)
        no_goals = np.zeros((n_groups, n_groups), np.int64)
        third_team = np.zeros(max(n_thirds, 1), np.int64)
        winner = np.zeros(n_ko, np.int64)
        loser = np.zeros(n_ko, np.int64)
        ti, tj, h, w = 0, 0, 0, 0
        side = int(math.sqrt(cdf.shape[2]) + 0.5)
        tilt = np.zeros(2 * side - 1, np.float64)
        nmax = max(size, n_groups)
        work = np.zeros((5, work_size(nmax, max(group_criteria.shape[0], third_criteria.shape[0]))), np.int64)
        keys = np.zeros(nmax, np.float64)
        theta = 0.0
        gt = group_teams.copy()
        n_pool = draw_pool.shape[0]
        (d_order, d_slot, d_cnt, d_rem, d_bits, d_choice, d_assigned, d_hall, d_forced_pot,
         d_forced_conf, d_masks, d_zobrist, d_dead) = draw_scratch(
            team_pot.shape[0], pot_teams.shape[1], pot_teams.shape[0], cap.shape[0], fresh)
        for i in range(c * chunk, min((c + 1) * chunk, n_sims)):
            row = i
            state[0] = _mix(seed ^ _mix(np.uint64(first_sim + i + 1) * _GOLDEN))
            if fresh:  # before the draw: this simulation draws its groups
                # (a draw that found no completion, which the format's check rules out,
                # would leave the previous simulation's groups)
                if fresh_draw(
                    state, pot_teams, team_pot, conf, cap, min_count, placed, fast, d_order,
                    d_slot, d_cnt, d_rem, d_bits, d_choice, d_assigned, d_hall, d_forced_pot,
                    d_forced_conf, d_masks, d_zobrist, d_dead,
                ):
                    for g in range(n_groups):
                        for p in range(size):
                            gt[g, p] = d_slot[g, p]
            elif n_pool > 0:  # before the draw: this simulation's groups from the pool
                k = min(int(_uniform(state) * n_pool), n_pool - 1)
                for g in range(n_groups):
                    for p in range(size):
                        gt[g, p] = draw_pool[k, g, p]
            if hot:
                shift[:] = 0.0
            for t in range(n_teams):
                stage_out[row, t] = 0
                position_out[row, t] = -1
            # group stage
            for g in range(n_groups):
                for p in range(size):
                    l_pts[p] = 0
                    l_gd[p] = 0
                    l_gf[p] = 0
                    l_wins[p] = 0
                for m in range(pair_a.shape[0]):
                    a, b = pair_a[m], pair_b[m]
                    ti, tj = gt[g, a], gt[g, b]
                    if fixed_home[ti, tj] >= 0:
                        h, w = fixed_home[ti, tj], fixed_away[ti, tj]
                    else:
                        h, w, _ = _play90(
                            ti, tj, pmf, cdf, guide, flag, mean_diff, shift, hot, hot_k, state, tilt
                        )
                    goals[a, b] = h
                    goals[b, a] = w
                    l_gf[a] += h
                    l_gf[b] += w
                    l_gd[a] += h - w
                    l_gd[b] += w - h
                    if h > w:
                        l_pts[a] += 3
                        l_wins[a] += 1
                    elif h < w:
                        l_pts[b] += 3
                        l_wins[b] += 1
                    else:
                        l_pts[a] += 1
                        l_pts[b] += 1
                if fixed_order[g, 0] >= 0:
                    for p in range(size):
                        for q in range(size):
                            if gt[g, q] == fixed_order[g, p]:
                                order[p] = q
                else:
                    rank_teams(
                        size, l_pts, l_gd, l_gf, l_wins, goals, group_criteria, state, order,
                        work, keys,
                    )
                for p in range(size):
                    t = gt[g, order[p]]
                    ranked[g, p] = t
                    position_out[row, t] = p
                    pts[t] = l_pts[order[p]]
                    gd[t] = l_gd[order[p]]
                    gf[t] = l_gf[order[p]]
                    wins[t] = l_wins[order[p]]
            # best third-placed teams
            if n_thirds > 0:
                for g in range(n_groups):
                    t = ranked[g, best_position]
                    t_pts[g], t_gd[g], t_gf[g], t_wins[g] = pts[t], gd[t], gf[t], wins[t]
                rank_teams(
                    n_groups, t_pts, t_gd, t_gf, t_wins, no_goals, third_criteria, state, order,
                    work, keys,
                )
                mask = 0
                for k in range(n_thirds):
                    mask |= 1 << order[k]
                for k in range(n_thirds):
                    third_team[k] = ranked[allocation[mask, k], best_position]
            # knockout bracket
            for m in range(n_ko):
                for side in range(2):
                    kind, arg = ko_kind[m, side], ko_arg[m, side]
                    if kind == SLOT_POSITION:
                        t = ranked[arg // size, arg % size]
                    elif kind == SLOT_THIRD:
                        t = third_team[arg]
                    elif kind == SLOT_WINNER:
                        t = winner[arg]
                    elif kind == SLOT_LOSER:
                        t = loser[arg]
                    else:
                        t = arg
                    if side == 0:
                        ti = t
                    else:
                        tj = t
                if fixed_winner[ti, tj] >= 0:
                    win = fixed_winner[ti, tj]
                elif ko_legs[m]:
                    win = _two_legs(
                        ti, tj, extra_time[m], ko_away_goals[m], leg_pmf, leg_cdf, leg_guide,
                        flag, leg_mean_diff, leg_et_home, leg_et_away, p_shootout, shift, hot,
                        hot_k, state, tilt,
                    )
                else:
                    h, w, theta = _play90(
                        ti, tj, pmf, cdf, guide, flag, mean_diff, shift, hot, hot_k, state, tilt
                    )
                    if h == w and extra_time[m]:
                        f = math.exp(theta)
                        h += _poisson(et_home[ti, tj] * f, state)
                        w += _poisson(et_away[ti, tj] / f, state)
                    if h == w:
                        win = ti if _uniform(state) < p_shootout[ti, tj] else tj
                    else:
                        win = ti if h > w else tj
                winner[m] = win
                loser[m] = tj if win == ti else ti
                r = ko_round[m]
                if r >= 0:
                    stage_out[row, ti] = max(stage_out[row, ti], r + 1)
                    stage_out[row, tj] = max(stage_out[row, tj], r + 1)
            stage_out[row, winner[final]] = n_rounds + 1


@numba.njit(cache=True, nogil=True)
def count_kernel(values: NDArray[np.int8], counts: NDArray[np.int64]) -> None:
    """Add to ``counts[t, v]`` the rows of ``values`` in which column ``t`` equals ``v``
    (negative values, such as the group position of an entrant, are not counted)."""
    for i in range(values.shape[0]):
        for t in range(values.shape[1]):
            v = values[i, t]
            if v >= 0:
                counts[t, v] += 1
