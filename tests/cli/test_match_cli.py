"""``scoreline match`` through the real CLI (CliRunner), on the real data."""

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


def test_match_json_and_chart(tmp_path: Path) -> None:
    """``match --json`` gives the pre-match forecast, goals with probabilities, the low point,
    and writes the PNG and SVG chart to --out."""
    out = tmp_path / "gj.png"
    result = runner.invoke(app, ["match", "2022-11-23", "Germany", "Japan", "--out", str(out),
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["home_team"] == "Germany" and data["away_team"] == "Japan"
    assert data["date"] == "2022-11-23"
    assert set(data["prematch"]) >= {"p_home", "p_draw", "p_away", "home_xg", "away_xg"}
    assert [g["minute"] for g in data["goals"]] == [33, 75, 83]
    assert {"p_home", "p_draw", "p_away", "minute", "scorer"} <= set(data["goals"][0])
    assert data["winner"] == "Japan" and data["winner_lowest_minute"] == 74
    assert len(data["timeline"]) == 91
    assert out.is_file() and out.with_suffix(".svg").is_file()
    assert data["charts"] == [str(out), str(out.with_suffix(".svg"))]


def test_match_table(tmp_path: Path) -> None:
    """The readable output names the scorers, the winner's low point and the chart path."""
    result = runner.invoke(app, ["match", "2022-11-23", "japan", "germany", "--chart",
                                 str(tmp_path / "c.png")])
    assert result.exit_code == 0, result.output
    for text in ("Germany 1-2 Japan", "Gündoğan (pen)", "Dōan", "Asano",
                 "Japan's chance of winning was lowest", "74'", "c.png"):
        assert text in result.output


def test_unknown_match_is_one_red_line() -> None:
    """A wrong date exits 1 with the nearest matches and no traceback."""
    result = runner.invoke(app, ["match", "2022-11-22", "Germany", "Japan", "--no-chart"])
    assert result.exit_code == 1
    assert "2022-11-23 Germany 1-2 Japan" in result.output
    assert "Traceback" not in result.output


def test_match_without_timeline_notes_it(tmp_path: Path) -> None:
    """A match without goal minutes prints its forecast and says why there is no chart."""
    result = runner.invoke(app, ["match", "1985-01-01", "Ghana", "Tunisia", "--out",
                                 str(tmp_path / "g.png")])
    assert result.exit_code == 0, result.output
    assert "no goal list" in result.output and "no chart" in result.output
    assert not (tmp_path / "g.png").exists()
