"""The draw procedure compiled for one fresh draw per simulation.

The same procedure as :func:`scoreline.tournament.draw.draw_in_order_kernel` (pots in order,
each team to the first group, alphabetically, that leaves a legal completion; a depth-first
search that backtracks out of dead ends), with cheaper pruning
(:mod:`scoreline.tournament.draw_solver_pruning`), so that a simulation can make its own
draw in microseconds instead of picking one from a pool made up front:

- teams of one confederation in one pot are interchangeable for every rule, so the pot
  matching of the reference search becomes Hall's condition over the kinds of open slot
  (the sets of confederations they accept): family by family of kinds when there are up
  to three, else by sums over the subsets of the confederations left in the pot;
- a confederation with a minimum of one per group is checked by Hall's condition over sets
  of pots, which also finds the slots that must take it, and is not checked again after a
  placement it cannot see;
- what the checks need (open pots per group, confederations below their cap, teams left
  per confederation and pot) is kept as bit sets as the search moves, every scratch array
  is allocated once per thread, and dead states are remembered (:func:`solve_in_order`);
- an order whose quick search runs long (about one in 400 for 2026) is searched again
  with stronger pruning (every later pot, and each confederation's teams left in several
  pots against the room under its cap).

Both searches are sound (a state they reject has no legal completion), so for the same
order of the balls they give the same draw: the lexicographically first legal one. The
fast search covers minimums of at most one per group, up to 12 pots and 62
confederations; other rules use the reference search (:func:`fast_solver_applies`).

Randomness: :func:`fresh_draw` shuffles each pot's unplaced teams with the caller's
SplitMix64 stream (the simulation's own stream inside the simulation kernel), so a seeded
run is reproducible and its draws do not depend on the batch size or the thread count.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.draw import (
    SEARCH_BUDGET,
    SEARCH_HORIZON,
    DrawArrays,
    draw_in_order_kernel,
)
from scoreline.tournament.draw_solver_pruning import (
    _BELOW,
    _HAS,
    _OPEN,
    _PRESENT,
    _REM_POTS,
    MASKS_SCRATCH,
    _minimums_untouched,
    _minimums_viable,
    _place,
    _pots_viable,
    _unplace,
)
from scoreline.tournament.jit import numba
from scoreline.tournament.match_sampling import _GOLDEN, _mix, _uniform

MAX_FAST_POTS = 12
"""Most pots the fast search handles (its Hall check over pots has ``2**pots`` sets)."""
MAX_FAST_CONFEDERATIONS = 62
"""Most confederations the fast search handles (sets of them are bits of an int64)."""
DRAW_ATTEMPTS = 100
"""Orders of the balls tried for one draw before giving up (one is nearly always enough:
an order is drawn again only when its search passes :data:`SEARCH_BUDGET` steps)."""
QUICK_BUDGET = 200
"""Steps of the quick search (pruning on the pot being drawn and the minimums only) before
the thorough one takes over the order: about one order in a hundred needs more than the
45 steps of a search without dead ends."""
DEAD_TABLE = 1 << 14
"""Entries of the table of dead states of one search (a power of two; filled at most half)."""


def fast_solver_applies(draw: DrawArrays) -> bool:
    """Whether the fast search handles these rules (else the reference search runs)."""
    n_pots = draw.pot_teams.shape[0]
    return bool(
        n_pots <= MAX_FAST_POTS
        and draw.cap.shape[0] <= MAX_FAST_CONFEDERATIONS
        and (draw.min_count <= 1).all()
    )


@numba.njit(cache=True)
def solve_in_order(
    order: NDArray[np.int64],
    n: int,
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
    slot: NDArray[np.int64],
    cnt: NDArray[np.int64],
    rem: NDArray[np.int64],
    bits: NDArray[np.int64],
    choice: NDArray[np.int64],
    assigned: NDArray[np.int64],
    hall: NDArray[np.int64],
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
    masks: NDArray[np.int64],
    zobrist: NDArray[np.uint64],
    dead: NDArray[np.uint64],
    budget: int,
    strong: bool,
) -> bool:
    """The first legal draw for the balls ``order[:n]`` (placed teams excluded), into
    ``slot[g, p]``; False when none exists or the search passed ``budget`` steps (> 0).

    Dead ends are remembered: a state is the set of (group, pot, confederation) of the
    teams drawn so far (which teams they are does not matter to any rule, and the balls
    left are those after it in ``order``), hashed by XOR of ``zobrist[g, p, c]``; a state
    from which no team could go on is stored in ``dead`` (open addressing, 0 = empty) and
    never searched again. Orders of interchangeable teams reach the same dead states
    again and again when a choice in pot 3 leaves pot 4 no completion.

    Scratch (see :func:`draw_scratch`): ``cnt`` (groups, confederations), ``rem``
    (confederations, pots), ``bits`` (5, max(groups, confederations, pots)), ``choice``
    and ``assigned`` (n + 1), ``hall`` (2 * 2**pots), ``forced_pot`` / ``forced_conf``
    (groups), ``masks`` (2 * groups); ``zobrist`` (groups, pots, confederations) random
    keys, ``dead`` a table of zeros (a power of two long, left zeroed on return).
    """
    n_groups, n_pots = slot.shape
    n_conf = cap.shape[0]
    for g in range(n_groups):
        for p in range(n_pots):
            slot[g, p] = -1
        for c in range(n_conf):
            cnt[g, c] = 0
    for c in range(n_conf):
        for p in range(n_pots):
            rem[c, p] = 0
    for t in range(team_pot.shape[0]):
        if placed[t] >= 0:
            slot[placed[t], team_pot[t]] = t
            cnt[placed[t], conf[t]] += 1
    for k in range(n):
        rem[conf[order[k]], team_pot[order[k]]] += 1
    for r in range(bits.shape[0]):
        for i in range(bits.shape[1]):
            bits[r, i] = 0
    for g in range(n_groups):
        for p in range(n_pots):
            if slot[g, p] < 0:
                bits[_OPEN, g] |= 1 << p
        for c in range(n_conf):
            if cnt[g, c] < cap[c]:
                bits[_BELOW, g] |= 1 << c
            if cnt[g, c] > 0:
                bits[_HAS, g] |= 1 << c
    for c in range(n_conf):
        for p in range(n_pots):
            if rem[c, p] > 0:
                bits[_REM_POTS, c] |= 1 << p
                bits[_PRESENT, p] |= 1 << c
    for k in range(n + 1):
        choice[k] = 0
        assigned[k] = -1
    mask = np.uint64(dead.shape[0] - 1)
    n_dead = 0
    key = np.uint64(0)
    # the forced slots of the minimum checks hold for the state of key forced_key (when
    # forced_ok); a placement the minimums do not see keeps them, and spares the check
    forced_key = np.uint64(0)
    forced_ok = False
    steps = 0
    k = 0
    while 0 <= k < n:
        steps += 1
        if budget > 0 and steps > budget:
            break
        t = order[k]
        p, c = team_pot[t], conf[t]
        if assigned[k] >= 0:  # back here after a dead end further on: undo, try the next
            g0 = assigned[k]
            _unplace(g0, p, c, slot, cnt, rem, cap, bits)
            key ^= zobrist[g0, p, c]
            assigned[k] = -1
            g = choice[k]
        elif n_dead > 0 and _known_dead(key, dead, mask):
            g = n_groups
        else:
            g = choice[k]
        while g < n_groups:
            if slot[g, p] < 0 and cnt[g, c] < cap[c]:
                _place(g, p, c, t, slot, cnt, rem, cap, bits)
                after = key ^ zobrist[g, p, c]
                if forced_ok and forced_key == key and _minimums_untouched(g, p, c, min_count, bits):
                    ok = True
                else:
                    ok = _minimums_viable(rem, min_count, bits, hall, forced_pot, forced_conf)
                    forced_ok = ok
                forced_key = after
                if ok and _pots_viable(p, rem, cnt, cap, bits, strong, forced_pot, forced_conf,
                                       masks):
                    break
                _unplace(g, p, c, slot, cnt, rem, cap, bits)
            g += 1
        if g < n_groups:
            key ^= zobrist[g, p, c]
            assigned[k] = g
            choice[k] = g + 1
            k += 1
            choice[k] = 0
            assigned[k] = -1
        else:
            if 2 * n_dead + 2 <= dead.shape[0] and _remember_dead(key, dead, mask):
                n_dead += 1
            choice[k] = 0
            k -= 1
    if n_dead > 0:
        dead[:] = 0
    return bool(k == n)


@numba.njit(cache=True, inline="always")
def _known_dead(key: np.uint64, dead: NDArray[np.uint64], mask: np.uint64) -> bool:
    """Whether ``key`` is in the table (linear probing up to an empty entry)."""
    key = key | np.uint64(1)  # 0 marks an empty entry
    i = key & mask
    while dead[i] != 0:
        if dead[i] == key:
            return True
        i = (i + np.uint64(1)) & mask
    return False


@numba.njit(cache=True, inline="always")
def _remember_dead(key: np.uint64, dead: NDArray[np.uint64], mask: np.uint64) -> bool:
    """Store ``key``; False when it was there already."""
    key = key | np.uint64(1)
    i = key & mask
    while dead[i] != 0:
        if dead[i] == key:
            return False
        i = (i + np.uint64(1)) & mask
    dead[i] = key
    return True


@numba.njit(cache=True)
def draw_scratch(
    n_teams: int, n_groups: int, n_pots: int, n_conf: int, remember: bool = True
) -> tuple[
    NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64],
    NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64],
    NDArray[np.int64], NDArray[np.int64], NDArray[np.int64],
    NDArray[np.uint64], NDArray[np.uint64],
]:
    """Scratch of one thread for :func:`fresh_draw`: order, slot, cnt, rem, bits, choice,
    assigned, hall, forced_pot, forced_conf, masks, zobrist (fixed random keys), dead (a
    table of one entry when not ``remember``: for a caller that makes no draw)."""
    zobrist = np.zeros((n_groups, n_pots, n_conf), np.uint64)
    z = np.zeros(1, np.uint64)
    z[0] = np.uint64(0x5C0E11E5D4A3)  # fixed: the keys only need to differ from each other
    for g in range(n_groups):
        for p in range(n_pots):
            for c in range(n_conf):
                z[0] += _GOLDEN
                zobrist[g, p, c] = _mix(z[0])
    return (
        np.zeros(n_teams, np.int64),
        np.zeros((n_groups, n_pots), np.int64),
        np.zeros((n_groups, n_conf), np.int64),
        np.zeros((n_conf, n_pots), np.int64),
        np.zeros((5, max(n_groups, n_conf, n_pots)), np.int64),
        np.zeros(n_teams + 1, np.int64),
        np.zeros(n_teams + 1, np.int64),
        np.zeros(2 << min(n_pots, MAX_FAST_POTS), np.int64),
        np.zeros(n_groups, np.int64),
        np.zeros(n_groups, np.int64),
        np.zeros(2 * n_groups + MASKS_SCRATCH, np.int64),
        zobrist,
        np.zeros(DEAD_TABLE if remember else 1, np.uint64),
    )


@numba.njit(cache=True)
def fresh_draw(
    state: NDArray[np.uint64],
    pot_teams: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
    fast: bool,
    order: NDArray[np.int64],
    slot: NDArray[np.int64],
    cnt: NDArray[np.int64],
    rem: NDArray[np.int64],
    bits: NDArray[np.int64],
    choice: NDArray[np.int64],
    assigned: NDArray[np.int64],
    hall: NDArray[np.int64],
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
    masks: NDArray[np.int64],
    zobrist: NDArray[np.uint64],
    dead: NDArray[np.uint64],
) -> bool:
    """One draw by the procedure into ``slot[g, p]``: each pot's unplaced teams in a random
    order from the SplitMix64 ``state`` (Fisher-Yates within the pot), then the search
    (fast, or the reference one when ``fast`` is False). An order whose search passes
    :data:`SEARCH_BUDGET` steps is drawn again, up to :data:`DRAW_ATTEMPTS` times; False
    when no legal draw was found. Scratch from :func:`draw_scratch`."""
    n_pots, n_groups = pot_teams.shape
    for _ in range(DRAW_ATTEMPTS):
        n = 0
        for p in range(n_pots):
            start = n
            for j in range(n_groups):
                t = pot_teams[p, j]
                if placed[t] < 0:
                    order[n] = t
                    n += 1
            for i in range(n - 1, start, -1):
                j = start + int(_uniform(state) * (i - start + 1))
                order[i], order[j] = order[j], order[i]
        if fast:
            # the quick search nearly always succeeds; where it runs long, the thorough
            # one (same answer, stronger pruning, slower steps) takes over
            ok = solve_in_order(
                order, n, team_pot, conf, cap, min_count, placed, slot, cnt, rem, bits,
                choice, assigned, hall, forced_pot, forced_conf, masks, zobrist, dead,
                QUICK_BUDGET, False,
            ) or solve_in_order(
                order, n, team_pot, conf, cap, min_count, placed, slot, cnt, rem, bits,
                choice, assigned, hall, forced_pot, forced_conf, masks, zobrist, dead,
                SEARCH_BUDGET, True,
            )
        else:
            ok = draw_in_order_kernel(
                order[:n], team_pot, conf, cap, min_count, placed, n_groups, n_pots, slot,
                SEARCH_BUDGET, SEARCH_HORIZON,
            )
        if ok:
            return True
    return False


@numba.njit(cache=True, parallel=True, nogil=True)
def fresh_draws_kernel(
    first_sim: int,
    n_draws: int,
    seed: np.uint64,
    pot_teams: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    placed: NDArray[np.int64],
    fast: bool,
    out: NDArray[np.int64],
) -> None:
    """The draws of simulations ``first_sim .. first_sim + n_draws - 1`` of a run with
    ``seed`` into ``out[i, g, p]`` (-1 rows where none was found): each from the stream
    the simulation kernel gives that simulation, so they are the groups it plays."""
    n_pots, n_groups = pot_teams.shape
    chunk = 256
    n_chunks = (n_draws + chunk - 1) // chunk
    for ch in numba.prange(n_chunks):
        state = np.zeros(1, np.uint64)
        (order, slot, cnt, rem, bits, choice, assigned, hall, forced_pot, forced_conf, masks,
         zobrist, dead) = draw_scratch(team_pot.shape[0], n_groups, n_pots, cap.shape[0])
        for i in range(ch * chunk, min((ch + 1) * chunk, n_draws)):
            state[0] = _mix(seed ^ _mix(np.uint64(first_sim + i + 1) * _GOLDEN))
            ok = fresh_draw(
                state, pot_teams, team_pot, conf, cap, min_count, placed, fast, order, slot,
                cnt, rem, bits, choice, assigned, hall, forced_pot, forced_conf, masks, zobrist,
                dead,
            )
            for g in range(n_groups):
                for p in range(n_pots):
                    out[i, g, p] = slot[g, p] if ok else -1


def fresh_draws(
    draw: DrawArrays, n_draws: int, seed: int, *, first_sim: int = 0
) -> NDArray[np.int64]:
    """The groups simulations ``first_sim ..`` of a pre-draw run with ``seed`` play,
    ``(n_draws, groups, pots)`` team indices (``slot[g, p]``: pot ``p``'s team in group
    ``g``).

    Raises
    ------
    RuntimeError
        A draw found no legal completion (the format's parser checked that one exists).
    """
    n_pots, n_groups = draw.pot_teams.shape
    out = np.zeros((n_draws, n_groups, n_pots), np.int64)
    fresh_draws_kernel(
        first_sim, n_draws, np.uint64(int(seed) & 0xFFFFFFFFFFFFFFFF), draw.pot_teams,
        draw.team_pot, draw.conf, draw.cap, draw.min_count, draw.placed,
        fast_solver_applies(draw), out,
    )  # fmt: skip
    if n_draws and (out[:, 0, 0] < 0).any():
        raise RuntimeError("a simulated draw found no legal completion")
    return out


def solve_order(draw: DrawArrays, order: NDArray[np.int64]) -> NDArray[np.int64] | None:
    """The fast search's draw for the balls ``order`` (team indices, placed teams
    excluded, pot by pot), ``(groups, pots)`` team indices, or None when it finds none."""
    n_pots, n_groups = draw.pot_teams.shape
    (_, slot, cnt, rem, bits, choice, assigned, hall, forced_pot, forced_conf, masks,
     zobrist, dead) = draw_scratch(draw.team_pot.shape[0], n_groups, n_pots, draw.cap.shape[0])
    seq = np.ascontiguousarray(order, dtype=np.int64)
    found = solve_in_order(
        seq, seq.shape[0], draw.team_pot, draw.conf, draw.cap, draw.min_count, draw.placed,
        slot, cnt, rem, bits, choice, assigned, hall, forced_pot, forced_conf, masks, zobrist,
        dead, 0, True,
    )  # fmt: skip
    return slot if found else None
