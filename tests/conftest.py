"""Shared fixtures: the real data, loaded once per test run into a temporary store."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import scoreline
from scoreline import api
from scoreline.data.store import Store

DATA_DIR = Path(
    os.environ.get(
        "SCORELINE_TEST_DATA",
        Path(__file__).resolve().parents[1].parent / "shared" / "data" / "international_results",
    )
)
TOURNAMENTS_DIR = DATA_DIR.parent / "tournaments"
ARTICLES_DIR = DATA_DIR.parent.parent / "articles"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real upstream snapshot beside the project (``../shared/data/international_results``)."""
    if not (DATA_DIR / "results.csv").is_file():
        pytest.fail(f"real data not found at {DATA_DIR}; set SCORELINE_TEST_DATA")
    return DATA_DIR


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """A DuckDB file holding the real data, loaded once per test session."""
    path = tmp_path_factory.mktemp("store") / "scoreline.duckdb"
    with scoreline.open(path) as s:
        s.load(data_dir)
    # One writable connection for the whole run, shared by the API and the tests: DuckDB
    # refuses a read-only and a writable connection to one file in the same process.
    api.get_store(path, read_only=False)
    return path


@pytest.fixture(scope="session")
def store(store_path: Path) -> Store:
    """The session's store of the real data (shared: never load into it in a test)."""
    return api.get_store(store_path)


@pytest.fixture(scope="session")
def matches(store: Store) -> pd.DataFrame:
    """Every match of the real data (``store.matches()``)."""
    return store.matches()


@pytest.fixture(scope="session")
def goals(store: Store) -> pd.DataFrame:
    """Every goal of the real data (``store.goals()``)."""
    return store.goals()


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Caches shared by the whole run, inside pytest's temp dir (never the user's):
    matplotlib's font cache and the walk-forward pre-match forecasts."""
    base = tmp_path_factory.mktemp("session-cache")
    (base / "mpl").mkdir()
    (base / "prematch").mkdir()
    return base


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_path: Path,
                  session_cache: Path) -> None:
    """Point SCORELINE_DB at the session store; keep every cache out of the user's home."""
    monkeypatch.setenv("SCORELINE_DB", str(store_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("MPLCONFIGDIR", str(session_cache / "mpl"))
    monkeypatch.setenv("SCORELINE_CACHE", str(session_cache / "prematch"))
    # every test computes its answers; tests/api/test_results.py turns the result cache on
    monkeypatch.setenv("SCORELINE_RESULT_CACHE", "0")
    monkeypatch.delenv("SCORELINE_DATA", raising=False)
