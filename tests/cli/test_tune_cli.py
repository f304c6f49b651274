"""``scoreline tune`` and ``scoreline backtest --models`` in-process, on the real data."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from scoreline.cli import app

runner = CliRunner()


def test_tune_json_leaderboard() -> None:
    """Two Elo settings on one tuning fold give a two-row leaderboard ranked by RPS, with
    no test figures under --no-test."""
    result = runner.invoke(app, ["tune", "--model", "elo", "--param", "home_advantage=60,140",
                                 "--folds", "2018", "--refit", "30D", "--no-test", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    board = data["leaderboard"]
    assert [r["rank"] for r in board] == [1, 2]
    assert board[0]["rps"] <= board[1]["rps"]
    assert {r["params"]["home_advantage"] for r in board} == {60, 140}
    assert data["folds"] == [{"since": "2018-01-01", "until": "2019-01-01"}]
    assert data["test_period"] is None and board[0]["test_rps"] is None
    assert data["n_tasks"] == 2 and data["scheduler"] == "none"


def test_tune_rejects_a_fold_in_the_test_period() -> None:
    """Folds must end by 2019-01-01: one red line, exit 1."""
    result = runner.invoke(app, ["tune", "--model", "elo", "--folds", "2018,2020"])
    assert result.exit_code == 1
    assert "must end by 2019-01-01" in result.output


def test_backtest_models_side_by_side() -> None:
    """``backtest --models elo,dixon-coles`` scores both on the same matches."""
    result = runner.invoke(app, ["backtest", "--models", "elo,dixon-coles", "--since",
                                 "2018-06-14", "--until", "2018-07-16", "--tournament",
                                 "FIFA World Cup", "--refit", "30D", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["n_matches"] for m in data["models"]] == [64, 64]
    assert len({m["model"] for m in data["models"]}) == 2
    assert all(0.15 < m["rps"] < 0.26 for m in data["models"])
