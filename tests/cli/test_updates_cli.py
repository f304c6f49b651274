"""``scoreline data update | rollback | add | added | remove`` through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline.cli import app
from tests.data.conftest import write_window

runner = CliRunner()


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output at a fixed width of 120 columns."""
    monkeypatch.setenv("COLUMNS", "120")


def test_update_rollback_add_remove(tmp_path: Path, data_dir: Path) -> None:
    """A store of 2021 updated offline to 2021-2022 prints the new matches and keeps the
    previous snapshot; rollback restores it; an added match is listed and removed."""
    old = write_window(data_dir, tmp_path / "old", ("2021",))
    new = write_window(data_dir, tmp_path / "new", ("2021", "2022"))
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["data", "load", "--source", str(old), "--db", db]).exit_code == 0

    result = runner.invoke(app, ["data", "update", "--source", str(new), "--db", db])
    assert result.exit_code == 0, result.output
    n_2022 = sum(1 for line in (new / "results.csv").read_text(encoding="utf-8").splitlines()
                 if line.startswith("2022-"))
    assert "updated to" in result.output and f"new matches: {n_2022:,};" in result.output
    assert "previous snapshot kept" in result.output

    back = runner.invoke(app, ["data", "rollback", "--db", db, "--json"])
    assert back.exit_code == 0, back.output
    data = json.loads(back.stdout)
    assert data["action"] == "rollback" and data["diff"]["matches_removed"] == n_2022

    mine = tmp_path / "tonight.csv"
    mine.write_text("date,home_team,away_team,home_score,away_score,tournament,city,country,"
                    "neutral\n2022-01-05,Malta,Spain,1,0,Friendly,Ta' Qali,Malta,FALSE\n",
                    encoding="utf-8")
    added = runner.invoke(app, ["data", "add", str(mine), "--db", db])
    assert added.exit_code == 0, added.output
    assert "matches you added, kept: 1" in added.output
    listed = runner.invoke(app, ["data", "added", "--db", db])
    assert "tonight.csv" in listed.output
    info = runner.invoke(app, ["data", "info", "--db", db])
    assert re.search(r"added by you +1 from tonight.csv \(2022-01-05 to 2022-01-05\)", info.output)
    info_json = json.loads(runner.invoke(app, ["data", "info", "--db", db, "--json"]).stdout)
    assert info_json["added_matches"] == 1
    assert info_json["added"] == [{"source": "tonight.csv", "matches": 1,
                                   "first_date": "2022-01-05", "last_date": "2022-01-05"}]
    gone = runner.invoke(app, ["data", "remove", "tonight.csv", "--db", db])
    assert gone.exit_code == 0 and "removed: 1" in gone.output
    after = json.loads(runner.invoke(app, ["data", "info", "--db", db, "--json"]).stdout)
    assert after["added_matches"] == 0 and after["added"] == []


def test_add_bad_file_is_one_red_line(tmp_path: Path, data_dir: Path) -> None:
    """A malformed added file exits 1 naming the file and line, no traceback."""
    db = str(tmp_path / "s.duckdb")
    src = write_window(data_dir, tmp_path / "w", ("2021",))
    runner.invoke(app, ["data", "load", "--source", str(src), "--db", db])
    bad = tmp_path / "bad.csv"
    bad.write_text("date,home_team,away_team\n2022-01-05,Malta,Spain\n", encoding="utf-8")
    result = runner.invoke(app, ["data", "add", str(bad), "--db", db])
    assert result.exit_code == 1 and "bad.csv:1" in result.output
    assert "Traceback" not in result.output
