"""Which matches a ranking covers: a tournament, a year or a date window, or all time."""

from __future__ import annotations

import pandas as pd

from scoreline.data.store import Store
from scoreline.errors import InvalidParameterError


def select_matches(
    store: Store,
    *,
    tournament: str | None = None,
    year: int | None = None,
    since: str | None = None,
    until: str | None = None,
    all_time: bool = False,
) -> tuple[pd.DataFrame, str]:
    """The matches of a ranking and a readable description of the selection.

    Parameters
    ----------
    store : Store
    tournament : str, optional
        Any capitalisation of a tournament name in the data (``"FIFA World Cup"``).
    year : int, optional
        Calendar year. Cannot be combined with ``since``/``until``.
    since, until : str, optional
        ISO dates, ``since`` inclusive, ``until`` exclusive.
    all_time : bool
        Every match of ``tournament`` (required) in the data.

    Without a year, a window or ``all_time``: a tournament's whole history when a
    tournament is given, else the latest calendar year in the data.

    Raises
    ------
    InvalidParameterError
        Conflicting options, an unknown tournament, or an empty selection.
    """
    if year is not None and (since is not None or until is not None):
        raise InvalidParameterError("give either a year or a since/until window, not both")
    if all_time and (year is not None or since is not None or until is not None):
        raise InvalidParameterError("all_time covers every year; drop year/since/until")
    if all_time and tournament is None:
        raise InvalidParameterError(
            "all_time needs a tournament (e.g. 'FIFA World Cup'): ranking all 49,000 matches "
            "ever played needs a walk-forward forecast of each; give a year or a window instead"
        )
    if year is not None and not 1872 <= int(year) <= 2100:
        raise InvalidParameterError(f"year {year} is outside the data (1872 onwards)")
    name = store.resolve_tournament(tournament) if tournament is not None else None
    if year is not None:
        since, until = f"{int(year)}-01-01", f"{int(year) + 1}-01-01"
    elif since is None and until is None and name is None:
        last = pd.Timestamp(store.matches()["date"].max()).year
        since, until = f"{last}-01-01", f"{last + 1}-01-01"
    try:
        frame = store.matches(since=since, until=until, tournament=name)
    except (ValueError, TypeError) as exc:
        raise InvalidParameterError(f"bad date in since/until: {exc}") from None
    what = name or "all matches"
    if since is not None or until is not None:
        what += f" {since or 'start'} to {until or 'now'}" if year is None else f" {year}"
    else:
        what += " (all time)"
    if frame.empty:
        raise InvalidParameterError(f"no matches for {what}")
    return frame, what


def between_fifa_members(matches: pd.DataFrame) -> pd.DataFrame:
    """The matches whose two sides are both FIFA members (no CONIFA sides, regions or
    islands; :func:`scoreline.data.confederations.confederation_of`)."""
    from scoreline.data.confederations import NONE, confederation_of

    teams = pd.unique(pd.concat([matches["home_team"], matches["away_team"]]))
    member = {t: confederation_of(str(t)) != NONE for t in teams}
    keep = matches["home_team"].map(member) & matches["away_team"].map(member)
    return matches[keep.astype(bool).to_numpy()]
