"""``scoreline check ARTICLE.txt``: verify a match report's claims against the data."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors

_STYLE = {"supported": "green", "contradicted": "bold red", "unclear": "dim",
          "not_checkable": "yellow"}


@app.command("check")
def check(
    article: str = typer.Argument(..., help="The article, a UTF-8 text file."),
    match: tuple[str, str, str] | None = typer.Option(
        None, "--match", help="DATE HOME AWAY of the match (else found from the text).",
        show_default=False),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Check every claim of a match report: supported, contradicted, unclear, not checkable."""
    given = (match[0], match[1], match[2]) if match and len(match) == 3 and all(match) else None
    with friendly_errors():
        report = api.check_article(Path(article), match=given, db=db)

    def render() -> None:
        m = report.match
        console.print(f"[bold]{m.home_team} {m.home_score}-{m.away_score} {m.away_team}[/], "
                      f"{m.tournament}, {m.date.isoformat()}, {m.city}  ({report.located_by})",
                      highlight=False)
        table = Table(show_lines=False)
        for col in ("verdict", "claim", "evidence"):
            table.add_column(col, overflow="fold")
        for c in report.claims:
            table.add_row(f"[{_STYLE[c.verdict]}]{c.verdict.replace('_', ' ')}[/]", escape(c.text),
                          escape(c.evidence or c.reason or ""))
        console.print(table)
        counts = report.counts
        console.print(f"{counts['supported']} supported, {counts['contradicted']} contradicted, "
                      f"{counts['unclear']} unclear, {counts['not_checkable']} not checkable "
                      f"({report.seconds:.2f} s)",
                      highlight=False)

    emit(report.to_dict(), as_json, render)
