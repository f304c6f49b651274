"""``scoreline live HOME AWAY --minute M --score H-A``: a match in play, now and so far."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors

ChartOption = typer.Option(None, "--chart", help="Draw the curve so far (needs --goals); PNG "
                           "and SVG are written beside this path.")


def _pct(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0%}" if 0.01 <= value <= 0.99 or value in (0.0, 1.0) else (
        "<1%" if value < 0.01 else ">99%")


@app.command("live")
def live(
    home: str = typer.Argument(..., help="Home team (first-named at a neutral venue)."),
    away: str = typer.Argument(..., help="Away team."),
    minute: str = typer.Option(..., "--minute", help="Minutes played, e.g. 74 or 45+2."),
    score: str = typer.Option(None, "--score", help="Score now, home first, e.g. 0-1."),
    goals: str = typer.Option(
        None, "--goals", help="Goals so far: MINUTE:HOME|AWAY[:SCORER][:pen|:og], comma "
        "separated, e.g. \"33:HOME:Gündoğan:pen,75:AWAY:Dōan\"."),
    date: str = typer.Option(None, "--date", help="Match day, YYYY-MM-DD (default: the day "
                             "after the last match in the store)."),
    neutral: bool = typer.Option(False, "--neutral", help="Neutral venue."),
    knockout: bool = typer.Option(False, "--knockout",
                                  help="Knockout tie: extra time and penalties if level."),
    chart: Path = ChartOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """The win probabilities now, beside the pre-match forecast (and the chance to go
    through in a knockout); with --goals the curve so far."""
    with friendly_errors():
        state = api.live_match(home, away, minute=minute, score=score, goals=goals, date=date,
                               neutral=neutral, knockout=knockout, chart=chart, db=db)

    def render() -> None:
        s, pre = state, state.prematch
        console.print(f"[bold]{s.home_team} {s.home_goals}-{s.away_goals} {s.away_team}[/]  "
                      f"after {s.minute}' ({s.period}), {s.date.isoformat()}"
                      f"{', neutral venue' if s.neutral else ''}"
                      f"{', knockout' if s.knockout else ''}", highlight=False)
        what = "after extra time" if s.minute > 90 else "90 minutes"
        table = Table(title_justify="left")
        table.add_column("")
        draw = "draw / shoot-out" if s.minute > 90 else "draw"
        for col in (s.home_team, draw, s.away_team):
            table.add_column(col, justify="right")
        table.add_row("before kick-off (90 minutes)", _pct(pre.p_home), _pct(pre.p_draw),
                      _pct(pre.p_away))
        table.add_row(f"now ({what})", _pct(s.p_home), _pct(s.p_draw), _pct(s.p_away))
        if s.knockout:
            table.add_row("to go through", _pct(s.p_home_advance), "",
                          _pct(s.p_away_advance))
        console.print(table)
        if s.knockout and s.p_shootout is not None:
            console.print(f"chance of a shoot-out: {_pct(s.p_shootout)}", highlight=False)
        source = ("the stored match's walk-forward forecast, " if pre.source == "walk-forward"
                  else "")
        console.print(f"pre-match: {source}model fitted on matches before "
                      f"{pre.trained_until.isoformat()}; expected goals "
                      f"{pre.home_xg:.2f}-{pre.away_xg:.2f}", highlight=False)
        if s.goals:
            goals_table = Table(title="goals", title_justify="left")
            for col in ("minute", "team", "scorer", "score", s.home_team, "draw", s.away_team):
                goals_table.add_column(col, justify="left" if col in ("team", "scorer") else "right")
            for g in s.goals:
                note = " (pen)" if g.penalty else " (og)" if g.own_goal else ""
                goals_table.add_row(f"{g.minute}'", g.team, f"{g.scorer or '?'}{note}",
                                    f"{g.home_goals}-{g.away_goals}", _pct(g.p_home),
                                    _pct(g.p_draw), _pct(g.p_away))
            console.print(goals_table)
        for note in s.notes:
            console.print(f"[yellow]note:[/] {note}", highlight=False)
        for path in s.charts:
            console.print(f"chart: {path}", highlight=False)

    emit(state, as_json, render)
