"""World Football Elo ratings tables and rating histories (``scoreline ratings``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoreline.api._store import _day, get_store


@dataclass(frozen=True)
class RatingRow:
    """One team in a ratings table (``rank`` is its world rank on that date)."""

    rank: int
    team: str
    confederation: str
    rating: float
    matches: int
    last_match: Any


@dataclass(frozen=True)
class RatingsTable:
    """World Football Elo ratings as of the start of ``date`` (matches before it)."""

    date: Any
    confederation: str | None
    rows: list[RatingRow]


def ratings(
    date: Any = None,
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
    import pandas as pd

    from scoreline.data.confederations import check_confederation, confederation_of
    from scoreline.errors import InvalidParameterError
    from scoreline.models.elo import Elo

    day = _day(date, "date")
    if top is not None and top < 1:
        raise InvalidParameterError(f"top must be at least 1, got {top}")
    conf = check_confederation(confederation) if confederation else None
    matches = get_store(db).matches(until=day)
    if matches.empty:
        raise InvalidParameterError(f"no match was played before {day.date()}")
    model = Elo().fit(matches)
    history = model.history_
    played = history["home_team"].value_counts().add(history["away_team"].value_counts(),
                                                      fill_value=0)
    last = history.melt(id_vars="date", value_vars=["home_team", "away_team"]).groupby("value")[
        "date"].max()
    rows = [
        RatingRow(rank, team, confederation_of(team), float(rating), int(played[team]),
                  last[team].date())
        for rank, (team, rating) in enumerate(model.ratings_.items(), start=1)
    ]
    if conf is not None:
        rows = [r for r in rows if r.confederation == conf]
    as_of = day if day is not None else model.last_date_ + pd.Timedelta(days=1)
    return RatingsTable(as_of.date(), conf, rows[:top] if top is not None else rows)


@dataclass(frozen=True)
class RatingHistory:
    """A team's Elo rating after each of its matches.

    ``points`` columns: ``date``, ``opponent``, ``venue`` ('home', 'away', 'neutral'),
    ``score`` (team first, after extra time), ``tournament``, ``rating_before``,
    ``rating`` (after the match), ``change``.
    """

    team: str
    points: Any


def rating_history(
    team: str, *, until: Any = None, plot: str | Path | None = None, db: str | Path | None = None
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
    import numpy as np
    import pandas as pd

    from scoreline.api._output import checked_output, output_errors
    from scoreline.models.elo import Elo
    from scoreline.models.elo_plot import plot_rating_history

    if plot is not None:
        plot = checked_output(plot, "the chart")
    store = get_store(db)
    name = store.resolve_team(team)
    matches = store.matches(until=_day(until, "until"))
    h = Elo().fit(matches).history_.assign(
        home_score=matches["home_score"].to_numpy(), away_score=matches["away_score"].to_numpy(),
        neutral=matches["neutral"].to_numpy())
    h = h[(h["home_team"] == name) | (h["away_team"] == name)]
    home = (h["home_team"] == name).to_numpy()
    points = pd.DataFrame({
        "date": h["date"].dt.date.to_numpy(),
        "opponent": np.where(home, h["away_team"], h["home_team"]),
        "venue": np.where(h["neutral"], "neutral", np.where(home, "home", "away")),
        "score": [f"{a}-{b}" if hm else f"{b}-{a}" for a, b, hm in
                  zip(h["home_score"], h["away_score"], home, strict=True)],
        "tournament": h["tournament"].to_numpy(),
        "rating_before": np.where(home, h["home_rating_before"], h["away_rating_before"]),
        "rating": np.where(home, h["home_rating_after"], h["away_rating_after"]),
        "change": np.where(home, h["change"], -h["change"]),
    })
    if plot is not None:
        with output_errors(plot, "the chart"):
            plot_rating_history(points, name, plot)
    return RatingHistory(name, points)
