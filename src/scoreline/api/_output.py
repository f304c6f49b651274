"""The one rule for every file scoreline writes on request (CSV tables, charts, reports).

An output path must name a file in a folder that already exists and can be written.
Nothing creates folders on the user's behalf: a typo in a folder name fails at once,
before any work is done, with a message that says what to do, instead of quietly
creating a tree somewhere unexpected or failing with a traceback after minutes of work.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scoreline.errors import OutputError


def checked_output(path: str | Path, what: str) -> Path:
    """``path`` as a Path after checking that a file can be written there.

    Parameters
    ----------
    path : str or Path
        The file to write (``~`` is expanded).
    what : str
        What will be written, for the message (``"the chart"``, ``"the CSV"``).

    Raises
    ------
    OutputError
        ``path`` is a folder, its folder does not exist, or the folder is not writable.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise OutputError(f"cannot write {what} to {target}: it is a folder; give a file "
                          f"name inside it, e.g. {target / ('out' + _suffix(what))}")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {what} to {target}: the folder {folder} does not "
                          "exist; create it first or choose another path")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {what} to {target}: the folder {folder} is not "
                          "writable")
    return target


@contextmanager
def output_errors(path: str | Path, what: str) -> Iterator[None]:
    """Turn an ``OSError`` raised while writing ``path`` into an :class:`OutputError`."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write {what} to {path}: {reason}") from None


def _suffix(what: str) -> str:
    return ".csv" if "CSV" in what else ".png" if "chart" in what else ".txt"
