"""``scoreline match DATE HOME AWAY``: a past match minute by minute (a chart when asked)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors

ChartOption = typer.Option(
    None, "--chart", "--out", help="Draw the win-probability chart into this file (PNG and "
    "SVG are both written; the folder must exist). No chart without it.")
NoChartOption = typer.Option(False, "--no-chart", hidden=True,
                             help="No chart (the default; kept for old scripts).")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}" if value >= 0.01 or value == 0 else "<1%"


@app.command("match")
def match(
    date: str = typer.Argument(..., help="Match day, YYYY-MM-DD."),
    home: str = typer.Argument(..., help="One team (either order)."),
    away: str = typer.Argument(..., help="The other team."),
    chart: Path = ChartOption,
    no_chart: bool = NoChartOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Pre-match forecast, each goal with the win probabilities after it, the winner's low
    point, and (with --chart FILE) a win-probability chart."""
    with friendly_errors():
        replay = api.match_replay(date, home, away, chart=None if no_chart else chart, db=db)

    def render() -> None:
        console.print(f"[bold]{replay.score_text}[/]  {replay.match.tournament}, {replay.match.date}, "
                      f"{replay.match.city}{' (neutral)' if replay.match.neutral else ''}", highlight=False)
        pre = replay.prematch
        if pre is not None:
            console.print(
                f"before kick-off (90 minutes; model fitted on matches before "
                f"{pre.trained_until}): {replay.match.home_team} {_pct(pre.p_home)}, draw "
                f"{_pct(pre.p_draw)}, {replay.match.away_team} {_pct(pre.p_away)}; expected goals "
                f"{pre.home_xg:.2f}-{pre.away_xg:.2f}", highlight=False)
        if replay.goals:
            table = Table(title="goals", title_justify="left")
            for col in ("minute", "team", "scorer", "score"):
                table.add_column(col, justify="right" if col == "minute" else "left")
            labels = (replay.match.home_team, "shoot-out" if replay.match.extra_time else "draw",
                      replay.match.away_team)
            for label in labels:
                table.add_column(label, justify="right")
            for g in replay.goals:
                note = " (pen)" if g.penalty else " (og)" if g.own_goal else ""
                minute = "?" if g.minute is None else f"{g.minute}'"
                table.add_row(minute, g.team, f"{g.scorer or '?'}{note}",
                              f"{g.home_goals}-{g.away_goals}",
                              _pct(g.p_home), _pct(g.p_draw), _pct(g.p_away))
            console.print(table)
        if replay.winner_lowest_p is not None:
            what = "winning" if replay.decided_by == api.DecidedBy.REGULATION else "going through"
            console.print(f"{replay.winner}'s chance of {what} was lowest at "
                          f"{_pct(replay.winner_lowest_p)} after {replay.winner_lowest_minute}'",
                          highlight=False)
        for note in replay.notes:
            console.print(f"[yellow]note:[/] {note}", highlight=False)
        for path in replay.charts:
            console.print(f"chart written to {path}", highlight=False, markup=False)

    emit(replay, as_json, render)
