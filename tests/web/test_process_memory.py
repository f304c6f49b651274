"""What each process of a server loads (its resident memory): the ``--workers N``
supervisor neither pandas nor DuckDB, the server process no numba, the server's processes
pandas without pyarrow, with the same answers as with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoreline import api

HEAVY = ("pandas", "duckdb", "pyarrow", "numba", "scipy")


def _python(code: str, *args: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], check=True,
                          capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), **env))
    return done.stdout.strip().splitlines()[-1]


def _loaded(names: tuple[str, ...] = HEAVY) -> str:
    """Python printing which of ``names`` are loaded (None entries do not count)."""
    return f"print(sorted(m for m in {names!r} if sys.modules.get(m) is not None))"


def test_pandas_without_arrow_keeps_pyarrow_out_of_a_fresh_process() -> None:
    """Called before pandas is imported, pandas then loads without pyarrow and keeps its
    strings in Python objects; a second call says so again."""
    code = ("import sys\nfrom scoreline import api\n"
            "first = api.pandas_without_arrow()\n"
            "import pandas as pd\n"
            "print(first, api.pandas_without_arrow(), 'pyarrow' in sys.modules and "
            "sys.modules['pyarrow'] is not None, pd.Series(['a']).dtype.storage)")
    assert _python(code) == "True True False python"


def test_pandas_without_arrow_leaves_a_process_with_pandas_alone() -> None:
    """Where pandas is already loaded (this test process) nothing changes: False, and
    pyarrow stays importable."""
    import pandas  # noqa: F401

    assert api.pandas_without_arrow() is False
    import pyarrow

    assert pyarrow.__version__


def test_the_supervisor_of_server_processes_loads_neither_pandas_nor_duckdb(
        readonly_store: Path) -> None:
    """``scoreline serve --workers 2`` checks the store and prints its counts from a child
    process: the supervisor itself (uvicorn.run replaced here) has loaded no data library."""
    code = ("import sys, uvicorn\n"
            "uvicorn.run = lambda *a, **k: None\n"
            "from scoreline.cli import main\n"
            "sys.argv = ['scoreline', 'serve', '--workers', '2', '--db', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n" + _loaded())
    done = subprocess.run([sys.executable, "-c", code, str(readonly_store)], check=True,
                          capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert "49,520 matches" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_supervisor_reports_a_missing_store_in_one_line(tmp_path: Path) -> None:
    """The child's store error reaches the user as the usual red line, exit 1."""
    from typer.testing import CliRunner

    from scoreline.cli import app

    result = CliRunner().invoke(app, ["serve", "--workers", "2", "--db",
                                      str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "data load" in result.output and "Traceback" not in result.output


def test_the_server_process_loads_no_compiled_kernels(readonly_store: Path) -> None:
    """The app, a tournament's standing (the home page's) and every heavy result type the
    server process receives from its workers load neither numba nor SciPy: those live in
    the heavy workers only. pyarrow is kept out as ``app_from_env`` does."""
    code = ("import sys\nfrom scoreline import api\napi.pandas_without_arrow()\n"
            "from scoreline.web import WebSettings, create_app\n"
            "create_app(WebSettings(db=sys.argv[1]))\n"
            "api.tournament_status('wc2026', db=sys.argv[1])\n"
            "for name in ('SimulationResult', 'TimelineResult', 'UpsetRanking', "
            "'ComebackRanking', 'MatchReplay', 'Story', 'CheckReport', 'LiveForecast', "
            "'MatchForecast', 'RatingsTable', 'TournamentEdition'):\n"
            "    getattr(api, name)\n" + _loaded())
    assert _python(code, str(readonly_store)) == "['duckdb', 'pandas']"


def test_a_started_worker_keeps_few_fits_and_no_pyarrow(readonly_store: Path) -> None:
    """After ``start_worker`` (as the pool runs it, without a nice value), the forecasting
    module keeps WORKER_FITS_IN_MEMORY fits, and pandas runs without pyarrow."""
    from scoreline.web.jobs import WORKER_FITS_IN_MEMORY

    code = ("import sys\nfrom scoreline.web import jobs\n"
            "jobs.start_worker({}, sys.argv[1], 0)\n"
            "import scoreline.api.forecasts as f\n"
            "print(f._FITTED.size, sys.modules.get('pyarrow'), "
            "sys.modules['pandas'].Series(['a']).dtype.storage)")
    env = {k: v for k, v in os.environ.items() if k != "SCORELINE_FITS_IN_MEMORY"}
    done = subprocess.run([sys.executable, "-c", code, str(readonly_store)], check=True,
                          capture_output=True, text=True,
                          env=dict(env, PYTHONPATH=os.pathsep.join(sys.path)))
    assert done.stdout.split() == [str(WORKER_FITS_IN_MEMORY), "None", "python"]


@pytest.mark.slow
def test_answers_without_pyarrow_are_those_with_it(readonly_store: Path,
                                                   tmp_path: Path) -> None:
    """A head-to-head, a team's summary, a tournament's standing and a forecast that needs a
    fit of the default model come out the same from a process whose pandas runs without
    pyarrow (its own fit cache: it fits) as from this one, whose pandas uses it."""
    from scoreline._paths import numba_cache_dir

    def answers(db: str) -> dict[str, object]:
        return {"h2h": api.head_to_head("Germany", "Japan", db=db).to_dict(),
                "team": api.team_summary("Japan", recent=5, db=db).to_dict(),
                "status": api.tournament_status("wc2022", db=db).to_dict(),
                "predict": api.predict_match("Germany", "Japan", date="2022-11-23",
                                             neutral=True, db=db).to_dict()}

    code = ("import sys, json\nfrom scoreline import api\nassert api.pandas_without_arrow()\n"
            "db = sys.argv[1]\n"
            "out = {'h2h': api.head_to_head('Germany', 'Japan', db=db).to_dict(),\n"
            "       'team': api.team_summary('Japan', recent=5, db=db).to_dict(),\n"
            "       'status': api.tournament_status('wc2022', db=db).to_dict(),\n"
            "       'predict': api.predict_match('Germany', 'Japan', date='2022-11-23', "
            "neutral=True, db=db).to_dict()}\n"
            "assert sys.modules['pyarrow'] is None\n"
            "print(json.dumps(api.to_jsonable(out)))")
    without = json.loads(_python(code, str(readonly_store),
                                 SCORELINE_CACHE=str(tmp_path / "cache"),
                                 NUMBA_CACHE_DIR=str(numba_cache_dir()),
                                 SCORELINE_RESULT_CACHE="0"))
    with_arrow = json.loads(json.dumps(api.to_jsonable(answers(str(readonly_store)))))
    assert without["h2h"] == with_arrow["h2h"]
    assert without["team"] == with_arrow["team"]
    assert without["status"] == with_arrow["status"]
    forecast, expected = without["predict"], with_arrow["predict"]
    for key in ("p_home", "p_draw", "p_away", "home_xg", "away_xg"):
        if key in expected:
            assert forecast[key] == pytest.approx(expected[key], abs=1e-9), key
    assert forecast.keys() == expected.keys()
