"""``scoreline predict HOME AWAY`` and ``scoreline predict --fixtures FILE.csv``."""

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
    frame_records,
    friendly_errors,
)
from scoreline.errors import InvalidParameterError

ModelOption = typer.Option(
    "default", "--model", help="default, elo, dixon-coles or elo-dixon-coles.")
FixturesOption = typer.Option(None, "--fixtures", help="CSV of fixtures to predict.")
OutOption = typer.Option(None, "--out", help="With --fixtures: write the forecasts here.")


@app.command("predict")
def predict(
    home: str = typer.Argument(None, help="Home team (first named)."),
    away: str = typer.Argument(None, help="Away team."),
    date: str = typer.Option(None, "--date", help="Match day (default: after the last match)."),
    neutral: bool = typer.Option(False, "--neutral", help="Neutral venue (no home advantage)."),
    knockout: bool = typer.Option(False, "--knockout", help="Also the chance to advance."),
    model: str = ModelOption,
    fixtures: Path = FixturesOption,
    out: Path = OutOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """90-minute forecast of a match (1X2, expected goals, likeliest scores), or of a CSV."""
    if fixtures is not None:
        _fixtures(fixtures, model, out, db, as_json)
        return
    with friendly_errors():
        if not home or not away:
            raise InvalidParameterError("give HOME and AWAY teams, or --fixtures FILE.csv")
        f = api.predict_match(home, away, date=date, neutral=neutral, knockout=knockout,
                              model=model, db=db)

    def render() -> None:
        venue = "neutral venue" if f.neutral else f"at {f.home_team}"
        console.print(f"[bold]{f.home_team} v {f.away_team}[/], {f.date}, {venue} "
                      f"(model: {f.model}; learnt from matches before {f.date})", highlight=False)
        grid = Table(title="90 minutes", title_justify="left")
        for col in (f"{f.home_team} win", "draw", f"{f.away_team} win", "expected goals"):
            grid.add_column(col, justify="right")
        grid.add_row(f"{f.p_home:.1%}", f"{f.p_draw:.1%}", f"{f.p_away:.1%}",
                     f"{f.home_xg:.2f} - {f.away_xg:.2f}")
        console.print(grid)
        scores = Table(title="most likely scores", title_justify="left")
        scores.add_column("score")
        scores.add_column("probability", justify="right")
        for s in f.top_scorelines:
            scores.add_row(f"{s['home_goals']}-{s['away_goals']}", f"{s['p']:.1%}")
        console.print(scores)
        if f.knockout and f.p_home_advance is not None and f.p_away_advance is not None:
            console.print(f"to advance (extra time and penalties): {f.home_team} "
                          f"{f.p_home_advance:.1%}, {f.away_team} {f.p_away_advance:.1%}",
                          highlight=False)

    emit(f, as_json, render)


def _fixtures(path: Path, model: str, out: Path | None, db: str, as_json: bool) -> None:
    with friendly_errors():
        result = api.predict_fixtures(path, model=model, out=out, db=db)

    def render() -> None:
        grid = Table(title=f"{len(result)} fixtures, each from matches before its date",
                     title_justify="left")
        for col in ("date", "home", "away", "p_home", "p_draw", "p_away", "xG"):
            grid.add_column(col, justify="right" if col.startswith(("p_", "xG")) else "left")
        for r in result.itertuples(index=False):
            grid.add_row(f"{r.date:%Y-%m-%d}", r.home_team, r.away_team, f"{r.p_home:.3f}",
                         f"{r.p_draw:.3f}", f"{r.p_away:.3f}", f"{r.home_xg:.2f}-{r.away_xg:.2f}")
        console.print(grid)
        if out is not None:
            console.print(f"written to {out}", highlight=False)

    emit(frame_records(result), as_json, render)
