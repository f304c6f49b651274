"""Command-line interface: ``scoreline`` (typer + rich), a thin client of the Python API."""

from __future__ import annotations

import gc
import sys

from scoreline import api
from scoreline.cli.app import app

# Each module registers its commands on ``app`` when imported.
from scoreline.cli import data as _data  # noqa: F401
from scoreline.cli import updates as _updates  # noqa: F401
from scoreline.cli import teams as _teams  # noqa: F401
from scoreline.cli import story as _story  # noqa: F401
from scoreline.cli import check as _check  # noqa: F401
from scoreline.cli import ratings as _ratings  # noqa: F401
from scoreline.cli import predict as _predict  # noqa: F401
from scoreline.cli import odds as _odds  # noqa: F401
from scoreline.cli import backtest as _backtest  # noqa: F401
from scoreline.cli import tune as _tune  # noqa: F401
from scoreline.cli import simulate as _simulate  # noqa: F401
from scoreline.cli import match as _match  # noqa: F401
from scoreline.cli import live as _live  # noqa: F401
from scoreline.cli import upsets as _upsets  # noqa: F401
from scoreline.cli import serve as _serve  # noqa: F401


def uses_dask(argv: list[str]) -> bool:
    """Whether a command line runs its work on a Dask cluster (``--scheduler`` other than
    ``none``)."""
    for k, arg in enumerate(argv):
        if arg.startswith("--scheduler="):
            return arg.partition("=")[2].strip().lower() != "none"
        if arg == "--scheduler":
            return k + 1 < len(argv) and argv[k + 1].strip().lower() != "none"
    return False


def main() -> None:
    """Entry point of the ``scoreline`` console script."""
    # Collections of the young generation every 50,000 new objects rather than 700: loading
    # pandas, numba and the data creates hundreds of thousands of objects that live to the
    # end, and with the default thresholds the collector went through them again and again
    # (0.1-0.45 s of a command); memory is not at stake at that size.
    gc.set_threshold(50_000, 20, 10)
    # pandas without pyarrow: its import is 0.1 s shorter, and scoreline needs no Arrow
    # feature (the store's table copies are NumPy archives; see api.pandas_without_arrow).
    # Not with a Dask cluster: its workers' pandas loads pyarrow, and the frames they send
    # back need it here to be read.
    if not uses_dask(sys.argv[1:]):
        api.pandas_without_arrow()
    try:
        app()
    finally:
        # Python's exit collects the garbage among every object still alive: after pandas
        # and the checker's patterns are loaded, 0.2-0.3 s of a 1-2 s command. Frozen, the
        # objects are left out of those collections; everything else at exit (atexit
        # handlers, flushed and closed files) happens as before. Not once DuckDB is loaded
        # (a store written, or read before its table copies exist): its bindings count the
        # objects left uncollected at exit and print a page of "leaked" warnings.
        if "duckdb" not in sys.modules:
            gc.freeze()


__all__ = ["app", "main", "uses_dask"]
