"""scoreline: international football forecasts and match intelligence since 1872.

>>> import scoreline
>>> store = scoreline.open()              # the default DuckDB store
>>> store.matches(team="Japan", since="2022-11-20", until="2022-12-19")

The data layer is imported lazily so that ``import scoreline`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoreline._paths import set_numba_cache_dir
from scoreline.errors import (
    DataSourceError,
    DataValidationError,
    InvalidParameterError,
    NotFittedError,
    ScorelineError,
    StoreError,
    UnknownMatchError,
    UnknownTeamError,
)

if TYPE_CHECKING:
    from pathlib import Path

    from scoreline.data.store import Store

__version__ = "0.1.0"

# compiled kernels go to the user cache, never into the (possibly read-only) package
set_numba_cache_dir()


def open(db: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the DuckDB store (created empty if missing).

    Parameters
    ----------
    db : path, optional
        Store file. Defaults to ``$SCORELINE_DB``, else ``scoreline.duckdb`` in the
        platform's user data directory.
    read_only : bool
        Open without write access (several readers may share the file).
    """
    from scoreline.data.store import Store

    return Store(db, read_only=read_only)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from scoreline.data.store import Store

        return Store
    raise AttributeError(f"module 'scoreline' has no attribute {name!r}")


__all__ = [
    "DataSourceError",
    "DataValidationError",
    "InvalidParameterError",
    "NotFittedError",
    "ScorelineError",
    "Store",
    "StoreError",
    "UnknownMatchError",
    "UnknownTeamError",
    "__version__",
    "open",
]
