"""Finished API results on disk, so that asking the same question again costs a file read.

A command such as ``scoreline match 2022-11-23 Germany Japan`` reads whole tables, imports
pandas and DuckDB and replays the match; its answer only changes when the data or the code
does. :func:`cached_result` keeps the answer in ``<user cache>/results`` (JSON, never pickle),
shared by every process of the machine (CLI commands and server workers), and returns it
without opening the store on the next identical request.

The key of an entry is (the request as given, the store file's identity, the code's
identity):

- the store file's path, size and modification time, and those of its DuckDB write-ahead
  log (a write shows first in the log, and in the file only at a checkpoint), so that
  ``scoreline data load``, ``update``, ``add`` and ``remove`` each make a new key;
- scoreline's version and the modification times of every module and data file of the
  package, so that a changed rule or model never serves an old answer.

Entries are written atomically and the folder is bounded (:class:`~scoreline.api._cache.JsonStore`).
``SCORELINE_RESULT_CACHE=0`` turns this cache off (``SCORELINE_FIT_CACHE=0`` too, with the
other on-disk caches).

Results are stored in a self-describing JSON form (:func:`encode`): dataclasses by their
class (only scoreline's own classes are ever rebuilt), dates, enums, tuples and NumPy
arrays tagged, so that a result read back equals the one computed. A result holding
anything else (a DataFrame, an open file) is simply not stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import hashlib
import importlib
import json
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from scoreline.api._cache import JsonStore

log = logging.getLogger(__name__)

T = TypeVar("T")

RESULT_CACHE_BYTES = 64 * 2**20
"""Size bound of the on-disk result cache (a match replay is about 10 kB, a check 50 kB)."""

_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_SUFFIXES = (".py", ".csv", ".yaml", ".yml", ".json", ".toml")


class Uncacheable(TypeError):
    """A value :func:`encode` cannot represent exactly (the result is then not stored)."""


def enabled() -> bool:
    """Whether this cache is on: ``SCORELINE_RESULT_CACHE=0`` turns it off alone (every
    request is then computed, as the first time), ``SCORELINE_FIT_CACHE=0`` with the other
    on-disk caches."""
    return (os.environ.get("SCORELINE_FIT_CACHE", "1") != "0"
            and os.environ.get("SCORELINE_RESULT_CACHE", "1") != "0")


def store_identity(db: str | Path | None) -> list[object] | None:
    """Path, size and modification time of the store file and of its write-ahead log.

    None when there is no store file (nothing can be answered from it, nor cached).
    """
    from scoreline._paths import default_db_path
    from scoreline.data.table_cache import file_identity

    # the write-ahead log counts: DuckDB commits to it and folds it into the file at a
    # checkpoint (on close), so within one process a write shows only in the log
    return file_identity(db if db is not None else default_db_path())


_code: list[str] = []


def code_identity() -> str:
    """A digest of scoreline's version and of the modification times of its files.

    Computed once per process (a few milliseconds: one ``stat`` per file).
    """
    if not _code:
        from scoreline import __version__

        parts = [__version__]
        for path in sorted(_PACKAGE.rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
                with contextlib.suppress(OSError):
                    parts.append(f"{path.relative_to(_PACKAGE)}:{path.stat().st_mtime_ns}")
        _code.append(hashlib.sha256("\n".join(parts).encode()).hexdigest())
    return _code[0]


def result_store() -> JsonStore:
    """The on-disk result cache (``<user cache>/results``)."""
    from scoreline._paths import user_cache_dir
    from scoreline.api._cache import JsonStore

    return JsonStore(user_cache_dir() / "results", RESULT_CACHE_BYTES)


def result_key(kind: str, db: str | Path | None, request: Mapping[str, object]) -> str | None:
    """The entry key of a request of ``kind`` (None without a store file)."""
    identity = store_identity(db)
    if identity is None:
        return None
    return json.dumps({"kind": kind, "store": identity, "code": code_identity(),
                       "request": request}, sort_keys=True, default=str)


def cached_result(kind: str, db: str | Path | None, request: Mapping[str, object],
                  expected: type[T], compute: Callable[[], T]) -> T:
    """The result of ``compute()``, read from the on-disk cache when this exact request was
    answered before on the same store file and code.

    Parameters
    ----------
    kind : str
        Which API function answers (part of the key).
    db : path, optional
        The store file the answer comes from.
    request : mapping
        The arguments exactly as given (JSON-ready; part of the key).
    expected : type
        The type of the result; a stored value of another type is ignored.
    compute : callable
        Computes the result on a miss. Its errors propagate and nothing is stored; nor is
        a result computed while the store file changed.
    """
    key = result_key(kind, db, request) if enabled() else None
    if key is None:
        return compute()
    disk = result_store()
    stored = disk.read(key)
    if stored is not None:
        try:
            value = decode(stored)
        except (ImportError, AttributeError, TypeError, ValueError, KeyError) as exc:
            log.info("ignoring unreadable %s result in %s (%s)", kind, disk.path(key), exc)
        else:
            if isinstance(value, expected):
                return value
            log.info("ignoring the %s result in %s: not a %s", kind, disk.path(key),
                     expected.__qualname__)
    result = compute()
    if result_key(kind, db, request) != key:
        return result  # the store changed meanwhile: which state the answer saw is unclear
    try:
        encoded = encode(result)
    except Uncacheable as exc:
        log.debug("not caching the %s result: %s", kind, exc)
    else:
        disk.write(key, encoded)
    return result


# ---------------------------------------------------------------------- the JSON form
def _class_path(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def encode(value: object) -> object:
    """``value`` as JSON-ready data that :func:`decode` turns back into an equal value.

    Raises
    ------
    Uncacheable
        For anything but None, bool, int, float, str, lists, tuples, sets, dicts, dates,
        datetimes, enums, NumPy scalars and arrays, and dataclasses made of these.
    """
    if isinstance(value, enum.Enum):
        if not type(value).__module__.startswith("scoreline."):
            raise Uncacheable(f"{_class_path(type(value))} is not a scoreline enum")
        return {"__enum__": _class_path(type(value)), "value": encode(value.value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        tag = "__frozenset__" if isinstance(value, frozenset) else "__set__"
        return {tag: [encode(v) for v in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"__map__": [[encode(k), encode(v)] for k, v in value.items()]}
    if type(value) is dt.datetime:
        return {"__datetime__": value.isoformat()}
    if type(value) is dt.date:
        return {"__date__": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if not cls.__module__.startswith("scoreline."):
            raise Uncacheable(f"{_class_path(cls)} is not a scoreline class")
        fields = {f.name: encode(getattr(value, f.name))
                  for f in dataclasses.fields(value) if f.init}
        return {"__dataclass__": _class_path(cls), "fields": fields}
    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            raise Uncacheable(f"an array of {value.dtype}")
        return {"__ndarray__": value.dtype.str, "shape": list(value.shape),
                "data": value.ravel().tolist()}
    if isinstance(value, np.generic):
        return encode(value.item())
    raise Uncacheable(f"a {type(value).__module__}.{type(value).__qualname__}")


def _scoreline_class(path: str) -> type:
    module, _, qualname = path.partition(":")
    if module != "scoreline" and not module.startswith("scoreline."):
        raise ValueError(f"refusing to rebuild {path}: not a scoreline class")
    found: object = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    if not isinstance(found, type):
        raise TypeError(f"{path} is not a class")
    return found


def decode(data: object) -> object:
    """The value that :func:`encode` turned into ``data``."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__dataclass__" in data:
        cls = _scoreline_class(data["__dataclass__"])
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"{data['__dataclass__']} is not a dataclass")
        return cls(**{k: decode(v) for k, v in data["fields"].items()})
    if "__enum__" in data:
        cls = _scoreline_class(data["__enum__"])
        if not issubclass(cls, enum.Enum):
            raise TypeError(f"{data['__enum__']} is not an enum")
        return cls(decode(data["value"]))
    if "__tuple__" in data:
        return tuple(decode(v) for v in data["__tuple__"])
    if "__frozenset__" in data:
        return frozenset(decode(v) for v in data["__frozenset__"])
    if "__set__" in data:
        return {decode(v) for v in data["__set__"]}
    if "__map__" in data:
        return {decode(k): decode(v) for k, v in data["__map__"]}
    if "__date__" in data:
        return dt.date.fromisoformat(data["__date__"])
    if "__datetime__" in data:
        return dt.datetime.fromisoformat(data["__datetime__"])
    if "__ndarray__" in data:
        import numpy as np

        return np.asarray(data["data"], dtype=np.dtype(data["__ndarray__"])).reshape(
            data["shape"])
    return {k: decode(v) for k, v in data.items()}
