"""Pre-match forecasts of past matches, walk-forward and cached.

Every insight about a past match (its surprise, the start of its in-play timeline) needs
the forecast a model would have made *before* it, never one from a model fitted on data
that includes it. This module makes those forecasts in one walk-forward pass with
calendar-week refit blocks (:func:`scoreline.forecast.walk_forward.walk_forward_blocks`, the
engine of every walk-forward forecast) and keeps them in a cache file.

Refit blocks. A match played in ISO week W (Monday to Sunday) is forecast by a model fitted
on every match dated before the first match day of week W in the store (so a Saturday
World Cup match does not see Tuesday's friendlies of the same week, and every match of a
week shares one fit). Blocks are aligned to the calendar, not to the request, so a
forecast does not depend on which other matches were asked for: the cache only saves time.
One model instance is refitted week after week, so a model built with ``warm_start=True``
continues from its previous fit.

Cache. ``<cache_dir>/prematch-<key>.npz`` with ``key`` a hash of the store's snapshot
fingerprint, the model's class and parameters and this module's ``CACHE_VERSION``. A new
data snapshot or a different model starts a new file; old files are never read again.
The cache directory is ``$SCORELINE_CACHE`` when set, else the user cache directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from scoreline._paths import user_cache_dir
from scoreline.forecast.walk_forward import walk_forward_blocks
from scoreline.models.protocol import Model, ModelFactory
from scoreline.models.score_grid import FIXTURE_COLUMNS

logger = logging.getLogger(__name__)

CACHE_VERSION = 1
"""Bump when the forecasting protocol changes, so that old cache files are ignored."""

CHECKPOINT_BLOCKS = 100
"""During a long computation, the cache file is rewritten every this many refit blocks."""

PREMATCH_COLUMNS = ("match_id", "p_home", "p_draw", "p_away", "home_xg", "away_xg", "trained_until")
"""Columns of :func:`prematch_forecasts`: 90-minute 1X2, expected goals per 90 minutes, and
the first date the model did *not* see (exclusive end of its training data)."""

Progress = Callable[[int, int], None]


def default_model_factory() -> ModelFactory:
    """The factory of the project's default model (:func:`scoreline.models.default_model`)."""
    from scoreline.models import default_model

    return default_model


def default_cache_dir() -> Path:
    """``$SCORELINE_CACHE`` or the per-user cache directory of scoreline."""
    return user_cache_dir()


def _model_signature(model: Model) -> str:
    """Class, version and parameters of a model: what its forecasts depend on besides the data.

    ``version`` is the model's own version of its maths (a class attribute or property that
    the model bumps whenever its forecasts change for the same parameters), so a changed
    model never serves forecasts cached by its previous code.
    """
    params: dict[str, object] | str
    try:
        params = model.get_params()
    except Exception:  # noqa: BLE001 - unfitted models may refuse; fall back to repr
        params = repr(model)
    return json.dumps({"class": type(model).__module__ + "." + type(model).__qualname__,
                       "version": model.version,
                       "params": params}, sort_keys=True, default=str)


def data_fingerprint(matches: pd.DataFrame) -> str:
    """A short hash of the fields a forecast depends on (dates, teams, scores, venue)."""
    cols = ["date", "home_team", "away_team", "home_score", "away_score", "neutral", "tournament"]
    extra = [c for c in ("home_score_90", "away_score_90") if c in matches.columns]
    hashed = pd.util.hash_pandas_object(matches[cols + extra], index=False).to_numpy()
    return hashlib.sha1(hashed.tobytes()).hexdigest()[:16]


def cache_path(
    matches: pd.DataFrame, model_factory: ModelFactory, cache_dir: Path | None
) -> Path:
    """The cache file for these matches and this model."""
    key = hashlib.sha1(
        f"{CACHE_VERSION}|{data_fingerprint(matches)}|{_model_signature(model_factory())}".encode()
    ).hexdigest()[:20]
    return (cache_dir or default_cache_dir()) / f"prematch-{key}.npz"


