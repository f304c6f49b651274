"""Ranking teams by a format's tie-breaking criteria inside the compiled kernel.

Criteria codes (``PTS`` .. ``LOTS``) follow :data:`scoreline.tournament.format.GROUP_CRITERIA`;
the plain-Python ranking of :mod:`scoreline.tournament.standings` is the reference the tests
hold this one to.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.format import GROUP_CRITERIA
from scoreline.tournament.jit import numba
from scoreline.tournament.match_sampling import _uniform

PTS, GD, GF, WINS, H2H_PTS, H2H_GD, H2H_GF, REAPPLY, LOTS = range(9)
_CODES = {name: i for i, name in enumerate(GROUP_CRITERIA[:9])}
assert [_CODES[n] for n in GROUP_CRITERIA[:9]] == list(range(9))
# Fair play (cards) is not in the data: inside a simulation it is a drawing of lots.
_CODES["fair_play"] = LOTS


@numba.njit(cache=True)
def work_size(n: int, n_criteria: int) -> int:
    """Stack depth :func:`rank_teams` needs for ``n`` teams (each split pushes <= n)."""
    return 4 * n * (n_criteria + 2) + 8


@numba.njit(cache=True)
def rank_teams(
    n: int,
    pts: NDArray[np.int64],
    gd: NDArray[np.int64],
    gf: NDArray[np.int64],
    wins: NDArray[np.int64],
    goals: NDArray[np.int64],
    criteria: NDArray[np.int64],
    state: NDArray[np.uint64],
    order: NDArray[np.int64],
    work: NDArray[np.int64],
    keys: NDArray[np.float64],
) -> None:
    """Rank ``n`` teams (local indices) best first into ``order`` by the criteria codes.

    ``goals[t, u]`` = goals team ``t`` scored against ``u`` (head-to-head criteria). Teams
    level after every criterion are ordered by a random draw from ``state``. ``work`` is
    scratch space of shape (5, :func:`work_size`), ``keys`` of shape (n,).
    """
    ncrit = criteria.shape[0]
    for i in range(n):
        order[i] = i
    st_s = work[0]
    st_e = work[1]
    st_c = work[2]
    st_ref = work[3]
    st_hs = work[4]
    st_s[0], st_e[0], st_c[0], st_ref[0], st_hs[0] = 0, n, 0, 0, -1
    top = 1
    while top > 0:
        top -= 1
        s, e, c, ref, hs = st_s[top], st_e[top], st_c[top], st_ref[top], st_hs[top]
        if e - s <= 1:
            continue
        code = LOTS if c >= ncrit else criteria[c]
        if code == REAPPLY:
            size = 0
            for u in range(n):
                size += (ref >> u) & 1
            if hs >= 0 and e - s < size:
                mask = 0
                for i in range(s, e):
                    mask |= 1 << order[i]
                st_s[top], st_e[top], st_c[top], st_ref[top], st_hs[top] = s, e, hs, mask, hs
            else:
                st_s[top], st_e[top], st_c[top], st_ref[top], st_hs[top] = s, e, c + 1, 0, -1
            top += 1
            continue
        if code in (H2H_PTS, H2H_GD, H2H_GF):
            if hs < 0:
                hs = c
                ref = 0
                for i in range(s, e):
                    ref |= 1 << order[i]
        else:
            hs = -1
            ref = 0
        for i in range(s, e):
            t = order[i]
            if code == PTS:
                k = float(pts[t])
            elif code == GD:
                k = float(gd[t])
            elif code == GF:
                k = float(gf[t])
            elif code == WINS:
                k = float(wins[t])
            elif code == LOTS:
                k = _uniform(state)
            else:
                k = 0.0
                for u in range(n):
                    if u != t and (ref >> u) & 1:
                        g_t, g_u = goals[t, u], goals[u, t]
                        if code == H2H_PTS:
                            k += 3.0 if g_t > g_u else (1.0 if g_t == g_u else 0.0)
                        elif code == H2H_GD:
                            k += g_t - g_u
                        else:
                            k += g_t
            keys[i] = k
        # insertion sort of order[s:e] by key, highest first (stable)
        for i in range(s + 1, e):
            kt, ot = keys[i], order[i]
            j = i - 1
            while j >= s and keys[j] < kt:
                keys[j + 1], order[j + 1] = keys[j], order[j]
                j -= 1
            keys[j + 1], order[j + 1] = kt, ot
        if code == LOTS:
            continue
        run = s
        for i in range(s + 1, e + 1):
            if i == e or keys[i] != keys[run]:
                if i - run > 1:
                    st_s[top], st_e[top], st_c[top], st_ref[top], st_hs[top] = run, i, c + 1, ref, hs
                    top += 1
                run = i
