"""Walk-forward forecasting: predict each fixture from a model fitted only on earlier matches.

The fixtures are cut into refit blocks: a block starts at the earliest fixture date not
yet predicted (D) and holds every fixture dated before D + ``refit``. The model is fitted
on the matches dated strictly before D and predicts the whole block, so no forecast ever
sees a result from its own day or later (fixtures later in a block simply see a few days
less data). ``refit='1D'`` refits before every match day.

Warm starts follow scikit-learn's convention: with ``warm_start=True`` one model instance
is refitted block after block, and a model constructed with ``warm_start=True`` continues
from its previous fit (Elo runs only the new matches; Dixon-Coles starts its optimiser at
the previous optimum). With ``warm_start=False`` every block gets a fresh model from the
factory. Both must give the same forecasts up to optimiser tolerance.

:func:`walk_forward_blocks` is the engine underneath: it takes each fixture's training
cut-off as given and yields one block of forecasts per cut-off, so callers with their own
calendar (``scoreline.forecast.prematch`` refits per ISO week) use the same loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError
from scoreline.models.protocol import Model, ModelFactory
from scoreline.models.score_grid import FIXTURE_COLUMNS, Forecast

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Called after each refit block with (fixtures predicted so far, total fixtures)."""


@dataclass(frozen=True)
class Block:
    """The forecasts of one refit block.

    Attributes
    ----------
    trained_until : Timestamp
        The training cut-off: the model saw only matches dated strictly before it.
    rows : int array
        Positions of the block's fixtures in the fixtures frame given.
    forecast : Forecast
        Their forecasts, in the order of ``rows``.
    """

    trained_until: pd.Timestamp
    rows: NDArray[np.int64]
    forecast: Forecast


def walk_forward_blocks(
    matches: pd.DataFrame,
    model_factory: ModelFactory,
    fixtures: pd.DataFrame,
    trained_until: pd.Series,
    *,
    warm_start: bool = True,
) -> Iterator[Block]:
    """Fit a model per training cut-off and forecast the fixtures that share it, oldest first.

    Parameters
    ----------
    matches : DataFrame
        Played matches, sorted by date.
    model_factory : callable
        Returns a new, unfitted model.
    fixtures : DataFrame
        Fixtures with ``FIXTURE_COLUMNS`` (other columns are passed to ``predict`` too).
    trained_until : Series of datetime, aligned with ``fixtures`` by position
        Each fixture's cut-off: its model is fitted on the matches dated before it.
    warm_start : bool
        Refit one model instance block after block (it continues from its previous fit
        when it was built with ``warm_start=True``); False builds a new model per block.

    Yields
    ------
    Block
        One per distinct cut-off, in increasing order.
    """
    cut = pd.to_datetime(pd.Series(np.asarray(trained_until))).to_numpy(dtype="datetime64[ns]")
    if len(cut) != len(fixtures):
        raise InvalidParameterError(
            f"trained_until has {len(cut)} dates for {len(fixtures)} fixtures")
    match_day = pd.to_datetime(matches["date"]).to_numpy(dtype="datetime64[ns]")
    model: Model | None = None
    for block_day in np.unique(cut):
        rows = np.flatnonzero(cut == block_day).astype(np.int64)
        n_train = int(np.searchsorted(match_day, block_day, side="left"))
        if model is None or not warm_start:
            model = model_factory()
        model.fit(matches.iloc[:n_train])
        forecast = model.predict(fixtures.iloc[rows].reset_index(drop=True))
        yield Block(pd.Timestamp(block_day), rows, forecast)


def parse_refit(refit: str | pd.Timedelta) -> pd.Timedelta:
    """A refit cadence such as ``'7D'``, ``'1D'`` or ``'30D'`` as a Timedelta of whole days.

    Raises
    ------
    InvalidParameterError
        Not a duration, shorter than a day, or not a whole number of days.
    """
    try:
        step = pd.Timedelta(refit)
    except (ValueError, TypeError):
        raise InvalidParameterError(
            f"refit {refit!r} is not a duration; expected e.g. '1D', '7D' or '30D'"
        ) from None
    if step < pd.Timedelta(days=1) or step % pd.Timedelta(days=1) != pd.Timedelta(0):
        raise InvalidParameterError(
            f"refit {refit!r} must be a whole number of days, at least '1D'"
        )
    return step


