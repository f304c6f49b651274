"""Where compiled kernels are cached: one folder per state of the kernels' sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scoreline import _paths


def _package(root: Path) -> Path:
    for folder in _paths.KERNEL_FOLDERS:
        (root / folder).mkdir(parents=True)
        (root / folder / "kernel.py").write_text("x = 1\n")
    (root / "cli").mkdir()
    (root / "cli" / "app.py").write_text("y = 1\n")
    return root


def test_a_changed_helper_module_changes_the_kernel_stamp(tmp_path: Path) -> None:
    """Editing any module beside a kernel (here a helper in tournament/) gives a new stamp,
    so numba cannot load a kernel compiled against the old helper; a module outside the
    kernel folders (cli/) does not."""
    root = _package(tmp_path / "pkg")
    before = _paths.kernel_source_stamp(root)
    assert _paths.kernel_source_stamp(root) == before
    (root / "cli" / "app.py").write_text("y = 2\n")
    assert _paths.kernel_source_stamp(root) == before
    (root / "tournament" / "helper.py").write_text("z = 1\n")
    added = _paths.kernel_source_stamp(root)
    assert added != before
    (root / "tournament" / "helper.py").write_text("z = 22\n")
    assert _paths.kernel_source_stamp(root) != added


def test_numba_cache_dir_is_per_stamp_and_old_states_are_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernels are cached under <user cache>/numba/<stamp>; the first time a new stamp
    is seen the folders of older ones go but for the most recently used two (another
    install or checkout sharing the cache keeps its kernels), and a NUMBA_CACHE_DIR the
    user set is kept."""
    monkeypatch.setenv("SCORELINE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    states = []
    for age, stamp in enumerate(("0123456789ab", "0123456789ac", "0123456789ad")):
        folder = tmp_path / "cache" / "numba" / stamp
        folder.mkdir(parents=True)
        (folder / "index.nbi").write_bytes(b"old")
        os.utime(folder, (1_000_000 - age * 1000, 1_000_000 - age * 1000))
        states.append(folder)
    _paths.set_numba_cache_dir()
    target = Path(os.environ["NUMBA_CACHE_DIR"])
    assert target == tmp_path / "cache" / "numba" / _paths.kernel_source_stamp()
    assert [s.exists() for s in states] == [True, True, False]
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "mine"))
    _paths.set_numba_cache_dir()
    assert os.environ["NUMBA_CACHE_DIR"] == str(tmp_path / "mine")
