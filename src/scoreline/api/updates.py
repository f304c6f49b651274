"""Keeping the data current: ``data update``, ``data rollback``, ``data add``, ``data remove``.

Every change rebuilds the store's tables from one upstream snapshot plus the user's rows,
validated like a load, in one transaction (see :mod:`scoreline.data.history`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline._json import JsonDict
from scoreline.api._store import _writable_store, get_store
from scoreline.data.sources import Progress

if TYPE_CHECKING:  # an annotation only: importing the API must not load pandas
    from scoreline.data.diff import SnapshotDiff


@dataclass(frozen=True)
class DataChange(JsonDict):
    """What an update, rollback, add or remove did (``scoreline data update`` etc.).

    Attributes
    ----------
    action : str
        ``update``, ``rollback``, ``add`` or ``remove``.
    origin : str
        The upstream snapshot now in the store (``upstream@<commit>``, a directory or URL).
    source_commit : str or None
    previous_origin, previous_commit : str or None
        The snapshot ``scoreline data rollback`` would restore.
    diff : SnapshotDiff
        New, removed and corrected matches, changed goal lists, renamed teams.
    user_dropped : list of str
        Added matches dropped because upstream now carries them.
    user_matches : int
        Added matches in the store afterwards.
    matches, goals, shootouts : int
        Totals afterwards.
    seconds : float
    warnings : list of str
    """

    action: str
    origin: str
    source_commit: str | None
    previous_origin: str | None
    previous_commit: str | None
    diff: SnapshotDiff
    user_dropped: list[str]
    user_matches: int
    matches: int
    goals: int
    shootouts: int
    seconds: float
    warnings: list[str] = field(default_factory=list)



@dataclass(frozen=True)
class AddedSource(JsonDict):
    """One file of matches a user added (``scoreline data added``)."""

    label: str
    added_at: dt.datetime
    matches: int
    goals: int
    shootouts: int



def _change(change: Any) -> DataChange:
    return DataChange(
        change.action, change.origin, change.source_commit, change.previous_origin,
        change.previous_commit, change.diff, list(change.user_dropped), change.user_matches,
        change.matches, change.goals, change.shootouts, change.seconds, list(change.warnings))


def update_data(
    source: str | Path | None = None,
    *,
    ref: str = "main",
    db: str | Path | None = None,
    progress: Progress | None = None,
    raw_url: str | None = None,
    api_url: str | None = None,
    cache_dir: str | Path | None = None,
) -> DataChange:
    """Bring the store up to the newest upstream snapshot (``scoreline data update``).

    Parameters
    ----------
    source : str or Path, optional
        A directory or base URL holding the four files (offline, as for ``data load``).
        Default: the upstream repository at ``ref``.
    ref : str
        Branch, tag or commit of github.com/martj42/international_results (default
        ``main``, not the pinned commit ``data load`` uses).
    db : path, optional
        Store file.
    progress : callable, optional
        Download progress, ``(file, bytes_done, bytes_total)``.
    raw_url, api_url, cache_dir : optional
        Where files and the branch's commit are asked for, and where downloads are kept
        (tests point these at 127.0.0.1 and a temp dir).

    Returns
    -------
    DataChange
        The diff against what was stored; the previous snapshot is kept for
        :func:`rollback_data`. Added matches that upstream now carries are dropped
        (listed in ``user_dropped``).

    Raises
    ------
    DataSourceError, DataValidationError
        The store is left as it was.
    """
    from scoreline.data.sources import resolve_source, upstream_snapshot

    cache = Path(cache_dir) if cache_dir is not None else None
    if source is not None:
        files = resolve_source(source, cache_dir=cache, progress=progress)
    else:
        files = upstream_snapshot(ref, cache_dir=cache, raw_url=raw_url, api_url=api_url,
                                  progress=progress)
    return _change(_writable_store(db).install(files, "update"))


def rollback_data(*, db: str | Path | None = None) -> DataChange:
    """Restore the upstream snapshot before the last update (``scoreline data rollback``).

    Added matches stay. A second rollback undoes the first.

    Raises
    ------
    StoreError
        The store keeps no previous snapshot.
    """
    return _change(_writable_store(db).rollback())


def add_matches(
    results: str | Path,
    *,
    goals: str | Path | None = None,
    shootouts: str | Path | None = None,
    label: str | None = None,
    db: str | Path | None = None,
) -> DataChange:
    """Add matches the upstream data lacks yet (``scoreline data add results.csv``).

    Parameters
    ----------
    results : path
        A CSV with the columns of upstream ``results.csv`` (scores after extra time).
    goals, shootouts : path, optional
        CSVs with the columns of ``goalscorers.csv`` and ``shootouts.csv`` for those
        matches.
    label : str, optional
        Name the rows are kept under (default: the results file's name); shown as the
        matches' ``source`` (``user:<label>``) and used by :func:`remove_matches`.
    db : path, optional
        Store file.

    The rows are validated like a load (each problem names the file and line), kept
    across updates, and dropped with a notice once upstream carries the same match.
    Forecasts for later dates use them.

    Raises
    ------
    DataValidationError
        Bad rows; nothing is stored.
    InvalidParameterError
        The label is taken.
    """
    change = _writable_store(db).add_user_matches(
        Path(results), Path(goals) if goals else None, Path(shootouts) if shootouts else None,
        label)
    return _change(change)


def remove_matches(label: str, *, db: str | Path | None = None) -> DataChange:
    """Remove the matches added under ``label`` (``scoreline data remove LABEL``).

    Raises
    ------
    InvalidParameterError
        Nothing was added under that label (the message lists the labels).
    """
    return _change(_writable_store(db).remove_user_matches(label))


def added_matches(*, db: str | Path | None = None) -> list[AddedSource]:
    """The files of matches users added, oldest first (``scoreline data added``)."""
    return [AddedSource(s["label"], s["added_at"].to_pydatetime(), s["matches"], s["goals"],
                        s["shootouts"]) for s in get_store(db).user_sources()]
