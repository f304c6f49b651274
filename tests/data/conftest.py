"""Fixtures for the data-layer tests: small real windows of the source files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FILES = ("results.csv", "goalscorers.csv", "shootouts.csv", "former_names.csv")


def write_window(src: Path, dst: Path, years: tuple[str, ...]) -> Path:
    """Copy the real files keeping only rows of the given years (and their goals)."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        lines = (src / name).read_text(encoding="utf-8").splitlines(keepends=True)
        if name == "former_names.csv":
            kept = lines
        else:
            kept = [lines[0]] + [ln for ln in lines[1:] if ln[:4] in years]
        (dst / name).write_text("".join(kept), encoding="utf-8")
    return dst


@pytest.fixture(scope="session")
def window_2022(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The real 2021-2022 rows of all four files (about 2,000 matches)."""
    return write_window(data_dir, tmp_path_factory.mktemp("w2022"), ("2021", "2022"))


@pytest.fixture
def source(tmp_path: Path, window_2022: Path) -> Path:
    """A private, writable copy of the 2021-2022 window to corrupt in a test."""
    dst = tmp_path / "src"
    shutil.copytree(window_2022, dst)
    return dst
