"""``predict_fixtures`` reports its progress in fixtures, block by block."""

from __future__ import annotations

from pathlib import Path

from scoreline import api


def test_progress_counts_fixtures_to_the_total(tmp_path: Path) -> None:
    """Three fixtures on two days: progress rises block by block to (3, 3), and the
    forecasts are those of a run without a progress callback."""
    csv = tmp_path / "f.csv"
    csv.write_text("date,home_team,away_team,neutral\n2018-06-27,South Korea,Germany,true\n"
                   "2022-11-23,Germany,Japan,true\n2022-11-23,Spain,Costa Rica,true\n",
                   encoding="utf-8")
    calls: list[tuple[int, int]] = []
    result = api.predict_fixtures(csv, model="elo",
                                  progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (3, 3)]
    plain = api.predict_fixtures(csv, model="elo")
    assert result.rows() == plain.rows()


def test_played_fixture_named_the_other_way_round_is_forecast_at_its_venue(
        tmp_path: Path) -> None:
    """Without venue columns, Italy v North Macedonia (Palermo, 2022) forecast from either
    order gives the same probabilities with the sides swapped, at Italy's ground."""
    csv = tmp_path / "f.csv"
    csv.write_text("date,home_team,away_team\n2022-03-24,Italy,North Macedonia\n"
                   "2022-03-24,North Macedonia,Italy\n", encoding="utf-8")
    got = api.predict_fixtures(csv, model="elo")
    straight, flipped = got.frame.iloc[0], got.frame.iloc[1]
    assert flipped["home_team"] == "North Macedonia" and got.completed == 2
    assert abs(straight["p_home"] - flipped["p_away"]) < 1e-12
    assert abs(straight["home_xg"] - flipped["away_xg"]) < 1e-12
    assert straight["p_home"] > 0.6  # home advantage for Italy, the stronger side
