"""``scoreline story`` through typer's CliRunner: thin over ``api.story``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()


def test_story_markdown_and_json() -> None:
    """Markdown by default; --format json and --json give the same facts with stable fields."""
    md = runner.invoke(app, ["story", "2022-12-18", "Argentina", "France", "--no-all-time"])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# Argentina win the 2022 FIFA World Cup on penalties")
    js = runner.invoke(app, ["story", "2022-12-18", "France", "Argentina", "--json",
                             "--no-all-time"])
    assert js.exit_code == 0, js.output
    data = json.loads(js.output)
    assert (data["home_team"], data["away_team"], data["date"]) == ("Argentina", "France",
                                                                    "2022-12-18")
    assert data["shootout_winner"] == "Argentina"
    assert all({"key", "text", "value", "provenance"} <= set(f) for f in data["facts"])


def test_story_errors_are_one_red_line() -> None:
    """Unknown team, no such match, bad format: exit 1 and one line naming the problem."""
    bad = runner.invoke(app, ["story", "2022-11-23", "Germany", "Japn"])
    assert bad.exit_code == 1 and "did you mean 'Japan'" in bad.output
    none = runner.invoke(app, ["story", "2022-11-24", "Germany", "Japan"])
    assert none.exit_code == 1 and "2022-11-23" in none.output
    fmt = runner.invoke(app, ["story", "2022-11-23", "Germany", "Japan", "--format", "pdf"])
    assert fmt.exit_code == 1 and "md, html, json" in fmt.output
