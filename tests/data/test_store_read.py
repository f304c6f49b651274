"""The store's table reads (by way of Arrow, and from the Arrow copies of read-only stores)
give what DuckDB's own DataFrame reads give."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from scoreline.data.store import Store, _typed

_ORDER = {"matches": "match_id", "goals": "match_id, goal_seq", "shootouts": "match_id",
          "former_names": "current, start_date"}


@pytest.mark.parametrize("name", list(_ORDER))
def test_arrow_read_equals_duckdb_frame(store: Store, name: str) -> None:
    """Every table of the real data read through Arrow equals, value for value and dtype
    for dtype (dates ``datetime64[us]``, nullable integers, None for missing text), the
    same table read with DuckDB's ``.df()``."""
    fast = store._table(name)
    plain = _typed(name, store._query(f"SELECT * FROM {name} ORDER BY {_ORDER[name]}").df())
    assert len(fast) > 0
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)


def _copy_store(store_path: Path, folder: Path) -> Path:
    """A copy of the session's store file (and of its write-ahead log, if any)."""
    target = folder / "copy.duckdb"
    shutil.copy(store_path, target)
    wal = store_path.with_name(store_path.name + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_name(target.name + ".wal"))
    return target


def test_table_copies_serve_later_readers(store_path: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The first read-only reader of a store file keeps Arrow copies of the tables it reads;
    a second reader of the unchanged file gets equal frames and the same fingerprint from
    them without connecting to DuckDB; after the file changes, a reader connects again."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    path = _copy_store(store_path, tmp_path)
    first = Store(path, read_only=True)
    assert first.connected
    read = {name: first._table(name) for name in _ORDER}
    fingerprint = first.fingerprint()
    first.close()

    second = Store(path, read_only=True)
    assert not second.connected
    for name, frame in read.items():
        pd.testing.assert_frame_equal(second._table(name), frame, check_exact=True)
    assert second.fingerprint() == fingerprint
    assert len(second.matches(until="2022-11-23", team="Japan")) > 0
    assert not second.connected  # every read above came from the copies
    assert len(second.execute("SELECT 1 AS one")) == 1  # SQL still works: it connects now
    assert second.connected
    second.close()

    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    third = Store(path, read_only=True)
    assert third.connected  # a new state of the file: no copy of it yet
    pd.testing.assert_frame_equal(third._table("matches"), read["matches"], check_exact=True)
    third.close()


def test_table_copies_off(store_path: Path, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """With the on-disk caches off (SCORELINE_FIT_CACHE=0) no copy is written, and each
    reader connects; a writable store never uses copies."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SCORELINE_FIT_CACHE", "0")
    path = _copy_store(store_path, tmp_path)
    for _ in range(2):
        with Store(path, read_only=True) as reader:
            assert reader.connected
            assert len(reader._table("matches")) == 49520
    assert not (tmp_path / "cache" / "tables").exists()
    monkeypatch.delenv("SCORELINE_FIT_CACHE")
    with Store(path) as writer:
        assert writer._copies is None and len(writer._table("matches")) == 49520
    assert not (tmp_path / "cache" / "tables").exists()


def test_copies_of_other_states_are_trimmed(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Past KEEP_IDENTITIES states of store files, the oldest folders of copies go."""
    from scoreline.data import table_cache

    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    db = tmp_path / "fake.duckdb"
    made = []
    for k in range(table_cache.KEEP_IDENTITIES + 2):
        db.write_bytes(b"x" * (k + 1))  # a new size: a new identity
        copies = table_cache.TableCache(db)
        copies.write_fingerprint(f"state {k}")
        assert copies.folder is not None and copies.fingerprint() == f"state {k}"
        made.append(copies.folder)
        os.utime(copies.folder, (k + 1, k + 1))  # folder age follows the order of the states
    kept = sorted(p for p in (tmp_path / "cache" / "tables").iterdir())
    assert made[-1] in kept and made[0] not in kept
    assert len(kept) == table_cache.KEEP_IDENTITIES
