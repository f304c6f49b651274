"""Matches in play: parsing typed states, the state equals the replay, impossible states fail."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from scoreline import api
from scoreline.errors import InvalidParameterError
from scoreline.inplay.live import (
    LiveGoal,
    Side,
    goals_text,
    live_state,
    parse_goals,
    parse_minute,
    parse_score,
)
from scoreline.inplay.replay import MatchReplay
from scoreline.models.adjusted import TUNED_VENUE_OFFSETS

GERMANY_JAPAN_GOALS = "33:HOME:Gündoğan:pen,75:AWAY:Dōan,83:Japan:Asano"


@pytest.fixture(scope="module")
def germany_japan(store_path: Path, session_cache: Path) -> MatchReplay:
    mp = pytest.MonkeyPatch()
    mp.setenv("SCORELINE_CACHE", str(session_cache / "prematch"))
    try:
        return api.match_replay("2022-11-23", "Germany", "Japan", db=store_path)
    finally:
        mp.undo()


def test_parse_minute_folds_stoppage_time() -> None:
    """Typed minutes fold stoppage time into the minute they extend, as the data do."""
    assert [parse_minute(t) for t in ("74", "45+2", "90+3'", "0", "120+1")] == [74, 45, 90, 0, 120]
    for bad in ("x", "121", "-3", ""):
        with pytest.raises(InvalidParameterError):
            parse_minute(bad)


def test_parse_score_and_goals() -> None:
    """Scores are home first; goals take HOME/AWAY or a team name, scorer and flags, and
    come back in minute order; the text round-trips."""
    assert parse_score("0-1") == (0, 1) and parse_score(" 2:2 ") == (2, 2)
    goals = parse_goals("75:away:Dōan,33:HOME:Gündoğan:pen,80:Germany::og", "Germany", "Japan")
    assert goals == [
        LiveGoal(33, Side.HOME, "Gündoğan", penalty=True),
        LiveGoal(75, Side.AWAY, "Dōan"),
        LiveGoal(80, Side.HOME, None, own_goal=True),
    ]
    assert parse_goals(goals_text(goals)) == goals


@pytest.mark.parametrize("text, expected", [
    ("33", "MINUTE:SIDE"), ("33:LEFT:x", "side 'LEFT'"), ("abc:HOME", "not a minute"),
    ("0:HOME", "1 or later"),
])
def test_bad_goals_say_which_goal(text: str, expected: str) -> None:
    """A malformed goal is an InvalidParameterError naming the goal and what was expected."""
    with pytest.raises(InvalidParameterError, match=expected):
        parse_goals(text, "Germany", "Japan")


def test_bad_scores() -> None:
    """A score that is not two numbers fails with the expected form."""
    with pytest.raises(InvalidParameterError, match="HOME-AWAY"):
        parse_score("one-nil")


@pytest.mark.parametrize("kwargs, expected", [
    ({"minute": 100, "home_goals": 1, "away_goals": 1}, "knockout"),
    ({"minute": 50, "home_goals": 1, "away_goals": 0, "goals": [LiveGoal(60, Side.HOME)]},
     "after minute 50"),
    ({"minute": 70, "home_goals": 2, "away_goals": 0, "goals": [LiveGoal(60, Side.HOME)]},
     "add up to 1-0"),
    ({"minute": 100, "knockout": True, "goals": [LiveGoal(60, Side.HOME)]},
     "after 90 minutes was 1-0"),
    ({"minute": 0, "home_goals": 1, "away_goals": 0}, "kick-off"),
    ({"minute": 30}, "score or the goals"),
])
def test_impossible_states_fail(kwargs: dict[str, object], expected: str) -> None:
    """States a match cannot be in are refused with a reason."""
    with pytest.raises(InvalidParameterError, match=expected):
        live_state(1.4, 1.0, **kwargs)  # type: ignore[arg-type]


def test_state_without_goals_equals_state_with_them() -> None:
    """The probabilities now depend only on the minute and the score, not on when the goals
    came (the lattice is a Markov chain on the goal difference)."""
    goals = [LiveGoal(10, Side.AWAY), LiveGoal(60, Side.HOME), LiveGoal(61, Side.AWAY)]
    with_goals = live_state(1.3, 1.1, minute=70, goals=goals)
    score_only = live_state(1.3, 1.1, minute=70, home_goals=1, away_goals=2)
    assert with_goals.now == pytest.approx(score_only.now) or with_goals.now == score_only.now
    assert len(with_goals.curve) == 71 and score_only.curve == []
    assert with_goals.curve[9].p_away < with_goals.curve[10].p_away


@pytest.mark.parametrize("minute, score", [(74, "1-0"), (83, "1-2"), (45, "1-0"), (90, "1-2")])
def test_germany_japan_equals_the_replay(germany_japan: MatchReplay, minute: int,
                                         score: str) -> None:
    """Entered live, Germany-Japan at 74' (Germany 1-0 up, Japan's low point) and at 83'
    (1-2 after Asano) gives exactly the replay's probabilities at that minute."""
    live = api.live_match("Germany", "Japan", date="2022-11-23", minute=minute, score=score)
    point = germany_japan.timeline[minute]
    assert (live.home_goals, live.away_goals) == (point.home_goals, point.away_goals)
    assert (live.p_home, live.p_draw, live.p_away) == pytest.approx(
        (point.p_home, point.p_draw, point.p_away), abs=1e-12)
    assert live.match_id == germany_japan.match.match_id and live.prematch.source == "walk-forward"
    assert live.prematch.p_home == pytest.approx(germany_japan.prematch.p_home)  # type: ignore[union-attr]


