"""A small thread-safe LRU cache of expensive API results, keyed by their inputs.

Tournament simulations take seconds; the same inputs (tournament, date, sims, seed, ...)
give the same result, so the app computes each once. Concurrent requests for the same
key wait for the first one instead of computing it twice.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ResultCache:
    """Least-recently-used results, at most ``size`` of them.

    Parameters
    ----------
    size : int
        Results kept (at least 1).
    """

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def peek(self, key: Hashable) -> tuple[bool, Any]:
        """``(True, value)`` when ``key`` is cached, else ``(False, None)``; computes nothing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
        return False, None

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key`` (a result computed elsewhere, e.g. a worker process)."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached result for ``key``, computing it with ``compute()`` on a miss.

        Exceptions from ``compute`` propagate and nothing is cached.
        """
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._key_locks.pop(key, None)
                raise
            with self._lock:
                self._items[key] = value
                self._key_locks.pop(key, None)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
