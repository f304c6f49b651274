"""``scoreline live`` through the real CLI (CliRunner), on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline import api
from scoreline.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables at a fixed width of 120 columns."""
    monkeypatch.setenv("COLUMNS", "120")


def _row(label: str, p: dict[str, float]) -> str:
    """A row of the live table: the label, then Germany / draw / Japan in whole percent."""
    return (f"{label:<28} │ {p['p_home']:>7.0%} │ {p['p_draw']:>4.0%} │ "
            f"{p['p_away']:>5.0%} │")


def test_live_table_shows_now_beside_prematch() -> None:
    """The table prints the pre-match forecast and the state now for Germany 1-0 Japan at
    74', both exactly those of the stored match's replay (``scoreline match``)."""
    replay = api.match_replay("2022-11-23", "Germany", "Japan").to_dict()
    result = runner.invoke(app, ["live", "Germany", "Japan", "--date", "2022-11-23",
                                 "--minute", "74", "--score", "1-0"])
    assert result.exit_code == 0, result.output
    assert "Germany 1-0 Japan  after 74' (normal time)" in result.output
    assert _row("before kick-off (90 minutes)", replay["prematch"]) in result.output
    at_74 = replay["timeline"][74]
    assert (at_74["minute"], at_74["home_goals"], at_74["away_goals"]) == (74, 1, 0)
    assert _row("now (90 minutes)", at_74) in result.output
    assert at_74["p_home"] > replay["prematch"]["p_home"]  # the lead made Germany likelier


def test_live_json_with_goals_and_chart(tmp_path: Path) -> None:
    """``--goals`` gives the curve and the goals in JSON, ``--chart`` writes PNG and SVG."""
    out = tmp_path / "live.png"
    result = runner.invoke(app, ["live", "Germany", "Japan", "--date", "2022-11-23",
                                 "--minute", "83", "--goals",
                                 "33:HOME:Gündoğan:pen,75:AWAY:Dōan,83:AWAY:Asano",
                                 "--chart", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["home_goals"], data["away_goals"], data["minute"]) == (1, 2, 83)
    assert data["date"] == "2022-11-23" and data["prematch"]["source"] == "walk-forward"
    assert len(data["curve"]) == 84 and [g["minute"] for g in data["goals"]] == [33, 75, 83]
    replay = api.match_replay("2022-11-23", "Germany", "Japan").to_dict()
    assert data["p_away"] == pytest.approx(replay["goals"][2]["p_away"], abs=1e-9)  # after 83'
    assert data["p_away"] > 0.5 and data["charts"] == [str(out), str(out.with_suffix(".svg"))]
    assert out.is_file()


def test_knockout_prints_advance_chances() -> None:
    """In extra time of a knockout the table has the shoot-out column and the advance row."""
    result = runner.invoke(app, ["live", "Argentina", "France", "--date", "2022-12-18",
                                 "--knockout", "--minute", "100", "--score", "2-2"])
    assert result.exit_code == 0, result.output
    assert "shoot-out" in result.output and "to go through" in result.output
    assert "chance of a shoot-out" in result.output


@pytest.mark.parametrize("args, expected", [
    (["--minute", "100", "--score", "1-1"], "knockout"),
    (["--minute", "70", "--score", "x"], "HOME-AWAY"),
    (["--minute", "70", "--goals", "80:HOME"], "after minute 70"),
])
def test_bad_states_print_one_red_line(args: list[str], expected: str) -> None:
    """Impossible or malformed states exit 1 with one error line and no traceback."""
    result = runner.invoke(app, ["live", "Germany", "Japan", *args])
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output
