"""The shipped tournament formats (``scoreline tournaments``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoreline.api._store import get_store


@dataclass(frozen=True)
class TournamentEdition:
    """One shipped tournament format.

    Attributes
    ----------
    name : str
        What ``scoreline simulate`` takes (``"wc2018"``).
    title : str
        Display name (``"FIFA World Cup 2018"``).
    start_date, end_date : date
        First and last day.
    teams : int
    hosts : tuple of str
    before_draw : bool
        Pots and draw rules instead of groups: every simulation draws its groups.
    groups_from_data : bool
        The groups are read from the results data.
    """

    name: str
    title: str
    start_date: dt.date
    end_date: dt.date
    teams: int
    hosts: tuple[str, ...]
    before_draw: bool
    groups_from_data: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (dates as ``YYYY-MM-DD``)."""
        return {
            "name": self.name,
            "title": self.title,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "teams": self.teams,
            "hosts": list(self.hosts),
            "before_draw": self.before_draw,
            "groups_from_data": self.groups_from_data,
        }


def tournament_names() -> tuple[str, ...]:
    """Names of every shipped tournament format (``wc1998`` .. ``nations2025``), by
    competition and year, without loading any data (the ids ``simulate_tournament`` takes;
    :func:`tournament_editions` gives their titles and dates)."""
    from scoreline.tournament.format import BUILTIN_FORMATS

    return BUILTIN_FORMATS


def tournament_editions(*, db: str | Path | None = None) -> list[TournamentEdition]:
    """Every shipped tournament format, loaded and checked against the store, by start date.

    Raises
    ------
    FormatError, UnknownTeamError
        A shipped format that the store's data contradicts (e.g. an older data set).
    """
    from scoreline.tournament.format import BUILTIN_FORMATS, format_path, read_raw_format
    from scoreline.tournament.played import load_tournament

    store = get_store(db)
    out = []
    for name in BUILTIN_FORMATS:
        fmt = load_tournament(store, name)
        raw = read_raw_format(format_path(name))
        out.append(TournamentEdition(
            name=name, title=fmt.name, start_date=fmt.start_date, end_date=fmt.end_date,
            teams=len(fmt.teams), hosts=fmt.hosts, before_draw=fmt.draw is not None,
            groups_from_data="groups_from_data" in raw and "groups" not in raw,
        ))
    return sorted(out, key=lambda e: (e.start_date, e.name))
