"""The typer app, its console, and the two ways every command renders: a rich table or JSON.

Commands live in sibling modules (one per area) and register on :data:`app`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from scoreline import api
from scoreline.errors import ScorelineError

app = typer.Typer(
    name="scoreline",
    help="International football forecasts and match intelligence since 1872.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# emoji=False: data messages name places as ``file.csv:100:``, which rich would draw as 💯
console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)

DbOption = typer.Option(None, "--db", envvar="SCORELINE_DB", help="DuckDB store path.")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")
SchedulerOption = typer.Option(
    "none", "--scheduler",
    help="none (in-process), local or local:N (a Dask cluster of N processes here), or "
    "tcp://HOST:PORT (a running Dask scheduler; needs scoreline[distributed]).",
)


def print_json(data: object) -> None:
    """Print ``data`` as indented JSON on stdout (:func:`scoreline.api.to_json`)."""
    sys.stdout.write(api.to_json(data) + "\n")


def emit(data: object, as_json: bool, render: Callable[[], None]) -> None:
    """Print ``data`` as JSON when asked, else call ``render`` to draw it for people."""
    if as_json:
        print_json(data)
    else:
        render()


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn scoreline's own errors into one red line and exit code 1 (no traceback)."""
    try:
        yield
    except ScorelineError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(1) from None
