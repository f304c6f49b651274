"""``scoreline team NAME`` and ``scoreline h2h A B``."""

from __future__ import annotations

import typer
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors


def _goal_text(line: api.Match) -> str:
    parts = []
    for g in line.goals:
        minute = f" {g.minute}'" if g.minute is not None else ""
        note = " pen" if g.penalty else " og" if g.own_goal else ""
        parts.append(f"{g.scorer or '?'}{minute}{note}")
    return ", ".join(parts)


def _results_table(title: str, lines: list[api.Match], goals: bool) -> Table:
    table = Table(title=title, title_justify="left")
    for col in ("date", "home", "score", "away", "tournament", "venue"):
        table.add_column(col, justify="center" if col == "score" else "left")
    if goals:
        table.add_column("goals")
    for m in lines:
        score = f"{m.home_score}-{m.away_score}"
        if m.shootout_winner:
            score += f" ({m.shootout_winner} on pens)"
        venue = m.city + (" (n)" if m.neutral else "")
        row = [str(m.date), m.home_team, score, m.away_team, m.tournament, venue]
        table.add_row(*row, *([_goal_text(m)] if goals else []))
    return table


def _record_text(r: api.Record) -> str:
    return f"{r.text()}, goals {r.goals_for}-{r.goals_against}"


@app.command("team")
def team(
    name: str = typer.Argument(..., help="Team name, alias or former name."),
    recent: int = typer.Option(10, "--recent", help="How many latest results to list."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """A team's record (home, away, neutral), goals for and against, latest results."""
    with friendly_errors():
        summary = api.team_summary(name, recent=recent, db=db)

    def render() -> None:
        console.print(f"[bold]{summary.team}[/]: {summary.first_match} to {summary.last_match}")
        for label, rec in (("overall", summary.overall), ("home", summary.home),
                           ("away", summary.away), ("neutral", summary.neutral)):
            console.print(f"  {label:<8} {_record_text(rec)}")
        console.print(_results_table("latest results", summary.recent, goals=True))

    emit(summary, as_json, render)


@app.command("h2h")
def h2h(
    team_a: str = typer.Argument(..., help="First team."),
    team_b: str = typer.Argument(..., help="Second team."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Every meeting of two teams, with goals, and the totals."""
    with friendly_errors():
        result = api.head_to_head(team_a, team_b, db=db)

    def render() -> None:
        console.print(_results_table(f"{result.team_a} v {result.team_b}", result.meetings,
                                     goals=True))
        console.print(f"{result.team_a}: {_record_text(result.record)}")

    emit(result, as_json, render)
