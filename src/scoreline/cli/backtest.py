"""``scoreline backtest``: walk-forward scores of a model on 90-minute results."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
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

PlotOption = typer.Option(None, "--plot", help="Write the reliability diagram (PNG).")


@app.command("backtest")
def backtest(
    since: str = typer.Option("2010-01-01", "--since", help="First match day forecast."),
    until: str = typer.Option(None, "--until", help="First day NOT forecast (default: all)."),
    model: str = typer.Option(
        "default", "--model", help="default, elo, dixon-coles, elo-dixon-coles, elo-dixon-coles-venue or elo-dixon-coles-long."),
    models: str = typer.Option(
        None, "--models", help="Several models side by side, e.g. elo,dixon-coles,default."),
    blocks: int = typer.Option(
        None, "--blocks", help="Time blocks, each fitted on the data before it (default: 1 "
        "in-process, 2 per worker on Dask)."),
    scheduler: str = SchedulerOption,
    tournament: str = typer.Option(None, "--tournament", help="Only this tournament's matches."),
    refit: str = typer.Option("7D", "--refit", help="Refit cadence: 1D, 7D, 30D, ..."),
    plot: Path = PlotOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Forecast past matches as if live (refitting as it walks) and score them."""
    if models is not None:
        _compare(models, since, until, tournament, refit, blocks, scheduler, db, as_json)
        return
    with friendly_errors(), Progress(
        TextColumn("walking forward"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err_console, transient=True, disable=as_json,
    ) as bar:
        task = bar.add_task("matches", total=None)
        r = api.run_backtest(
            since, until, model=model, tournament=tournament, refit=refit, plot=plot, db=db,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            blocks=blocks, scheduler=scheduler,
        )
    data = {
        "model": r.model, "since": r.since.date(), "until": r.until.date(),
        "tournament": r.tournament, "refit": r.refit, "n_matches": r.scores.n_matches,
        "n_excluded": r.n_excluded, "rps": r.scores.rps, "log_loss": r.scores.log_loss,
        "brier": r.scores.brier, "accuracy": r.scores.accuracy, "seconds": r.seconds,
        "plot": plot, "calibration": api.to_jsonable(r.calibration),
    }

    def render() -> None:
        scope = f", {r.tournament}" if r.tournament else ""
        console.print(f"[bold]{r.model}[/]: {r.since.date()} to {r.until.date()}{scope}, refit "
                      f"every {r.refit} ({r.seconds:.1f} s)", highlight=False)
        grid = Table()
        for col in ("matches", "excluded", "RPS", "log loss", "Brier", "accuracy"):
            grid.add_column(col, justify="right")
        s = r.scores
        grid.add_row(str(s.n_matches), str(r.n_excluded), f"{s.rps:.4f}", f"{s.log_loss:.4f}",
                     f"{s.brier:.4f}", f"{s.accuracy:.1%}")
        console.print(grid)
        console.print(f"excluded: {r.n_excluded} matches whose 90-minute score is unknown",
                      highlight=False)
        cal = Table(title="calibration (forecast vs observed)", title_justify="left")
        for col in ("outcome", "bin", "n", "forecast", "observed"):
            cal.add_column(col, justify="left" if col in ("outcome", "bin") else "right")
        for c in data["calibration"]:
            cal.add_row(c["outcome"], f"{c['bin_low']:.1f}-{c['bin_high']:.1f}", str(c["n"]),
                        f"{c['mean_forecast']:.3f}", f"{c['observed']:.3f}")
        console.print(cal)
        if plot is not None:
            console.print(f"reliability plot written to {plot}", highlight=False)

    emit(data, as_json, render)


def _compare(models: str, since: str, until: str | None, tournament: str | None, refit: str,
             blocks: int | None, scheduler: str, db: str | None, as_json: bool) -> None:
    with friendly_errors(), Progress(
        TextColumn("walking forward"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err_console, transient=True, disable=as_json,
    ) as bar:
        task = bar.add_task("matches", total=None)
        r = api.compare_models(
            models.split(","), since, until, tournament=tournament, refit=refit, blocks=blocks,
            scheduler=scheduler, db=db,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    data = r.to_dict()

    def render() -> None:
        scope = f", {data['tournament']}" if data["tournament"] else ""
        console.print(f"{data['since']} to {data['until']}{scope}, refit every {data['refit']}, "
                      f"{r.blocks} block(s) per model on {r.scheduler} ({r.seconds:.1f} s)",
                      highlight=False)
        grid = Table()
        for col in ("model", "matches", "excluded", "RPS", "log loss", "Brier", "accuracy"):
            grid.add_column(col, justify="left" if col == "model" else "right")
        for m in data["models"]:
            grid.add_row(m["model"], str(m["n_matches"]), str(m["n_excluded"]), f"{m['rps']:.4f}",
                         f"{m['log_loss']:.4f}", f"{m['brier']:.4f}", f"{m['accuracy']:.1%}")
        console.print(grid)

    emit(data, as_json, render)
