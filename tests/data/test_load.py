"""Loading the real data: counts, 90-minute scores, idempotence and snapshot changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

import scoreline
from scoreline.data.store import Store


def table_digest(store: Store) -> dict[str, str]:
    """A content hash of every data table (load history excluded)."""
    out = {}
    for table in ("matches", "goals", "shootouts", "former_names"):
        row = store.execute(f"SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) "
                            f"FROM {table} t")
        out[table] = str(row.iloc[0, 0])
    return out


def test_full_load_counts(store: Store) -> None:
    """All 49,520 matches, 47,914 goals and 682 of 683 shoot-outs land (one refers to
    a match absent from results.csv and is reported as a warning)."""
    info = store.info()
    assert info.matches == 49520
    assert info.goals == 47914
    assert info.shootouts == 682
    assert info.first_date.isoformat() == "1872-11-30"
    assert info.last_date.isoformat() == "2026-07-19"
    assert info.tournaments == 202
    assert info.last_load is not None
    assert info.last_load["source_commit"] == "65d212aac5deec5157071dcf6e9b05fce0223c84"
    assert any("Saare County" in w for w in info.last_load["warnings"])


def test_types(matches: pd.DataFrame, goals: pd.DataFrame) -> None:
    """Columns come back with real types: dates, integers, booleans, NA minutes."""
    assert str(matches["date"].dtype).startswith("datetime64")
    assert matches["home_score"].dtype == "int64"
    assert matches["neutral"].dtype == bool
    assert goals["minute"].dtype == "Int64"
    assert goals["minute"].isna().sum() == 254
    assert matches["match_id"].is_monotonic_increasing
    assert matches["date"].is_monotonic_increasing


def test_germany_japan(store: Store) -> None:
    """The guiding example is stored with its venue and three goals in order."""
    m = store.find_match("2022-11-23", "Germany", "Japan")
    assert (m.home_score, m.away_score, m.city, bool(m.neutral)) == (1, 2, "Al Rayyan", True)
    g = store.goals(match_id=int(m.match_id))
    assert list(g["scorer"]) == ["İlkay Gündoğan", "Ritsu Dōan", "Takuma Asano"]
    assert list(g["minute"]) == [33, 75, 83]
    assert list(g["penalty"]) == [True, False, False]
    assert (m.home_score_90, m.away_score_90, m.score_90_source) == (1, 2, "goal_minutes")


def test_ninety_minute_score_of_extra_time_matches(store: Store) -> None:
    """The 2022 final was 3-3 after extra time, 2-2 after 90, won by Argentina on penalties;
    the 2014 final was 1-0 after extra time and 0-0 after 90."""
    final = store.find_match("2022-12-18", "Argentina", "France")
    assert (final.home_score, final.away_score) == (3, 3)
    assert (final.home_score_90, final.away_score_90) == (2, 2)
    assert bool(final.extra_time) and final.shootout_winner == "Argentina"
    final14 = store.find_match("2014-07-13", "Germany", "Argentina")
    assert (final14.home_score_90, final14.away_score_90, bool(final14.extra_time)) == (0, 0, True)


def test_ninety_minute_flags(matches: pd.DataFrame) -> None:
    """Every match has a 90-minute status; only shoot-out matches without minutes are unknown."""
    counts = matches["score_90_source"].value_counts()
    assert set(counts.index) == {"goal_minutes", "no_goals", "assumed_final", "unknown"}
    unknown = matches[matches["score_90_source"] == "unknown"]
    assert unknown["home_score_90"].isna().all()
    assert unknown["shootout_winner"].notna().all()
    known = matches[matches["score_90_source"] != "unknown"]
    assert (known["home_score_90"] <= known["home_score"]).all()
    assert counts["goal_minutes"] > 15000


def test_matches_until_is_exclusive(store: Store) -> None:
    """``until=D`` returns only matches strictly before D; ``since`` is inclusive."""
    before = store.matches(until="2022-11-23")
    assert before["date"].max() < pd.Timestamp("2022-11-23")
    day = store.matches(since="2022-11-23", until="2022-11-24")
    assert {"Germany", "Spain", "Belgium", "Morocco"} <= set(day["home_team"])
    assert len(before) + len(store.matches(since="2022-11-23")) == 49520


def test_filters(store: Store) -> None:
    """Team filters accept aliases; tournament filters are case-insensitive."""
    usa = store.matches(team="USA", tournament="fifa world cup", since="2022-01-01",
                        until="2023-01-01")
    assert len(usa) == 4  # three group games and the round of 16
    assert (usa[["home_team", "away_team"]] == "United States").any(axis=1).all()


def test_reload_is_idempotent(tmp_path: Path, window_2022: Path) -> None:
    """Loading the same files twice leaves identical tables and reports no change."""
    with scoreline.open(tmp_path / "s.duckdb") as s:
        first = s.load(window_2022)
        digest = table_digest(s)
        second = s.load(window_2022)
        assert table_digest(s) == digest
        assert first.matches_added == first.matches > 1000
        assert (second.matches_added, second.matches_removed, second.matches_changed,
                second.goals_added, second.goals_removed) == (0, 0, 0, 0, 0)
        assert s.info().loads == 2


def test_newer_snapshot_adds_and_corrects(tmp_path: Path, window_2022: Path) -> None:
    """A newer snapshot with 5 more matches and one corrected score is reported as such."""
    old = tmp_path / "old"
    shutil.copytree(window_2022, old)
    lines = (old / "results.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    # The old snapshot lacks the last five matches and has a wrong score on line 2.
    first = lines[1].split(",")
    first[3] = str(int(first[3]) + 1)
    wrong = ",".join(first)
    goal_lines = (old / "goalscorers.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    keys = {",".join(ln.split(",")[:3]) for ln in lines[-5:]}
    goal_lines = [ln for ln in goal_lines if ",".join(ln.split(",")[:3]) not in keys]
    (old / "goalscorers.csv").write_text("".join(goal_lines), encoding="utf-8")
    (old / "results.csv").write_text("".join([lines[0], wrong, *lines[2:-5]]), encoding="utf-8")
    shoot = (old / "shootouts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    shoot = [ln for ln in shoot if ",".join(ln.split(",")[:3]) not in keys]
    (old / "shootouts.csv").write_text("".join(shoot), encoding="utf-8")
    with scoreline.open(tmp_path / "s.duckdb") as s:
        s.load(old)
        report = s.load(window_2022)
        assert (report.matches_added, report.matches_removed, report.matches_changed) == (5, 0, 1)
        info = s.info()
        assert info.last_load is not None and info.last_load["matches_added"] == 5
