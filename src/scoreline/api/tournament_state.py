"""Where a tournament stands as of a day: not started, running, or finished with its final."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoreline._json import JsonDict
from scoreline.api._store import _day, get_store
from scoreline.data.types import Match


@dataclass(frozen=True)
class TournamentStatus(JsonDict):
    """A tournament as of a day (``as_of``: results before that day are known).

    Attributes
    ----------
    tournament_id : str
        The format id (``wc2026``) or file given.
    tournament : str
        The format's name (``FIFA World Cup 2026``).
    as_of : datetime.date
        The day the state is for (default: the day after the latest match in the store,
        kept within the tournament's opening day and the day after its final).
    latest_data_day : datetime.date
        The latest match day in the store.
    start_date, end_date : datetime.date
        Opening day and final day of the format.
    status : str
        ``"upcoming"`` (nothing played before ``as_of``), ``"running"`` or ``"finished"``
        (its last match, on the final day, played before ``as_of``).
    matches_played : int
        The tournament's matches played before ``as_of``.
    champion : str or None
        The winner of the final when finished.
    final : Match or None
    """

    tournament_id: str
    tournament: str
    as_of: dt.date
    latest_data_day: dt.date
    start_date: dt.date
    end_date: dt.date
    status: str
    matches_played: int
    champion: str | None
    final: Match | None


def tournament_status(tournament: str | Path, as_of: Any = None, *,
                      db: str | Path | None = None) -> TournamentStatus:
    """Where ``tournament`` stands as of a day, without simulating anything.

    Parameters
    ----------
    tournament : str or Path
        ``"wc2022"``, ``"wc2026"``, ``"euro2024"`` or a format file.
    as_of : date-like, optional
        Results strictly before this day count. Default: the day after the latest match
        in the store, clamped to the tournament's opening day .. the day after its final;
        so a finished tournament shows its final, a running one today's state.
    db : path, optional
        Store file.

    Raises
    ------
    InvalidParameterError
        Unknown tournament or a bad date.
    """
    import pandas as pd

    from scoreline.tournament.played import load_tournament, tournament_matches

    store = get_store(db)
    fmt = load_tournament(store, str(tournament))
    latest = store.last_date()
    after_final = fmt.end_date + dt.timedelta(days=1)
    day = _day(as_of, "as_of")
    if day is None:
        when = min(max(latest + dt.timedelta(days=1), fmt.start_date), after_final)
    else:
        when = day
    played = tournament_matches(store, fmt, until=when)
    status = "upcoming" if played.empty else "running"
    final = None
    champion = None
    if not played.empty:
        last = played.iloc[-1]
        if pd.Timestamp(last["date"]).date() >= fmt.end_date:
            status = "finished"
            home_score, away_score = int(last["home_score"]), int(last["away_score"])
            shootout = last["shootout_winner"] if last["shootout_winner"] else None
            if home_score != away_score:
                champion = str(last["home_team"] if home_score > away_score else last["away_team"])
            else:
                champion = str(shootout) if shootout else None
            final = Match.from_row(last)
    return TournamentStatus(str(tournament), fmt.name, when, latest, fmt.start_date,
                            fmt.end_date, status, len(played), champion, final)
