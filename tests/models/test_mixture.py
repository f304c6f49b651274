"""Two memories: the mixed-decay weights of one fit (``xi2``) and the grid mixture of two
fits sharing one Elo run (``MixedMemoryEloDixonColes``)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from scoreline.api import _cache
from scoreline.errors import InvalidParameterError
from scoreline.forecast.markets import markets
from scoreline.models import get_model
from scoreline.models._training import time_weights, training_data
from scoreline.models.adjusted import TUNED_VENUE_OFFSETS, AdjustedEloDixonColes
from scoreline.models.combined import EloDixonColes
from scoreline.models.dixon_coles import DixonColes
from scoreline.models.mixture import MixedMemoryEloDixonColes

SINCE, UNTIL = "2017-01-01", "2022-11-20"


@pytest.fixture(scope="module")
def window(matches: pd.DataFrame) -> pd.DataFrame:
    """Matches of 2017-01-01..2022-11-19 (a small window keeps the fits quick)."""
    m = matches[(matches["date"] >= SINCE) & (matches["date"] < UNTIL)]
    return m.reset_index(drop=True)


@pytest.fixture(scope="module")
def mixed(window: pd.DataFrame) -> MixedMemoryEloDixonColes:
    """The registered grid mixture fitted once on the window."""
    model = get_model("elo-dixon-coles-mix")
    assert isinstance(model, MixedMemoryEloDixonColes)
    return model.fit(window)


FIXTURES = pd.DataFrame({
    "date": pd.Timestamp("2022-11-23"),
    "home_team": ["Germany", "Qatar", "Spain"],
    "away_team": ["Japan", "Ecuador", "Costa Rica"],
    "neutral": [True, False, True],
    "tournament": ["FIFA World Cup", "FIFA World Cup", "Friendly"],
})


def test_time_weights_mix_two_decays() -> None:
    """With a second decay the weight is the equal mixture of both exponentials (1 at the
    newest match); without one it is the single exponential."""
    days = np.array([0.0, 365.0, 3650.0])
    np.testing.assert_allclose(time_weights(days, 0.0004, 0.0012),
                               0.5 * np.exp(-0.0004 * days) + 0.5 * np.exp(-0.0012 * days))
    np.testing.assert_allclose(time_weights(days, 0.0006), np.exp(-0.0006 * days))
    assert time_weights(days, 0.0004, 0.0012)[0] == 1.0


def test_xi2_changes_the_fit_weights_and_is_off_by_default(window: pd.DataFrame) -> None:
    """``xi2`` reaches the training weights (between the two single decays' weights for
    every match), is None by default, and a model built without it fits exactly as before."""
    assert DixonColes().xi2 is None and EloDixonColes().get_params()["xi2"] is None
    one = training_data(window, 0.0004)
    two = training_data(window, 0.0004, xi2=0.0012)
    short = training_data(window, 0.0012)
    assert np.all(two.weight <= one.weight + 1e-15) and np.all(two.weight >= short.weight - 1e-15)
    assert (two.weight < one.weight).sum() > len(two) // 2
    default = AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS, xi=0.0006)
    same = AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS, xi=0.0006, xi2=None)
    assert default.get_params() == same.get_params()
    assert default.name == "elo-dixon-coles-long"
    dual = AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS, xi=0.0004, xi2=0.0012)
    assert dual.name == "adjusted-elo-dixon-coles"  # not served as a named model
    fitted = dual.fit(window)
    back = AdjustedEloDixonColes.from_json(fitted.to_json())
    assert back.xi2 == 0.0012
    np.testing.assert_array_equal(back.predict(FIXTURES).grids, fitted.predict(FIXTURES).grids)
    key = _cache.FitCache.key
    assert key("s", "m", dual, "2022-11-23") != key("s", "m", AdjustedEloDixonColes(
        venue_offsets=TUNED_VENUE_OFFSETS, xi=0.0004), "2022-11-23")


@pytest.mark.parametrize("bad", [-0.001, float("nan"), "0.001", True])
def test_xi2_is_validated(bad: object) -> None:
    """A negative, non-finite or non-numeric second decay fails at construction, naming it."""
    with pytest.raises(InvalidParameterError, match="xi2"):
        AdjustedEloDixonColes(xi2=bad)  # type: ignore[arg-type]


def test_mixture_is_the_even_mixture_of_its_members(mixed: MixedMemoryEloDixonColes,
                                                    window: pd.DataFrame) -> None:
    """The grid is 0.5 x the xi-0.0004 model's + 0.5 x the xi-0.0012 model's, each as
    fitted alone (to optimiser tolerance), so every market comes from the mixed grid."""
    forecast = mixed.predict(FIXTURES)
    alone = [AdjustedEloDixonColes(venue_offsets=TUNED_VENUE_OFFSETS, xi=xi).fit(window)
             for xi in (0.0004, 0.0012)]
    grids = 0.5 * alone[0].predict(FIXTURES).grids + 0.5 * alone[1].predict(FIXTURES).grids
    np.testing.assert_allclose(forecast.grids, grids, atol=1e-6)
    assert forecast.model == "elo-dixon-coles-mix"
    table = markets(forecast.grids[0])
    assert table.p_home == pytest.approx(forecast.p_home[0], abs=1e-12)
    # the two memories disagree, so the mixture lies strictly between them
    p = [m.predict(FIXTURES).p_home[0] for m in alone]
    assert min(p) < forecast.p_home[0] < max(p)


def test_members_share_one_elo_run_and_refits_warm_start(mixed: MixedMemoryEloDixonColes,
                                                         matches: pd.DataFrame) -> None:
    """Both members hold the one Elo run of the fit; a refit a week later continues it and
    starts each member from its own previous optimum (fewer iterations than a cold fit,
    the same forecasts to 1e-5)."""
    assert mixed.members_[0].elo_ is mixed.members_[1].elo_ is mixed.elo_
    assert [m.xi for m in mixed.members_] == [0.0004, 0.0012]
    later = matches[(matches["date"] >= SINCE) & (matches["date"] < "2022-11-27")]
    later = later.reset_index(drop=True)
    warm = MixedMemoryEloDixonColes().fit(later, warm_start=mixed)
    cold = MixedMemoryEloDixonColes().fit(later)
    assert warm.n_iterations_ < cold.n_iterations_
    np.testing.assert_allclose(warm.predict(FIXTURES).outcomes, cold.predict(FIXTURES).outcomes,
                               atol=1e-5)


def test_json_keeps_the_shared_elo_once(mixed: MixedMemoryEloDixonColes) -> None:
    """The JSON document holds the Elo run once (in the first member) and reads back with
    both members sharing it."""
    doc = json.loads(mixed.to_json())
    assert "elo" in doc["members"][0]["fitted"] and "elo" not in doc["members"][1]["fitted"]
    back = MixedMemoryEloDixonColes.from_json(mixed.to_json())
    assert back.members_[1].elo_ is back.members_[0].elo_


@pytest.mark.parametrize("params", [
    {"xis": (0.0004,)}, {"xis": (0.0004, -1.0)}, {"xis": "ab"}, {"weight": 1.5},
    {"weight": True}, {"venue_offsets": (0.1,)}, {"warm_start": "yes"},
])
def test_mixture_parameters_are_validated(params: dict[str, object]) -> None:
    """A bad decay pair, weight, venue offsets or flag fails at construction."""
    with pytest.raises(InvalidParameterError):
        MixedMemoryEloDixonColes(**params)  # type: ignore[arg-type]
