"""Command-line interface: ``scoreline`` (typer + rich), a thin client of the Python API."""

from __future__ import annotations

from scoreline.cli.app import app

# Each module registers its commands on ``app`` when imported.
from scoreline.cli import data as _data  # noqa: F401
from scoreline.cli import updates as _updates  # noqa: F401
from scoreline.cli import teams as _teams  # noqa: F401
from scoreline.cli import story as _story  # noqa: F401
from scoreline.cli import check as _check  # noqa: F401
from scoreline.cli import ratings as _ratings  # noqa: F401
from scoreline.cli import predict as _predict  # noqa: F401
from scoreline.cli import odds as _odds  # noqa: F401
from scoreline.cli import backtest as _backtest  # noqa: F401
from scoreline.cli import tune as _tune  # noqa: F401
from scoreline.cli import simulate as _simulate  # noqa: F401
from scoreline.cli import match as _match  # noqa: F401
from scoreline.cli import live as _live  # noqa: F401
from scoreline.cli import upsets as _upsets  # noqa: F401
from scoreline.cli import serve as _serve  # noqa: F401


def main() -> None:
    """Entry point of the ``scoreline`` console script."""
    app()


__all__ = ["app", "main"]
