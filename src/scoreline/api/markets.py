"""Every market of one match from the default model's score grid (``predict --markets``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline.api._store import _day, get_store

if TYPE_CHECKING:  # an annotation only: importing the API must not load NumPy
    from scoreline.forecast.markets import Markets


@dataclass(frozen=True)
class MatchMarkets:
    """A match's 90-minute markets, all from one score grid.

    Attributes
    ----------
    home_team, away_team : str
        Canonical names, home first.
    date : datetime.date
        Match day; the model learnt from matches strictly before it.
    neutral : bool
        Neutral venue (no home advantage).
    tournament : str
        Tournament the fixture was priced as.
    model : str
        Model name.
    home_xg, away_xg : float
        Model goal rates per 90 minutes.
    markets : Markets
        :class:`scoreline.forecast.markets.Markets` (conventions in that module: handicap
        lines are the home side's, Asian prices are fair probabilities with pushes and
        half results handled).
    """

    home_team: str
    away_team: str
    date: dt.date
    neutral: bool
    tournament: str
    model: str
    home_xg: float
    away_xg: float
    markets: Markets

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (``date`` stays a ``datetime.date``; markets nested as dicts)."""
        return asdict(self)


def match_markets(
    home: str,
    away: str,
    *,
    date: Any = None,
    neutral: bool = False,
    tournament: str | None = None,
    model: str = "default",
    db: str | Path | None = None,
) -> MatchMarkets:
    """Price every market of one match from the model fitted on matches before ``date``.

    Parameters
    ----------
    home, away : str
        Team names (home first; with ``neutral`` the order is nominal).
    date : date-like, optional
        Match day (default: the day after the last match in the store).
    neutral : bool
        Neutral venue.
    tournament : str, optional
        Tournament name (default ``Friendly``).
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    db : path, optional
        Store file.

    Raises
    ------
    UnknownTeamError
        A team the store does not know (with the closest names).
    InvalidParameterError
        A team playing itself, a bad date or an unknown model.
    """
    import pandas as pd

    from scoreline.api.forecasts import fitted_model, model_factory
    from scoreline.errors import InvalidParameterError
    from scoreline.forecast.markets import markets

    store = get_store(db)
    model_factory(model)
    day = _day(date, "date") or store.last_date() + dt.timedelta(days=1)
    home_team, away_team = store.resolve_team(home, day), store.resolve_team(away, day)
    if home_team == away_team:
        raise InvalidParameterError(f"{home_team!r} cannot play itself; give two different teams")
    name = tournament or "Friendly"
    fixture = pd.DataFrame({"date": [pd.Timestamp(day)], "home_team": [home_team], "away_team": [away_team],
                            "neutral": [bool(neutral)], "tournament": [name]})
    forecast = fitted_model(model, day, db=db).predict(fixture)
    return MatchMarkets(home_team, away_team, day, bool(neutral), name, forecast.model,
                        float(forecast.expected_home_goals[0]),
                        float(forecast.expected_away_goals[0]), markets(forecast.grids[0]))


__all__ = ["MatchMarkets", "match_markets"]
