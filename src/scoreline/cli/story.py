"""``scoreline story DATE HOME AWAY``: the report of a match, written from data."""

from __future__ import annotations

import sys

import typer

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, friendly_errors


@app.command("story")
def story(
    date: str = typer.Argument(..., help="Day of the match, YYYY-MM-DD."),
    home: str = typer.Argument(..., help="One team (home or away)."),
    away: str = typer.Argument(..., help="The other team."),
    fmt: str = typer.Option("md", "--format", "-f", help="md, html or json."),
    all_time: bool = typer.Option(
        True, "--all-time/--no-all-time",
        help="Rank the upset in the tournament's history (slow the first time, then cached)."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Write the report of a match: headline, lead, goals, context, group table.

    Every statement comes from a fact of the data; --format json lists the facts with
    the query that produced each.
    """
    with friendly_errors():
        text = api.story(date, home, away, db=db, fmt="json" if as_json else fmt,
                         all_time=all_time)
    sys.stdout.write(str(text))
