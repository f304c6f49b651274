"""The on-disk result cache (issue 14): a repeated request is answered from disk with the
same result the computation gives, and never from an older state of the store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from pathlib import Path

import numpy as np
import pytest

import scoreline
from scoreline import api
from scoreline.api import _results
from scoreline.api.writing import STORY_FORMATS
from tests.data.conftest import write_window

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "articles" / "2022-11-23-germany-japan.txt"

# A World Cup upset with goal minutes, two pre-1990 World Cup matches, and pre-1990
# friendlies with no goal list at all (their replays have no timeline)
MATCHES = [
    ("2022-11-23", "Germany", "Japan"),
    ("1950-06-29", "United States", "England"),
    ("1966-07-30", "England", "West Germany"),
    ("1939-06-02", "Sweden", "Norway"),
    ("1967-06-04", "Belarus", "Mexico"),
]


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A result cache of this test's own (the session's shared cache folder stays as it is)."""
    folder = tmp_path / "own-cache"
    monkeypatch.setenv("SCORELINE_CACHE", str(folder))
    monkeypatch.setenv("SCORELINE_RESULT_CACHE", "1")
    return folder


def _uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORELINE_RESULT_CACHE", "0")


def _from_disk_only(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Make ``module.name`` fail if called: what follows must come from the cache."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{name} ran: the result was not read from the cache")

    monkeypatch.setattr(module, name, fail)


@pytest.mark.parametrize(("date", "home", "away"), MATCHES)
def test_match_replay_from_the_cache_equals_the_computed_one(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch, date: str, home: str,
        away: str) -> None:
    """A replay read back from disk equals the one computed with the cache off, for matches
    of every era (with and without goal minutes), and the read does not replay the match."""
    from scoreline.inplay import replay

    with monkeypatch.context() as m:
        _uncached(m)
        slow = api.match_replay(date, home, away)
    first = api.match_replay(date, home, away)  # computed and stored
    _from_disk_only(monkeypatch, replay, "build_replay")
    fast = api.match_replay(date, home, away)
    assert first == slow and fast == slow
    assert api.to_json(fast) == api.to_json(slow)


