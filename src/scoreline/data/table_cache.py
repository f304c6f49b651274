"""Copies of a store file's tables in the user cache, for read-only stores.

Every command that looks at past matches reads whole tables (the walk-forward forecasts
train on every match): with DuckDB that is its import, a connection and a query, about a
quarter of a second of each such command. The first read-only reader of a store file
keeps each table it reads as a NumPy archive in ``<user cache>/tables/<identity>/``; later
readers of the same file load those instead and never import DuckDB.

A copy holds the table as the store gives it (its pandas dtypes): numbers, booleans and
dates as their arrays, nullable columns as values and a mask, text as codes into its
distinct values. It needs neither pickle nor pyarrow to read, so a process that keeps
pandas off pyarrow (:func:`scoreline.api.pandas_without_arrow`: the CLI, the server) reads
the same copies; text columns come back in the reading process's own ``str`` storage.

The identity of a store file is its path, size and modification time, and those of its
DuckDB write-ahead log (a write shows there first): any load, update or added match makes
a new identity, so a copy is never read for another state of the file. A copy is written
only when the identity is the same after the read as before it (no write went on in
between), atomically (a temporary file, then ``os.replace``). Folders of other identities
are removed, the oldest first, past :data:`KEEP_IDENTITIES`. ``SCORELINE_FIT_CACHE=0``
turns these copies off, with the other on-disk caches.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline._paths import user_cache_dir

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

KEEP_IDENTITIES = 3
"""Folders kept (one per state of a store file), so that a few stores can be read in turn."""

COPY_FORMAT = 2
"""Version of the copies' layout (part of the folder's name): 2 is NumPy archives."""

FINGERPRINT = "fingerprint.json"
"""The file holding the snapshot fingerprint of the store (:meth:`Store.fingerprint`)."""


def file_identity(path: str | Path) -> list[object] | None:
    """Path, size and modification time (ns) of a store file and of its write-ahead log.

    None when there is no such file.
    """
    resolved = Path(path).expanduser().resolve()
    try:
        stat = resolved.stat()
    except OSError:
        return None
    identity: list[object] = [str(resolved), stat.st_size, stat.st_mtime_ns]
    with contextlib.suppress(OSError):
        wal = resolved.with_name(resolved.name + ".wal").stat()
        identity += [wal.st_size, wal.st_mtime_ns]
    return identity


class TableCache:
    """The copies of one store file's tables, as the file is now.

    Parameters
    ----------
    db : path
        The store file (opened read-only by its :class:`~scoreline.data.store.Store`).
    """

    def __init__(self, db: str | Path) -> None:
        self.identity = file_identity(db)
        self.folder: Path | None = None
        if self.identity is not None and os.environ.get("SCORELINE_FIT_CACHE", "1") != "0":
            key = json.dumps([COPY_FORMAT, *self.identity])
            digest = hashlib.sha256(key.encode()).hexdigest()[:24]
            self.folder = user_cache_dir() / "tables" / digest
        self._db = db

    def ready(self) -> bool:
        """Whether a complete first read was kept (the store's fingerprint is there)."""
        return self.folder is not None and (self.folder / FINGERPRINT).is_file()

    def read(self, name: str) -> pd.DataFrame | None:
        """The kept copy of table ``name``, or None (none kept, or unreadable)."""
        if self.folder is None:
            return None
        path = self.folder / f"{name}.npz"
        if not path.is_file():
            return None
        try:
            return read_frame(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.info("ignoring unreadable table copy %s (%s)", path, exc)
            return None

    def write(self, name: str, frame: pd.DataFrame) -> None:
        """Keep ``frame`` as the copy of ``name`` (failures only log: the copy is optional)."""
        if not self._unchanged():
            return
        self._atomic(f"{name}.npz", lambda tmp: write_frame(frame, tmp))

    def fingerprint(self) -> str | None:
        """The kept fingerprint of the store, or None."""
        if self.folder is None:
            return None
        try:
            value = json.loads((self.folder / FINGERPRINT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, str) else None

    def write_fingerprint(self, value: str) -> None:
        """Keep the store's fingerprint (it marks the copies as ready to use)."""
        if not self._unchanged():
            return

        def put(tmp: str) -> None:
            Path(tmp).write_text(json.dumps(value), encoding="utf-8")

        self._atomic(FINGERPRINT, put)

    def _unchanged(self) -> bool:
        """The copies are on, and the file is as it was when this cache was made."""
        return self.folder is not None and file_identity(self._db) == self.identity

    def _atomic(self, filename: str, put: Callable[[str], None]) -> None:
        assert self.folder is not None
        try:
            fresh = not self.folder.is_dir()
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-", suffix=".tmp")
            os.close(fd)
            try:
                put(tmp)
                os.replace(tmp, self.folder / filename)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            if fresh:
                self._trim()
        except Exception as exc:  # noqa: BLE001 - the copy is optional: it never fails a read
            log.warning("cannot keep a copy of the store's tables in %s (%s)", self.folder, exc)

    def _trim(self) -> None:
        """Remove the folders of other identities past :data:`KEEP_IDENTITIES`, oldest first."""
        assert self.folder is not None
        others = []
        for path in self.folder.parent.iterdir():
            if path != self.folder and path.is_dir():
                with contextlib.suppress(OSError):
                    others.append((path.stat().st_mtime, path))
        for _, path in sorted(others, reverse=True)[KEEP_IDENTITIES - 1:]:
            shutil.rmtree(path, ignore_errors=True)


def write_frame(frame: pd.DataFrame, path: str | Path) -> None:
    """Write ``frame`` as a NumPy archive that :func:`read_frame` reads back equal, dtypes
    included (columns of NumPy numbers, booleans and dates; ``Int64`` and ``boolean``;
    text as ``str`` or as ``object`` with None for missing)."""
    import numpy as np
    import pandas as pd

    arrays: dict[str, Any] = {}
    spec: list[list[str]] = []
    for k, (name, column) in enumerate(frame.items()):
        key, dtype = f"c{k}", column.dtype
        if isinstance(dtype, np.dtype) and dtype.kind in "biufM":
            arrays[key], kind = column.to_numpy(), "array"
        elif str(dtype) in ("Int64", "boolean"):
            arrays[key + "_mask"] = column.isna().to_numpy()
            arrays[key] = column.to_numpy(dtype="int64" if str(dtype) == "Int64" else bool,
                                          na_value=0)
            kind = "masked"
        elif str(dtype) in ("str", "object"):
            codes, uniques = pd.factorize(column, use_na_sentinel=True)
            if not all(isinstance(u, str) for u in uniques):
                raise TypeError(f"column {name!r} holds values other than text")
            arrays[key] = codes.astype(np.int32)
            arrays[key + "_values"] = np.array(list(uniques), dtype=str)
            kind = "text"
        else:
            raise TypeError(f"column {name!r} has dtype {dtype}, which a copy cannot hold")
        spec.append([str(name), kind, str(dtype)])
    arrays["spec"] = np.array(json.dumps(spec))
    with open(path, "wb") as out:
        np.savez(out, **arrays)


def read_frame(path: str | Path) -> pd.DataFrame:
    """The frame :func:`write_frame` wrote (no pickle: a copy is data, never code)."""
    import numpy as np
    import pandas as pd

    columns: dict[str, object] = {}
    with np.load(path, allow_pickle=False) as archive:
        for k, (name, kind, dtype) in enumerate(json.loads(str(archive["spec"]))):
            key = f"c{k}"
            if kind == "array":
                columns[name] = archive[key]
            elif kind == "masked":
                values, mask = archive[key], archive[key + "_mask"]
                columns[name] = (pd.arrays.IntegerArray(values, mask) if dtype == "Int64"
                                 else pd.arrays.BooleanArray(values, mask))
            else:
                codes, values = archive[key], archive[key + "_values"].astype(object)
                texts = values[codes] if len(values) else np.full(len(codes), None, object)
                missing = codes < 0
                if dtype == "object":
                    texts[missing] = None
                    columns[name] = pd.Series(texts, dtype=object, copy=False)
                else:
                    texts[missing] = np.nan
                    columns[name] = pd.array(texts, dtype=dtype)
    return pd.DataFrame(columns, copy=False)
