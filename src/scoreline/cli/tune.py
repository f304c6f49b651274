"""``scoreline tune``: a hyper-parameter sweep as walk-forward backtests, with a leaderboard."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from scoreline import api
from scoreline.cli.app import (
    DbOption,
    JsonOption,
    SchedulerOption,
    app,
    console,
    emit,
    err_console,
    friendly_errors,
)

ParamOption = typer.Option(
    None, "--param", help="NAME=V1,V2,... (repeat for a grid), e.g. xi=0.0012,0.0018.")


@app.command("tune")
def tune(
    model: str = typer.Option("default", "--model", help="default, elo, dixon-coles, ..."),
    param: list[str] = ParamOption,
    folds: str = typer.Option(
        "4", "--folds", help="N yearly tuning folds ending 2018-12-31, or start years "
        "(2014,2016,2018)."),
    refit: str = typer.Option("7D", "--refit", help="Refit cadence: 1D, 7D, 30D, ..."),
    test: bool = typer.Option(
        True, "--test/--no-test", help="Also score each candidate on 2019 onwards (reported, "
        "never used to choose)."),
    top: int = typer.Option(20, "--top", help="Candidates shown."),
    scheduler: str = SchedulerOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Rank hyper-parameter settings by walk-forward RPS on folds before 2019."""
    with friendly_errors(), Progress(
        TextColumn("tuning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err_console, transient=True,
        disable=as_json,
    ) as bar:
        task = bar.add_task("", total=None)
        r = api.tune(
            model, param or [], folds=folds, refit=refit, test=test, scheduler=scheduler,
            db=db, progress=lambda done, total, note: bar.update(
                task, completed=done, total=total, description=note),
        )
    data = r.to_dict()

    def render() -> None:
        folds_text = ", ".join(f"{a}..{b}" for a, b in r.folds)
        test_text = (f"; test period {r.test_period[0]}..{r.test_period[1]} (not used to "
                     "choose)" if r.test_period else "")
        console.print(
            f"[bold]{r.model}[/]: {len(r.rows)} settings x {len(r.folds)} tuning folds "
            f"({folds_text}){test_text}; refit every {r.refit}; {r.n_tasks} tasks on "
            f"{r.scheduler} in {r.seconds:.1f} s", highlight=False, soft_wrap=True,
        )
        table = Table()
        table.add_column("rank", justify="right")
        table.add_column("setting", overflow="fold", min_width=12)
        for col in ("matches", "RPS", "log loss", "test RPS", "test log loss"):
            table.add_column(col, justify="right")
        for row in r.rows[:top]:
            test_cells = ("-", "-") if row.test_n_matches == 0 else (
                f"{row.test_rps:.4f}", f"{row.test_log_loss:.4f}")
            table.add_row(str(row.rank), row.spec.label(), str(row.n_matches), f"{row.rps:.4f}",
                          f"{row.log_loss:.4f}", *test_cells)
        console.print(table)
        console.print(f"chosen (lowest tuning RPS): {r.best.spec.label()}", highlight=False)

    emit(data, as_json, render)
