"""The web app's result cache: computed once per key, least recently used dropped first."""

from __future__ import annotations

import threading
import time

import pytest

from scoreline.web.cache import ResultCache


def test_computes_once_and_evicts_least_recent() -> None:
    """A hit does not recompute; past ``size`` the least recently used key goes."""
    cache = ResultCache(2)
    calls: list[str] = []

    def make(key: str) -> str:
        calls.append(key)
        return key.upper()

    assert cache.get("a", lambda: make("a")) == "A"
    assert cache.get("a", lambda: make("a")) == "A"
    cache.get("b", lambda: make("b"))
    cache.get("a", lambda: make("a"))  # a is now the most recent
    cache.get("c", lambda: make("c"))  # evicts b
    cache.get("b", lambda: make("b"))
    assert calls == ["a", "b", "c", "b"] and len(cache) == 2


def test_errors_are_not_cached() -> None:
    """A failing computation raises and is tried again next time."""
    cache = ResultCache(4)
    with pytest.raises(ValueError):
        cache.get("k", lambda: (_ for _ in ()).throw(ValueError("bad")))
    assert cache.get("k", lambda: 1) == 1


def test_concurrent_requests_share_one_computation() -> None:
    """Eight threads asking for the same key at once compute it once."""
    cache = ResultCache(4)
    calls = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and len(calls) == 1
