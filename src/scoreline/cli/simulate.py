"""``scoreline simulate``: Monte Carlo tournament forecasts (and their replay by matchday)."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from scoreline import api
from scoreline.cli.app import (
    DbOption,
    JsonOption,
    SchedulerOption,
    app,
    console,
    emit,
    friendly_errors,
)


@app.command("tournaments")
def tournaments(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """The shipped tournament formats that `scoreline simulate` takes."""
    with friendly_errors():
        editions = api.tournament_editions(db=db)

    def render() -> None:
        table = Table(title="tournament formats", title_justify="left")
        for col in ("name", "tournament", "dates", "teams", "groups"):
            table.add_column(col, justify="right" if col == "teams" else "left")
        for e in editions:
            groups = "drawn in each simulation" if e.before_draw else (
                "from the data" if e.groups_from_data else "in the file")
            table.add_row(e.name, e.title, f"{e.start_date} .. {e.end_date}", str(e.teams),
                          groups)
        console.print(table)

    emit([e.to_dict() for e in editions], as_json, render)


def _progress(enabled: bool, label: str) -> Progress:
    return Progress(
        TextColumn(label), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
        TimeRemainingColumn(), console=console, transient=True, disable=not enabled,
    )


def _pct(p: float) -> str:
    if p >= 0.9995:
        return "100%"
    if p == 0:
        return "-"
    return "<0.1%" if p < 0.0005 else f"{100 * p:.1f}%"


@app.command("simulate")
def simulate(
    tournament: str = typer.Argument(
        ..., help="A shipped edition (see `scoreline tournaments`: wc2022, euro2020, "
        "afcon2023, ...) or a format file."
    ),
    as_of: str = typer.Option(None, "--as-of", help="Forecast as of this day (default: opening)."),
    sims: int = typer.Option(
        None, "--sims", help="Simulated tournaments (default 100,000; 20,000 per day with --timeline)."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    hot: bool = typer.Option(False, "--hot", help="Let strengths move within each simulation."),
    model: str = typer.Option("default", "--model", help="default, elo or dixon-coles."),
    timeline: bool = typer.Option(False, "--timeline", help="Replay after every matchday."),
    top: int = typer.Option(16, "--top", help="Teams shown in the table."),
    csv: str = typer.Option(None, "--csv", help="Also write the table as CSV."),
    plot: str = typer.Option(None, "--plot", help="Write a chart (PNG)."),
    scheduler: str = SchedulerOption,
    chunk: int = typer.Option(
        None, "--chunk", help="Simulations per Dask task (any size gives the same result)."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Each team's chances of leaving the group, of each knockout round and of the title."""
    if timeline:
        _timeline(tournament, 20_000 if sims is None else sims, seed, hot, model, top, csv,
                  plot, db, as_json, scheduler, chunk)
        return
    sims = 100_000 if sims is None else sims
    with friendly_errors(), _progress(not as_json and sims >= 200_000, "simulating") as bar:
        task = bar.add_task("sims", total=sims)
        r = api.simulate_tournament(
            tournament, as_of, sims=sims, seed=seed, hot=hot, model=model, db=db, csv=csv,
            plot=plot, progress=lambda done, total: bar.update(task, completed=done),
            scheduler=scheduler, chunk=chunk,
        )
    data = r.summary()

    def render() -> None:
        hot_note = ", hot" if r.hot else ""
        console.print(
            f"[bold]{r.tournament}[/] as of {r.as_of}: {r.sims:,} simulations{hot_note} "
            f"(seed {r.seed}, model {r.model}, {r.fixed_matches} real results fixed); "
            f"largest standard error {100 * data['max_se']:.2f} points",
            highlight=False,
        )
        teams = data["teams"][:top]
        cols = r.stage_columns()
        positions = sorted(k for k in (teams[0] if teams else {}) if k.startswith("p_position_"))
        grouped = bool(positions)  # a knockout-only format has no group columns
        table = Table()
        table.add_column("team")
        if grouped:
            table.add_column("grp")
        first = "leave group" if grouped else r.stages[1]
        labels = [first, *[s if s != "F" else "final" for s in r.stages[2:-1]], "win"]
        for label in labels:
            table.add_column(label, justify="right")
        if grouped:
            table.add_column("pos 1/2/3/4 %", justify="right")
        for rec in teams:
            places = "/".join(f"{100 * rec[k]:.0f}" for k in positions)
            if rec["group"] == "-":  # an entrant: a bye past the groups
                places = "-"
            cells = [_pct(rec[c]) for c in cols]
            row = [rec["team"], rec["group"], *cells, places] if grouped else [rec["team"], *cells]
            table.add_row(*row)
        console.print(table)
        if plot is not None:
            console.print(f"chart written to {plot}", highlight=False)

    emit(data, as_json, render)


def _timeline(
    tournament: str, sims: int, seed: int, hot: bool, model: str, top: int,
    csv: str | None, plot: str | None, db: str | None, as_json: bool,
    scheduler: str = "none", chunk: int | None = None,
) -> None:
    with friendly_errors(), _progress(not as_json, "replaying matchdays") as bar:
        task = bar.add_task("days", total=1)
        t = api.simulate_timeline(
            tournament, sims=sims, seed=seed, hot=hot, model=model, db=db, csv=csv, plot=plot,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            scheduler=scheduler, chunk=chunk,
        )
    race = api.title_race(t, min(top, 6))

    def render() -> None:
        console.print(
            f"[bold]{race.tournament}[/]: title chances after each matchday "
            f"({race.sims:,} simulations per day)", highlight=False,
        )
        table = Table()
        table.add_column("as of")
        for c in race.contenders:
            table.add_column(c.team, justify="right")
        for k, day in enumerate(race.dates):
            table.add_row(day.strftime("%d %b"), *[_pct(c.p_champion[k]) for c in race.contenders])
        console.print(table)
        if plot is not None:
            console.print(f"chart written to {plot}", highlight=False)

    emit(race, as_json, render)
