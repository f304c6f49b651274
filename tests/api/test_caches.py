"""The API's caches (issue 14): single-flight memory caches and fitted models on disk."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from scoreline import api
from scoreline.api import _cache, forecasts
from scoreline.models.dixon_coles import DixonColes


def test_lru_cache_is_single_flight_and_bounded() -> None:
    """Eight threads asking for one missing key compute it once; past the size the least
    recently used key is dropped."""
    cache: _cache.LRUCache[str] = _cache.LRUCache("test", 2, key="a letter")
    runs: list[int] = []

    def compute() -> str:
        runs.append(1)
        time.sleep(0.1)
        return "A"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute("a", compute)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["A"] * 8 and len(runs) == 1 and cache.computed == 1
    cache.put("b", "B")
    cache.get("a")
    cache.put("c", "C")  # evicts b, the least recently used
    assert "b" not in cache and "a" in cache and len(cache) == 2
    assert "a letter" in repr(cache)


@pytest.fixture
def window(matches: pd.DataFrame) -> pd.DataFrame:
    """The real matches of 2021-2022: a quick Dixon-Coles fit."""
    return matches[(matches["date"] >= "2021-01-01") & (matches["date"] < "2023-01-01")]


def test_fit_cache_round_trip_and_corrupt_entries(tmp_path: Path, window: pd.DataFrame) -> None:
    """A stored fit reads back with the same forecasts; a corrupted entry is ignored (None)
    and rewriting it makes it readable again."""
    disk = _cache.FitCache(tmp_path / "fits")
    model = DixonColes().fit(window)
    key = disk.key("snap", "dixon-coles", model, "2023-01-01")
    assert disk.load(key, DixonColes) is None
    disk.store(key, model)
    back = disk.load(key, DixonColes)
    assert back is not None
    fixture = pd.DataFrame({"date": [pd.Timestamp("2023-01-01")], "home_team": ["Japan"],
                            "away_team": ["Germany"], "neutral": [True],
                            "tournament": ["Friendly"]})
    assert back.predict(fixture).p_home[0] == pytest.approx(model.predict(fixture).p_home[0])
    disk.path(key).write_text("{not json", encoding="utf-8")
    assert disk.load(key, DixonColes) is None
    disk.store(key, model)
    assert json.loads(disk.path(key).read_text(encoding="utf-8"))["key"] == key
    assert list((tmp_path / "fits").glob("*.tmp")) == []  # atomic writes leave no temp file


def test_fit_cache_key_covers_parameters_and_skips_models_without_json() -> None:
    """Different parameters make different keys; a model without to_json is not stored."""
    a = _cache.FitCache.key("snap", "dc", DixonColes(), "2022-11-23")
    b = _cache.FitCache.key("snap", "dc", DixonColes(xi=0.003), "2022-11-23")
    assert a != b and '"version"' in a
    assert _cache.FitCache.supports(DixonColes())
    assert not _cache.FitCache.supports(object())


def test_fit_cache_never_serves_the_former_default_as_the_default(tmp_path: Path) -> None:
    """Issue 12 changed the model ``default`` names: a fit stored under ``default`` by the
    former default (``elo-dixon-coles``) has another key than the new default's, so it is
    never loaded for it, while its own key still finds it."""
    from scoreline.models import default_model, get_model

    disk = _cache.FitCache(tmp_path / "fits")
    former = get_model("elo-dixon-coles")
    old_key = _cache.FitCache.key("snap", "default", former, "2022-11-23")
    new_key = _cache.FitCache.key("snap", "default", default_model(), "2022-11-23")
    assert old_key != new_key
    disk.store(old_key, former)
    assert disk.load(new_key, type(default_model())) is None
    assert disk.load(old_key, type(former)) is not None


def test_fit_cache_is_bounded(tmp_path: Path, window: pd.DataFrame) -> None:
    """Past ``max_bytes`` the least recently used entries are removed."""
    model = DixonColes().fit(window)
    size = len(model.to_json())
    disk = _cache.FitCache(tmp_path / "fits", max_bytes=int(size * 2.5))
    for day in ("2023-01-01", "2023-01-02", "2023-01-03", "2023-01-04"):
        disk.store(disk.key("snap", "dc", model, day), model)
        time.sleep(0.01)
    assert len(list((tmp_path / "fits").glob("*.json"))) == 2
    assert disk.load(disk.key("snap", "dc", model, "2023-01-04"), DixonColes) is not None


def test_fitted_model_reads_the_disk_before_fitting(tmp_path: Path, store_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A second process (here: an emptied memory cache) loads the fit from disk instead of
    fitting again; a corrupted entry is refitted and rewritten."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    fits: list[int] = []
    real_fit = DixonColes.fit

    def counting_fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        fits.append(1)
        return real_fit(self, *args, **kwargs)

    monkeypatch.setattr(DixonColes, "fit", counting_fit)
    forecasts._FITTED.clear()
    first = api.fitted_model("dixon-coles", "1994-06-17", db=store_path)
    forecasts._FITTED.clear()
    second = api.fitted_model("dixon-coles", "1994-06-17", db=store_path)
    assert len(fits) == 1 and second is not first
    assert second.attack_.equals(first.attack_)
    (entry,) = (tmp_path / "cache" / "fits").glob("*.json")
    entry.write_text("garbage", encoding="utf-8")
    forecasts._FITTED.clear()
    api.fitted_model("dixon-coles", "1994-06-17", db=store_path)
    assert len(fits) == 2 and json.loads(entry.read_text(encoding="utf-8"))["value"]
    forecasts._FITTED.clear()


def test_repeated_predict_is_answered_from_disk(store_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The second identical forecast comes from the on-disk forecast cache without
    computing; a store file with a new modification time (a new load) is a miss."""
    import os

    first = api.predict_match("Japan", "Spain", date="2022-12-01", neutral=True,
                              model="elo", db=store_path)

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("computed again")

    monkeypatch.setattr(forecasts, "_predict_match", fail)
    again = api.predict_match("Japan", "Spain", date="2022-12-01", neutral=True,
                              model="elo", db=store_path)
    assert again == first and again.date.isoformat() == "2022-12-01"
    stat = store_path.stat()
    os.utime(store_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with pytest.raises(AssertionError, match="computed again"):
        api.predict_match("Japan", "Spain", date="2022-12-01", neutral=True, model="elo",
                          db=store_path)
