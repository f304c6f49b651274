"""``scoreline upsets`` and ``scoreline comebacks``: rankings over a tournament or a period."""

from __future__ import annotations

import typer
from rich.table import Table

from scoreline import api
from scoreline.cli.app import DbOption, JsonOption, app, console, emit, friendly_errors

TournamentOption = typer.Option(None, "--tournament", "-t", help="e.g. 'FIFA World Cup'.")
YearOption = typer.Option(None, "--year", help="Calendar year.")
SinceOption = typer.Option(None, "--since", help="First day, YYYY-MM-DD (inclusive).")
UntilOption = typer.Option(None, "--until", help="Last day, YYYY-MM-DD (exclusive).")
TopOption = typer.Option(20, "--top", help="How many to list.")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _elo(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


@app.command("upsets")
def upsets(
    tournament: str = TournamentOption,
    year: int = YearOption,
    since: str = SinceOption,
    until: str = UntilOption,
    top: int = TopOption,
    all_time: bool = typer.Option(False, "--all-time", help="The tournament's whole history."),
    all_sides: bool = typer.Option(
        False, "--all-sides", help="Also matches of sides outside FIFA (CONIFA teams, regions). "
        "Without --tournament the ranking is of FIFA members' matches unless this is given, "
        "as on the web home page; a named tournament keeps all its sides."),
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """The biggest upsets: wins by the pre-match underdog, ranked by how unlikely they were."""
    with friendly_errors():
        ranking = api.upsets(tournament=tournament, year=year, since=since, until=until,
                             all_time=all_time, top=top,
                             fifa_only=tournament is None and not all_sides, db=db)

    def render() -> None:
        if not ranking.upsets:
            console.print(f"no upsets in {ranking.selection}: {ranking.matches_scored} matches "
                          "with a pre-match forecast (a team's first matches have none)",
                          highlight=False, markup=False)
            return
        table = Table(title=f"Upsets: {ranking.selection} ({ranking.upsets_found} of "
                      f"{ranking.matches_scored} matches won by the underdog)",
                      title_justify="left")
        for col in ("#", "date", "match", "pre-match H/D/A", "Elo", "p winner", "bits"):
            table.add_column(col, justify="left" if col in ("date", "match") else "right")
        for u in ranking.upsets:
            how = "" if u.decided_by == api.DecidedBy.REGULATION else f", {u.winner} {u.decided_by}"
            table.add_row(
                str(u.rank), str(u.match.date),
                f"{u.match.home_team} {u.match.home_score}-{u.match.away_score} {u.match.away_team}{how}",
                f"{u.p_home:.0%} {u.p_draw:.0%} {u.p_away:.0%}",
                f"{_elo(u.home_elo)}-{_elo(u.away_elo)}", _pct(u.p_winner),
                f"{u.upset_bits:.2f}" if u.upset_bits is not None else "-")
        console.print(table)
        console.print("H/D/A: walk-forward pre-match probabilities of the 90-minute result; "
                      "p winner: of the winner winning (after extra time: of going through); "
                      "bits = -log2(p winner); Elo before the match",
                      style="dim", highlight=False)

    emit(ranking, as_json, render)


@app.command("comebacks")
def comebacks(
    tournament: str = TournamentOption,
    year: int = YearOption,
    since: str = SinceOption,
    until: str = UntilOption,
    top: int = TopOption,
    db: str = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Wins ranked by the eventual winner's lowest in-play win probability."""
    with friendly_errors():
        ranking = api.comebacks(tournament=tournament, year=year, since=since, until=until,
                                top=top, db=db)

    def render() -> None:
        table = Table(title=f"Comebacks: {ranking.selection} ({ranking.wins_with_timeline} wins from behind "
                      "with goal minutes)", title_justify="left")
        for col in ("#", "date", "match", "kick-off", "lowest", "at"):
            table.add_column(col, justify="left" if col in ("date", "match") else "right")
        for c in ranking.comebacks:
            how = "" if c.decided_by == api.DecidedBy.REGULATION else " a.e.t."
            table.add_row(
                str(c.rank), str(c.match.date),
                f"{c.match.home_team} {c.match.home_score}-{c.match.away_score} {c.match.away_team}{how}",
                _pct(c.p_winner_prematch), _pct(c.lowest_p),
                f"{c.lowest_minute}' at {c.winner_goals_then}-{c.loser_goals_then}")
        console.print(table)
        console.print("the eventual winner's in-play win probability at kick-off and at its "
                      "lowest (minute, score from the winner's side)", style="dim", highlight=False)

    emit(ranking, as_json, render)
