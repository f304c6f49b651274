"""The typer app, its console, and the two ways every command renders: a rich table or JSON.

Commands live in sibling modules (one per area) and register on :data:`app`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

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


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) or (
            value.hour == value.minute == value.second == 0
        ) else value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):  # numpy / pandas scalars
        return _jsonable(value.item())
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is not None and type(value).__name__ in {"NAType", "NaTType"}:
        return None
    return value


def frame_records(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame as a list of JSON-ready records (dates as ISO strings, NA as null)."""
    return [_jsonable(r) for r in frame.to_dict(orient="records")]


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout (dates ISO, NaN/NA as null)."""
    sys.stdout.write(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) + "\n")


def emit(data: Any, as_json: bool, render: Callable[[], None]) -> None:
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
