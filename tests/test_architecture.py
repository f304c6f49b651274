"""Project-wide contracts: one-way layers, a light ``import scoreline``, a curated API."""

from __future__ import annotations

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
                            capture_output=True, text=True, timeout=120)
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
