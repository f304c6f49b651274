"""Jobs for the heavy-pool tests that a worker process can import: each marks that it
started and waits for a release file, so that tests order events without timing them."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

GATE_LIMIT_S = 120.0
"""A gate never released in this long fails its job (a broken test, not a slow machine)."""


def started(folder: Path, name: str) -> bool:
    """The gated job ``name`` has started."""
    return (folder / f"{name}.started").exists()


def release(folder: Path, name: str) -> None:
    """Let the gated job ``name`` finish."""
    (folder / f"{name}.release").touch()


def released(folder: Path, name: str) -> bool:
    """The gated job ``name`` was let go."""
    return (folder / f"{name}.release").exists()


def runs(folder: Path, name: str) -> list[int]:
    """The processes that ran the gated job ``name``, one per run."""
    path = folder / f"{name}.runs"
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def gated(folder: str, name: str, value: T) -> T:
    """Record a run of ``name``, mark it started, wait for its release, return ``value``."""
    base = Path(folder)
    with open(base / f"{name}.runs", "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    (base / f"{name}.started").touch()
    deadline = time.monotonic() + GATE_LIMIT_S
    while not (base / f"{name}.release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gate {name} never released")
        time.sleep(0.01)
    return value


def pid() -> int:
    """The worker's process id."""
    return os.getpid()


def die() -> None:
    """End the worker process at once, as the out-of-memory killer would."""
    os._exit(1)
