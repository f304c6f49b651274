"""The API's caches: each one object with a stated key, a size bound and one computation per key.

:class:`LRUCache` keeps results in memory for one process. ``get_or_compute`` is
single-flight: when several threads ask for the same missing key at once, one computes
and the others wait for its result (a busy match day's fifty identical requests cost one
fit, not fifty).

:class:`FitCache` keeps fitted model parameters on disk, as the models' own JSON
(``to_json``/``from_json``, never pickle), in the user cache directory, so that every
process on the machine (CLI commands, server workers) shares them: a fit happens once per
key on a machine. Its key is (data snapshot fingerprint, model name, model class, version
and parameters, training cut-off day). Writes are atomic (a temporary file, then
``os.replace``), a cross-process file lock makes concurrent processes wait for one fit,
unreadable entries are ignored and rewritten, and the oldest files are removed past a
size bound.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from scoreline.models.protocol import Model

log = logging.getLogger(__name__)

V = TypeVar("V")
_M = TypeVar("_M", bound="Model")


class LRUCache(Generic[V]):
    """A thread-safe least-recently-used cache with single-flight computation.

    Parameters
    ----------
    name : str
        What is cached (for messages and ``repr``).
    size : int
        Entries kept (at least 1); the least recently used goes first.
    key : str
        What the key is made of, stated for readers of the code and of ``repr``.

    Attributes
    ----------
    computed : int
        How many times ``get_or_compute`` ran its ``compute`` (hits do not count).
    """

    def __init__(self, name: str, size: int, key: str) -> None:
        self.name = name
        self.size = max(1, int(size))
        self.key = key
        self.computed = 0
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Hashable, threading.Lock] = {}

    def __repr__(self) -> str:
        return f"LRUCache({self.name!r}, {len(self)}/{self.size}, key={self.key!r})"

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def get(self, key: Hashable) -> V | None:
        """The cached value of ``key`` (now the most recently used), or None."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: Hashable, value: V) -> None:
        """Keep ``value`` under ``key``, dropping the least recently used past the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._items.clear()

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value of ``key``, computing it with ``compute()`` on a miss, once per key.

        Concurrent callers with the same missing key wait for the first one's result.
        Exceptions from ``compute`` propagate to that caller; nothing is cached and the
        next waiter computes again.
        """
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
                self.computed += 1
            try:
                value = compute()
            finally:
                with self._lock:
                    if self._flights.get(key) is flight:
                        del self._flights[key]
            self.put(key, value)
            return value


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


class JsonStore:
    """Small JSON documents on disk, one file per key, shared by every process.

    Parameters
    ----------
    folder : Path
        Where the entries live.
    max_bytes : int
        Size bound of the folder; the least recently used entries are removed past it.

    Notes
    -----
    An entry is ``<digest>.json`` holding ``{"key": ..., "value": ...}`` with ``digest``
    a hash of the key, written atomically (temporary file, then ``os.replace``). An entry
    that cannot be read, or whose stored key differs, counts as missing and is rewritten
    by the next ``write``.
    """

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = int(max_bytes)

    def path(self, key: str) -> Path:
        """The file of ``key``."""
        return self.folder / f"{_digest(key)}.json"

    def read(self, key: str) -> Any | None:
        """The value stored under ``key``, or None (missing or unreadable)."""
        path = self.path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.info("ignoring unreadable cache entry %s (%s)", path, exc)
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or "value" not in entry:
            log.info("ignoring cache entry %s: not the expected key", path)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # least recently used is what the size bound removes first
        return entry["value"]

    def write(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-ready) under ``key``; failures only log (caches are optional)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"key": key, "value": value})
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".entry-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(tmp, self.path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._trim()
        except OSError as exc:
            log.warning("cannot write the cache in %s (%s)", self.folder, exc)

    @contextlib.contextmanager
    def locked(self, key: str) -> Iterator[None]:
        """Hold the cross-process lock of ``key`` (other processes computing it wait)."""
        try:
            import fcntl

            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.path(key).with_suffix(".lock"), "a")  # noqa: SIM115
        except (ImportError, OSError):
            yield  # no lock on this platform or folder: at worst the work runs twice
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def _trim(self) -> None:
        entries = []
        for path in self.folder.glob("*.json"):
            with contextlib.suppress(OSError):
                stat = path.stat()
                entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                path.with_suffix(".lock").unlink(missing_ok=True)
            total -= size


class FitCache(JsonStore):
    """Fitted model parameters on disk (the model's own ``to_json``), shared by every process.

    Parameters
    ----------
    folder : Path
        Where the entries live (``<user cache>/fits``).
    max_bytes : int
        Size bound of the folder.

    Notes
    -----
    A model class without ``to_json``/``from_json`` is never stored (its fits stay in
    memory only).
    """

    def __init__(self, folder: Path, max_bytes: int = 256 * 2**20) -> None:
        super().__init__(folder, max_bytes)

    @staticmethod
    def supports(model: Any) -> bool:
        """The model can be written and read back as JSON."""
        return callable(getattr(model, "to_json", None)) and callable(
            getattr(type(model), "from_json", None))

    @staticmethod
    def key(fingerprint: str, name: str, model: Any, day: str) -> str:
        """The entry key: snapshot, model name, class, version, parameters and day."""
        try:
            params = model.get_params()
        except Exception:  # noqa: BLE001 - a model without get_params falls back to repr
            params = repr(model)
        cls = type(model)
        return json.dumps({"data": fingerprint, "model": name,
                           "class": f"{cls.__module__}.{cls.__qualname__}",
                           "version": getattr(model, "version", None), "params": params,
                           "day": day}, sort_keys=True, default=str)

    def load(self, key: str, cls: type[_M]) -> _M | None:
        """The fitted model stored under ``key``, or None (missing or unreadable)."""
        text = self.read(key)
        if not isinstance(text, str):
            return None
        try:
            return cls.from_json(text)
        except Exception as exc:  # noqa: BLE001 - any unreadable entry is refitted and rewritten
            log.info("ignoring unreadable fitted model in %s (%s)", self.path(key), exc)
            return None

    def store(self, key: str, model: Model) -> None:
        """Write ``model`` under ``key`` atomically."""
        self.write(key, model.to_json())
