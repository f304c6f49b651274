"""``scoreline upsets`` and ``scoreline comebacks`` through the real CLI (CliRunner)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables at a fixed width of 140 columns."""
    monkeypatch.setenv("COLUMNS", "140")


def test_upsets_json() -> None:
    """``upsets --json`` lists ranked upsets with stable field names."""
    result = runner.invoke(app, ["upsets", "--tournament", "FIFA World Cup", "--year", "2022",
                                 "--top", "5", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["selection"] == "FIFA World Cup 2022"
    rows = data["upsets"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert {"home_team", "away_team", "date", "p_home", "p_draw", "p_away", "home_elo",
            "away_elo", "winner", "p_winner", "upset_bits"} <= set(rows[0])
    assert any(r["winner"] == "Saudi Arabia" for r in rows)


def test_upsets_table() -> None:
    """The table shows the scoreline, the pre-match probabilities and the Elo ratings."""
    result = runner.invoke(app, ["upsets", "-t", "fifa world cup", "--year", "2022", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Argentina 1-2 Saudi Arabia" in result.output
    assert "Upsets: FIFA World Cup 2022" in result.output


def test_comebacks_json() -> None:
    """``comebacks --json`` ranks wins by the winner's lowest in-play probability."""
    result = runner.invoke(app, ["comebacks", "--tournament", "FIFA World Cup", "--year", "2022",
                                 "--top", "3", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["comebacks"]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert {"home_team", "away_team", "date", "winner", "lowest_p", "lowest_minute"} <= set(rows[0])


def test_bad_options_are_one_red_line() -> None:
    """Conflicting options exit 1 with a clear message."""
    result = runner.invoke(app, ["upsets", "--year", "2022", "--since", "2022-01-01"])
    assert result.exit_code == 1
    assert "either a year" in result.output and "Traceback" not in result.output


def test_period_upsets_leave_out_non_fifa_sides_unless_asked() -> None:
    """Without a tournament (the "latest upsets" of every competition) the ranking is of
    matches between FIFA members, as on the web home page; ``--all-sides`` brings back
    CONIFA teams and regions (the CONIFA European Football Cup of June 2026 here)."""
    from scoreline.data.confederations import NONE, confederation_of

    window = ["upsets", "--since", "2026-06-02", "--until", "2026-06-07", "--top", "100",
              "--json"]
    members = json.loads(runner.invoke(app, window).stdout)
    everyone = json.loads(runner.invoke(app, [*window, "--all-sides"]).stdout)
    assert members["selection"].endswith("(FIFA members only)")
    assert "FIFA members only" not in everyone["selection"]
    assert members["matches_scored"] < everyone["matches_scored"]
    sides = {r[k] for r in members["upsets"] for k in ("home_team", "away_team")}
    assert all(confederation_of(t) != NONE for t in sides)
    everyone_sides = {r[k] for r in everyone["upsets"] for k in ("home_team", "away_team")}
    assert any(confederation_of(t) == NONE for t in everyone_sides)


def test_a_named_tournament_keeps_all_its_sides() -> None:
    """A tournament asked for by name is ranked whole: a CONIFA cup is not emptied."""
    result = runner.invoke(app, ["upsets", "-t", "CONIFA European Football Cup", "--year",
                                 "2026", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["selection"] == "CONIFA European Football Cup 2026"
    assert data["matches_scored"] > 0
