"""Options on the default goal model: margin cap, mismatch damping, context stacking."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError
from scoreline.forecast.markets import markets
from scoreline.models.adjusted import (
    TUNED_STACKING,
    AdjustedEloDixonColes,
    cap_margins,
    match_context,
)
from scoreline.models.combined import EloDixonColes

SINCE, UNTIL = "2016-01-01", "2022-11-20"


@pytest.fixture(scope="module")
def window(matches: pd.DataFrame) -> pd.DataFrame:
    """Matches of 2016-01-01..2022-11-19 (a small window keeps the fits quick)."""
    m = matches[(matches["date"] >= SINCE) & (matches["date"] < UNTIL)]
    return m.reset_index(drop=True)


def fixtures() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.Timestamp("2022-11-23"),
        "home_team": ["Germany", "England", "Qatar", "Spain"],
        "away_team": ["Japan", "Iran", "Ecuador", "Costa Rica"],
        "neutral": [True, True, False, True],
        "tournament": ["FIFA World Cup", "FIFA World Cup", "FIFA World Cup", "Friendly"],
    })


def test_without_options_it_is_the_default_model(window: pd.DataFrame) -> None:
    """No option set: the forecasts are exactly those of EloDixonColes()."""
    plain = EloDixonColes().fit(window).predict(fixtures())
    adjusted = AdjustedEloDixonColes().fit(window).predict(fixtures())
    np.testing.assert_allclose(adjusted.grids, plain.grids, atol=1e-12)


def test_margin_cap_lowers_only_the_winners_goals() -> None:
    """7-0 becomes 3-0 and 1-6 becomes 1-4 under caps 3 and 3; 2-1 and unknown scores stay."""
    frame = pd.DataFrame({"home_score_90": pd.array([7, 1, 2, None], dtype="Int64"),
                          "away_score_90": pd.array([0, 6, 1, None], dtype="Int64")})
    out = cap_margins(frame, 3)
    assert out["home_score_90"].tolist()[:3] == [3, 1, 2]
    assert out["away_score_90"].tolist()[:3] == [0, 4, 1]
    assert out["home_score_90"].isna().iloc[3]
    assert frame["home_score_90"].iloc[0] == 7  # the input is not changed


def test_mismatch_damping_moves_germany_japan_towards_the_favourite(window: pd.DataFrame) -> None:
    """Damping matches between very unequal sides lowers the weight of Japan's wins over
    weak Asian sides: Germany's chance rises."""
    fx = fixtures().iloc[:1]
    base = EloDixonColes().fit(window).predict(fx).p_home[0]
    damped = AdjustedEloDixonColes(mismatch_scale=300).fit(window).predict(fx).p_home[0]
    assert damped > base + 0.01


def test_venue_offsets_shift_rates_by_venue(window: pd.DataFrame) -> None:
    """With venue offsets the fitted home advantage adapts (it no longer carries the whole
    home effect); the rates move by e**c_home at home, e**c_neutral at a neutral friendly
    and not at all at a neutral World Cup match."""
    plain = AdjustedEloDixonColes().fit(window)
    shifted = AdjustedEloDixonColes(venue_offsets=(0.12, 0.06)).fit(window)
    assert shifted.home_advantage_ < plain.home_advantage_
    fx = fixtures()
    lam_h, lam_a = shifted.expected_goals(fx)
    base_h, base_a = super(AdjustedEloDixonColes, shifted).expected_goals(fx)
    np.testing.assert_allclose(lam_h / base_h, np.exp([0.0, 0.0, 0.12, 0.06]))
    np.testing.assert_allclose(base_a / lam_a, np.exp([0.0, 0.0, 0.12, 0.06]))
    assert shifted.get_params()["venue_offsets"] == [0.12, 0.06]


def test_stacking_keeps_every_market_consistent(window: pd.DataFrame) -> None:
    """With the tuned stacking the grids sum to one, the expected goals are the grids'
    means, a positive home tilt raises the home side's chance, and the markets agree."""
    plain = AdjustedEloDixonColes().fit(window)
    stacked = AdjustedEloDixonColes(stacking=TUNED_STACKING).fit(window)
    fc = stacked.predict(fixtures())
    np.testing.assert_allclose(fc.grids.sum(axis=(1, 2)), 1.0, atol=1e-12)
    goals = np.arange(fc.grids.shape[1])
    np.testing.assert_allclose(fc.expected_home_goals, fc.grids.sum(axis=2) @ goals)
    qatar = 2  # tournament at home: tilt 0.042 > 0 and some Elo weight
    tilt_only = AdjustedEloDixonColes(stacking={"tournament-home": (0.0, 0.2)}).fit(window)
    assert tilt_only.predict(fixtures()).p_home[qatar] > plain.predict(fixtures()).p_home[qatar]
    m = markets(fc.grids[0])
    assert m.p_home == pytest.approx(fc.p_home[0])


