"""The Elo + Dixon–Coles model and the model registry (``get_model``, ``default_model``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scoreline import models
from scoreline.errors import FormatError, InvalidParameterError
from scoreline.models.combined import EloDixonColes
from scoreline.models.dixon_coles import DixonColes

UNTIL = "2022-11-20"


@pytest.fixture(scope="module")
def history(matches: pd.DataFrame) -> pd.DataFrame:
    """Every match before the 2022 World Cup's first match day."""
    return matches[matches["date"] < UNTIL].reset_index(drop=True)


@pytest.fixture(scope="module")
def fitted(history: pd.DataFrame) -> EloDixonColes:
    """EloDixonColes fitted on the whole history before 2022-11-20."""
    return EloDixonColes().fit(history)


def fixtures(home: list[str], away: list[str], neutral: bool = True) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.Timestamp("2022-11-23"), "home_team": home, "away_team": away,
                         "neutral": neutral, "tournament": "FIFA World Cup"})


def test_fit_is_sensible(fitted: EloDixonColes) -> None:
    """Converged; goals rise with the Elo difference (beta 0.5-1.2 per 400 points); home
    advantage and rho in football ranges; an average match has 2-3 goals."""
    assert fitted.converged_
    assert 0.5 < fitted.elo_coefficient_ < 1.2
    assert 0.1 < fitted.home_advantage_ < 0.5
    assert -0.2 < fitted.rho_ < 0.2
    assert 2.0 < 2 * np.exp(fitted.intercept_) < 3.2


def test_forecasts_follow_elo_and_mirror(fitted: EloDixonColes) -> None:
    """Brazil is a clear favourite over Serbia; at a neutral venue swapping sides transposes
    the grid; probabilities sum to one."""
    fc = fitted.predict(fixtures(["Brazil", "Serbia"], ["Serbia", "Brazil"]))
    assert fc.p_home[0] > 0.6
    np.testing.assert_allclose(fc.grids[0], fc.grids[1].T, atol=1e-14)
    np.testing.assert_allclose(fc.outcomes.sum(axis=1), 1.0, atol=1e-12)


def test_unseen_team_gets_the_initial_elo_rating(fitted: EloDixonColes) -> None:
    """A team never seen is rated at Elo's initial 1500 with its confederation's offsets and
    no residual ('none' for a name outside the table), so the batch still forecasts and
    Brazil is a heavy favourite against it."""
    fc = fitted.predict(fixtures(["Atlantis", "Japan"], ["Brazil", "Germany"]))
    assert fc.p_away[0] > 0.85
    assert fitted.elo_difference(fixtures(["Atlantis"], ["Brazil"]))[0] < -600


def test_warm_start_matches_a_cold_fit(fitted: EloDixonColes, matches: pd.DataFrame) -> None:
    """Refitting the fitted model a week later gives the cold fit's forecasts (to 1e-5)."""
    later = matches[matches["date"] < "2022-11-27"].reset_index(drop=True)
    cold = EloDixonColes().fit(later)
    warm = EloDixonColes.from_json(fitted.to_json())
    warm.elo_ = fitted.elo_  # continue the same Elo run as the walk-forward does
    warm.fit(later)
    fx = fixtures(["Germany", "Argentina"], ["Japan", "Saudi Arabia"])
    np.testing.assert_allclose(warm.predict(fx).outcomes, cold.predict(fx).outcomes, atol=1e-5)


def test_json_round_trip(fitted: EloDixonColes) -> None:
    """to_json/from_json keeps the forecasts; a Dixon–Coles document is refused."""
    again = EloDixonColes.from_json(fitted.to_json())
    fx = fixtures(["Germany", "Morocco"], ["Japan", "Croatia"], neutral=False)
    np.testing.assert_array_equal(again.predict(fx).grids, fitted.predict(fx).grids)
    with pytest.raises(FormatError):
        EloDixonColes.from_json(DixonColes().to_json())


def test_bad_hyperparameters() -> None:
    """Bad hyperparameters fail at construction."""
    with pytest.raises(InvalidParameterError):
        EloDixonColes(prior_scale=-1)
    with pytest.raises(InvalidParameterError):
        EloDixonColes(xi=-0.1)