def concat_forecasts(parts: list[Forecast], fixtures: pd.DataFrame | None = None) -> Forecast:
    """Join forecasts into one (in the order given), optionally with replacement fixtures."""
    if not parts:
        raise InvalidParameterError("no forecasts to join")
    frame = (
        pd.concat([p.fixtures for p in parts], ignore_index=True) if fixtures is None else fixtures
    )
    return Forecast(
        fixtures=frame.reset_index(drop=True),
        grids=np.concatenate([p.grids for p in parts]),
        expected_home_goals=np.concatenate([p.expected_home_goals for p in parts]),
        expected_away_goals=np.concatenate([p.expected_away_goals for p in parts]),
        model=parts[0].model,
    )


def walk_forward(
    matches: pd.DataFrame,
    model_factory: ModelFactory,
    since: str | pd.Timestamp | None = None,
    until: str | pd.Timestamp | None = None,
    *,
    fixtures: pd.DataFrame | None = None,
    refit: str | pd.Timedelta = "7D",
    warm_start: bool = True,
    progress: Progress | None = None,
) -> Forecast:
    """Forecast fixtures walk-forward, each from a model fitted on matches before its date.

    Parameters
    ----------
    matches : DataFrame
        Played matches, sorted by date (the store's ``matches()`` frame). Matches dated on
        or after a block's first fixture date are never shown to that block's model.
    model_factory : callable
        Returns a new, unfitted model (e.g. ``lambda: Elo()``).
    since, until : date, optional
        Without ``fixtures``: predict the matches dated in ``[since, until)``.
    fixtures : DataFrame, optional
        Fixtures to predict instead (``date``, ``home_team``, ``away_team``, ``neutral``,
        ``tournament``; other columns are carried through), in any order; ``since`` and
        ``until`` then filter them.
    refit : str or Timedelta
        Refit cadence in whole days (``'1D'``, ``'7D'``, ``'30D'``).
    warm_start : bool
        Refit one model instance block after block (it continues from its previous fit
        when it was built with ``warm_start=True``); False builds a new model per block.
    progress : callable, optional
        ``progress(done, total)`` after each block.

    Returns
    -------
    Forecast
        90-minute forecasts in the order of the fixtures (after filtering).

    Raises
    ------
    InvalidParameterError
        A bad cadence, no fixtures in the window, or a fixture dated before every match.
    """
    step = parse_refit(refit)
    dates_all = pd.to_datetime(matches["date"])
    if not dates_all.is_monotonic_increasing:
        raise InvalidParameterError("matches must be sorted by date (the store returns them so)")
    if fixtures is None:
        fixtures = matches
    missing = [c for c in FIXTURE_COLUMNS if c not in fixtures.columns]
    if missing:
        raise InvalidParameterError(f"fixtures lack column(s) {missing}; expected {list(FIXTURE_COLUMNS)}")
    fx_dates = pd.to_datetime(fixtures["date"])
    keep = np.ones(len(fixtures), dtype=bool)
    if since is not None:
        keep &= (fx_dates >= pd.Timestamp(since)).to_numpy()
    if until is not None:
        keep &= (fx_dates < pd.Timestamp(until)).to_numpy()
    fixtures = fixtures.loc[keep].reset_index(drop=True)
    if len(fixtures) == 0:
        raise InvalidParameterError(f"no fixtures to predict between {since} and {until}")
    order = np.argsort(pd.to_datetime(fixtures["date"]).to_numpy(), kind="stable")
    sorted_fx = fixtures.iloc[order].reset_index(drop=True)
    fx_day = pd.to_datetime(sorted_fx["date"]).to_numpy(dtype="datetime64[ns]")
    match_day = dates_all.to_numpy(dtype="datetime64[ns]")
    if fx_day[0] <= match_day[0]:
        raise InvalidParameterError(
            f"fixture dated {pd.Timestamp(fx_day[0]).date()} has no earlier match to learn from"
        )

    # a block starts at the earliest fixture day not yet predicted and spans ``step``
    cut = np.empty_like(fx_day)
    start = 0
    total = len(sorted_fx)
    while start < total:
        stop = int(np.searchsorted(fx_day, fx_day[start] + step.to_timedelta64(), side="left"))
        cut[start:stop] = fx_day[start]
        start = stop
    parts: list[Forecast] = []
    done = 0
    for block in walk_forward_blocks(matches, model_factory, sorted_fx, pd.Series(cut),
                                     warm_start=warm_start):
        parts.append(block.forecast)
        done += len(block.rows)
        if progress is not None:
            progress(done, total)
    joined = concat_forecasts(parts, sorted_fx)
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    return Forecast(
        fixtures=fixtures,
        grids=joined.grids[inverse],
        expected_home_goals=joined.expected_home_goals[inverse],
        expected_away_goals=joined.expected_away_goals[inverse],
        model=joined.model,
    )


__all__ = ["Block", "Model", "ModelFactory", "Progress", "concat_forecasts", "parse_refit",
           "walk_forward", "walk_forward_blocks"]
