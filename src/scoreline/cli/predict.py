"""``scoreline predict HOME AWAY`` and ``scoreline predict --fixtures FILE.csv``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from scoreline import api
from scoreline.cli.app import (
    DbOption,
    JsonOption,
    app,
    console,
    emit,
    err_console,
    friendly_errors,
)
from scoreline.errors import InvalidParameterError

ModelOption = typer.Option(
    "default", "--model", help="default, elo, dixon-coles, elo-dixon-coles, elo-dixon-coles-venue or elo-dixon-coles-long.")
FixturesOption = typer.Option(None, "--fixtures", help="CSV of fixtures to predict.")
OutOption = typer.Option(None, "--out", help="With --fixtures: write the forecasts here.")
MarketsOption = typer.Option(
    False, "--markets", help="Every market from the score grid: double chance, draw no bet, "
    "totals, both teams to score, Asian and European handicaps, exact scores.")


@app.command("predict")
def predict(
    home: str = typer.Argument(None, help="Home team (first named)."),
    away: str = typer.Argument(None, help="Away team."),
    date: str = typer.Option(None, "--date", help="Match day (default: after the last match)."),
    neutral: bool = typer.Option(False, "--neutral", help="Neutral venue (no home advantage)."),
    knockout: bool = typer.Option(False, "--knockout", help="Also the chance to advance."),
    model: str = ModelOption,
    markets: bool = MarketsOption,
    tournament: str = typer.Option(None, "--tournament", help="Tournament (default Friendly)."),
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
        if markets:
            m = api.match_markets(home, away, date=date, neutral=neutral, tournament=tournament,
                                  model=model, db=db)
        else:
            f = api.predict_match(home, away, date=date, neutral=neutral, knockout=knockout,
                                  tournament=tournament, model=model, db=db)
    if markets:
        emit(m.to_dict(), as_json, lambda: _render_markets(m))
        return

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
            scores.add_row(f"{s.home_goals}-{s.away_goals}", f"{s.p:.1%}")
        console.print(scores)
        if f.knockout and f.p_home_advance is not None and f.p_away_advance is not None:
            console.print(f"to advance (extra time and penalties): {f.home_team} "
                          f"{f.p_home_advance:.1%}, {f.away_team} {f.p_away_advance:.1%}",
                          highlight=False)
        for note in f.notes:
            console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)

    emit(f, as_json, render)


def _fixtures(path: Path, model: str, out: Path | None, db: str, as_json: bool) -> None:
    # on stderr, so that --json and redirected tables stay clean; one refit per fixture day
    with friendly_errors(), Progress(
        TextColumn("fitting, day by day"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err_console, transient=True,
        disable=not err_console.is_terminal,
    ) as bar:
        task = bar.add_task("fixtures", total=None)
        result = api.predict_fixtures(
            path, model=model, out=out, db=db,
            progress=lambda done, total: bar.update(task, completed=done, total=total))

    rows = result.rows()

    def render() -> None:
        grid = Table(title=f"{len(rows)} fixtures, each from matches before its date",
                     title_justify="left")
        for col in ("date", "home", "away", "p_home", "p_draw", "p_away", "xG"):
            grid.add_column(col, justify="right" if col.startswith(("p_", "xG")) else "left")
        for r in rows:
            assert isinstance(r, dict)
            grid.add_row(str(r["date"]), str(r["home_team"]), str(r["away_team"]),
                         f"{r['p_home']:.3f}", f"{r['p_draw']:.3f}", f"{r['p_away']:.3f}",
                         f"{r['home_xg']:.2f}-{r['away_xg']:.2f}")
        console.print(grid)
        if result.completed:
            console.print(f"venue and tournament of {result.completed} played fixture(s) "
                          "taken from the data", highlight=False)
        if out is not None:
            console.print(f"written to {out}", highlight=False)

    emit(rows, as_json, render)


def _odds(p: float) -> str:
    return f"{1 / p:.2f}" if p > 1e-9 else "-"


def _render_markets(m: api.MatchMarkets) -> None:
    venue = "neutral venue" if m.neutral else f"at {m.home_team}"
    k = m.markets
    console.print(f"[bold]{m.home_team} v {m.away_team}[/], {m.date}, {venue}, {m.tournament} "
                  f"(model: {m.model}; learnt from matches before {m.date}; expected goals "
                  f"{m.home_xg:.2f} - {m.away_xg:.2f})", highlight=False)
    main = Table(title="90 minutes: probability and fair decimal odds", title_justify="left")
    for col in ("market", "selection", "probability", "fair odds"):
        main.add_column(col, justify="right" if col in ("probability", "fair odds") else "left")
    rows = [("1X2", m.home_team, k.p_home), ("1X2", "draw", k.p_draw),
            ("1X2", m.away_team, k.p_away), ("double chance", "1X", k.p_home_or_draw),
            ("double chance", "12", k.p_home_or_away), ("double chance", "X2", k.p_draw_or_away),
            ("draw no bet", m.home_team, k.dnb_home), ("draw no bet", m.away_team, k.dnb_away),
            ("both teams score", "yes", k.btts_yes), ("both teams score", "no", k.btts_no)]
    for market, selection, p in rows:
        main.add_row(market, selection, f"{p:.1%}", _odds(p))
    console.print(main)
    totals = Table(title="total goals", title_justify="left")
    for col in ("line", "over", "under", "over odds", "under odds"):
        totals.add_column(col, justify="right")
    for t in k.totals:
        totals.add_row(f"{t.line:g}", f"{t.over.p_fair:.1%}", f"{t.under.p_fair:.1%}",
                       _odds(t.over.p_fair), _odds(t.under.p_fair))
    console.print(totals)
    asian = Table(title=f"Asian handicap (line for {m.home_team}; fair prices with pushes and "
                  "half results)", title_justify="left")
    for col in ("line", m.home_team, m.away_team, "home odds", "away odds", "push"):
        asian.add_column(col, justify="right")
    for a in k.asian_handicaps:
        asian.add_row(f"{a.line:+g}", f"{a.home.p_fair:.1%}", f"{a.away.p_fair:.1%}",
                      _odds(a.home.p_fair), _odds(a.away.p_fair),
                      f"{a.home.push:.1%}" if a.home.push else "")
    console.print(asian)
    euro = Table(title=f"European handicap (for {m.home_team})", title_justify="left")
    for col in ("handicap", m.home_team, "draw", m.away_team):
        euro.add_column(col, justify="right")
    for e in k.european_handicaps:
        euro.add_row(f"{e.handicap:+d}", f"{e.p_home:.1%}", f"{e.p_draw:.1%}", f"{e.p_away:.1%}")
    console.print(euro)
    scores = Table(title="exact scores", title_justify="left")
    scores.add_column("score")
    scores.add_column("probability", justify="right")
    scores.add_column("fair odds", justify="right")
    for s in k.exact_scores:
        scores.add_row(f"{s.home_goals}-{s.away_goals}", f"{s.p:.1%}", _odds(s.p))
    scores.add_row("any other", f"{k.p_other_score:.1%}", _odds(k.p_other_score))
    console.print(scores)
