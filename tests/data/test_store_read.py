"""The store's table reads (by way of Arrow, and from the NumPy copies of read-only stores,
with pyarrow or without it) give what DuckDB's own DataFrame reads give."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from scoreline.data.store import Store, _typed
from scoreline.data.table_cache import read_frame, write_frame

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
    """The first read-only reader of a store file keeps copies of the tables it reads;
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


def test_copies_read_without_pyarrow_equal_the_tables(store_path: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies kept by a reader whose pandas uses pyarrow serve a process that keeps pyarrow
    out (the ``scoreline`` command, the server): no DuckDB connection, every table equal
    value for value, dtype for dtype, its text in pandas' own ``str`` storage."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    path = _copy_store(store_path, tmp_path)
    with Store(path, read_only=True) as first:
        for name in _ORDER:
            first._table(name)
    probe = (
        "import sys\nfrom scoreline import api\nassert api.pandas_without_arrow()\n"
        "import pandas as pd\nfrom scoreline.data.store import Store, _typed\n"
        f"s = Store({str(path)!r}, read_only=True)\n"
        f"copied = {{name: s._table(name) for name in {list(_ORDER)!r}}}\n"
        "assert not s.connected and sys.modules['pyarrow'] is None\n"
        "for name, frame in copied.items():\n"
        "    pd.testing.assert_frame_equal(frame, _typed(name, s._read_plain(name)),\n"
        "                                  check_exact=True)\n"
        "m = copied['matches']\n"
        "assert m['home_team'].dtype.storage == 'python', m['home_team'].dtype\n"
        "assert str(m['home_score_90'].dtype) == 'Int64' and m['first_shooter'].dtype == object\n"
        "print(len(m))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ), check=False)
    assert done.returncode == 0 and done.stdout.strip() == "49520", done.stderr[-2000:]


def test_a_copy_gives_back_every_kind_of_column(tmp_path: Path) -> None:
    """Dates, integers, floats, booleans, nullable integers and booleans, ``str`` text with
    missing values, ``object`` text with None, a column of missing text only, and no rows."""
    frame = pd.DataFrame({
        "date": pd.to_datetime(["1872-11-30", "2022-11-23", "2026-07-19"]).astype(
            "datetime64[us]"),
        "goals": [0, 2, 7], "xg": [0.5, 1.25, float("nan")], "neutral": [True, False, True],
        "minute": pd.array([90, None, 120], dtype="Int64"),
        "extra_time": pd.array([None, True, False], dtype="boolean"),
        "team": pd.array(["Scotland", None, "Côte d'Ivoire"], dtype="str"),
        "scorer": pd.Series(["Asano", None, "Dōan"], dtype=object),
        "nobody": pd.array([None, None, None], dtype="str"),
    })
    for rows in (frame, frame.iloc[:0]):
        write_frame(rows, tmp_path / "t.npz")
        back = read_frame(tmp_path / "t.npz")
        pd.testing.assert_frame_equal(back, rows.reset_index(drop=True), check_exact=True)
    assert back["scorer"].dtype == object
    with pytest.raises(TypeError, match="values other than text"):
        write_frame(pd.DataFrame({"mixed": pd.Series(["a", 1], dtype=object)}),
                    tmp_path / "bad.npz")


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
