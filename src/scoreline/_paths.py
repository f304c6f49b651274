"""Where scoreline keeps its files: the store, and what it can recompute (fitted models,
forecasts, compiled kernels).

Kept light (no third-party import at module level): :mod:`scoreline` calls
:func:`set_numba_cache_dir` at import, before numba is first imported, and the forecast
cache finds the store file without importing DuckDB.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
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


KERNEL_FOLDERS = ("inplay", "models", "tournament")
"""The subpackages whose modules hold numba kernels or the functions those kernels call."""


def kernel_source_stamp(package: Path | None = None) -> str:
    """A 12-hex digest of the name, size and modification time of every module in
    :data:`KERNEL_FOLDERS` of ``package`` (default: this installed package).

    numba's own cache checks only the file of the kernel it loads: a kernel whose helper in
    another module changed would be loaded stale next to the new helper (and can crash).
    One ``stat`` per module, about a millisecond in all.
    """
    root = package if package is not None else Path(__file__).resolve().parent
    parts = []
    for folder in KERNEL_FOLDERS:
        for module in sorted((root / folder).glob("*.py")):
            try:
                stat = module.stat()
            except OSError:
                continue
            parts.append(f"{folder}/{module.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def numba_cache_dir() -> Path:
    """Where numba writes the compiled kernels: ``<user cache>/numba/<stamp>``, one folder
    per state of the kernels' sources (:func:`kernel_source_stamp`)."""
    return user_cache_dir() / "numba" / kernel_source_stamp()


#: Compiled-kernel folders of different source states kept side by side.
KEEP_KERNEL_STATES = 3


def set_numba_cache_dir() -> None:
    """Point numba's on-disk kernel cache at :func:`numba_cache_dir`, unless the user chose.

    Must run before numba is imported: numba reads ``NUMBA_CACHE_DIR`` once, at import.
    The first time a new state of the sources is seen, the folders of older states are
    removed but for the :data:`KEEP_KERNEL_STATES` used last (best effort: the cache only
    ever holds what can be compiled again). Keeping a few lets two installs of different
    versions (or two checkouts) share one user cache without recompiling each other away.
    """
    if "NUMBA_CACHE_DIR" in os.environ:
        return
    target = numba_cache_dir()
    if not target.exists() and target.parent.is_dir():
        states = sorted((d for d in target.parent.iterdir() if d.is_dir()),
                        key=lambda d: d.stat().st_mtime, reverse=True)
        for stale in states[KEEP_KERNEL_STATES - 1:]:
            shutil.rmtree(stale, ignore_errors=True)
    elif target.exists():
        with contextlib.suppress(OSError):
            os.utime(target)  # used now: the last to be removed
    os.environ["NUMBA_CACHE_DIR"] = str(target)
