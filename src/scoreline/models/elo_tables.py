"""World Football Elo as tables: the ratings of every team on a date, one team's history.

The maths behind ``scoreline ratings``: the API turns these rows into its typed results.
Scores are after extra time (as the Elo formula of eloratings.net uses them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoreline.models.elo import Elo


@dataclass(frozen=True)
class TeamRating:
    """One team's Elo rating after its last match of the data it was fitted on.

    Attributes
    ----------
    team : str
    rating : float
        Elo points.
    matches : int
        Matches the team played in that data.
    last_match : datetime.date
        Day of its last match there.
    """

    team: str
    rating: float
    matches: int
    last_match: dt.date


def ratings_table(matches: pd.DataFrame) -> tuple[list[TeamRating], dt.date]:
    """Every team's Elo rating after ``matches`` (store columns, oldest first), best first.

    Returns
    -------
    (list of TeamRating, datetime.date)
        The teams by rating, highest first, and the day of the last match rated.
    """
    model = Elo().fit(matches)
    history = model.history_
    played = history["home_team"].value_counts().add(history["away_team"].value_counts(),
                                                      fill_value=0)
    last = history.melt(id_vars="date", value_vars=["home_team", "away_team"]).groupby(
        "value")["date"].max()
    rows = [TeamRating(str(team), float(rating), int(played[team]), last[team].date())
            for team, rating in model.ratings_.items()]
    return rows, model.last_date_.date()


def rating_history_frame(matches: pd.DataFrame, team: str) -> pd.DataFrame:
    """Elo rating of ``team`` after each of its matches in ``matches``, oldest first.

    Parameters
    ----------
    matches : DataFrame
        Store matches (oldest first); the ratings are fitted on all of them.
    team : str
        Canonical team name.

    Returns
    -------
    DataFrame
        ``date`` (datetime.date), ``opponent``, ``venue`` ('home', 'away', 'neutral'),
        ``score`` (team first, after extra time), ``tournament``, ``rating_before``,
        ``rating`` (after the match), ``change``.
    """
    h = Elo().fit(matches).history_.assign(
        home_score=matches["home_score"].to_numpy(), away_score=matches["away_score"].to_numpy(),
        neutral=matches["neutral"].to_numpy())
    h = h[(h["home_team"] == team) | (h["away_team"] == team)]
    home = (h["home_team"] == team).to_numpy()
    return pd.DataFrame({
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
