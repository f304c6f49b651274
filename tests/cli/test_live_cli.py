"""``scoreline live`` through the real CLI (CliRunner), on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables at a fixed width of 120 columns."""
    monkeypatch.setenv("COLUMNS", "120")


def test_live_table_shows_now_beside_prematch() -> None:
    """The table prints the pre-match forecast and the state now for Germany 1-0 Japan at 74'."""
    result = runner.invoke(app, ["live", "Germany", "Japan", "--date", "2022-11-23",
                                 "--minute", "74", "--score", "1-0"])
    assert result.exit_code == 0, result.output
    assert "Germany 1-0 Japan  after 74' (normal time)" in result.output
    assert "before kick-off (90 minutes) │     50% │  26% │   24%" in result.output
    assert "now (90 minutes)             │     84% │  14% │    2%" in result.output


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
    assert data["p_away"] > 0.8 and data["charts"] == [str(out), str(out.with_suffix(".svg"))]
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