def test_registry() -> None:
    """get_model knows 'elo', 'dixon-coles', 'elo-dixon-coles' and 'default', returns
    unfitted instances, and names the valid models for anything else."""
    from scoreline.models.elo import Elo

    assert isinstance(models.get_model("elo"), Elo)
    assert isinstance(models.get_model("Dixon_Coles"), DixonColes)
    assert isinstance(models.get_model("elo-dixon-coles"), EloDixonColes)
    default = models.get_model("default")
    assert type(default) is type(models.default_model())
    assert not hasattr(default, "attack_")
    with pytest.raises(InvalidParameterError, match="'elo', 'dixon-coles'"):
        models.get_model("poisson")


def test_public_names() -> None:
    """Every name in scoreline.models.__all__ resolves."""
    for name in models.__all__:
        assert getattr(models, name) is not None, name


def test_germany_japan_2022(fitted: EloDixonColes) -> None:
    """The worked example: fitted on every match before 2022-11-20, the former default model
    (``elo-dixon-coles``) makes Germany the clear favourite against Japan at a neutral venue
    (about 51 % to 23 %), so Japan's 2-1 win was an upset, and Argentina the heavy favourite
    against Saudi Arabia."""
    assert isinstance(fitted, type(models.get_model("elo-dixon-coles")))
    fc = fitted.predict(fixtures(["Germany", "Argentina"], ["Japan", "Saudi Arabia"]))
    assert fc.p_home[0] > 0.42 and fc.p_away[0] < 0.3 and fc.p_home[0] > 1.6 * fc.p_away[0]
    assert fc.p_home[1] > 0.7


def test_issue_12_default_rates_germany_above_the_former_default(
        fitted: EloDixonColes, history: pd.DataFrame) -> None:
    """Issue 12: the former default rated Japan too close to Germany (51 % / 26 % / 23 %
    against the market's about 66 / 21 / 13). The default model, fitted on the same matches,
    gives Germany more and Japan less, and still makes Japan's win an upset and Argentina the
    heavy favourite against Saudi Arabia."""
    default = models.default_model().fit(history)
    pairs = fixtures(["Germany", "Argentina"], ["Japan", "Saudi Arabia"])
    new, old = default.predict(pairs), fitted.predict(pairs)
    assert new.p_home[0] > old.p_home[0] and new.p_away[0] < old.p_away[0]
    assert new.p_home[0] > 0.5 and new.p_away[0] < new.p_draw[0] < new.p_home[0]
    assert new.p_home[1] > 0.7


def test_confederation_offsets_rank_the_confederations(fitted: EloDixonColes) -> None:
    """Before the 2022 World Cup the fitted confederation levels (attack + defence) put
    UEFA and CONMEBOL above AFC, CONCACAF and OFC, with OFC and non-FIFA sides the two
    lowest, all within a football-sensible range of log goal rates."""
    level = fitted.confederation_attack_ + fitted.confederation_defence_
    for strong in ("UEFA", "CONMEBOL"):
        for weak in ("AFC", "CONCACAF", "OFC"):
            assert level[strong] > level[weak] + 0.1, (strong, weak)
    assert set(level.nsmallest(2).index) == {"OFC", "none"}
    assert np.abs(level).max() < 1.5


def test_without_confederation_offsets_they_are_zero(history: pd.DataFrame) -> None:
    """The former default (no offsets, prior 3) fits with zero offsets and still favours
    Germany over Japan; a non-boolean flag is refused."""
    old = EloDixonColes(prior_scale=3.0, confederation_offsets=False).fit(history)
    assert (old.confederation_attack_ == 0).all() and (old.confederation_defence_ == 0).all()
    fc = old.predict(fixtures(["Germany"], ["Japan"]))
    assert fc.p_home[0] > fc.p_away[0]
    with pytest.raises(InvalidParameterError, match="confederation_offsets"):
        EloDixonColes(confederation_offsets="yes")  # type: ignore[arg-type]
