"""Project-wide contracts: one-way layers, a light ``import scoreline``, a curated API."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_layers_flow_one_way() -> None:
    """import-linter's layers contract (pyproject.toml) holds: no lower layer imports a
    higher one (data -> models -> forecast -> inplay/tournament -> insight -> interfaces)."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed (pip install -e '.[test]')"
    result = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_is_light() -> None:
    """``import scoreline`` loads neither typer, FastAPI, matplotlib nor the data layer."""
    code = ("import sys, scoreline; heavy = {'typer', 'fastapi', 'matplotlib', 'duckdb', "
            "'scipy'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_public_names_exist() -> None:
    """Every name in ``scoreline.__all__`` is importable from the package."""
    import scoreline

    for name in scoreline.__all__:
        assert getattr(scoreline, name) is not None, name


def test_api_all_is_honest() -> None:
    """``scoreline.api.__all__`` names only things that exist, and every public function or
    class defined in an api module is listed there (private ones start with ``_``)."""
    import importlib
    import inspect
    import pkgutil

    from scoreline import api

    listed = set(api.__all__)
    assert len(listed) == len(api.__all__), "a name is listed twice"
    missing = [n for n in api.__all__ if not hasattr(api, n)]
    assert not missing, missing
    unlisted = []
    for info in pkgutil.iter_modules(api.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"scoreline.api.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if getattr(obj, "__module__", None) == module.__name__ and name not in listed:
                unlisted.append(f"{module.__name__}.{name}")
    assert not unlisted, f"public but not in scoreline.api.__all__: {unlisted}"


def test_api_functions_return_typed_results() -> None:
    """No public function of ``scoreline.api`` is annotated to return ``Any``."""
    import inspect

    from scoreline import api

    loose = [n for n in api.__all__ if inspect.isfunction(getattr(api, n))
             and inspect.signature(getattr(api, n)).return_annotation in ("Any", inspect.Signature.empty)]
    assert not loose, loose


HEAVY_FOR_THE_CLI = ("pandas", "duckdb", "scipy", "numba", "matplotlib", "pyarrow",
                     "fastapi", "scoreline.data.store", "scoreline.writing")
"""Modules that only the commands needing them may load (each costs 0.1-1 s to import)."""


def _loaded_after(code: str, env: dict[str, str] | None = None) -> list[str]:
    """Which of :data:`HEAVY_FOR_THE_CLI` a fresh interpreter has loaded after ``code``."""
    probe = (f"{code}\nimport sys\n"
             f"print(sorted(m for m in {HEAVY_FOR_THE_CLI!r} if sys.modules.get(m)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env, timeout=120).stdout.strip().splitlines()
    return list(ast.literal_eval(out[-1]))


def test_cli_import_loads_no_heavy_module() -> None:
    """``import scoreline.cli`` (every command registered) loads neither pandas, DuckDB,
    SciPy, numba, matplotlib, FastAPI nor the store or the writing layer: a command pays
    only for what it uses."""
    assert _loaded_after("import scoreline.cli") == []


def test_warm_live_and_predict_need_no_store(store_path: Path) -> None:
    """A repeated ``scoreline live`` or ``scoreline predict`` answers from the on-disk
    forecast cache without opening the store: no pandas, DuckDB or numba in the process.
    (The test process holds the store open for writing, so a command that opened it
    would fail.)"""
    import os

    from scoreline import api

    api.live_match("Germany", "Japan", date="2022-11-23", neutral=True, minute=10, score="0-0")
    api.predict_match("Germany", "Japan", date="2022-11-23", neutral=True)
    env = dict(os.environ, COLUMNS="100")
    for argv in (["live", "Germany", "Japan", "--date", "2022-11-23", "--neutral",
                  "--minute", "74", "--score", "0-1"],
                 ["predict", "Germany", "Japan", "--date", "2022-11-23", "--neutral"]):
        run = (f"import sys\nfrom scoreline.cli import main\nsys.argv = ['scoreline', *{argv!r}]\n"
               "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code")
        assert _loaded_after(run, env) == [], argv
