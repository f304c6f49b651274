"""Compare the model with bookmaker odds (``scoreline odds FILE.csv``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scoreline.api._store import get_store


@dataclass(frozen=True)
class OddsRow:
    """One fixture of an odds file: the model's and the market's probabilities.

    Probabilities are of the 90-minute result, home team first. ``market_*`` are the
    bookmaker's probabilities with the margin removed; ``ev_*`` the expected return per
    unit stake of backing each outcome at the odds given, by the model's probability
    (``p_model * odds - 1``: positive means the model rates the price as value).
    Totals fields are ``None`` when the file gives no totals market for the line.
    """

    line: int
    date: dt.date
    home_team: str
    away_team: str
    neutral: bool
    tournament: str
    settled: bool
    home_score_90: int | None
    away_score_90: int | None
    odds_home: float
    odds_draw: float
    odds_away: float
    booksum: float
    p_home: float
    p_draw: float
    p_away: float
    market_home: float
    market_draw: float
    market_away: float
    ev_home: float
    ev_draw: float
    ev_away: float
    total_line: float | None = None
    odds_over: float | None = None
    odds_under: float | None = None
    p_over: float | None = None
    market_over: float | None = None
    ev_over: float | None = None
    ev_under: float | None = None


@dataclass(frozen=True)
class OddsScores:
    """Mean RPS and log loss (nats) of the 1X2 over the settled fixtures (lower is better)."""

    n_matches: int
    model_rps: float
    market_rps: float
    model_log_loss: float
    market_log_loss: float


@dataclass(frozen=True)
class OddsComparison:
    """Model against market over an odds file.

    Attributes
    ----------
    source : str
        The file compared.
    model : str
        Model name; each fixture's forecast learnt only from matches before its date.
    method : str
        Margin-removal method (:mod:`scoreline.forecast.margin`).
    rows : tuple of OddsRow
        In file order.
    scores : OddsScores or None
        Over the settled fixtures with a known 90-minute score (``None`` when none is).
    """

    source: str
    model: str
    method: str
    rows: tuple[OddsRow, ...]
    scores: OddsScores | None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (dates stay ``datetime.date``)."""
        return asdict(self)


def compare_odds(
    path: str | Path,
    *,
    method: str = "shin",
    model: str = "default",
    db: str | Path | None = None,
) -> OddsComparison:
    """Forecast every fixture of an odds file walk-forward and set it beside the market.

    Parameters
    ----------
    path : path
        CSV of decimal odds (:mod:`scoreline.forecast.odds_file`).
    method : str
        ``'shin'`` (default), ``'power'`` or ``'multiplicative'``.
    model : str
        A model name (see :func:`scoreline.models.get_model`).
    db : path, optional
        Store file.

    Returns
    -------
    OddsComparison

    Raises
    ------
    OddsFileError
        Bad cells (per line), unknown teams, or a fixture dated within the data that the
        data lacks (or holds with home and away the other way round).
    InvalidParameterError
        An unknown method or model.
    """
    import numpy as np
    import pandas as pd

    from scoreline.api.forecasts import model_factory
    from scoreline.data.outcomes import outcome_index
    from scoreline.errors import InvalidParameterError
    from scoreline.evaluate.metrics import score
    from scoreline.forecast.margin import METHODS, booksum, remove_margin
    from scoreline.forecast.markets import total
    from scoreline.forecast.odds_file import OddsFileError, read_odds
    from scoreline.forecast.walk_forward import walk_forward

    if method not in METHODS:
        raise InvalidParameterError(
            f"unknown margin method {method!r}; expected one of {', '.join(METHODS)}")
    factory = model_factory(model)
    store = get_store(db)
    source = Path(path)
    odds = read_odds(source, store.resolve_team, str(path))
    matches = store.matches()
    last_day = pd.Timestamp(matches["date"].iloc[-1])
    keyed = matches.set_index(["date", "home_team", "away_team"])
    problems: list[str] = []
    settled = np.zeros(len(odds), dtype=bool)
    neutral = odds["neutral"].to_numpy(dtype=bool).copy()
    tournament = odds["tournament"].to_numpy(dtype=object).copy()
    home_90: list[int | None] = []
    away_90: list[int | None] = []
    for i, r in enumerate(odds.itertuples(index=False)):
        key = (r.date, r.home_team, r.away_team)
        home_90.append(None)
        away_90.append(None)
        if key in keyed.index:
            found = keyed.loc[key]
            found = found.iloc[0] if isinstance(found, pd.DataFrame) else found
            neutral[i] = bool(found["neutral"])
            tournament[i] = str(found["tournament"])
            if pd.notna(found["home_score_90"]) and pd.notna(found["away_score_90"]):
                settled[i] = True
                home_90[-1] = int(found["home_score_90"])
                away_90[-1] = int(found["away_score_90"])
        elif (r.date, r.away_team, r.home_team) in keyed.index:
            problems.append(f"{path}:{r.line}: home_team: the data has {r.away_team} v "
                            f"{r.home_team} on {r.date:%Y-%m-%d} (home first); swap the teams "
                            "and odds_home/odds_away")
        elif r.date <= last_day:
            problems.append(f"{path}:{r.line}: date: no match {r.home_team} v {r.away_team} on "
                            f"{r.date:%Y-%m-%d} in the data (which runs to {last_day:%Y-%m-%d}); "
                            "check the date and the teams")
    if problems:
        raise OddsFileError(problems)
    fixtures = odds[["date", "home_team", "away_team"]].assign(neutral=neutral,
                                                                tournament=tournament)
    forecast = walk_forward(matches, factory, fixtures=fixtures, refit="1D")
    rows: list[OddsRow] = []
    market = np.empty((len(odds), 3))
    for i, r in enumerate(odds.itertuples(index=False)):
        prices = (r.odds_home, r.odds_draw, r.odds_away)
        market[i] = remove_margin(prices, method)
        p = forecast.outcomes[i]
        extra: dict[str, float | None] = {}
        if not np.isnan(r.total_line):
            line = float(r.total_line)
            over = total(forecast.grids[i], line).over.p_fair
            market_over = float(remove_margin((r.odds_over, r.odds_under), method)[0])
            extra = {"total_line": line, "odds_over": float(r.odds_over),
                     "odds_under": float(r.odds_under), "p_over": over,
                     "market_over": market_over, "ev_over": over * r.odds_over - 1.0,
                     "ev_under": (1.0 - over) * r.odds_under - 1.0}
        rows.append(OddsRow(
            int(r.line), r.date.date(), r.home_team, r.away_team, bool(neutral[i]),
            str(tournament[i]), bool(settled[i]), home_90[i], away_90[i],
            float(r.odds_home), float(r.odds_draw), float(r.odds_away), booksum(prices),
            float(p[0]), float(p[1]), float(p[2]),
            float(market[i, 0]), float(market[i, 1]), float(market[i, 2]),
            float(p[0] * r.odds_home - 1), float(p[1] * r.odds_draw - 1),
            float(p[2] * r.odds_away - 1), **extra))
    scores = None
    if settled.any():
        y = outcome_index(np.array([h for h in home_90 if h is not None], dtype=np.int64),
                          np.array([a for a in away_90 if a is not None], dtype=np.int64))
        model_score = score(forecast.outcomes[settled], y)
        market_score = score(market[settled], y)
        scores = OddsScores(int(settled.sum()), model_score.rps, market_score.rps,
                            model_score.log_loss, market_score.log_loss)
    return OddsComparison(str(path), forecast.model, method, tuple(rows), scores)


__all__ = ["OddsComparison", "OddsRow", "OddsScores", "compare_odds"]
