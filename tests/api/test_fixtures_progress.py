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
