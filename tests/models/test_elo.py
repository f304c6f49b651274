"""World Football Elo: the update against hand-computed examples, its invariants, and forecasts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreline.errors import DataValidationError, InvalidParameterError, NotFittedError
from scoreline.models.elo import Elo, elo_change


def frame(rows: list[tuple[str, str, str, int, int, str, bool]]) -> pd.DataFrame:
    """A matches frame from (date, home, away, home_score, away_score, tournament, neutral)."""
    out = pd.DataFrame(
        rows,
        columns=["date", "home_team", "away_team", "home_score", "away_score", "tournament",
                 "neutral"],
    )
    out["date"] = pd.to_datetime(out["date"])
    return out


def test_hand_example_neutral_two_goal_win() -> None:
    """2000 v 1900 at a neutral venue, World Cup (K=60), 2-0: W_e = 1/(10^(-100/400)+1) =
    0.6401, G = 1.5, change = 60 * 1.5 * 0.3599 = 32.39 -> 32 points."""
    assert elo_change(2000, 1900, 2, 0, 60, neutral=True) == 32.0


def test_hand_example_home_advantage_and_upset() -> None:
    """1500 at home v 1500, friendly (K=20), away win 0-1: dr = +100, W_e = 0.6401,
    change = 20 * (0 - 0.6401) = -12.8 -> -13 (the home team loses 13)."""
    assert elo_change(1500, 1500, 0, 1, 20, neutral=False) == -13.0


def test_hand_example_big_margin() -> None:
    """Equal teams, neutral, K=40, 5-0: G = 1.75 + (5-3)/8 = 2.0, change = 40*2*0.5 = 40."""
    assert elo_change(1700, 1700, 5, 0, 40, neutral=True) == 40.0
    assert elo_change(1700, 1700, 3, 0, 40, neutral=True) == 35.0  # 40 * 1.75 * 0.5


def test_draw_between_unequal_teams_and_rounding() -> None:
    """A 1-1 draw moves points to the weaker side: 1800 v 1600 neutral, K=50:
    W_e = 0.7597, change = 50 * (0.5 - 0.7597) = -12.99 -> -13; unrounded it is exact."""
    assert elo_change(1800, 1600, 1, 1, 50, neutral=True) == -13.0
    raw = elo_change(1800, 1600, 1, 1, 50, neutral=True, round_change=False)
    assert raw == pytest.approx(50 * (0.5 - 1 / (10 ** (-200 / 400) + 1)))


def test_shootout_counts_as_a_draw() -> None:
    """A match decided on penalties is stored as a draw after extra time and rated as one,
    whoever won the shoot-out."""
    m = frame([("2022-12-18", "Argentina", "France", 3, 3, "FIFA World Cup", True)])
    model = Elo().fit(m)
    assert model.ratings_["Argentina"] == model.ratings_["France"] == 1500.0


def test_home_bonus_only_at_home() -> None:
    """The +100 goes to the real home team: the same 1-0 home win between new teams earns
    fewer points at home than at a neutral venue."""
    home = Elo().fit(frame([("2000-01-01", "A", "B", 1, 0, "Friendly", False)]))
    neutral = Elo().fit(frame([("2000-01-01", "A", "B", 1, 0, "Friendly", True)]))
    assert home.ratings_["A"] - 1500 == 7.0  # 20 * (1 - 0.6401) = 7.2 -> 7
    assert neutral.ratings_["A"] - 1500 == 10.0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 7), st.integers(0, 7),
                  st.sampled_from(["Friendly", "FIFA World Cup", "Gulf Cup"]), st.booleans()),
        min_size=1, max_size=60,
    )
)
def test_updates_are_zero_sum(games: list[tuple[int, int, int, int, str, bool]]) -> None:
    """Whatever the results, every point one team gains the other loses: the mean rating
    stays at the initial rating."""
    rows = [(f"2000-01-{1 + i % 28:02d}", f"T{h}", f"T{a if a != h else (h + 1) % 6}", hs, as_,
             t, n) for i, (h, a, hs, as_, t, n) in enumerate(games)]
    rows.sort(key=lambda r: r[0])
    model = Elo().fit(frame(rows))
    assert model.ratings_.mean() == pytest.approx(1500.0)
    assert (model.history_["home_rating_after"] + model.history_["away_rating_after"]).to_numpy() == \
        pytest.approx((model.history_["home_rating_before"]
                       + model.history_["away_rating_before"]).to_numpy())


def test_parameters_are_validated_at_construction() -> None:
    """Bad hyper-parameters fail at once with the value in the message."""
    with pytest.raises(InvalidParameterError, match="home_advantage"):
        Elo(home_advantage=-5)
    with pytest.raises(InvalidParameterError, match="link_window_days"):
        Elo(link_window_days=3)
    with pytest.raises(NotFittedError, match="fit"):
        _ = Elo().ratings_


def test_bad_matches_are_rejected() -> None:
    """Missing columns and a team playing itself are reported with the row."""
    with pytest.raises(DataValidationError, match="tournament"):
        Elo().fit(frame([("2000-01-01", "A", "B", 1, 0, "Friendly", True)]).drop(
            columns="tournament"))
    with pytest.raises(DataValidationError, match="row 0: 'A' plays itself"):
        Elo().fit(frame([("2000-01-01", "A", "A", 1, 0, "Friendly", True)]))


@pytest.fixture(scope="module")
def elo_2022(matches: pd.DataFrame) -> Elo:
    """Elo fitted on every match before the 2022 World Cup's Germany-Japan day."""
    return Elo().fit(matches[matches["date"] < "2022-11-23"])


