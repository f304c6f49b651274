"""The on-disk cache of live fixtures follows the store: additions, removals and updates
are never answered from an older state."""

from __future__ import annotations

from pathlib import Path

import scoreline
from scoreline import api
from tests.data.conftest import write_window


def test_live_fixture_cache_follows_the_store_within_one_process(tmp_path: Path,
                                                                  data_dir: Path) -> None:
    """A fixture asked about, then added as a result (``data add``), then removed, is each
    time answered from the store as it is then, in one process (where DuckDB's writes sit
    in its write-ahead log until the store is closed)."""
    db = tmp_path / "s.duckdb"
    with scoreline.open(db) as s:
        s.load(write_window(data_dir, tmp_path / "w", ("2021",)))
    ask = {"date": "2022-01-05", "minute": 10, "score": "0-0", "db": db}
    before = api.live_match("Malta", "Spain", **ask)
    assert before.match_id is None and before.prematch.source == "fitted"
    assert api.live_match("Malta", "Spain", **ask) == before  # a repeat: from the cache

    mine = tmp_path / "tonight.csv"
    mine.write_text("date,home_team,away_team,home_score,away_score,tournament,city,country,"
                    "neutral\n2022-01-05,Malta,Spain,1,0,Friendly,Ta' Qali,Malta,FALSE\n",
                    encoding="utf-8")
    api.add_matches(mine, db=db)
    added = api.live_match("Malta", "Spain", **ask)
    assert added.match_id is not None and added.prematch.source == "walk-forward"

    api.remove_matches("tonight.csv", db=db)
    removed = api.live_match("Malta", "Spain", **ask)
    assert removed.match_id is None and removed.prematch.source == "fitted"
