"""Settings of a long-running process that serves the API (the web server and its workers)."""

from __future__ import annotations

import sys

__all__ = ["pandas_without_arrow"]


def pandas_without_arrow() -> bool:
    """Keep pandas from loading pyarrow in this process, if pandas is not loaded yet.

    pandas 3 imports pyarrow, when it is installed, as it is itself imported, and keeps its
    strings in Arrow arrays. scoreline needs no Arrow feature: without pyarrow, pandas
    keeps the same ``str`` columns in NumPy arrays of Python strings, with the same
    values, missing-value rules and results. Loading pyarrow costs a process about 33 MB
    resident (its libraries' pages), which a server pays in its event-loop process and in
    each heavy worker, and pyarrow's import 0.1 s of every command. Call this first thing
    in such a process (the ``scoreline`` command and the server do); elsewhere (tests, the
    benches, which write Parquet, a notebook) pandas keeps pyarrow.

    Returns
    -------
    bool
        Whether pandas runs without pyarrow in this process: True when this call kept it
        away (or an earlier one did), False when pandas or pyarrow was already loaded.
    """
    if sys.modules.get("pyarrow", False) is None:
        return True
    if "pandas" in sys.modules or "pyarrow" in sys.modules:
        return False
    # A None entry makes ``import pyarrow`` raise ImportError, which pandas reads as
    # "not installed" (pandas.compat.pyarrow); nothing else in scoreline imports pyarrow.
    sys.modules["pyarrow"] = None  # type: ignore[assignment]
    return True
