"""Match replays on the real data: Germany 1-2 Japan minute by minute, bad and partial input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scoreline import api
from scoreline.errors import InvalidParameterError, UnknownMatchError
from scoreline.inplay.replay import MatchReplay, build_replay
from scoreline.inplay.replay_chart import save_replay_chart


@pytest.fixture(scope="module")
def germany_japan(store_path: Path, session_cache: Path) -> MatchReplay:
    mp = pytest.MonkeyPatch()
    mp.setenv("SCORELINE_CACHE", str(session_cache / "prematch"))
    try:
        return api.match_replay("2022-11-23", "Germany", "Japan", db=store_path)
    finally:
        mp.undo()


def test_germany_japan_story(germany_japan: MatchReplay) -> None:
    """Japan's win probability collapses after Gündoğan's 33' penalty and recovers with Dōan
    (75') and Asano (83'); its lowest point is just before the equaliser."""
    r = germany_japan
    m = r.match
    assert (m.home_team, m.away_team, m.home_score, m.away_score) == ("Germany", "Japan", 1, 2)
    assert r.prematch is not None and r.prematch.p_away < r.prematch.p_home
    assert r.prematch.trained_until <= "2022-11-23"
    g33, _g75, _g83 = r.goals
    assert (g33.minute, g33.team, g33.penalty) == (33, "Germany", True)
    assert g33.p_away is not None and g33.p_team_before is not None
    japan = {p.minute: p.p_away for p in r.timeline}
    assert japan[33] < 0.5 * japan[32] and japan[33] < 0.12  # collapse
    assert japan[74] < 0.05
    assert japan[75] > 2 * japan[74]  # Dōan
    assert japan[83] > 0.6 and japan[83] > 3 * japan[82]  # Asano
    assert japan[90] == pytest.approx(1.0)
    assert r.winner == "Japan" and r.decided_by == "90 minutes"
    assert r.winner_lowest_minute == 74 and r.winner_lowest_p == pytest.approx(japan[74])
    assert r.notes == []


def test_timeline_probabilities_sum_to_one(germany_japan: MatchReplay) -> None:
    """Every minute of the replay holds a probability distribution over the result."""
    frame = germany_japan.timeline_frame()
    assert list(frame["minute"]) == list(range(91))
    total = frame["p_home"] + frame["p_draw"] + frame["p_away"]
    assert ((total - 1.0).abs() < 1e-9).all()
    assert frame[["p_home", "p_draw", "p_away"]].stack().between(0, 1).all()


def test_chart_is_written(germany_japan: MatchReplay, tmp_path: Path) -> None:
    """The chart is saved as PNG and SVG."""
    paths = save_replay_chart(germany_japan, tmp_path / "gj.png")
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in paths[1].read_text(encoding="utf-8")[:500]


def test_unknown_match_suggests_nearest(store_path: Path) -> None:
    """A wrong date is an UnknownMatchError naming the real meeting and nearby matches."""
    with pytest.raises(UnknownMatchError) as err:
        api.match_replay("2022-11-24", "Germany", "Japan", db=store_path)
    assert "2022-11-23 Germany 1-2 Japan" in err.value.suggestions
    assert "2022-11-23 Germany 1-2 Japan" in str(err.value)


def test_teams_in_either_order(store_path: Path) -> None:
    """Naming the away side first finds the same match, with home/away as in the data."""
    r = api.match_replay("2022-11-23", "Japan", "Germany", db=store_path)
    assert (r.match.home_team, r.match.away_team) == ("Germany", "Japan")


def test_match_without_goal_minutes_has_forecast_and_note(store_path: Path) -> None:
    """Ghana 0-2 Tunisia (1985) has no goal list: a pre-match forecast, a note, no timeline,
    no chart."""
    r = api.match_replay("1985-01-01", "Ghana", "Tunisia", db=store_path, chart=None)
    assert r.prematch is not None
    assert not r.has_timeline and r.winner_lowest_p is None
    assert any("no goal list" in n for n in r.notes)
    with pytest.raises(InvalidParameterError, match="no chart"):
        save_replay_chart(r, Path("unused.png"))


def test_goal_list_that_does_not_add_up_is_not_guessed(store: object, matches: pd.DataFrame,
                                                       goals: pd.DataFrame) -> None:
    """With one goal missing from the list the replay reports it and draws no timeline."""
    row = store.find_match("2022-11-23", "Germany", "Japan")  # type: ignore[attr-defined]
    listed = goals[goals["match_id"] == row["match_id"]].iloc[:2]
    r = build_replay(row, matches, listed)
    assert not r.has_timeline
    assert any("does not" in n or "final score" in n for n in r.notes)
    assert len(r.goals) == 2 and r.prematch is not None


def test_extra_time_match_follows_the_result_after_extra_time(store_path: Path) -> None:
    """The 2022 final (3-3, Argentina on penalties) runs to 120' and counts the shoot-out as
    the draw; Argentina's chance of going through never fell below one half."""
    r = api.match_replay("2022-12-18", "Argentina", "France", db=store_path)
    assert r.match.extra_time and r.timeline[-1].minute == 120
    assert r.timeline[-1].p_draw == pytest.approx(1.0)
    assert r.winner == "Argentina" and r.decided_by == "shoot-out"
    assert r.winner_lowest_p is not None and 0.3 < r.winner_lowest_p <= 0.5 + 1e-9
