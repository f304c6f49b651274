"""Regression tests of issue 14's bug list, through the real CLI (CliRunner) on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline.cli import app
from tests.data.conftest import write_window

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI at a fixed width without colour; return (exit code, all output)."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.output


def test_upsets_of_a_year_without_forecasts_is_empty_not_a_crash() -> None:
    """``upsets --year 1872`` (one match, which no model can forecast) says there are none;
    the JSON is an empty ranking."""
    code, out = invoke("upsets", "--year", "1872")
    assert code == 0, out
    assert "no upsets" in out and "Traceback" not in out
    code, out = invoke("upsets", "--year", "1872", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["upsets"] == [] and data["upsets_found"] == 0


@pytest.mark.parametrize("args", [
    ("predict", "--fixtures", "{fixtures}", "--out", "/nonexistent/dir/x.csv"),
    ("simulate", "wc2022", "--sims", "100", "--csv", "/etc"),
    ("simulate", "wc2022", "--sims", "100", "--plot", "/nonexistent/x.png"),
    ("match", "2022-11-23", "Germany", "Japan", "--chart", "/nonexistent/gj.png"),
])
def test_unwritable_outputs_are_one_red_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Every output option follows one rule: a folder, or a file in a missing folder, is a
    clear error naming the path, with exit code 1 and no traceback."""
    fixtures = tmp_path / "fixtures.csv"
    fixtures.write_text("date,home_team,away_team\n2022-11-23,Germany,Japan\n", encoding="utf-8")
    code, out = invoke(*(a.format(fixtures=fixtures) for a in args))
    assert code == 1, out
    assert out.startswith("error: cannot write") and "Traceback" not in out
    assert ("is a folder" in out) or ("does not exist" in out)


def test_match_writes_no_chart_unless_asked(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """``scoreline match`` leaves the current folder untouched; ``--chart`` writes the PNG
    and SVG there and says where."""
    monkeypatch.chdir(tmp_path)
    code, out = invoke("match", "2022-11-23", "Germany", "Japan")
    assert code == 0, out
    assert list(tmp_path.iterdir()) == [] and "chart" not in out
    code, out = invoke("match", "2022-11-23", "Germany", "Japan", "--chart", "gj.png")
    assert code == 0, out
    assert (tmp_path / "gj.png").is_file() and (tmp_path / "gj.svg").is_file()
    assert "chart written to gj.png" in out


def test_predict_before_a_teams_first_match_is_an_error() -> None:
    """Germany and Japan had not played by 1872-12-01: an error naming the first match,
    not a 100% draw with expected goals 0.00-0.00."""
    code, out = invoke("predict", "Germany", "Japan", "--date", "1872-12-01")
    assert code == 1, out
    assert "Germany has no match before 1872-12-01" in out and "1908-04-05" in out
    assert "100" not in out


def test_predict_far_past_the_data_carries_a_note() -> None:
    """A date years after the last match gets a note saying where the data end."""
    code, out = invoke("predict", "Germany", "Japan", "--date", "2030-06-01", "--neutral",
                       "--model", "elo")
    assert code == 0, out
    assert "note: the data end on" in out
    code, out = invoke("predict", "Germany", "Japan", "--date", "2030-06-01", "--neutral",
                       "--model", "elo", "--json")
    assert json.loads(out)["notes"][0].startswith("the data end on")


def test_zero_simulations_is_refused() -> None:
    """``--sims 0`` is an error, not a silent run of 100,000 simulations."""
    code, out = invoke("simulate", "wc2022", "--sims", "0")
    assert code == 1, out
    assert "sims=0" in out and "simulations" not in out.split("error:")[0]


def test_file_line_locations_print_as_text(tmp_path: Path, data_dir: Path) -> None:
    """A load error at ``results.csv:100:`` prints those characters, not rich's emoji for
    ``:100:``; the store is not written."""
    src = write_window(data_dir, tmp_path / "src", ("2021",))
    lines = (src / "results.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[99].split(",")
    fields[3] = "x"  # home_score of the match on line 100
    lines[99] = ",".join(fields)
    (src / "results.csv").write_text("".join(lines), encoding="utf-8")
    code, out = invoke("data", "load", "--source", str(src), "--db", str(tmp_path / "s.duckdb"))
    assert code == 1, out
    assert "results.csv:100:" in out and "\U0001f4af" not in out


def test_serve_help_names_routes_that_exist() -> None:
    """``serve --help`` points at /api (the reference) and the OpenAPI schema, not /docs."""
    code, out = invoke("serve", "--help")
    assert code == 0, out
    assert "/docs" not in out and "/api/v1/openapi.json" in out
    assert "--workers" in out


def test_cli_import_is_light() -> None:
    """Importing the CLI (every command registered) loads neither DuckDB, SciPy, numba,
    matplotlib nor FastAPI: those come with the first command that needs them. (pandas
    and NumPy still load, through the model protocol that ``scoreline.models`` exports.)"""
    import subprocess
    import sys

    code = ("import sys, scoreline.cli; heavy = [m for m in ('duckdb', 'scipy', 'numba', "
            "'matplotlib', 'fastapi') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == "[]"
