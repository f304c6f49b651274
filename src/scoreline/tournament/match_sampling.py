"""Random streams and match sampling inside the compiled kernel: a 90-minute score from a
pair's grid (tilted by the strength shift of hot simulations), extra-time goals, and a
two-legged tie.

Each simulation has its own SplitMix64 stream (``state``, one ``uint64``).

A score is the first cell of the pair's cumulative grid above a uniform ``u``. A guide
table (:func:`cdf_guide`) cuts ``[0, 1)`` into :data:`GUIDE_BUCKETS` equal buckets and
stores, for each, the first cell the answer can be; where one cell holds the whole bucket
the answer is that cell without reading the grid (about 80 % of the buckets of a World Cup,
as the probability mass sits in a few scores). The answer is the one a binary search over
the cumulative grid gives, for every ``u``: same scores, one small table read instead of
seven reads scattered over a grid too large for the core's cache.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.jit import numba

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_INV53 = 1.0 / 9007199254740992.0

GUIDE_BUCKETS = 128
"""Buckets of the guide table of one pair (a power of two, so ``u * buckets`` is exact)."""


def guide_dtype(cells: int) -> tuple[type[np.unsignedinteger], int]:
    """The guide table's integer type for grids of ``cells`` scores, and its flag bit
    (set on a bucket that lies inside one cell)."""
    if cells < 1 << 7:
        return np.uint8, 1 << 7
    return np.uint16, 1 << 15


def cdf_guide(cdf: NDArray[np.float64]) -> tuple[NDArray[np.unsignedinteger], int]:
    """The guide table of cumulative grids ``cdf`` (T, T, K) and its flag (see the module
    docstring): ``guide[i, j, b]`` = first cell ``k`` with ``cdf[i, j, k] > b / buckets``,
    plus the flag when ``cdf[i, j, k] >= (b + 1) / buckets`` (then ``k`` is the answer for
    every ``u`` of the bucket)."""
    dtype, flag = guide_dtype(cdf.shape[2])
    guide = np.zeros((cdf.shape[0], cdf.shape[1], GUIDE_BUCKETS), dtype)
    _fill_guide(cdf, guide, flag)
    return guide, flag


@numba.njit(cache=True, nogil=True)
def _fill_guide(cdf: NDArray[np.float64], guide: NDArray[np.unsignedinteger], flag: int) -> None:
    buckets = guide.shape[2]
    last = cdf.shape[2] - 1
    for i in range(cdf.shape[0]):
        for j in range(cdf.shape[1]):
            k = 0
            for b in range(buckets):
                while k < last and cdf[i, j, k] <= b / buckets:
                    k += 1
                # every u of the bucket is below (b + 1) / buckets: k is its answer
                certain = cdf[i, j, k] >= (b + 1) / buckets
                guide[i, j, b] = k + flag if certain else k


@numba.njit(cache=True, inline="always")
def _mix(z: np.uint64) -> np.uint64:
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@numba.njit(cache=True, inline="always")
def _uniform(state: NDArray[np.uint64]) -> float:
    state[0] += _GOLDEN
    return float(_mix(state[0]) >> _S11) * _INV53


@numba.njit(cache=True)
def _play90(
    ti: int,
    tj: int,
    pmf: NDArray[np.float64],
    cdf: NDArray[np.float64],
    guide: NDArray[np.unsignedinteger],
    flag: int,
    mean_diff: NDArray[np.float64],
    shift: NDArray[np.float64],
    hot: bool,
    hot_k: float,
    state: NDArray[np.uint64],
    tilt: NDArray[np.float64],
) -> tuple[int, int, float]:
    """Sample a 90-minute score (home ti, away tj); returns (h, a, theta).

    ``guide`` / ``flag``: :func:`cdf_guide` of ``cdf``. ``tilt`` is scratch of length
    2 * side - 1 (weights by goal difference).
    """
    size = cdf.shape[2]
    side = int(math.sqrt(size) + 0.5)
    u = _uniform(state)
    theta = shift[ti] - shift[tj] if hot else 0.0
    if theta == 0.0:
        lo = int(guide[ti, tj, int(u * guide.shape[2])])
        if lo >= flag:
            lo -= flag
        else:
            while cdf[ti, tj, lo] <= u:
                lo += 1
        h, a = lo // side, lo % side
        if hot:
            delta = hot_k * ((h - a) - mean_diff[ti, tj])
            shift[ti] += delta
            shift[tj] -= delta
        return h, a, theta
    for d in range(2 * side - 1):
        tilt[d] = math.exp(theta * (d - side + 1))
    total = 0.0
    ediff = 0.0
    for k in range(size):
        d = (k // side) - (k % side)
        w = pmf[ti, tj, k] * tilt[d + side - 1]
        total += w
        ediff += w * d
    target = u * total
    acc = 0.0
    pick = size - 1
    for k in range(size):
        acc += pmf[ti, tj, k] * tilt[(k // side) - (k % side) + side - 1]
        if acc > target:
            pick = k
            break
    h, a = pick // side, pick % side
    delta = hot_k * ((h - a) - ediff / total)
    shift[ti] += delta
    shift[tj] -= delta
    return h, a, theta


@numba.njit(cache=True)
def _poisson(rate: float, state: NDArray[np.uint64]) -> int:
    u = _uniform(state)
    p = math.exp(-rate)
    acc = p
    k = 0
    while u > acc and k < 30:
        k += 1
        p *= rate / k
        acc += p
    return k


@numba.njit(cache=True)
def _two_legs(
    ti: int,
    tj: int,
    extra_time: bool,
    away_goals: bool,
    pmf: NDArray[np.float64],
    cdf: NDArray[np.float64],
    guide: NDArray[np.unsignedinteger],
    flag: int,
    mean_diff: NDArray[np.float64],
    et_home: NDArray[np.float64],
    et_away: NDArray[np.float64],
    p_shootout: NDArray[np.float64],
    shift: NDArray[np.float64],
    hot: bool,
    hot_k: float,
    state: NDArray[np.uint64],
    tilt: NDArray[np.float64],
) -> int:
    """Winner of a two-legged tie, ``ti`` at home in the first leg, ``tj`` in the second.

    Aggregate score, then (``away_goals``) away goals, then extra time in the second leg
    (away goals in it count as away goals), then a shoot-out at ``tj``'s ground.
    """
    h1, a1, _ = _play90(ti, tj, pmf, cdf, guide, flag, mean_diff, shift, hot, hot_k, state, tilt)
    h2, a2, theta = _play90(tj, ti, pmf, cdf, guide, flag, mean_diff, shift, hot, hot_k, state, tilt)
    total_i, total_j = h1 + a2, a1 + h2
    away_i, away_j = a2, a1
    level = total_i == total_j and (not away_goals or away_i == away_j)
    if level and extra_time:
        f = math.exp(theta)
        goals_j = _poisson(et_home[tj, ti] * f, state)
        goals_i = _poisson(et_away[tj, ti] / f, state)
        total_i += goals_i
        total_j += goals_j
        away_i += goals_i
        level = total_i == total_j and (not away_goals or away_i == away_j)
    if level:
        return tj if _uniform(state) < p_shootout[tj, ti] else ti
    if total_i != total_j:
        return ti if total_i > total_j else tj
    return ti if away_i > away_j else tj
