"""Walk-forward backtest: forecast past matches as if live, then score them on 90-minute results.

1X2 forecasts are 90-minute forecasts, so they are scored against ``home_score_90`` /
``away_score_90`` (the derived 90-minute score where extra time was played). Matches
whose 90-minute score is unknown (extra time without a goal list) are excluded and
counted in :attr:`BacktestResult.n_excluded`; they are not even forecast.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoreline.data.outcomes import outcome_index
from scoreline.errors import InvalidParameterError
from scoreline.evaluate.calibration import calibration_table
from scoreline.evaluate.metrics import Scores, score
from scoreline.forecast.walk_forward import Progress, parse_refit, walk_forward
from scoreline.models.protocol import ModelFactory


@dataclass(frozen=True)
class BacktestResult:
    """Scores of a walk-forward backtest.

    Attributes
    ----------
    model : str
        Name of the model.
    since, until : Timestamp
        Window of the forecast matches, ``[since, until)``.
    tournament : str or None
        Only matches of this tournament were forecast (all matches were learnt from).
    refit : str
        Refit cadence.
    scores : Scores
        Mean RPS, log loss, Brier score and accuracy over the scored matches.
    n_excluded : int
        Matches in the window left out because their 90-minute score is unknown.
    calibration : DataFrame
        :func:`scoreline.evaluate.calibration.calibration_table` of the forecasts.
    forecasts : DataFrame
        One row per scored match: ``match_id``, ``date``, ``home_team``, ``away_team``,
        ``tournament``, ``neutral``, ``home_score_90``, ``away_score_90``, ``p_home``,
        ``p_draw``, ``p_away``, ``home_xg``, ``away_xg``, ``rps``.
    seconds : float
        Wall time of the walk-forward run.
    """

    model: str
    since: pd.Timestamp
    until: pd.Timestamp
    tournament: str | None
    refit: str
    scores: Scores
    n_excluded: int
    calibration: pd.DataFrame
    forecasts: pd.DataFrame
    seconds: float


def _tournament_filter(window: pd.DataFrame, tournament: str) -> pd.Series:
    names = window["tournament"].astype(str)
    mask = names.str.casefold() == tournament.casefold()
    if not mask.any():
        known = sorted(set(names))
        close = difflib.get_close_matches(tournament, known, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise InvalidParameterError(f"no {tournament!r} matches in the window{hint}")
    return mask


def backtest(
    matches: pd.DataFrame,
    model_factory: ModelFactory,
    since: str | pd.Timestamp,
    until: str | pd.Timestamp,
    *,
    tournament: str | None = None,
    refit: str = "7D",
    warm_start: bool = True,
    bins: int = 10,
    progress: Progress | None = None,
) -> BacktestResult:
    """Walk-forward forecasts of the matches in ``[since, until)``, scored on 90 minutes.

    Parameters
    ----------
    matches : DataFrame
        Every played match, sorted by date (``store.matches()``); each forecast learns only
        from matches dated before it.
    model_factory : callable
        Returns a new unfitted model.
    since, until : date
        Window of the matches to forecast (``until`` exclusive).
    tournament : str, optional
        Forecast only this tournament's matches (case-insensitive exact name).
    refit : str
        Refit cadence (``'1D'``, ``'7D'``, ``'30D'``).
    warm_start : bool
        Refit one model instance (see :func:`scoreline.forecast.walk_forward.walk_forward`).
    bins : int
        Bins of the calibration table.
    progress : callable, optional
        ``progress(done, total)`` after each refit.

    Raises
    ------
    InvalidParameterError
        ``since`` not before ``until``, an unknown tournament, or nothing to score.
    """
    start, stop = pd.Timestamp(since), pd.Timestamp(until)
    if start >= stop:
        raise InvalidParameterError(f"since ({start.date()}) must be before until ({stop.date()})")
    parse_refit(refit)
    dates = pd.to_datetime(matches["date"])
    window = matches.loc[(dates >= start) & (dates < stop)]
    if tournament is not None:
        window = window.loc[_tournament_filter(window, tournament)]
    known = (window["home_score_90"].notna() & window["away_score_90"].notna()).to_numpy()
    n_excluded = int((~known).sum())
    fixtures = window.loc[known].reset_index(drop=True)
    if len(fixtures) == 0:
        raise InvalidParameterError(
            f"no match with a known 90-minute score between {start.date()} and {stop.date()}"
        )
    clock = time.perf_counter()
    forecast = walk_forward(
        matches, model_factory, fixtures=fixtures, refit=refit, warm_start=warm_start,
        progress=progress,
    )
    seconds = time.perf_counter() - clock
    home_90 = fixtures["home_score_90"].to_numpy(dtype=np.int64)
    away_90 = fixtures["away_score_90"].to_numpy(dtype=np.int64)
    outcomes = outcome_index(home_90, away_90)
    probs = forecast.outcomes
    frame = forecast.to_frame()
    columns = [c for c in ("match_id", "date", "home_team", "away_team", "tournament", "neutral",
                           "home_score_90", "away_score_90", "p_home", "p_draw", "p_away",
                           "home_xg", "away_xg") if c in frame.columns]
    frame = frame[columns].copy()
    cum = np.cumsum(probs - np.eye(3)[outcomes], axis=1)[:, :2]
    frame["rps"] = 0.5 * np.sum(cum**2, axis=1)
    return BacktestResult(
        model=forecast.model,
        since=start,
        until=stop,
        tournament=tournament,
        refit=str(refit),
        scores=score(probs, outcomes),
        n_excluded=n_excluded,
        calibration=calibration_table(probs, outcomes, bins=bins),
        forecasts=frame,
        seconds=seconds,
    )


__all__ = ["BacktestResult", "backtest"]