def test_upsets_story_and_check_from_the_cache_equal_the_computed_ones(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 2022 World Cup upsets, the stories of a 2022 and a 1939 match (Markdown and JSON)
    and the check of a real article read back from disk equal the computed ones; a check
    read back reports the time the read took, not the original check's."""
    from scoreline.writing import claims
    from scoreline.writing import story as story_module

    asks = [("2022-11-23", "Germany", "Japan"), ("1939-06-02", "Sweden", "Norway")]
    with monkeypatch.context() as m:
        _uncached(m)
        slow_upsets = api.upsets(tournament="FIFA World Cup", year=2022, top=5)
        slow_stories = [api.story(*ask, fmt=fmt) for ask in asks for fmt in ("md", "json")]
        slow_check = api.check_article(ARTICLE, match=asks[0])
    api.upsets(tournament="FIFA World Cup", year=2022, top=5)
    for ask in asks:
        for fmt in ("md", "json"):
            api.story(*ask, fmt=fmt)
    api.check_article(ARTICLE, match=asks[0])

    _from_disk_only(monkeypatch, story_module, "write_story")
    _from_disk_only(monkeypatch, claims, "check")
    assert api.upsets(tournament="FIFA World Cup", year=2022, top=5) == slow_upsets
    assert [api.story(*ask, fmt=fmt) for ask in asks for fmt in ("md", "json")] == slow_stories
    fast_check = api.check_article(ARTICLE, match=asks[0])
    assert dataclasses.replace(fast_check, seconds=0) == dataclasses.replace(slow_check, seconds=0)
    assert fast_check.highlights() == slow_check.highlights()
    assert fast_check.seconds < slow_check.seconds


def test_simulation_from_the_cache_equals_the_computed_one(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small simulation read back from disk has the same counts, table and summary as
    the one computed; another seed is another entry."""
    from scoreline.tournament import runner

    with monkeypatch.context() as m:
        _uncached(m)
        slow = api.simulate_tournament("wc2022", sims=2_000, seed=3)
    api.simulate_tournament("wc2022", sims=2_000, seed=3)
    _from_disk_only(monkeypatch, runner, "forecast_tournament")
    fast = api.simulate_tournament("wc2022", sims=2_000, seed=3)
    assert np.array_equal(fast.stage_counts, slow.stage_counts)
    assert np.array_equal(fast.position_counts, slow.position_counts)
    assert fast.stage_counts.dtype == slow.stage_counts.dtype
    assert fast.summary() == slow.summary()
    assert fast.to_frame().equals(slow.to_frame())
    with pytest.raises(AssertionError, match="forecast_tournament ran"):
        api.simulate_tournament("wc2022", sims=2_000, seed=4)


def test_the_cache_follows_the_store_after_data_add_and_remove(
        tmp_path: Path, data_dir: Path, own_cache: Path) -> None:
    """After ``data add`` the same request is computed again on the store as it is now
    (the added match shows), and after ``data remove`` as it is then, in one process."""
    db = tmp_path / "s.duckdb"
    with scoreline.open(db) as s:
        s.load(write_window(data_dir, tmp_path / "w", ("2021",)))
    ask = {"since": "2021-12-29", "until": "2022-01-01", "top": None, "db": db}
    before = api.upsets(**ask)
    assert api.upsets(**ask) == before
    key_before = _results.result_key("upsets", db, {"x": 1})

    mine = tmp_path / "late.csv"
    mine.write_text("date,home_team,away_team,home_score,away_score,tournament,city,country,"
                    "neutral\n2021-12-30,Comoros,Sudan,0,3,Friendly,Jeddah,Saudi Arabia,TRUE\n",
                    encoding="utf-8")
    api.add_matches(mine, db=db)
    assert _results.result_key("upsets", db, {"x": 1}) != key_before
    added = api.upsets(**ask)
    assert added.matches_scored == before.matches_scored + 1

    api.remove_matches("late.csv", db=db)
    assert api.upsets(**ask).matches_scored == before.matches_scored


def test_unreadable_or_foreign_entries_are_recomputed(own_cache: Path) -> None:
    """A corrupted entry, or one naming a class outside scoreline, is ignored: the result
    is computed again and the entry rewritten."""
    runs: list[int] = []

    def compute() -> str:
        runs.append(1)
        return "answer"

    db = None  # the session's store
    assert _results.cached_result("t", db, {"a": 1}, str, compute) == "answer"
    key = _results.result_key("t", db, {"a": 1})
    assert key is not None
    path = _results.result_store().path(key)
    path.write_text("{not json", encoding="utf-8")
    assert _results.cached_result("t", db, {"a": 1}, str, compute) == "answer"
    path.write_text(json.dumps({"key": key, "value": {"__dataclass__": "os:PathLike",
                                                      "fields": {}}}), encoding="utf-8")
    assert _results.cached_result("t", db, {"a": 1}, str, compute) == "answer"
    assert _results.cached_result("t", db, {"a": 1}, str, compute) == "answer"
    assert len(runs) == 3


class _Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass(frozen=True)
class _Unstorable:
    when: dt.date


def test_encode_round_trips_and_refuses_what_it_cannot_represent() -> None:
    """Dates, tuples, sets, non-string keys, NumPy values and scoreline dataclasses come
    back equal and of the same kind; a DataFrame or a non-scoreline dataclass is refused."""
    import pandas as pd

    from scoreline.data.outcomes import Outcome
    from scoreline.writing.claims.when import When

    value = {"d": dt.date(1872, 11, 30), "t": (1, "a"), "s": {1, 2}, 3: "int key",
             "w": When("x", "y", allowed=frozenset({45, 90})), "o": Outcome.HOME,
             "n": np.int64(7), "a": np.arange(6, dtype=np.int32).reshape(2, 3),
             "f": [0.1, float("nan")]}
    back = _results.decode(json.loads(json.dumps(_results.encode(value))))
    assert isinstance(back, dict)
    assert back["d"] == value["d"] and back["t"] == (1, "a") and back["s"] == {1, 2}
    assert back[3] == "int key" and back["w"] == value["w"] and back["o"] is Outcome.HOME
    assert back["n"] == 7 and back["a"].dtype == np.int32 and back["a"].shape == (2, 3)
    assert back["f"][0] == 0.1 and np.isnan(back["f"][1])
    with pytest.raises(_results.Uncacheable):
        _results.encode(pd.DataFrame({"a": [1]}))
    with pytest.raises(_results.Uncacheable):
        _results.encode(_Unstorable(dt.date(2000, 1, 1)))
    with pytest.raises(_results.Uncacheable):
        _results.encode(_Colour.RED)  # an enum from outside scoreline cannot be rebuilt


def test_story_formats_are_the_writing_layers() -> None:
    """The API's list of story formats (kept so as not to import the writing layer) is the
    writing layer's."""
    from scoreline.writing.story import FORMATS

    assert STORY_FORMATS == FORMATS
