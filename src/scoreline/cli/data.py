"""``scoreline data load`` and ``scoreline data info``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors

data_app = typer.Typer(help="Load the source data into the store and describe it.",
                       no_args_is_help=True)
app.add_typer(data_app, name="data")


@data_app.command("load")
def load(
    source: str = typer.Option(None, "--source", help="Directory or base URL of the four CSVs "
                               "(default: $SCORELINE_DATA, else the pinned upstream commit: a copy in "
                               "../shared/data/international_results, or downloaded)."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid",
                                      help="Load valid rows; write rejected ones to --report."),
    report: Path = typer.Option(Path("scoreline-rejected.txt"), "--report",
                                help="Where --skip-invalid writes the rejected rows."),
    warm: bool = typer.Option(True, "--warm/--no-warm",
                              help="Then compile the kernels and fit the default model, so "
                              "that the next commands start fast."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Load results, goals, shoot-outs and former names into the store, atomically."""
    # here: every other command would import the progress bars for nothing
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn

    with friendly_errors(), Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
        console=console, transient=True, disable=as_json,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def on_progress(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"downloading {name}", total=total)
            bar.update(tasks[name], completed=done)

        status = console.status("reading, checking and storing the data...") if not as_json \
            else None
        if status:
            status.start()
        try:
            result = api.load_data(source, db=db, skip_invalid=skip_invalid,
                                   report_path=report, progress=on_progress)
        finally:
            if status:
                status.stop()
        if warm:
            _warm(db, as_json)

    def render() -> None:
        console.print(
            f"[green]loaded[/] {result.matches:,} matches, {result.goals:,} goals, "
            f"{result.shootouts:,} shoot-outs from {result.origin} in {result.seconds:.2f} s")
        console.print(
            f"changes: +{result.matches_added:,} / -{result.matches_removed:,} matches, "
            f"{result.matches_changed:,} corrected; +{result.goals_added:,} / "
            f"-{result.goals_removed:,} goals")
        for warning in result.warnings:
            console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
        if result.rejected:
            console.print(f"[yellow]{len(result.rejected)} rows rejected[/]; listed in "
                          f"{escape(str(report))}")

    emit(result, as_json, render)


def _warm(db: str | None, quiet: bool) -> None:
    """Compile the kernels and fit the default model (:func:`scoreline.api.warm_up`)."""
    status = None if quiet else console.status("compiling kernels...")
    if status:
        status.start()
    try:
        api.warm_up(db, progress=None if status is None else
                    lambda step: status.update(f"warming up: {step}..."))
    finally:
        if status:
            status.stop()


@data_app.command("info")
def info(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Counts, date range, source, commit and what the last load changed."""
    with friendly_errors():
        result = api.data_info(db)

    def render() -> None:
        table = Table(show_header=False, box=None)
        table.add_column(style="bold")
        table.add_column()
        table.add_row("store", f"{result.path} ({result.size_bytes / 1e6:.1f} MB)")
        table.add_row("matches", f"{result.matches:,} ({result.first_date} to {result.last_date})")
        table.add_row("with goal minutes", f"{result.matches_with_goal_minutes:,}")
        table.add_row("goals / shoot-outs", f"{result.goals:,} / {result.shootouts:,}")
        table.add_row("teams / tournaments", f"{result.teams} / {result.tournaments}")
        last = result.last_load or {}
        table.add_row("source", str(last.get("origin")))
        table.add_row("commit", str(last.get("source_commit") or "unknown"))
        table.add_row("last load", f"{last.get('loaded_at')} (load {last.get('load_id')} of "
                                   f"{result.loads})")
        table.add_row("last changes", f"+{last.get('matches_added', 0):,} / "
                      f"-{last.get('matches_removed', 0):,} matches, "
                      f"{last.get('matches_changed', 0):,} corrected, "
                      f"+{last.get('goals_added', 0):,} / -{last.get('goals_removed', 0):,} goals")
        for added in result.added:
            table.add_row("added by you", f"{added.matches:,} from {added.source} "
                          f"({added.first_date} to {added.last_date})")
        for warning in last.get("warnings", []):
            table.add_row("warning", warning)
        console.print(table)

    emit(result, as_json, render)
