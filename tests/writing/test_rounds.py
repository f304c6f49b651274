"""Knockout rounds read back from the final, and the round a report gives its match."""

from __future__ import annotations

from collections import Counter

import pytest

from scoreline.data.store import Store
from scoreline.writing.claims import CONTRADICTED, SUPPORTED, UNCLEAR, check
from scoreline.writing.facts.lookup import edition_of, find_match
from scoreline.writing.facts.rounds import knockout_rounds, round_of


@pytest.mark.parametrize(("date", "home", "away", "expected"), [
    ("2022-12-18", "Argentina", "France", "final"),
    ("2022-12-17", "Croatia", "Morocco", "third-place match"),
    ("2022-12-10", "Morocco", "Portugal", "quarter-final"),
    ("2022-12-06", "Morocco", "Spain", "round of 16"),
    ("2022-11-23", "Germany", "Japan", "group stage"),
    ("2016-06-27", "England", "Iceland", "round of 16"),      # 24 teams, best thirds
    ("1986-06-22", "Argentina", "England", "quarter-final"),
    ("2021-07-10", "Argentina", "Brazil", "final"),            # 10 teams, quarter-finals
    ("2024-02-10", "Jordan", "Qatar", "final"),
])
def test_rounds_of_real_brackets(store: Store, date: str, home: str, away: str,
                                 expected: str) -> None:
    """Each match's round as the edition played it."""
    m = find_match(store, date, home, away)
    assert round_of(edition_of(store, m), m) == expected


def test_a_second_group_stage_is_no_bracket(store: Store) -> None:
    """1982: the second round was groups of three, so only the semi-finals and the final
    are a bracket, and Italy v Brazil (a second-round group match) gets no round; 1950's
    final pool names no semi-finals."""
    m = find_match(store, "1982-07-05", "Italy", "Brazil")
    rounds, full = knockout_rounds(edition_of(store, m))
    assert not full and Counter(rounds.values()) == {"final": 1, "semi-final": 2}
    assert round_of(edition_of(store, m), m) is None
    pool = find_match(store, "1950-07-13", "Brazil", "Spain")
    assert round_of(edition_of(store, pool), pool) is None


def test_2022_bracket_has_every_knockout_match(store: Store) -> None:
    """Qatar 2022: 8 + 4 + 2 + 1 knockout matches and a third-place match."""
    m = find_match(store, "2022-12-18", "Argentina", "France")
    rounds, full = knockout_rounds(edition_of(store, m))
    assert full and Counter(rounds.values()) == {
        "round of 16": 8, "quarter-final": 4, "semi-final": 2, "final": 1,
        "third-place match": 1}


def test_a_report_gives_its_match_the_right_or_wrong_round(store: Store) -> None:
    """Morocco v Spain 2022 was a round-of-16 tie: "in the last 16" is supported, "in the
    quarter-finals" with both teams and a result verb is contradicted, and "into the
    quarter-finals" (where the win led) is not read as this match's round."""
    base = "Morocco knocked out Spain on penalties in Al Rayyan on 6 December 2022"
    claims = [c for c in check(store, base + " in the last 16.").claims if c.kind == "stage"]
    assert [c.verdict for c in claims] == [SUPPORTED]
    wrong = [c for c in check(store, base + " in the quarter-finals.").claims
             if c.kind == "stage"]
    assert [c.verdict for c in wrong] == [CONTRADICTED]
    onward = [c for c in check(store, base + " to go into the quarter-finals.").claims
              if c.kind == "stage"]
    assert onward == []


def test_a_round_of_a_teams_run_is_not_contradicted(store: Store) -> None:
    """"Egypt had won shoot-outs in the last 16" in a report of the 2022 final names
    another round of Egypt's run: unclear, not contradicted."""
    text = ("Senegal beat Egypt on penalties in the Africa Cup of Nations final in Yaoundé on "
            "6 February 2022. Egypt had won shoot-outs in the last 16 and the semi-finals.")
    stage = [c for c in check(store, text).claims if c.kind == "stage"]
    assert stage and all(c.verdict in (UNCLEAR, SUPPORTED) for c in stage)


def test_the_round_of_another_match_found_in_the_data(store: Store) -> None:
    """In a report of Morocco v Portugal (2022 quarter-final), "they had knocked out Spain
    on penalties in the quarter-finals" names the wrong round of that match (a round-of-16
    tie): contradicted; "in the round of 16" is supported."""
    base = ("Morocco beat Portugal 1-0 in Doha on 10 December 2022. They had knocked out "
            "Spain on penalties in the {} before that.")
    wrong = [c for c in check(store, base.format("quarter-finals")).claims
             if c.kind == "stage" and "Spain" in (c.data_value or "")]
    assert [c.verdict for c in wrong] == [CONTRADICTED]
    right = [c for c in check(store, base.format("round of 16")).claims
             if c.kind == "stage" and "Spain" in (c.data_value or "")]
    assert [c.verdict for c in right] == [SUPPORTED]
