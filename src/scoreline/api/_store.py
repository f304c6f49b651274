"""The shared store handle and argument parsing of the API modules.

DuckDB and pandas are imported when a store is first opened, not with the API: a command
answered from a cache never pays for them.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from scoreline._paths import default_db_path
from scoreline.data.dates import DayLike, parse_date
from scoreline.errors import StoreError

if TYPE_CHECKING:
    from scoreline.data.store import Store

DateLike: TypeAlias = DayLike | None
"""An optional day: ``YYYY-MM-DD`` or a :class:`datetime.date` (datetimes and Timestamps too)."""

_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def get_store(db: str | Path | None = None, *, read_only: bool | None = None) -> Store:
    """The open store at ``db`` (default: ``$SCORELINE_DB`` or the user data dir).

    Stores are opened once per path and process and then shared, so repeated API
    calls (and web requests) reuse the cached tables. An existing store is opened
    read-only unless asked otherwise, so that several processes (servers, CLI commands,
    benchmarks) can read one file at once; DuckDB lets only one process write, so
    ``scoreline data load`` needs the readers stopped. Within one process that already
    holds the file for writing, the writable connection is shared instead.
    """
    from scoreline.data.store import Store

    key = str(Path(db).expanduser().resolve()) if db is not None else str(default_db_path())
    with _stores_lock:
        store = _stores.get(key)
        if store is None:
            want_read_only = Path(key).exists() if read_only is None else read_only
            try:
                store = Store(key, read_only=want_read_only)
            except StoreError:
                if not want_read_only or read_only:
                    raise
                store = Store(key)  # this process already writes it: share that mode
            _stores[key] = store
        return store


def _writable_store(db: str | Path | None) -> Store:
    """The store at ``db`` opened for writing (reopened if it was opened read-only)."""
    from scoreline.data.store import Store

    store = get_store(db, read_only=False)
    if store.read_only:
        with _stores_lock:
            store.close()
            store = Store(store.path)
            _stores[store.path] = store
    return store


def _day(value: DateLike, what: str) -> dt.date | None:
    """A user date as a :class:`datetime.date` (None stays None; see :func:`parse_date`)."""
    return None if value is None else parse_date(value, what)


def _iso(value: DateLike, what: str) -> str | None:
    day = _day(value, what)
    return None if day is None else day.isoformat()
