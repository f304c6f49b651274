"""Comebacks at the 2022 World Cup: ranked by the eventual winner's lowest win probability."""

from __future__ import annotations

from pathlib import Path

from scoreline import api


def test_world_cup_2022_comebacks(store_path: Path) -> None:
    """Saudi Arabia and Japan (both from 0-1 down) are among the top five comebacks of 2022;
    only wins from behind are ranked (8 at that tournament), sorted by the low point, and no
    low point is above kick-off."""
    ranking = api.comebacks(tournament="FIFA World Cup", year=2022, top=None, db=store_path)
    rows = ranking.comebacks
    assert ranking.wins_with_timeline == len(rows) == 8
    lows = [c.lowest_p for c in rows]
    assert lows == sorted(lows)
    assert all(c.lowest_p <= c.p_winner_prematch + 1e-12 for c in rows)
    top5 = {(c.winner, c.match.date.isoformat()) for c in rows[:5]}
    assert ("Saudi Arabia", "2022-11-22") in top5
    assert ("Japan", "2022-11-23") in top5
    japan = next(c for c in rows if c.winner == "Japan" and c.loser == "Germany")
    assert (japan.lowest_minute, japan.winner_goals_then, japan.loser_goals_then) == (74, 0, 1)
    assert japan.lowest_p < 0.05
    # a shoot-out is not a win: the final is not ranked, Argentina's extra-time wins would be
    assert not any(c.match.home_team == "Argentina" and c.match.away_team == "France" for c in rows)
