"""The facts behind stories and checks: editions, finals, group tables, goal roles, runs."""

from __future__ import annotations

import datetime as dt

from scoreline.writing.facts import edition_of, find_match, timeline
from scoreline.writing.facts import history as hist
from scoreline.writing.facts.lookup import finals_won
from scoreline.writing.facts.tables import find_group, group_table


def test_edition_opening_match_final_and_day_numbers(store) -> None:
    """The 2022 World Cup: 64 matches from Qatar-Ecuador on 20 Nov to the final on 18 Dec;
    Germany-Japan on day 4."""
    m = find_match(store, "2022-11-23", "Germany", "Japan")
    e = edition_of(store, m)
    assert (e.label, len(e.matches), e.start, e.end) == (
        "2022 FIFA World Cup", 64, dt.date(2022, 11, 20), dt.date(2022, 12, 18))
    opening = e.opening_match()
    assert (opening.home_team, opening.away_team) == ("Qatar", "Ecuador")
    final = e.final()
    assert final is not None and final.shootout_winner == "Argentina"
    assert e.day_number(m.date) == 4


def test_finals_won_counts_world_cup_titles(store) -> None:
    """World Cup finals won before 2023: Brazil 5, Germany 4, Italy 4, Argentina 3 — including
    1938 (final and third-place match on the same day) and 1950 (Uruguay-Brazil, the decisive
    last match of the final group)."""
    finals, unknown = finals_won(store, "FIFA World Cup", dt.date(2023, 1, 1))
    assert unknown == []
    assert (1950, "Uruguay") in finals and (1938, "Italy") in finals
    titles: dict[str, int] = {}
    for _, winner in finals:
        titles[winner] = titles.get(winner, 0) + 1
    assert titles["Brazil"] == 5 and titles["Germany"] == 4 and titles["Italy"] == 4
    assert titles["Argentina"] == 3 and titles["Spain"] == 1
    assert "Uruguay" in titles  # 1930


def test_group_inferred_and_table_points(store) -> None:
    """Group E 2022 is found from who played whom; after all three rounds points = 3W + D and
    Japan top it, Spain second."""
    m = find_match(store, "2022-12-01", "Japan", "Spain")
    e = edition_of(store, m)
    group = find_group(e, m)
    assert group == ["Costa Rica", "Germany", "Japan", "Spain"]
    table = group_table(e, group, m.date)
    assert [r.team for r in table][:2] == ["Japan", "Spain"]
    assert all(r.points == 3 * r.wins + r.draws and r.played == 3 for r in table)
    final = find_match(store, "2022-12-18", "Argentina", "France")
    assert find_group(e, final) is None


def test_goal_roles_in_the_2022_final(store) -> None:
    """3-3 after extra time: opener Messi 23', equalisers 81' and 118', no winner (a draw)."""
    m = find_match(store, "2022-12-18", "Argentina", "France")
    tl = timeline(store, m)
    assert tl.known and len(tl.goals) == 6
    assert [g.minute for g in tl.by_role("opener")] == [23]
    assert [g.minute for g in tl.by_role("equaliser")] == [81, 118]
    assert tl.by_role("winner") == []
    assert tl.running_scores()[-1] == (3, 3)


def test_runs_and_records_before_a_match(store) -> None:
    """Argentina were unbeaten in 36 before losing to Saudi Arabia; results use only earlier days."""
    m = find_match(store, "2022-11-22", "Argentina", "Saudi Arabia")
    res = hist.team_results(store, "Argentina", m.date)
    assert (res["date"] < "2022-11-22").all()
    assert hist.runs(res)["unbeaten"] == 36
    rec = hist.record(hist.against(res, ["Saudi Arabia"]))
    assert (rec.played, rec.wins, rec.draws, rec.losses) == (4, 2, 2, 0)
