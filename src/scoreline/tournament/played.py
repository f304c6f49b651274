"""A tournament's format checked against the store, and its matches played so far.

Apart from the simulator (:mod:`scoreline.tournament.runner` loads the compiled kernels):
where a tournament stands is read without them, so a process that only shows results (the
web server's event loop) never loads numba.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from scoreline.tournament.format import TournamentFormat, load_format

if TYPE_CHECKING:
    from scoreline.data.store import Store

__all__ = ["load_tournament", "tournament_matches"]


def tournament_matches(store: Store, fmt: TournamentFormat,
                       until: dt.date | None = None) -> pd.DataFrame:
    """The tournament's matches in the data played before ``until`` (exclusive)."""
    end = fmt.end_date + dt.timedelta(days=1)
    stop = min(end, until) if until is not None else end
    frame = store.matches(since=pd.Timestamp(fmt.start_date), until=pd.Timestamp(stop))
    return frame[frame["tournament"] == fmt.tournament]


def load_tournament(store: Store, name_or_path: str | Path) -> TournamentFormat:
    """Load a format, with every team checked against the store and, where the format
    reads its groups from the data (``groups_from_data``), the store's matches.

    Raises
    ------
    FormatError, UnknownTeamError, InvalidParameterError
        As :func:`scoreline.tournament.format.load_format`.
    """

    def results(tournament: str, start: dt.date, end: dt.date) -> pd.DataFrame:
        frame = store.matches(
            since=pd.Timestamp(start), until=pd.Timestamp(end + dt.timedelta(days=1))
        )
        return frame[frame["tournament"] == tournament]

    return load_format(name_or_path, store.teams(), results)
