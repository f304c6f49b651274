"""``scoreline data update | rollback | add | remove | added``: keeping the data current."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, console, emit, friendly_errors
from scoreline.cli.data import data_app

ResultsArgument = typer.Argument(..., help="Matches, with the columns of results.csv.")
GoalsOption = typer.Option(None, "--goals", help="Goals of those matches (goalscorers.csv "
                           "columns).")
ShootoutsOption = typer.Option(None, "--shootouts", help="Their shoot-outs (shootouts.csv "
                               "columns).")


def _print_change(change: api.DataChange) -> None:
    d = change.diff
    totals = (f"{change.matches:,} matches, {change.goals:,} goals, {change.shootouts:,} "
              f"shoot-outs ({change.seconds:.1f} s)")
    if change.action in ("update", "rollback"):
        verb = "updated to" if change.action == "update" else "rolled back to"
        console.print(f"[green]{verb}[/] {escape(change.origin)}: {totals}", highlight=False)
    else:
        verb = "added" if change.action == "add" else "removed"
        console.print(f"[green]{verb}[/]; the store now holds {totals}", highlight=False)
    if d.empty:
        console.print("no change in matches or goals", highlight=False)
    console.print(f"new matches: {d.matches_added:,}; removed: {d.matches_removed:,}; "
                  f"scores corrected: {d.scores_corrected:,}; other details corrected: "
                  f"{d.details_corrected:,}; goal lists changed: {d.goals_changed:,}; "
                  f"teams renamed: {len(d.renamed)}", highlight=False)
    for title, lines in (("new", d.added), ("removed", d.removed), ("corrected", d.corrected),
                         ("goals", d.goal_lists)):
        for line in lines:
            console.print(f"  {title}: {escape(line)}", highlight=False)
    for old, new in d.renamed:
        console.print(f"  renamed: {escape(old)} -> {escape(new)}", highlight=False)
    for line in change.user_dropped:
        console.print(f"[yellow]notice:[/] your match {escape(line)} is now in the upstream "
                      "data; your copy was dropped", highlight=False)
    if change.user_matches:
        console.print(f"matches you added, kept: {change.user_matches}", highlight=False)
    if change.previous_origin and change.action in ("update", "rollback"):
        console.print(f"previous snapshot kept: {escape(change.previous_origin)} "
                      "(scoreline data rollback restores it)", highlight=False)
    for warning in change.warnings if change.action in ("update", "rollback") else []:
        console.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)


@data_app.command("update")
def update(
    source: str = typer.Option(None, "--source", help="Directory or base URL of the four "
                               "CSVs (offline; default: the upstream repository)."),
    ref: str = typer.Option("main", "--ref", help="Upstream branch, tag or commit."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Bring the store up to the newest upstream snapshot and show what changed; the
    previous snapshot is kept for `data rollback`."""
    with friendly_errors(), Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
        console=console, transient=True, disable=as_json,
    ) as bar:
        tasks: dict[str, int] = {}

        def on_progress(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = int(bar.add_task(f"downloading {name}", total=total))
            bar.update(tasks[name], completed=done)  # type: ignore[arg-type]

        change = api.update_data(source, ref=ref, db=db, progress=on_progress)
    emit(change, as_json, lambda: _print_change(change))


@data_app.command("rollback")
def rollback(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Restore the upstream snapshot before the last update (your added matches stay)."""
    with friendly_errors():
        change = api.rollback_data(db=db)
    emit(change, as_json, lambda: _print_change(change))


@data_app.command("add")
def add(
    results: Path = ResultsArgument,
    goals: Path = GoalsOption,
    shootouts: Path = ShootoutsOption,
    label: str = typer.Option(None, "--label", help="Name to keep them under (default: the "
                              "file name)."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Add matches the upstream data lacks yet; kept across updates until upstream has them."""
    with friendly_errors():
        change = api.add_matches(results, goals=goals, shootouts=shootouts, label=label, db=db)
    emit(change, as_json, lambda: _print_change(change))


LabelArgument = typer.Argument(..., help="What `data added` lists.")


@data_app.command("remove")
def remove(label: str = LabelArgument, db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Remove matches you added."""
    with friendly_errors():
        change = api.remove_matches(label, db=db)
    emit(change, as_json, lambda: _print_change(change))


@data_app.command("added")
def added(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """The files of matches you added."""
    with friendly_errors():
        sources = api.added_matches(db=db)

    def render() -> None:
        if not sources:
            console.print("no matches added (scoreline data add results.csv)")
            return
        table = Table()
        for col in ("label", "added", "matches", "goals", "shoot-outs"):
            table.add_column(col)
        for s in sources:
            table.add_row(s.label, s.added_at.isoformat(sep=" "), str(s.matches), str(s.goals),
                          str(s.shootouts))
        console.print(table)

    emit(sources, as_json, render)