def _read_cache(path: Path) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame({c: [] for c in PREMATCH_COLUMNS})
    try:
        with np.load(path, allow_pickle=False) as data:
            frame = pd.DataFrame({c: data[c] for c in PREMATCH_COLUMNS})
    except (OSError, ValueError, KeyError):
        logger.warning("ignoring unreadable pre-match cache %s", path)
        return pd.DataFrame({c: [] for c in PREMATCH_COLUMNS})
    frame["trained_until"] = pd.to_datetime(frame["trained_until"])
    return frame


def _write_cache(path: Path, frame: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    arrays = {c: frame[c].to_numpy(dtype=np.float64)
              for c in PREMATCH_COLUMNS if c not in ("match_id", "trained_until")}
    arrays["match_id"] = frame["match_id"].to_numpy(dtype=np.int64)
    arrays["trained_until"] = frame["trained_until"].to_numpy(dtype="datetime64[ns]")
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def week_starts(matches: pd.DataFrame) -> pd.Series:
    """First match day of each match's ISO week (the training cut-off of its refit block)."""
    dates = pd.to_datetime(matches["date"])
    monday = dates.dt.normalize() - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    return dates.groupby(monday.to_numpy()).transform("min")


def prematch_forecasts(
    matches: pd.DataFrame,
    match_ids: ArrayLike | None = None,
    *,
    model_factory: ModelFactory | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Walk-forward pre-match forecasts of past matches (see the module docstring).

    Parameters
    ----------
    matches : DataFrame
        Every match of the store, sorted by date (``store.matches()``): the training data.
    match_ids : array-like of int, optional
        Matches to forecast (default: all). The first week of the data cannot be forecast
        and is left out.
    model_factory : callable, optional
        Returns a new unfitted model (default :func:`default_model_factory`).
    cache_dir : Path, optional
        Where the cache file lives (default :func:`default_cache_dir`).
    use_cache : bool
        Read and extend the cache file (False: compute everything, write nothing).
    progress : callable, optional
        ``progress(done, total)`` after each refit block.

    Returns
    -------
    DataFrame
        ``PREMATCH_COLUMNS``, one row per requested match, in ``match_id`` order:
        90-minute probabilities ``p_home``, ``p_draw``, ``p_away``, expected goals per 90
        minutes ``home_xg``, ``away_xg``, and ``trained_until``.
    """
    factory = model_factory or default_model_factory()
    wanted = matches if match_ids is None else matches[matches["match_id"].isin(np.asarray(match_ids))]
    path = cache_path(matches, factory, cache_dir) if use_cache else None
    cached = _read_cache(path) if path is not None else _read_cache(Path("/nonexistent"))
    todo = wanted[~wanted["match_id"].isin(cached["match_id"].to_numpy())]

    first_day = pd.to_datetime(matches["date"]).min()
    if len(todo):
        cut = week_starts(matches).reindex(todo.index)
        todo = todo[cut > first_day]
        cut = cut[cut > first_day]
    new_parts: list[pd.DataFrame] = []
    if len(todo):
        ids = todo["match_id"].to_numpy(dtype=np.int64)
        fixtures = todo[list(FIXTURE_COLUMNS)].reset_index(drop=True)
        done = 0
        for block in walk_forward_blocks(matches, factory, fixtures, cut.reset_index(drop=True)):
            forecast = block.forecast
            new_parts.append(pd.DataFrame({
                "match_id": ids[block.rows],
                "p_home": forecast.p_home, "p_draw": forecast.p_draw, "p_away": forecast.p_away,
                "home_xg": forecast.expected_home_goals, "away_xg": forecast.expected_away_goals,
                "trained_until": block.trained_until,
            }))
            done += len(block.rows)
            if progress is not None:
                progress(done, len(todo))
            if path is not None and len(new_parts) % CHECKPOINT_BLOCKS == 0:
                # long first runs (years of weekly refits) keep what they have computed
                _write_cache(path, pd.concat([cached, *new_parts], ignore_index=True))
    frame = pd.concat([cached, *new_parts], ignore_index=True) if new_parts else cached
    frame = frame.astype({"match_id": np.int64})
    if new_parts and path is not None:
        _write_cache(path, frame.sort_values("match_id"))
    out = frame[frame["match_id"].isin(wanted["match_id"].to_numpy())]
    return out.sort_values("match_id").reset_index(drop=True)
