"""``scoreline ratings``, ``predict`` and ``backtest`` through the real CLI (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline import api
from scoreline.cli import app
from scoreline.errors import InvalidParameterError
from scoreline.models import MODEL_NAMES

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI at a fixed width without colour; return (exit code, output)."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.output


def test_ratings_table_and_json() -> None:
    """The table as of the day of Germany-Japan 2022 lists Brazil first in CONMEBOL; the
    JSON has stable fields and world ranks."""
    code, out = invoke("ratings", "--date", "2022-11-23", "--top", "3", "--confederation",
                       "CONMEBOL")
    assert code == 0, out
    assert "Brazil" in out and "before 2022-11-23" in out
    code, out = invoke("ratings", "--date", "2022-11-23", "--top", "5", "--json")
    data = json.loads(out)
    assert data["date"] == "2022-11-23" and len(data["rows"]) == 5
    assert set(data["rows"][0]) == {"rank", "team", "confederation", "rating", "matches",
                                    "last_match"}
    assert [r["rank"] for r in data["rows"]] == [1, 2, 3, 4, 5]


def test_team_history_plot(tmp_path: Path) -> None:
    """``--team Japan --plot`` writes a PNG and lists the latest matches."""
    png = tmp_path / "japan.png"
    code, out = invoke("ratings", "--team", "Japan", "--plot", "--out", str(png), "--date",
                       "2022-12-31")
    assert code == 0, out
    assert png.read_bytes()[:4] == b"\x89PNG" and "Croatia" in out


def test_bad_confederation_is_one_red_line() -> None:
    """An unknown confederation exits 1 with the allowed values, no traceback."""
    code, out = invoke("ratings", "--confederation", "Europe")
    assert code == 1 and "expected one of AFC" in out and "Traceback" not in out


def test_predict_germany_japan() -> None:
    """Germany v Japan on 2022-11-23 at a neutral venue: Japan the clear underdog (Elo)."""
    code, out = invoke("predict", "Germany", "Japan", "--date", "2022-11-23", "--neutral",
                       "--model", "elo", "--json")
    assert code == 0, out
    f = json.loads(out)
    assert f["p_away"] < 0.3 < f["p_home"]
    assert abs(f["p_home"] + f["p_draw"] + f["p_away"] - 1) < 1e-9
    assert len(f["top_scorelines"]) == 5 and f["date"] == "2022-11-23"


def test_predict_unknown_team_suggests() -> None:
    """A misspelt team fails with the closest names."""
    code, out = invoke("predict", "Germany", "Japn", "--model", "elo")
    assert code == 1 and "did you mean 'Japan'" in out


def test_predict_fixtures_file(tmp_path: Path) -> None:
    """A fixtures CSV is predicted row by row and written out; a bad file names its rows."""
    good = tmp_path / "f.csv"
    good.write_text("date,home_team,away_team,neutral\n2022-11-23,Germany,Japan,true\n"
                    "2018-06-27,South Korea,Germany,true\n", encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    code, out = invoke("predict", "--fixtures", str(good), "--model", "elo", "--out",
                       str(out_csv))
    assert code == 0, out
    assert out_csv.read_text(encoding="utf-8").startswith("date,home_team,away_team")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,home_team,away_team\n2022-02-30,Spain,Spain\n", encoding="utf-8")
    code, out = invoke("predict", "--fixtures", str(bad), "--model", "elo")
    assert code == 1
    assert "bad.csv:2: date" in out and "cannot play itself" in out


def test_backtest_world_cup(tmp_path: Path) -> None:
    """``backtest`` of Elo on the 2022 World Cup: 64 matches, metrics and a reliability PNG."""
    png = tmp_path / "rel.png"
    code, out = invoke("backtest", "--since", "2022-11-20", "--until", "2022-12-19",
                       "--tournament", "FIFA World Cup", "--model", "elo", "--plot", str(png),
                       "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["n_matches"] == 64 and data["n_excluded"] == 0
    assert 0.2 < data["rps"] < 0.24 and png.is_file()
    assert {"outcome", "mean_forecast", "observed"} <= set(data["calibration"][0])


def test_api_model_names_match_the_models_layer() -> None:
    """``scoreline.api.MODELS`` (used by the web parameters) lists exactly the model names
    ``scoreline.models.get_model`` accepts, and an unknown name fails before any work."""
    assert tuple(api.MODELS) == tuple(MODEL_NAMES)
    with pytest.raises(InvalidParameterError, match="elo"):
        api.model_factory("elo-rating")


def test_predict_knockout_gives_the_chance_to_advance() -> None:
    """``--knockout`` adds each side's chance to advance (extra time and penalties), summing
    to one, with the stronger side (Argentina, Elo) ahead before the 2022 final."""
    code, out = invoke("predict", "Argentina", "France", "--date", "2022-12-18", "--neutral",
                       "--knockout", "--model", "elo", "--json")
    assert code == 0, out
    f = json.loads(out)
    assert f["knockout"] is True
    assert abs(f["p_home_advance"] + f["p_away_advance"] - 1) < 1e-9
    assert f["p_home_advance"] > f["p_home"]
