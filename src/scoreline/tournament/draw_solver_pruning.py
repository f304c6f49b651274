"""Pruning of the fast draw search: necessary conditions for completing a partial draw,
on bit sets kept up to date as the search places and removes teams.

Each is sound (a state failing one has no legal completion), so the search of
:func:`scoreline.tournament.draw_solver.solve_in_order` gives the same draw with or without
them. Arrays: ``slot[g, p]`` the team of pot ``p`` in group ``g`` (-1 open), ``cnt[g, c]``
the teams of confederation ``c`` in group ``g``, ``rem[c, p]`` the teams of ``c`` left in
pot ``p``; ``bits`` the same as bit sets (rows below).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.jit import numba

# rows of the ``bits`` scratch: per group, its open pots, the confederations below their
# cap in it, the confederations it has; per confederation, the pots with teams of it left;
# per pot, the confederations with teams left in it
_OPEN, _BELOW, _HAS, _REM_POTS, _PRESENT = range(5)

MAX_LOCAL_CLASSES = 8
"""Most confederations left in one pot for the table form of the pot check (else set by set)."""
LOCAL_SETS = 1 << MAX_LOCAL_CLASSES
"""Entries of each table of the pot check."""
MASKS_SCRATCH = 2 * LOCAL_SETS + MAX_LOCAL_CLASSES
"""Length of the ``masks`` scratch beyond its ``2 * groups`` entries of kinds of slot."""


@numba.njit(cache=True, inline="always")
def _place(
    g: int, p: int, c: int, t: int,
    slot: NDArray[np.int64], cnt: NDArray[np.int64], rem: NDArray[np.int64],
    cap: NDArray[np.int64], bits: NDArray[np.int64],
) -> None:
    """Team ``t`` (pot ``p``, confederation ``c``) into group ``g``, and the counts."""
    slot[g, p] = t
    cnt[g, c] += 1
    if cnt[g, c] == cap[c]:
        bits[_BELOW, g] &= ~(1 << c)
    bits[_HAS, g] |= 1 << c
    bits[_OPEN, g] &= ~(1 << p)
    rem[c, p] -= 1
    if rem[c, p] == 0:
        bits[_REM_POTS, c] &= ~(1 << p)
        bits[_PRESENT, p] &= ~(1 << c)


@numba.njit(cache=True, inline="always")
def _unplace(
    g: int, p: int, c: int,
    slot: NDArray[np.int64], cnt: NDArray[np.int64], rem: NDArray[np.int64],
    cap: NDArray[np.int64], bits: NDArray[np.int64],
) -> None:
    """Undo :func:`_place`."""
    slot[g, p] = -1
    if cnt[g, c] == cap[c]:
        bits[_BELOW, g] |= 1 << c
    cnt[g, c] -= 1
    if cnt[g, c] == 0:
        bits[_HAS, g] &= ~(1 << c)
    bits[_OPEN, g] |= 1 << p
    if rem[c, p] == 0:
        bits[_REM_POTS, c] |= 1 << p
        bits[_PRESENT, p] |= 1 << c
    rem[c, p] += 1


@numba.njit(cache=True, inline="always")
def _minimum_viable(
    u: int,
    rem: NDArray[np.int64],
    bits: NDArray[np.int64],
    hall: NDArray[np.int64],
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
) -> bool:
    """Whether every group without a team of confederation ``u`` can still get one.

    A group short of ``u`` can take one of ``u``'s remaining teams of pot ``q`` when its
    slot of pot ``q`` is open ("usable"); teams of ``u`` in one pot are interchangeable, so
    by Hall's theorem a matching exists iff for every set ``Q`` of pots the groups whose
    usable pots lie in ``Q`` number at most ``u``'s remaining teams in ``Q``. A group
    with one usable pot must take ``u`` there: recorded in ``forced_pot`` /
    ``forced_conf`` (first confederation wins) for the pot checks. ``hall`` is scratch of
    length ``2 * 2**pots``.
    """
    n_pots = rem.shape[1]
    n_groups = forced_pot.shape[0]
    n_sets = 1 << n_pots
    left = bits[_REM_POTS, u]
    for m in range(n_sets):
        hall[m] = 0
    short = 0
    for g in range(n_groups):
        if (bits[_HAS, g] >> u) & 1:
            continue
        usable = bits[_OPEN, g] & left
        if usable == 0:
            return False
        if usable & (usable - 1) == 0 and forced_pot[g] < 0:
            q = 0
            while (usable >> q) != 1:
                q += 1
            forced_pot[g] = q
            forced_conf[g] = u
        hall[usable] += 1
        short += 1
    if short == 0:
        return True
    teams = hall[n_sets:]
    teams[0] = 0
    for q in range(n_pots):  # teams[Q] = u's remaining teams in the pots of Q
        bit = 1 << q
        for m in range(bit):
            teams[m | bit] = teams[m] + rem[u, q]
    for q in range(n_pots):  # sum over subsets: hall[Q] = groups whose usable pots lie in Q
        bit = 1 << q
        for m in range(n_sets):
            if m & bit:
                hall[m] += hall[m ^ bit]
    for m in range(1, n_sets):  # noqa: SIM110 (numba compiles no generator inside all())
        if hall[m] > teams[m]:
            return False
    return True


@numba.njit(cache=True, inline="always")
def _pot_viable(
    p: int,
    rem: NDArray[np.int64],
    cap: NDArray[np.int64],
    bits: NDArray[np.int64],
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
    masks: NDArray[np.int64],
) -> bool:
    """Whether pot ``p``'s remaining teams can fill its open slots, one each, every team
    in a group below its confederation's cap, a forced slot only with its confederation.

    Hall's theorem over sets ``S`` of the confederations left in the pot: their teams
    number at most the open slots that accept one of them. Slots are counted by the set
    of confederations they accept (``masks``: scratch of ``2 * groups + MASKS_SCRATCH``):
    with few kinds, family by family; else with tables over the sets of confederations left.
    """
    n_groups = forced_pot.shape[0]
    present = bits[_PRESENT, p]
    if present == 0:
        return True
    n_masks = 0
    for g in range(n_groups):
        if not (bits[_OPEN, g] >> p) & 1:
            continue
        if forced_pot[g] == p:
            a = present & bits[_BELOW, g] & (1 << forced_conf[g])
        else:
            a = present & bits[_BELOW, g]
        if a == 0:
            return False
        if a == present:
            continue  # a slot open to every team is in every set's neighbourhood
        j = 0
        while j < n_masks and masks[j] != a:
            j += 1
        if j == n_masks:
            masks[j] = a
            masks[n_groups + j] = 0
            n_masks += 1
        masks[n_groups + j] += 1
    if n_masks == 0:
        return True
    n_slots = 0
    for c in range(cap.shape[0]):
        if (present >> c) & 1:
            n_slots += rem[c, p]
    if n_masks <= 3:
        # enough to check, for every family F of the restricted kinds of slot, the largest
        # set accepted by none of them: any set s is inside the one of the family of kinds
        # that accept nothing of s, and has no more closed slots than it
        for f in range(1, 1 << n_masks):
            union = 0
            closed = 0
            for j in range(n_masks):
                if (f >> j) & 1:
                    union |= masks[j]
                    closed += masks[n_groups + j]
            s = present & ~union
            if s == 0:
                continue
            need = 0
            for c in range(cap.shape[0]):
                if (s >> c) & 1:
                    need += rem[c, p]
            if need > n_slots - closed:
                return False
        return True
    base = 2 * n_groups
    n_local = 0
    for c in range(cap.shape[0]):
        if (present >> c) & 1:
            if n_local == MAX_LOCAL_CLASSES:
                return _every_subset_holds(p, present, n_slots, n_masks, n_groups, rem, masks)
            masks[base + 2 * LOCAL_SETS + n_local] = c
            n_local += 1
    # over the k confederations left, numbered 0..k-1: closed_of[S] = restricted slots that
    # accept nothing of S = those whose set lies in the complement of S (a sum over subsets)
    size = 1 << n_local
    closed_of = masks[base:base + size]
    need_of = masks[base + LOCAL_SETS:base + LOCAL_SETS + size]
    local = masks[base + 2 * LOCAL_SETS:base + 2 * LOCAL_SETS + n_local]
    for m in range(size):
        closed_of[m] = 0
    for j in range(n_masks):
        lm = 0
        for i in range(n_local):
            if (masks[j] >> local[i]) & 1:
                lm |= 1 << i
        closed_of[lm] += masks[n_groups + j]
    need_of[0] = 0
    for i in range(n_local):
        bit = 1 << i
        for m in range(size):
            if m & bit:
                closed_of[m] += closed_of[m ^ bit]
        for m in range(bit):
            need_of[m | bit] = need_of[m] + rem[local[i], p]
    full = size - 1
    for m in range(1, full):  # noqa: SIM110 (numba compiles no generator inside all())
        if need_of[m] > n_slots - closed_of[full ^ m]:
            return False
    return True


@numba.njit(cache=True)
def _every_subset_holds(
    p: int, present: int, n_slots: int, n_masks: int, n_groups: int,
    rem: NDArray[np.int64], masks: NDArray[np.int64],
) -> bool:
    """Hall's condition of :func:`_pot_viable` set by set (more confederations left in a
    pot than its tables hold)."""
    s = (present - 1) & present  # every proper subset; the whole set always holds
    while s > 0:
        need = 0
        for c in range(rem.shape[0]):
            if (s >> c) & 1:
                need += rem[c, p]
        closed = 0  # open slots accepting no confederation of s
        for j in range(n_masks):
            if masks[j] & s == 0:
                closed += masks[n_groups + j]
        if need > n_slots - closed:
            return False
        s = (s - 1) & present
    return True


@numba.njit(cache=True)
def _spread_viable(
    c: int,
    rem: NDArray[np.int64],
    cnt: NDArray[np.int64],
    cap: NDArray[np.int64],
    bits: NDArray[np.int64],
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
) -> bool:
    """Whether confederation ``c``'s teams left in several pots still fit under its cap.

    For every set ``Q`` of pots, its teams in ``Q`` go one to a slot of their pot, at
    most ``cap - count`` to a group, never to a slot that must take another
    confederation: they number at most ``sum over groups of min(room, usable slots in
    Q)``. This sees what the pot checks cannot: a choice in pot 3 that leaves pot 4's
    teams of a confederation too few groups without one.
    """
    left = bits[_REM_POTS, c]
    if left & (left - 1) == 0:  # one pot or none: the pot check covers it
        return True
    n_groups = forced_pot.shape[0]
    n_pots = rem.shape[1]
    s = left
    while s > 0:
        if s & (s - 1):  # a single pot is the pot check's
            need = 0
            for q in range(n_pots):
                if (s >> q) & 1:
                    need += rem[c, q]
            room = 0
            for g in range(n_groups):
                free = cap[c] - cnt[g, c]
                if free <= 0:
                    continue
                usable = bits[_OPEN, g] & s
                if forced_pot[g] >= 0 and forced_conf[g] != c:
                    usable &= ~(1 << forced_pot[g])
                k = 0
                while usable:
                    usable &= usable - 1
                    k += 1
                room += min(free, k)
            if need > room:
                return False
        s = (s - 1) & left
    return True


@numba.njit(cache=True, inline="always")
def _minimums_viable(
    rem: NDArray[np.int64],
    min_count: NDArray[np.int64],
    bits: NDArray[np.int64],
    hall: NDArray[np.int64],
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
) -> bool:
    """:func:`_minimum_viable` for every confederation with a minimum, the forced slots
    found afresh."""
    for g in range(forced_pot.shape[0]):
        forced_pot[g] = -1
    for u in range(min_count.shape[0]):
        if min_count[u] > 0 and not _minimum_viable(u, rem, bits, hall, forced_pot, forced_conf):
            return False
    return True


@numba.njit(cache=True, inline="always")
def _minimums_untouched(g: int, p: int, c: int, min_count: NDArray[np.int64],
                        bits: NDArray[np.int64]) -> bool:
    """Whether a team of ``c`` in group ``g``'s slot of pot ``p`` changes nothing the
    minimum checks see: it is of no confederation with a minimum, and ``g`` already has
    each such confederation or could not have taken one in that slot."""
    for u in range(min_count.shape[0]):
        if min_count[u] > 0 and (
            u == c or (not (bits[_HAS, g] >> u) & 1 and (bits[_REM_POTS, u] >> p) & 1)
        ):
            return False
    return True


@numba.njit(cache=True, inline="always")
def _pots_viable(
    p: int,
    rem: NDArray[np.int64],
    cnt: NDArray[np.int64],
    cap: NDArray[np.int64],
    bits: NDArray[np.int64],
    strong: bool,
    forced_pot: NDArray[np.int64],
    forced_conf: NDArray[np.int64],
    masks: NDArray[np.int64],
) -> bool:
    """Pot ``p`` fillable; ``strong`` adds every later pot and :func:`_spread_viable` for
    every confederation."""
    n_pots = rem.shape[1]
    for q in range(p, n_pots if strong else p + 1):
        if not _pot_viable(q, rem, cap, bits, forced_pot, forced_conf, masks):
            return False
    if strong:
        for c in range(cap.shape[0]):
            if not _spread_viable(c, rem, cnt, cap, bits, forced_pot, forced_conf):
                return False
    return True
