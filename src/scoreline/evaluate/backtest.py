"""Walk-forward backtest: forecast past matches as if live, then score them on 90-minute results.

1X2 forecasts are 90-minute forecasts, so they are scored against ``home_score_90`` /
``away_score_90`` (the derived 90-minute score where extra time was played). Matches
whose 90-minute score is unknown (extra time without a goal list) are excluded and
counted in :attr:`BacktestResult.n_excluded`; they are not even forecast.
"""

from __future__ import annotations

import difflib
import itertools
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
    parse_refit(refit)
    fixtures, n_excluded = scored_fixtures(matches, start, stop, tournament)
    clock = time.perf_counter()
    forecast = walk_forward(
        matches, model_factory, fixtures=fixtures, refit=refit, warm_start=warm_start,
        progress=progress,
    )
    seconds = time.perf_counter() - clock
    frame = forecast.to_frame()
    columns = [c for c in FORECAST_COLUMNS if c in frame.columns]
    return _result(forecast.model, start, stop, tournament, str(refit), frame[columns].copy(),
                   n_excluded, bins, seconds)


FORECAST_COLUMNS = ("match_id", "date", "home_team", "away_team", "tournament", "neutral",
                    "home_score_90", "away_score_90", "p_home", "p_draw", "p_away",
                    "home_xg", "away_xg")
"""Columns of :attr:`BacktestResult.forecasts` (before ``rps``), where the data has them."""


def _result(model: str, start: pd.Timestamp, stop: pd.Timestamp, tournament: str | None,
            refit: str, frame: pd.DataFrame, n_excluded: int, bins: int,
            seconds: float) -> BacktestResult:
    """Score a forecast frame (``FORECAST_COLUMNS``) against its 90-minute results."""
    home_90 = frame["home_score_90"].to_numpy(dtype=np.int64)
    away_90 = frame["away_score_90"].to_numpy(dtype=np.int64)
    outcomes = outcome_index(home_90, away_90)
    probs = frame[["p_home", "p_draw", "p_away"]].to_numpy(dtype=np.float64)
    cum = np.cumsum(probs - np.eye(3)[outcomes], axis=1)[:, :2]
    frame = frame.assign(rps=0.5 * np.sum(cum**2, axis=1)).reset_index(drop=True)
    return BacktestResult(
        model=model,
        since=start,
        until=stop,
        tournament=tournament,
        refit=refit,
        scores=score(probs, outcomes),
        n_excluded=n_excluded,
        calibration=calibration_table(probs, outcomes, bins=bins),
        forecasts=frame,
        seconds=seconds,
    )


def scored_fixtures(
    matches: pd.DataFrame, since: pd.Timestamp, until: pd.Timestamp, tournament: str | None
) -> tuple[pd.DataFrame, int]:
    """The matches of ``[since, until)`` a backtest forecasts, and how many it leaves out.

    Only matches with a known 90-minute score are scored (the others are counted); with
    ``tournament``, only that tournament's matches.

    Raises
    ------
    InvalidParameterError
        ``since`` not before ``until``, an unknown tournament, or nothing to score.
    """
    if since >= until:
        raise InvalidParameterError(f"since ({since.date()}) must be before until ({until.date()})")
    dates = pd.to_datetime(matches["date"])
    window = matches.loc[(dates >= since) & (dates < until)]
    if tournament is not None:
        window = window.loc[_tournament_filter(window, tournament)]
    known = (window["home_score_90"].notna() & window["away_score_90"].notna()).to_numpy()
    fixtures = window.loc[known].reset_index(drop=True)
    if len(fixtures) == 0:
        raise InvalidParameterError(
            f"no match with a known 90-minute score between {since.date()} and {until.date()}"
        )
    return fixtures, int((~known).sum())


def time_blocks(
    matches: pd.DataFrame,
    since: str | pd.Timestamp,
    until: str | pd.Timestamp,
    n_blocks: int,
    *,
    tournament: str | None = None,
    refit: str = "7D",
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Cut a backtest window into up to ``n_blocks`` time blocks ``[start, stop)``.

    Block edges fall on the refit days of the single walk-forward run over the whole
    window (see :func:`scoreline.forecast.walk_forward.walk_forward`), so a backtest of
    each block, fitted from scratch on the matches before it, makes the same refits as
    the single run and the merged result (:func:`merge_backtests`) equals it up to the
    optimiser tolerance of warm starts. Blocks hold about equal numbers of refits.
    """
    start, stop = pd.Timestamp(since), pd.Timestamp(until)
    step = parse_refit(refit).to_timedelta64()
    if not isinstance(n_blocks, int) or n_blocks < 1:
        raise InvalidParameterError(f"blocks={n_blocks!r}: expected a positive integer")
    fixtures, _ = scored_fixtures(matches, start, stop, tournament)
    days = np.unique(pd.to_datetime(fixtures["date"]).to_numpy(dtype="datetime64[ns]"))
    refit_days = []
    k = 0
    while k < len(days):
        refit_days.append(days[k])
        k = int(np.searchsorted(days, days[k] + step, side="left"))
    n = min(n_blocks, len(refit_days))
    first = [refit_days[(i * len(refit_days)) // n] for i in range(n)]
    edges = [start] + [pd.Timestamp(d) for d in first[1:]] + [stop]
    return list(itertools.pairwise(edges))


def merge_backtests(parts: list[BacktestResult], *, bins: int = 10,
                    seconds: float | None = None) -> BacktestResult:
    """Join backtests of consecutive time blocks of one model into the whole window's result.

    Scores and the calibration table are recomputed over every scored match; ``seconds``
    (default: the sum of the parts) is the wall time to report.
    """
    if not parts:
        raise InvalidParameterError("no backtest results to merge")
    parts = sorted(parts, key=lambda p: p.since)
    head = parts[0]
    frame = pd.concat([p.forecasts.drop(columns="rps") for p in parts], ignore_index=True)
    return _result(
        head.model, head.since, parts[-1].until, head.tournament, head.refit, frame,
        sum(p.n_excluded for p in parts), bins,
        sum(p.seconds for p in parts) if seconds is None else seconds,
    )

__all__ = [
    "FORECAST_COLUMNS",
    "BacktestResult",
    "backtest",
    "merge_backtests",
    "scored_fixtures",
    "time_blocks",
]
