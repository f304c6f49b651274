"""Pruning of the draw search: necessary conditions for completing a partial group draw.

Each is sound (a state failing one has no legal completion), so the depth-first search of
:func:`scoreline.tournament.draw.draw_in_order_kernel` gives the same draw with or without
them; they only spare it dead ends. Arrays as in :class:`scoreline.tournament.draw.DrawArrays`:
``slot[g, p]`` the team of pot ``p`` in group ``g`` (-1 open), ``cnt[g, c]`` the teams of
confederation ``c`` in group ``g``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.jit import numba


@numba.njit(cache=True)
def _fits(
    g: int,
    c: int,
    cnt: NDArray[np.int64],
    rem: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
) -> bool:
    """Whether one more team of ``c`` in group ``g`` keeps every limit reachable."""
    if cnt[g, c] >= cap[c]:
        return False
    n_groups = cnt.shape[0]
    for k in range(min_count.shape[0]):
        if min_count[k] == 0:
            continue
        deficit = 0
        for h in range(n_groups):
            have = cnt[h, k] + (1 if (h == g and k == c) else 0)
            if have < min_count[k]:
                deficit += min_count[k] - have
        if deficit > rem[k] - (1 if k == c else 0):
            return False
    return True


@numba.njit(cache=True)
def _augment(
    u: int,
    adj: NDArray[np.bool_],
    n_right: int,
    match_of_right: NDArray[np.int64],
    seen: NDArray[np.bool_],
    stacks: NDArray[np.int64],
) -> bool:
    """Kuhn's augmenting path from left vertex ``u`` over ``adj[:, :n_right]`` (iterative;
    ``stacks`` is scratch of shape (3, left vertices + 1))."""
    stack_u = stacks[0]
    stack_v = stacks[1]
    parent_v = stacks[2]
    depth = 0
    stack_u[0] = u
    stack_v[0] = 0
    while depth >= 0:
        uu = stack_u[depth]
        v = stack_v[depth]
        advanced = False
        while v < n_right:
            if adj[uu, v] and not seen[v]:
                seen[v] = True
                stack_v[depth] = v + 1
                if match_of_right[v] < 0:
                    # flip the path: each left vertex on the stack takes the right it tried
                    match_of_right[v] = uu
                    for d in range(depth - 1, -1, -1):
                        vv = parent_v[d + 1]
                        match_of_right[vv] = stack_u[d]
                    return True
                parent_v[depth + 1] = v
                depth += 1
                stack_u[depth] = match_of_right[v]
                stack_v[depth] = 0
                advanced = True
                break
            v += 1
        if not advanced:
            depth -= 1
    return False


@numba.njit(cache=True)
def _minimum_reachable(
    c: int,
    start: int,
    order: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    slot: NDArray[np.int64],
    cnt: NDArray[np.int64],
    hall: NDArray[np.int64],
) -> bool:
    """Whether every group without a team of ``c`` can still get one (minimum of one).

    Teams of ``c`` in the same pot are interchangeable here (a group can take one through
    its open slot of that pot), so a matching of the groups short of ``c`` into ``c``'s
    remaining teams exists iff, for every set ``P`` of pots, the groups whose usable open
    pots all lie in ``P`` are no more than ``c``'s remaining teams in ``P`` (Hall's
    condition on the tight sets). ``hall[:2**pots]`` counts groups by their set of usable
    open pots (then summed over subsets), ``hall[2**pots:]`` the remaining teams by pot.
    """
    n_groups, n_pots = slot.shape
    n_sets = 1 << n_pots
    remaining = hall[n_sets:]
    for p in range(n_pots):
        remaining[p] = 0
    for k in range(start, order.shape[0]):
        t = order[k]
        if conf[t] == c:
            remaining[team_pot[t]] += 1
    for m in range(n_sets):
        hall[m] = 0
    for g in range(n_groups):
        if cnt[g, c] > 0:
            continue
        usable = 0
        for p in range(n_pots):
            if slot[g, p] < 0 and remaining[p] > 0:
                usable |= 1 << p
        if usable == 0:
            return False
        hall[usable] += 1
    for p in range(n_pots):  # sum over subsets: hall[P] = groups whose usable set is in P
        bit = 1 << p
        for m in range(n_sets):
            if m & bit:
                hall[m] += hall[m ^ bit]
    for m in range(1, n_sets):
        teams = 0
        for p in range(n_pots):
            if (m >> p) & 1:
                teams += remaining[p]
        if hall[m] > teams:
            return False
    return True


@numba.njit(cache=True)
def _forced_slots(
    start: int,
    order: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    min_count: NDArray[np.int64],
    slot: NDArray[np.int64],
    cnt: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Open slots that must take a given confederation: group ``g`` lacks a team of a
    confederation ``c`` with a minimum of one, and only one pot ``p`` still has both an
    open slot in ``g`` and a remaining team of ``c``; then ``g``'s slot of pot ``p`` must
    take ``c`` (``forced_pot[g] = p``, ``forced_conf[g] = c``; -1 where nothing is forced).
    Without this the pot matchings let such a slot go to another confederation, and the
    search backtracked through thousands of dead ends in one order in sixty."""
    n_groups, n_pots = slot.shape
    n_conf = min_count.shape[0]
    remaining = np.zeros((n_conf, n_pots), np.int64)
    for k in range(start, order.shape[0]):
        t = order[k]
        remaining[conf[t], team_pot[t]] += 1
    forced_pot = np.full(n_groups, -1, np.int64)
    forced_conf = np.full(n_groups, -1, np.int64)
    for g in range(n_groups):
        for c in range(n_conf):
            if min_count[c] != 1 or cnt[g, c] > 0:
                continue
            only = -1
            count = 0
            for q in range(n_pots):
                if slot[g, q] < 0 and remaining[c, q] > 0:
                    only = q
                    count += 1
            if count == 1 and forced_pot[g] < 0:
                forced_pot[g], forced_conf[g] = only, c
    return forced_pot, forced_conf


