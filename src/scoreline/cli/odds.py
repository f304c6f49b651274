"""``scoreline odds FILE.csv``: the model beside the bookmaker, fixture by fixture."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors

ModelOption = typer.Option(
    "default", "--model", help="default, elo, dixon-coles, elo-dixon-coles, elo-dixon-coles-venue or elo-dixon-coles-long.")
MethodOption = typer.Option(
    "shin", "--method", help="Margin removal: shin (default), power or multiplicative.")


FileArgument = typer.Argument(..., help="CSV: date,home_team,away_team,odds_home,odds_draw,"
                              "odds_away[,total_line,odds_over,odds_under].")


def _ev(value: float) -> str:
    return f"[green]{value:+.1%}[/]" if value > 0 else f"{value:+.1%}"


@app.command("odds")
def odds(
    file: Path = FileArgument,
    method: str = MethodOption,
    model: str = ModelOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Model v market: de-margined probabilities, expected value per outcome, scores."""
    with friendly_errors():
        result = api.compare_odds(file, method=method, model=model, db=db)

    def render() -> None:
        table = Table(title=f"model ({result.model}, each fixture from matches before its date) "
                      f"v market ({result.method} margin removal)", title_justify="left")
        for col in ("date", "match", "result", "model H/D/A", "market H/D/A", "margin",
                    "EV home", "EV draw", "EV away"):
            table.add_column(col, justify="left" if col in ("date", "match") else "right")
        for r in result.rows:
            score = f"{r.home_score_90}-{r.away_score_90}" if r.settled else ""
            table.add_row(f"{r.date:%Y-%m-%d}", f"{r.home_team} v {r.away_team}", score,
                          f"{r.p_home:.0%} {r.p_draw:.0%} {r.p_away:.0%}",
                          f"{r.market_home:.0%} {r.market_draw:.0%} {r.market_away:.0%}",
                          f"{r.booksum - 1:.1%}", _ev(r.ev_home), _ev(r.ev_draw), _ev(r.ev_away))
        console.print(table)
        totals = [r for r in result.rows if r.total_line is not None]
        if totals:
            t = Table(title="totals", title_justify="left")
            for col in ("date", "match", "line", "model over", "market over", "EV over",
                        "EV under"):
                t.add_column(col, justify="left" if col in ("date", "match") else "right")
            for r in totals:
                if r.p_over is None or r.market_over is None or r.ev_over is None \
                        or r.ev_under is None:
                    continue  # every row with a total line carries all four
                t.add_row(f"{r.date:%Y-%m-%d}", f"{r.home_team} v {r.away_team}",
                          f"{r.total_line:g}", f"{r.p_over:.0%}", f"{r.market_over:.0%}",
                          _ev(r.ev_over), _ev(r.ev_under))
            console.print(t)
        s = result.scores
        if s is None:
            console.print("no settled fixture yet: nothing to score", highlight=False)
        else:
            console.print(f"settled fixtures: {s.n_matches}; RPS model {s.model_rps:.4f}, "
                          f"market {s.market_rps:.4f}; log loss model {s.model_log_loss:.4f}, "
                          f"market {s.market_log_loss:.4f} (lower is better)", highlight=False)

    emit(result.to_dict(), as_json, render)