def test_real_ratings_are_football_sensible(elo_2022: Elo) -> None:
    """Before Germany-Japan 2022, Brazil and Argentina are in the top five, Germany is
    above Japan, and ratings span a realistic range."""
    r = elo_2022.ratings_
    assert {"Brazil", "Argentina"} <= set(r.index[:5])
    assert r["Germany"] > r["Japan"]
    assert 2000 < r.iloc[0] < 2400 and r.iloc[-1] < 1200


def test_germany_japan_forecast(elo_2022: Elo) -> None:
    """Japan is the clear underdog at a neutral venue; the 1X2 sums to one and the score
    grid agrees with it exactly."""
    fx = pd.DataFrame({"date": [pd.Timestamp("2022-11-23")], "home_team": ["Germany"],
                       "away_team": ["Japan"], "neutral": [True], "tournament": ["FIFA World Cup"]})
    f = elo_2022.predict(fx)
    assert f.p_home[0] > 0.45 and f.p_away[0] < 0.3
    assert f.p_home[0] + f.p_draw[0] + f.p_away[0] == pytest.approx(1.0)
    assert f.outcomes[0] == pytest.approx(elo_2022.link_.predict(
        np.array([elo_2022.ratings_["Germany"] - elo_2022.ratings_["Japan"]]), np.array([0.0]))[0])
    assert 1.0 < f.expected_home_goals[0] + f.expected_away_goals[0] < 4.0


def test_ratings_at_matches_a_fit_on_the_prefix(matches: pd.DataFrame, elo_2022: Elo) -> None:
    """ratings_at(D) of a model fitted later equals the ratings of a fit on matches before D."""
    later = Elo().fit(matches[matches["date"] < "2023-06-01"])
    assert later.ratings_at("2022-11-23").sort_index().equals(elo_2022.ratings_.sort_index())


def test_warm_start_and_update_equal_a_cold_fit(matches: pd.DataFrame) -> None:
    """Refitting with more matches (warm start) or feeding them one by one with update()
    gives exactly the ratings of a cold fit."""
    part = matches[(matches["date"] >= "2010-01-01") & (matches["date"] < "2012-01-01")]
    first = part.iloc[:1900]
    warm = Elo().fit(first).fit(part)
    cold = Elo(warm_start=False).fit(part)
    online = Elo().fit(first)
    online.update(part.iloc[1900:1950])
    for i in range(1950, len(part)):
        online.update(part.iloc[i])
    assert warm.ratings_.sort_index().equals(cold.ratings_.sort_index())
    assert online.ratings_.sort_index().equals(cold.ratings_.sort_index())
    assert warm.link_.beta == pytest.approx(cold.link_.beta, rel=1e-6)


def test_unknown_team_gets_the_initial_rating(elo_2022: Elo) -> None:
    """A team never seen is rated at the initial 1500 instead of failing the batch."""
    assert elo_2022.team_ratings(np.array(["Atlantis"]))[0] == 1500.0


def test_warm_start_from_another_model_equals_a_cold_fit(matches: pd.DataFrame) -> None:
    """fit(matches, warm_start=other) runs only the new matches from a copy of the other
    model's state: the ratings of a cold fit, and the other model keeps its own."""
    part = matches[(matches["date"] >= "2010-01-01") & (matches["date"] < "2012-01-01")]
    first = Elo().fit(part.iloc[:1900])
    before = first.ratings_.copy()
    warm = Elo().fit(part, warm_start=first)
    cold = Elo(warm_start=False).fit(part)
    assert warm.ratings_.sort_index().equals(cold.ratings_.sort_index())
    assert len(warm.history_) == len(part)
    pd.testing.assert_series_equal(first.ratings_, before)
    assert len(first.history_) == 1900


def test_model_read_from_json_rates_and_updates(matches: pd.DataFrame) -> None:
    """An Elo read back from JSON has the same ratings and forecasts and applies new
    matches with update() exactly as the original does; it says that it has no match
    history instead of showing a partial one."""
    original = Elo().fit(matches[matches["date"] < "2022-11-20"])
    again = Elo.from_json(original.to_json())
    assert again.ratings_.equals(original.ratings_)
    new = matches[(matches["date"] >= "2022-11-20") & (matches["date"] < "2022-11-23")]
    np.testing.assert_array_equal(again.predict(new).grids, original.predict(new).grids)
    assert again.update(new).ratings_.equals(original.update(new).ratings_)
    with pytest.raises(NotFittedError, match="history"):
        _ = again.history_
    assert len(Elo().fit(new, warm_start=again).history_) == len(new)  # a fit starts afresh
