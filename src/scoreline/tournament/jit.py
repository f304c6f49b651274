"""numba for the tournament kernels, loaded without the SciPy import numba makes for BLAS.

numba's array-math module asks at its import whether SciPy's BLAS is there
(``numba.np.arraymath._check_blas`` calls ``numba.np.linalg.ensure_blas``, which imports
``scipy.linalg``): about 0.3 s of the first kernel call of every process, even when every
kernel is read from the on-disk cache. The answer is only a flag (``_HAVE_BLAS``) that picks
how ``np.convolve`` and ``np.correlate`` multiply in compiled code; ``np.dot``,
``np.linalg`` and the others call ``ensure_blas`` themselves when they are compiled. SciPy is
one of scoreline's dependencies, so the answer is known: the module is imported with the
check answered yes without the import, and ``ensure_blas`` is put back at once. No
scoreline kernel calls BLAS.

Kernel modules import numba from here: ``from scoreline.tournament.jit import numba``.
"""

from __future__ import annotations

import sys

import numba
import numba.np.linalg as _numba_linalg


def _import_array_math() -> None:
    """``numba.np.arraymath`` imported with its BLAS check answered without SciPy (once)."""
    if "numba.np.arraymath" in sys.modules:
        return
    ensure_blas = _numba_linalg.ensure_blas

    def blas_is_there() -> None:
        """SciPy (a dependency) provides BLAS; the compilations that use it import it."""

    _numba_linalg.ensure_blas = blas_is_there
    try:
        import numba.np.arraymath as array_math
    finally:
        _numba_linalg.ensure_blas = ensure_blas
    array_math.ensure_blas = ensure_blas  # type: ignore[attr-defined]  # bound to the stub


_import_array_math()

__all__ = ["numba"]
