"""``scoreline data load|info``, ``team`` and ``h2h`` through the real CLI (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()


def test_load_and_info_json(tmp_path: Path, data_dir: Path) -> None:
    """``data load --json`` reports the counts; ``data info --json`` the source commit."""
    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(app, ["data", "load", "--source", str(data_dir), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["matches"] == 49520 and report["matches_added"] == 49520
    info = json.loads(runner.invoke(app, ["data", "info", "--db", db, "--json"]).stdout)
    assert info["last_load"]["source_commit"].startswith("65d212aa")
    assert info["first_date"] == "1872-11-30"


def test_load_bad_source_is_one_red_line(tmp_path: Path) -> None:
    """A bad source exits 1 with one error line and no traceback."""
    result = runner.invoke(app, ["data", "load", "--source", str(tmp_path / "nope"),
                                 "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "error:" in result.output and "Traceback" not in result.output


def test_info_on_empty_store(tmp_path: Path) -> None:
    """``data info`` on a store never loaded says to run ``scoreline data load``."""
    result = runner.invoke(app, ["data", "info", "--db", str(tmp_path / "empty.duckdb")])
    assert result.exit_code == 1
    assert "scoreline data load" in result.output


def test_h2h_germany_japan() -> None:
    """The h2h table shows the 2022 World Cup meeting with its three goals."""
    result = runner.invoke(app, ["h2h", "Germany", "Japan"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2022-11-23" in out and "1-2" in out and "Al Rayyan" in out
    for goal in ("Gündoğan 33' pen", "Dōan 75'", "Asano 83'"):
        assert goal in out


def test_h2h_json_fields() -> None:
    """``h2h --json`` uses the stable field names and totals from the first team's side."""
    data = json.loads(runner.invoke(app, ["h2h", "Japan", "Germany", "--json"]).stdout)
    assert data["team_a"] == "Japan"
    wc = next(m for m in data["meetings"] if m["date"] == "2022-11-23")
    assert (wc["home_team"], wc["away_team"], wc["home_score"], wc["away_score"]) == (
        "Germany", "Japan", 1, 2)
    assert [g["minute"] for g in wc["goals"]] == [33, 75, 83]
    assert data["record"]["wins"] == 2


def test_team_alias_and_unknown() -> None:
    """``team`` accepts aliases; an unknown team suggests the closest names and exits 1."""
    ok = runner.invoke(app, ["team", "Korea Republic", "--json"])
    assert json.loads(ok.stdout)["team"] == "South Korea"
    bad = runner.invoke(app, ["team", "Jpan"])
    assert bad.exit_code == 1 and "did you mean 'Japan'" in bad.output


def test_two_processes_read_one_store(tmp_path: Path, store_path: Path) -> None:
    """A CLI command can read a store while another process holds it open read-only
    (a running server, say): read commands open the file read-only."""
    import shutil
    import subprocess
    import sys

    db = tmp_path / "copy.duckdb"
    shutil.copy(store_path, db)
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sys, scoreline; s = scoreline.open(sys.argv[1], "
         "read_only=True); s.matches(); print('ready', flush=True); sys.stdin.read()"), str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-c", "from scoreline.cli import main; main()", "h2h", "Germany",
             "Japan", "--db", str(db), "--json"], capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["record"]["played"] >= 4
    finally:
        holder.communicate("", timeout=60)
