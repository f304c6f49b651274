"""``scoreline odds`` and ``scoreline predict --markets`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scoreline import api
from scoreline.cli import app
from scoreline.errors import DataValidationError

runner = CliRunner()
HEADER = "date,home_team,away_team,odds_home,odds_draw,odds_away,total_line,odds_over,odds_under\n"


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables at a fixed width of 120 columns."""
    monkeypatch.setenv("COLUMNS", "120")


def test_odds_compares_walk_forward_forecasts_with_the_market(tmp_path: Path) -> None:
    """Two settled World Cup matches and one future fixture: the market side sums to one,
    EV = p_model * odds - 1, the settled ones are scored, the future one is not."""
    path = tmp_path / "book.csv"
    path.write_text(HEADER + "2022-11-23,Germany,Japan,1.44,4.50,7.50,2.5,1.80,2.00\n"
                    "2022-11-24,Brazil,Serbia,1.53,4.00,7.00,,,\n"
                    "2026-09-04,Spain,Germany,2.20,3.40,3.30,,,\n", encoding="utf-8")
    result = api.compare_odds(path)
    assert [r.settled for r in result.rows] == [True, True, False]
    gj = result.rows[0]
    assert (gj.home_score_90, gj.away_score_90) == (1, 2) and gj.neutral
    assert gj.market_home + gj.market_draw + gj.market_away == pytest.approx(1.0)
    assert gj.market_home > gj.p_home  # the market rated Germany higher than the model
    assert gj.ev_away == pytest.approx(gj.p_away * 7.5 - 1)
    assert gj.p_over is not None and 0.3 < gj.p_over < 0.7
    assert result.rows[1].total_line is None
    assert result.scores is not None and result.scores.n_matches == 2
    cli = runner.invoke(app, ["odds", str(path)])
    assert cli.exit_code == 0, cli.output
    assert "Germany v Japan" in cli.stdout and "settled fixtures: 2" in cli.stdout
    data = json.loads(runner.invoke(app, ["odds", str(path), "--method", "power",
                                          "--json"]).stdout)
    assert data["method"] == "power" and data["rows"][2]["date"] == "2026-09-04"


def test_fixtures_the_data_lacks_are_line_errors(tmp_path: Path) -> None:
    """A past fixture not in the data, and one with home and away swapped, fail with their
    line numbers; the CLI prints one red line and exits 1."""
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2022-11-23,Japan,Germany,7.50,4.50,1.44,,,\n"
                    "2022-11-25,Germany,Japan,1.44,4.50,7.50,,,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        api.compare_odds(path)
    msg = str(info.value)
    assert ":2: home_team: the data has Germany v Japan on 2022-11-23" in msg
    assert ":3: date: no match Germany v Japan on 2022-11-25 in the data" in msg
    cli = runner.invoke(app, ["odds", str(path)])
    assert cli.exit_code == 1 and "Traceback" not in cli.output


def test_predict_markets_json_is_consistent() -> None:
    """``predict --markets --json``: double chance, draw no bet and AH 0 agree with the 1X2."""
    result = runner.invoke(app, ["predict", "Germany", "Japan", "--date", "2022-11-23",
                                 "--neutral", "--tournament", "FIFA World Cup", "--markets",
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    m = data["markets"]
    assert m["p_home_or_draw"] == pytest.approx(1 - m["p_away"])
    ah0 = next(a for a in m["asian_handicaps"] if a["line"] == 0.0)
    assert ah0["home"]["p_fair"] == pytest.approx(m["dnb_home"])
    assert [t["line"] for t in m["totals"]] == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]
    table = runner.invoke(app, ["predict", "Germany", "Japan", "--date", "2022-11-23",
                                "--neutral", "--markets"])
    assert "Asian handicap" in table.stdout and "exact scores" in table.stdout