def test_contexts_and_bad_options() -> None:
    """Contexts from tournament and venue; bad caps, scales and stacking tables fail."""
    assert match_context(fixtures()).tolist() == [
        "tournament-neutral", "tournament-neutral", "tournament-home", "friendly-neutral"]
    qual = pd.DataFrame({"tournament": ["UEFA Euro qualification"], "neutral": [False]})
    assert match_context(qual).tolist() == ["qualification-home"]
    with pytest.raises(InvalidParameterError, match="margin_cap"):
        AdjustedEloDixonColes(margin_cap=0)
    with pytest.raises(InvalidParameterError, match="mismatch_scale"):
        AdjustedEloDixonColes(mismatch_scale=-1.0)
    with pytest.raises(InvalidParameterError, match="venue_offsets"):
        AdjustedEloDixonColes(venue_offsets=(0.1,))  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="unknown stacking context"):
        AdjustedEloDixonColes(stacking={"cup-final": (0.1, 0.0)})
    with pytest.raises(InvalidParameterError, match="weight must be in"):
        AdjustedEloDixonColes(stacking={"friendly-home": (1.5, 0.0)})


def test_inter_confederation_scale_shrinks_residuals_only_across_confederations(
        window: pd.DataFrame) -> None:
    """Scale 1 changes nothing; scale 0.5 halves the residual team effects in Germany v
    Japan (UEFA v AFC) and leaves France v Belgium (both UEFA) as it was."""
    fx = pd.DataFrame({"date": pd.Timestamp("2022-11-23"),
                       "home_team": ["Germany", "France"], "away_team": ["Japan", "Belgium"],
                       "neutral": [True, True], "tournament": ["FIFA World Cup"] * 2})
    plain = AdjustedEloDixonColes().fit(window)
    base_h, base_a = plain.expected_goals(fx)
    same = AdjustedEloDixonColes(inter_confederation_scale=1.0).fit(window)
    np.testing.assert_allclose(same.expected_goals(fx)[0], base_h)
    half = AdjustedEloDixonColes(inter_confederation_scale=0.5).fit(window)
    lam_h, lam_a = half.expected_goals(fx)
    assert lam_h[1] == pytest.approx(base_h[1]) and lam_a[1] == pytest.approx(base_a[1])
    residual = {t: (half.attack_[t] - half.confederation_attack_[c],
                    half.defence_[t] - half.confederation_defence_[c])
                for t, c in (("Germany", "UEFA"), ("Japan", "AFC"))}
    expected_h = base_h[0] * np.exp(-0.5 * (residual["Germany"][0] - residual["Japan"][1]))
    expected_a = base_a[0] * np.exp(-0.5 * (residual["Japan"][0] - residual["Germany"][1]))
    assert lam_h[0] == pytest.approx(expected_h) and lam_a[0] == pytest.approx(expected_a)
    assert half.get_params()["inter_confederation_scale"] == 0.5
    asian = AdjustedEloDixonColes(inter_confederation_scale={"AFC": 0.5}).fit(window)
    only_japan = asian.expected_goals(fx)
    assert only_japan[0][0] == pytest.approx(base_h[0] * np.exp(0.5 * residual["Japan"][1]))
    assert only_japan[1][0] == pytest.approx(base_a[0] * np.exp(-0.5 * residual["Japan"][0]))
    with pytest.raises(InvalidParameterError, match="inter_confederation_scale"):
        AdjustedEloDixonColes(inter_confederation_scale=3.5)
    with pytest.raises(InvalidParameterError, match="unknown confederation"):
        AdjustedEloDixonColes(inter_confederation_scale={"Asia": 0.5})


def test_stacking_slope_sharpens_the_favourite(window: pd.DataFrame) -> None:
    """A positive slope on the log rate ratio raises the favourite's chance (Spain at home
    to Costa Rica in a friendly) and keeps the grid a distribution; a table entry of the
    wrong length fails."""
    fx = fixtures().iloc[3:].assign(neutral=False)
    plain = AdjustedEloDixonColes().fit(window).predict(fx)
    sharper = AdjustedEloDixonColes(stacking={"friendly-home": (0.0, 0.0, 0.2)}).fit(window)
    fc = sharper.predict(fx)
    assert fc.p_home[0] > plain.p_home[0] + 0.01
    np.testing.assert_allclose(fc.grids.sum(axis=(1, 2)), 1.0, atol=1e-12)
    with pytest.raises(InvalidParameterError, match="slope"):
        AdjustedEloDixonColes(stacking={"friendly-home": (0.0, 0.1, 0.2, 0.3)})
