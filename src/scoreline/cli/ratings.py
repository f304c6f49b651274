"""``scoreline ratings``: the World Football Elo table as of any date, or one team's history."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from scoreline import api
from scoreline.cli.app import (
    DbOption,
    JsonOption,
    app,
    console,
    emit,
    friendly_errors,
)

OutOption = typer.Option(None, "--out", help="PNG file for --plot (default TEAM_elo.png).")


@app.command("ratings")
def ratings(
    date: str = typer.Option(None, "--date", help="Ratings before this day (YYYY-MM-DD)."),
    top: int = typer.Option(20, "--top", help="How many teams to list."),
    confederation: str = typer.Option(
        None, "--confederation", help="AFC, CAF, CONCACAF, CONMEBOL, OFC, UEFA or none."),
    team: str = typer.Option(None, "--team", help="Show this team's rating history instead."),
    plot: bool = typer.Option(False, "--plot", help="With --team: draw the history as a PNG."),
    out: Path = OutOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """World Football Elo ratings (eloratings.net formula) as of a date, or a team's history."""
    if team is not None:
        _team_history(team, date, plot, out, db, as_json)
        return
    with friendly_errors():
        table = api.ratings(date, top=top, confederation=confederation, db=db)

    def render() -> None:
        scope = f", {table.confederation}" if table.confederation else ""
        grid = Table(title=f"World Football Elo ratings before {table.date}{scope}",
                     title_justify="left")
        for col, just in (("rank", "right"), ("team", "left"), ("conf.", "left"),
                          ("rating", "right"), ("matches", "right"), ("last match", "left")):
            grid.add_column(col, justify=just)
        for r in table.rows:
            grid.add_row(str(r.rank), r.team, r.confederation, f"{r.rating:.0f}", str(r.matches),
                         str(r.last_match))
        console.print(grid)

    emit(table, as_json, render)


def _team_history(team: str, date: str | None, plot: bool, out: Path | None, db: str,
                  as_json: bool) -> None:
    with friendly_errors():
        target = (out or Path(f"{team.replace(' ', '_')}_elo.png")) if plot else None
        history = api.rating_history(team, until=date, plot=target, db=db)

    def render() -> None:
        grid = Table(title=f"{history.team}: Elo rating, last 20 matches", title_justify="left")
        for col in ("date", "opponent", "venue", "score", "tournament", "before", "after",
                    "change"):
            grid.add_column(col, justify="right" if col in ("before", "after", "change")
                            else "left")
        for p in history.points[-20:]:
            grid.add_row(str(p.date), p.opponent, p.venue, p.score, p.tournament,
                         f"{p.rating_before:.0f}", f"{p.rating:.0f}", f"{p.change:+.0f}")
        console.print(grid)
        if target is not None:
            console.print(f"plot written to {target}", highlight=False)

    emit({"team": history.team, "plot": target, "history": api.to_jsonable(history.points)},
         as_json, render)
