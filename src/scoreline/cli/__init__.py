"""Command-line interface: ``scoreline`` (typer + rich), a thin client of the Python API."""

from __future__ import annotations

from scoreline.cli.app import app

# Each module registers its commands on ``app`` when imported.
from scoreline.cli import data as _data  # noqa: E402,F401
from scoreline.cli import teams as _teams  # noqa: E402,F401


def main() -> None:
    """Entry point of the ``scoreline`` console script."""
    app()


__all__ = ["app", "main"]
