"""World Football Elo ratings tables and rating histories (``scoreline ratings``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from scoreline._json import JsonDict
from scoreline.api._store import DateLike, _day, get_store


@dataclass(frozen=True)
class RatingRow(JsonDict):
    """One team in a ratings table (``rank`` is its world rank on that date)."""

    rank: int
    team: str
    confederation: str
    rating: float
    matches: int
    last_match: dt.date


@dataclass(frozen=True)
class RatingsTable(JsonDict):
    """World Football Elo ratings as of the start of ``date`` (matches before it)."""

    date: dt.date
    confederation: str | None
    rows: list[RatingRow]


def ratings(
    date: DateLike = None,
    *,
    top: int | None = 20,
    confederation: str | None = None,
    db: str | Path | None = None,
) -> RatingsTable:
    """World Football Elo ratings table (``scoreline ratings``).

    Parameters
    ----------
    date : date-like, optional
        Ratings after every match strictly before this day (default: after the last match).
    top : int, optional
        Keep the best ``top`` rows (after the confederation filter); None keeps all.
    confederation : str, optional
        AFC, CAF, CONCACAF, CONMEBOL, OFC, UEFA or none.
    db : path, optional
        Store file.
    """
    from scoreline.data.confederations import check_confederation, confederation_of
    from scoreline.errors import InvalidParameterError
    from scoreline.models.elo_tables import ratings_table

    day = _day(date, "date")
    if top is not None and top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")
    conf = check_confederation(confederation) if confederation else None
    matches = get_store(db).matches(until=day)
    if matches.empty:
        raise InvalidParameterError(f"no match was played before {day}")
    table, last_day = ratings_table(matches)
    rows = [RatingRow(rank, r.team, confederation_of(r.team), r.rating, r.matches, r.last_match)
            for rank, r in enumerate(table, start=1)]
    if conf is not None:
        rows = [r for r in rows if r.confederation == conf]
    as_of = day if day is not None else last_day + dt.timedelta(days=1)
    return RatingsTable(as_of, conf, rows[:top] if top is not None else rows)


@dataclass(frozen=True)
class RatingPoint(JsonDict):
    """A team's Elo rating after one of its matches (score after extra time, team first).

    ``venue`` is 'home', 'away' or 'neutral'; ratings and ``change`` in Elo points.
    """

    date: dt.date
    opponent: str
    venue: str
    score: str
    tournament: str
    rating_before: float
    rating: float
    change: float


@dataclass(frozen=True)
class RatingHistory(JsonDict):
    """A team's Elo rating after each of its matches, oldest first."""

    team: str
    points: list[RatingPoint]


def rating_history(
    team: str, *, until: DateLike = None, plot: str | Path | None = None, db: str | Path | None = None
) -> RatingHistory:
    """Elo rating history of one team (``scoreline ratings --team T [--plot]``).

    Parameters
    ----------
    team : str
        Any spelling the store resolves.
    until : date-like, optional
        Only matches strictly before this day.
    plot : path, optional
        Also draw the history into this PNG file.
    db : path, optional
        Store file.
    """
    from scoreline.api._output import checked_output, output_errors
    from scoreline.models.elo_plot import plot_rating_history
    from scoreline.models.elo_tables import rating_history_frame

    if plot is not None:
        plot = checked_output(plot, "the chart")
    store = get_store(db)
    name = store.resolve_team(team)
    frame = rating_history_frame(store.matches(until=_day(until, "until")), name)
    if plot is not None:
        with output_errors(plot, "the chart"):
            plot_rating_history(frame, name, plot)
    points = [RatingPoint(p.date, str(p.opponent), str(p.venue), str(p.score),
                          str(p.tournament), float(p.rating_before), float(p.rating),
                          float(p.change))
              for p in frame.itertuples(index=False)]
    return RatingHistory(name, points)