def test_germany_japan_curve_equals_the_replay(germany_japan: MatchReplay, tmp_path: Path) -> None:
    """With the goals entered, the whole curve up to 83' is the replay's, each goal carries
    the replay's probabilities, and the chart is drawn."""
    live = api.live_match("Germany", "Japan", date="2022-11-23", minute=83,
                          goals=GERMANY_JAPAN_GOALS, chart=tmp_path / "live.png")
    assert [p.minute for p in live.curve] == list(range(84))
    for mine, theirs in zip(live.curve, germany_japan.timeline, strict=False):
        assert (mine.p_home, mine.p_away) == pytest.approx((theirs.p_home, theirs.p_away),
                                                          abs=1e-12)
    assert [(g.minute, g.team) for g in live.goals] == [
        (33, "Germany"), (75, "Japan"), (83, "Japan")]
    assert live.goals[1].p_draw == pytest.approx(germany_japan.goals[1].p_draw)
    assert live.goals_text == "33:HOME:Gündoğan:pen,75:AWAY:Dōan,83:AWAY:Asano"
    assert [Path(c).suffix for c in live.charts] == [".png", ".svg"]
    assert Path(live.charts[0]).read_bytes()[:4] == b"\x89PNG"


def test_knockout_in_extra_time_equals_the_replay(store_path: Path) -> None:
    """The 2022 final at 100' (2-2 in extra time) gives the replay's result after extra
    time, the shoot-out chance, and advance chances that sum to one."""
    replay = api.match_replay("2022-12-18", "Argentina", "France", db=store_path)
    live = api.live_match("Argentina", "France", date="2022-12-18", minute=100, score="2-2",
                          knockout=True)
    point = replay.timeline[100]
    assert (point.home_goals, point.away_goals) == (2, 2) and live.period == "extra time"
    assert (live.p_home, live.p_draw, live.p_away) == pytest.approx(
        (point.p_home, point.p_draw, point.p_away), abs=1e-12)
    assert live.p_shootout == pytest.approx(point.p_draw)
    assert live.p_home_advance is not None and live.p_away_advance is not None
    assert live.p_home_advance + live.p_away_advance == pytest.approx(1.0)
    assert live.p_home_advance == pytest.approx(point.p_home + 0.5 * point.p_draw)


def test_knockout_normal_time_gives_advance_and_90_minute_result() -> None:
    """In normal time of a knockout the 1X2 is the 90-minute result and the side ahead is
    likelier to go through than to win in 90 minutes (extra time adds chances)."""
    state = live_state(1.2, 1.2, minute=80, home_goals=1, away_goals=0, knockout=True)
    plain = live_state(1.2, 1.2, minute=80, home_goals=1, away_goals=0)
    assert state.now.p_home == pytest.approx(plain.now.p_home)
    assert state.now.p_home_advance is not None and state.now.p_home_advance > state.now.p_home
    assert state.p_shootout is not None and 0 < state.p_shootout < state.now.p_draw


def test_fixture_not_in_store_uses_a_fit_before_the_day(store_path: Path) -> None:
    """A fixture after the data gets the pre-match forecast of ``predict_match`` for its day
    (a fit on every match before it). At a neutral venue outside a tournament the default
    model gives the first-named side a small edge (its venue offsets), so swapping home and
    away favours whichever side is named first, by the same edge both ways."""
    a = api.live_match("Spain", "Brazil", minute=60, score="0-0", neutral=True)
    b = api.live_match("Brazil", "Spain", minute=60, score="0-0", neutral=True)
    assert a.match_id is None and a.prematch.source == "fitted"
    pre = api.predict_match("Spain", "Brazil", date=a.date, neutral=True)
    assert (a.prematch.p_home, a.prematch.p_away) == pytest.approx((pre.p_home, pre.p_away))
    assert a.prematch.p_home > b.prematch.p_away and b.prematch.p_home > a.prematch.p_away
    edge_spain = a.prematch.home_xg / a.prematch.away_xg
    edge_brazil = b.prematch.away_xg / b.prematch.home_xg
    assert edge_spain / edge_brazil == pytest.approx(math.exp(4 * TUNED_VENUE_OFFSETS[1]))
    assert a.p_draw > a.prematch.p_draw  # an hour without goals makes a draw likelier