@numba.njit(cache=True)
def _completable(
    start: int,
    order: NDArray[np.int64],
    team_pot: NDArray[np.int64],
    conf: NDArray[np.int64],
    cap: NDArray[np.int64],
    min_count: NDArray[np.int64],
    slot: NDArray[np.int64],
    cnt: NDArray[np.int64],
    adj: NDArray[np.bool_],
    match_of_right: NDArray[np.int64],
    seen: NDArray[np.bool_],
    left: NDArray[np.int64],
    stacks: NDArray[np.int64],
    horizon: int,
    hall: NDArray[np.int64],
) -> bool:
    """Necessary conditions for completing the draw with the teams ``order[start:]``.

    (1) For every pot, its remaining teams can take its open slots, one each, in groups
    below their confederation's cap, a slot that must take a confederation
    (:func:`_forced_slots`) only a team of it (a bipartite matching). (2) For every confederation
    with a minimum, the groups short of it can each get one of its remaining teams through
    an open slot of that team's pot (a matching). Sound pruning: a state failing either has
    no legal completion. Condition (2) for a minimum of one is decided by Hall's theorem
    on pots (:func:`_minimum_reachable`, the same answer as the matching, ~10x cheaper);
    ``hall`` is its scratch, of length ``2**pots + pots`` (shorter: the matching is used).
    """
    n_groups, n_pots = slot.shape
    n = order.shape[0]
    first = team_pot[order[start]] if start < n else n_pots
    forced_pot, forced_conf = _forced_slots(start, order, team_pot, conf, min_count, slot, cnt)
    for p in range(first, min(n_pots, first + horizon)):
        m = 0
        for k in range(start, n):
            t = order[k]
            if team_pot[t] == p:
                left[m] = t
                m += 1
        if m == 0:
            continue
        for i in range(m):
            c = conf[left[i]]
            for g in range(n_groups):
                adj[i, g] = slot[g, p] < 0 and cnt[g, c] < cap[c] and (
                    forced_pot[g] != p or forced_conf[g] == c
                )
        for g in range(n_groups):
            match_of_right[g] = -1
        for i in range(m):
            for g in range(n_groups):
                seen[g] = False
            if not _augment(i, adj, n_groups, match_of_right, seen, stacks):
                return False
    for c in range(min_count.shape[0]):
        if min_count[c] == 0:
            continue
        if min_count[c] == 1 and hall.shape[0] >= (1 << n_pots) + n_pots:
            if not _minimum_reachable(c, start, order, team_pot, conf, slot, cnt, hall):
                return False
            continue
        # left: the groups short of c (once per missing team); right: c's remaining teams
        need = 0
        for g in range(n_groups):
            for _ in range(min_count[c] - min(cnt[g, c], min_count[c])):
                left[need] = g
                need += 1
        if need == 0:
            continue
        m = 0
        for k in range(start, n):
            if conf[order[k]] == c:
                left[adj.shape[0] + m] = order[k]
                m += 1
        if m < need:
            return False
        for i in range(need):
            for j in range(m):
                adj[i, j] = slot[left[i], team_pot[left[adj.shape[0] + j]]] < 0
        for j in range(m):
            match_of_right[j] = -1
        for i in range(need):
            for j in range(m):
                seen[j] = False
            if not _augment(i, adj, m, match_of_right, seen, stacks):
                return False
    return True
