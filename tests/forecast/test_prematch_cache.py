"""The pre-match forecast cache is keyed by the model's code version as well as its params."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scoreline.forecast.prematch import cache_path
from scoreline.models.combined import EloDixonColes


class _Model:
    """A stand-in model with a version and parameters."""

    version = "1"

    def get_params(self) -> dict[str, float]:
        return {"xi": 0.001}


class _NewerModel(_Model):
    version = "2"


_NewerModel.__name__ = _NewerModel.__qualname__ = "_Model"  # same class name, new maths


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["2022-11-20", "2022-11-21"]),
        "home_team": ["Qatar", "England"], "away_team": ["Ecuador", "Iran"],
        "home_score": [0, 6], "away_score": [2, 2], "neutral": [False, True],
        "tournament": ["FIFA World Cup"] * 2,
    })


def test_cache_key_changes_with_the_model_version(tmp_path: Path) -> None:
    """Same data, same class name and params, different model version: different cache
    files, so a changed model never serves forecasts cached by its previous code."""
    matches = _frame()
    assert cache_path(matches, _Model, tmp_path) == cache_path(matches, _Model, tmp_path)
    assert cache_path(matches, _Model, tmp_path) != cache_path(matches, _NewerModel, tmp_path)


def test_default_model_has_a_version() -> None:
    """The default model declares the version of its maths (part of the cache key)."""
    assert isinstance(EloDixonColes.version, str) and EloDixonColes.version
