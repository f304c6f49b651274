"""Score sampling inside the kernel: the guide table gives the inverse-CDF answer."""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.match_sampling import GUIDE_BUCKETS, cdf_guide, guide_dtype


@numba.njit(cache=False)
def _guided(cdf: NDArray[np.float64], guide: NDArray[np.unsignedinteger], flag: int,
            i: int, j: int, u: float) -> int:
    k = int(guide[i, j, int(u * guide.shape[2])])
    if k >= flag:
        return k - flag
    while cdf[i, j, k] <= u:
        k += 1
    return k


def _grids(rng: np.random.Generator, cells: int) -> NDArray[np.float64]:
    """Cumulative grids of 3 x 3 pairs: peaked, flat, with zero cells and one certain score."""
    pmf = rng.dirichlet(np.full(cells, 0.3), size=(3, 3))
    pmf[0, 1] = 0.0
    pmf[0, 1, 5] = 1.0  # one certain score
    pmf[1, 2, ::2] = 0.0  # cells that can never be drawn
    pmf /= pmf.sum(axis=2, keepdims=True)
    cdf = np.cumsum(pmf, axis=2)
    cdf[:, :, -1] = 1.0
    return cdf


def test_guide_gives_the_first_cell_above_u() -> None:
    """At every bucket edge, just below it and at random points, the guided lookup is the
    first cell whose cumulative probability exceeds u (numpy's searchsorted, right side)."""
    rng = np.random.default_rng(3)
    edges = np.arange(GUIDE_BUCKETS) / GUIDE_BUCKETS
    us = np.concatenate([edges, np.nextafter(edges[1:], 0.0), rng.random(2000),
                         [np.nextafter(1.0, 0.0)]])
    for cells in (121, 200):
        cdf = _grids(rng, cells)
        guide, flag = cdf_guide(cdf)
        assert guide.dtype == guide_dtype(cells)[0]
        for i in range(3):
            for j in range(3):
                want = np.minimum(np.searchsorted(cdf[i, j], us, side="right"), cells - 1)
                got = [_guided(cdf, guide, flag, i, j, float(u)) for u in us]
                assert got == want.tolist(), (cells, i, j)


def test_guide_marks_buckets_inside_one_cell() -> None:
    """A pair with one certain score has every bucket flagged, each pointing at that score."""
    cdf = _grids(np.random.default_rng(0), 121)
    guide, flag = cdf_guide(cdf)
    assert (guide[0, 1] == 5 + flag).all()
    assert (guide[2, 2] < flag).any()  # a spread grid has buckets that cross cells
