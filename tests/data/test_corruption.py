"""Random corruption of the real files: only scoreline's errors escape, the store is kept."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scoreline
from scoreline.errors import ScorelineError
from tests.data.test_load import table_digest

FILES = ("results.csv", "goalscorers.csv", "shootouts.csv", "former_names.csv")
JUNK = st.sampled_from(["", ",", ";", "\"", "\n", "NA", "-3", "x", "TRUE", "99999", "\x00",
                        "2021-13-01", "é", "\ufeff", "\r\n", ",,,,"])


@st.composite
def corruptions(draw: st.DrawFn) -> tuple[str, str, int, int, bytes]:
    """A file, an operation, a position, a length, and bytes to insert."""
    name = draw(st.sampled_from(FILES))
    op = draw(st.sampled_from(["replace", "delete", "insert", "truncate", "bytes"]))
    pos = draw(st.integers(min_value=0, max_value=10**9))
    length = draw(st.integers(min_value=1, max_value=40))
    junk = draw(JUNK).encode("utf-8")
    if op == "bytes":
        junk = draw(st.binary(min_size=1, max_size=8))
    return name, op, pos, length, junk


def corrupt(path: Path, op: str, pos: int, length: int, junk: bytes) -> None:
    data = path.read_bytes()
    pos %= max(len(data), 1)
    if op == "replace":
        data = data[:pos] + junk + data[pos + length:]
    elif op == "delete":
        data = data[:pos] + data[pos + length:]
    elif op in ("insert", "bytes"):
        data = data[:pos] + junk + data[pos:]
    else:
        data = data[:pos]
    path.write_bytes(data)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, window_2022: Path) -> tuple[Path, dict]:
    """A store file holding the 2021-22 window, and its table digest."""
    path = tmp_path_factory.mktemp("corrupt") / "base.duckdb"
    with scoreline.open(path) as s:
        s.load(window_2022)
        digest = table_digest(s)
    return path, digest


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(cuts=st.lists(corruptions(), min_size=1, max_size=3))
def test_random_corruption(cuts: list[tuple[str, str, int, int, bytes]],
                           window_2022: Path, loaded: tuple[Path, dict]) -> None:
    """Whatever the corruption: either the load succeeds, or a ScorelineError is raised and
    the store holds exactly what it held before."""
    base, before = loaded
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(window_2022, src)
        for name, op, pos, length, junk in cuts:
            corrupt(src / name, op, pos, length, junk)
        shutil.copy(base, Path(tmp) / "s.duckdb")
        with scoreline.open(Path(tmp) / "s.duckdb") as s:
            try:
                s.load(src)
            except ScorelineError:
                assert table_digest(s) == before
                assert s.info().loads == 1
