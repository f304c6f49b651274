"""How the ``scoreline`` command sets up its process: pandas without pyarrow, except when
the work runs on a Dask cluster, whose workers send back frames that need it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scoreline.cli import uses_dask


def test_uses_dask_reads_the_scheduler_option() -> None:
    assert uses_dask(["backtest", "--scheduler", "local:2"])
    assert uses_dask(["simulate", "wc2022", "--scheduler=tcp://10.0.0.1:8786"])
    assert not uses_dask(["backtest", "--scheduler", "none"])
    assert not uses_dask(["backtest", "--scheduler=None"])
    assert not uses_dask(["check", "article.txt", "--match", "2022-11-23", "Germany", "Japan"])
    assert not uses_dask(["backtest", "--scheduler"])  # typer then reports the missing value


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    probe = (f"import sys\nfrom scoreline.cli import main\nsys.argv = ['scoreline', *{argv!r}]\n"
             "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
             "print('pyarrow', sys.modules.get('pyarrow') is not None, file=sys.stderr)")
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, timeout=240, check=False)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_backtest_on_a_dask_cluster_runs_from_the_command(store_path: Path,
                                                           tmp_path: Path) -> None:
    """``scoreline backtest --scheduler local:2`` (a real cluster of two processes) returns
    its scores with pyarrow loaded; the same backtest in-process runs without pyarrow and
    gives the same scores (to rounding: the cluster splits the walk into blocks)."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(store_path, db)
    wal = store_path.with_name(store_path.name + ".wal")
    if wal.exists():
        shutil.copy(wal, db.with_name(db.name + ".wal"))
    env = dict(os.environ, SCORELINE_DB=str(db), SCORELINE_CACHE=str(tmp_path / "cache"),
               SCORELINE_RESULT_CACHE="0", COLUMNS="100")
    argv = ["backtest", "--since", "2022-06-01", "--until", "2022-12-31", "--model", "elo",
            "--refit", "30D", "--json"]
    on_dask = _run([*argv, "--scheduler", "local:2"], env)
    assert on_dask.returncode == 0, on_dask.stderr[-3000:]
    assert "pyarrow True" in on_dask.stderr
    here = _run(argv, env)
    assert here.returncode == 0, here.stderr[-3000:]
    assert "pyarrow False" in here.stderr
    cluster, local = json.loads(on_dask.stdout), json.loads(here.stdout)
    assert cluster["n_matches"] == local["n_matches"] > 600
    assert cluster["rps"] == pytest.approx(local["rps"], abs=1e-6)  # blocks: floating point


@pytest.mark.slow
def test_commands_that_load_duckdb_exit_quietly(data_dir: Path, tmp_path: Path) -> None:
    """``data load`` (writes the store) and the first read of a new store (DuckDB, before
    the table copies exist) end without a word on stderr: the heap is frozen at exit only
    where DuckDB is not loaded, whose bindings would print "leaked" warnings otherwise."""
    env = dict(os.environ, SCORELINE_DB=str(tmp_path / "s.duckdb"),
               SCORELINE_CACHE=str(tmp_path / "cache"), COLUMNS="100")
    load = _run(["data", "load", "--source", str(data_dir), "--no-warm", "--json"], env)
    assert load.returncode == 0, load.stderr[-3000:]
    assert json.loads(load.stdout)["matches"] > 49_000
    for argv in (["h2h", "England", "Scotland", "--json"],  # first read: DuckDB, then copies
                 ["h2h", "England", "Wales", "--json"]):  # from the copies, heap frozen
        done = _run(argv, env)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "leaked" not in done.stderr and "nanobind" not in done.stderr, argv
    assert "leaked" not in load.stderr and "nanobind" not in load.stderr
