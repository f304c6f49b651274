"""Where scoreline keeps its files: the store, and what it can recompute (fitted models,
forecasts, compiled kernels).

Kept light (no third-party import at module level): :mod:`scoreline` calls
:func:`set_numba_cache_dir` at import, before numba is first imported, and the forecast
cache finds the store file without importing DuckDB.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """``$SCORELINE_DB``, else ``scoreline.duckdb`` in the platform's user data directory."""
    env = os.environ.get("SCORELINE_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("scoreline")) / "scoreline.duckdb"


def user_cache_dir() -> Path:
    """``$SCORELINE_CACHE`` when set, else scoreline's user cache directory.

    The user cache directory follows the platform's convention (platformdirs; on Linux
    ``$XDG_CACHE_HOME/scoreline``, by default ``~/.cache/scoreline``). It is never inside
    the installed package, which may be read-only.
    """
    env = os.environ.get("SCORELINE_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("scoreline"))


def numba_cache_dir() -> Path:
    """Where numba writes the compiled kernels (``<user cache>/numba``)."""
    return user_cache_dir() / "numba"


def set_numba_cache_dir() -> None:
    """Point numba's on-disk kernel cache at :func:`numba_cache_dir`, unless the user chose.

    Must run before numba is imported: numba reads ``NUMBA_CACHE_DIR`` once, at import.
    """
    if "NUMBA_CACHE_DIR" not in os.environ:
        os.environ["NUMBA_CACHE_DIR"] = str(numba_cache_dir())
