"""``scoreline check`` through typer's CliRunner: thin over ``api.check_article``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()
ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "articles" / "2022-11-23-germany-japan.txt"
SHORT = "Cameroon beat Brazil 1-0 in Lusail on December 2, 2022. Vincent Aboubakar scored in the 90th minute."


def test_check_table_and_json(tmp_path: Path) -> None:
    """The table names the match and counts verdicts; --json has stable fields per claim."""
    path = tmp_path / "cmr.txt"
    path.write_text(SHORT, encoding="utf-8")
    out = runner.invoke(app, ["check", str(path)], env={"COLUMNS": "160"})
    assert out.exit_code == 0, out.output
    assert "Cameroon 1-0 Brazil" in out.output and "0 contradicted" in out.output
    js = runner.invoke(app, ["check", str(path), "--json"])
    data = json.loads(js.output)
    assert (data["home_team"], data["away_team"], data["date"]) == ("Cameroon", "Brazil",
                                                                    "2022-12-02")
    assert data["counts"]["contradicted"] == 0
    assert {"kind", "text", "verdict", "data_value", "evidence", "reason"} <= set(data["claims"][0])


def test_check_with_match_option(tmp_path: Path) -> None:
    """--match DATE HOME AWAY picks the match (here the same one, teams in the other order)."""
    path = tmp_path / "cmr.txt"
    path.write_text(SHORT, encoding="utf-8")
    js = runner.invoke(app, ["check", str(path), "--match", "2022-12-02", "Brazil", "Cameroon",
                             "--json"])
    assert js.exit_code == 0, js.output
    assert json.loads(js.output)["located_by"] == "given"


def test_check_bad_files(tmp_path: Path) -> None:
    """Missing, empty and binary files: exit 1 with one clear line, no traceback."""
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "cannot read" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = runner.invoke(app, ["check", str(empty)])
    assert out.exit_code == 1 and "empty" in out.output
    binary = tmp_path / "img.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 100)
    out = runner.invoke(app, ["check", str(binary)])
    assert out.exit_code == 1 and "not text" in out.output
    assert "Traceback" not in out.output


def test_check_shared_article_has_no_contradiction() -> None:
    """The shared article: every checkable claim supported (exit 0)."""
    js = runner.invoke(app, ["check", str(ARTICLE), "--json"])
    assert js.exit_code == 0, js.output
    assert json.loads(js.output)["counts"]["contradicted"] == 0
