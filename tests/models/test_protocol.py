"""Conformance of every registered model (``models.MODEL_NAMES``) and the blend to the
model protocol (``scoreline.models.protocol.Model``), on a few years of the real data."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from scoreline import models
from scoreline.errors import FormatError, InvalidParameterError, NotFittedError
from scoreline.models.adjusted import (
    TUNED_RECALIBRATION,
    TUNED_STACKING,
    TUNED_VENUE_OFFSETS,
    AdjustedEloDixonColes,
)
from scoreline.models.blend import Blend
from scoreline.models.combined import EloDixonColes
from scoreline.models.dixon_coles import DixonColes
from scoreline.models.elo import Elo
from scoreline.models.mixture import MixedMemoryEloDixonColes
from scoreline.models.protocol import Model
from scoreline.models.score_grid import MAX_GOALS, ScoreGrid

FACTORIES: dict[str, Callable[[], Model]] = {
    **{name: (lambda name=name: models.get_model(name)) for name in models.MODEL_NAMES},
    "blend": lambda: Blend(("elo", "dixon-coles"), weights=(0.4, 0.6)),
    "adjusted-all-options": lambda: AdjustedEloDixonColes(
        margin_cap=4, mismatch_scale=400.0, venue_offsets=TUNED_VENUE_OFFSETS,
        stacking=TUNED_STACKING, inter_confederation_scale={"AFC": 0.35, "CONMEBOL": 2.05}),
    "adjusted-recalibrated": lambda: AdjustedEloDixonColes(
        venue_offsets=TUNED_VENUE_OFFSETS, stacking=TUNED_RECALIBRATION),
}
"""Every registered model, a blend, the adjusted model with every option on (its
mismatch damping runs an Elo of its own, its stacking forecasts with the Elo it holds)
and with the recalibration of the grid (a slope per context), each as a factory of
unfitted instances."""

NAMES = list(FACTORIES)

FIRST, CUT, LATER = "2015-01-01", "2019-01-01", "2019-06-01"


@pytest.fixture(scope="module")
def train(matches: pd.DataFrame) -> pd.DataFrame:
    """Four years of real matches, 2015-01-01 to 2018-12-31."""
    keep = (matches["date"] >= FIRST) & (matches["date"] < CUT)
    return matches[keep].reset_index(drop=True)


@pytest.fixture(scope="module")
def train_later(matches: pd.DataFrame) -> pd.DataFrame:
    """The same four years extended to 2019-05-31 (starts with exactly ``train``)."""
    keep = (matches["date"] >= FIRST) & (matches["date"] < LATER)
    return matches[keep].reset_index(drop=True)


@pytest.fixture(scope="module")
def fitted(train: pd.DataFrame) -> dict[str, Model]:
    """Each model fitted once on ``train`` (tests must not refit these)."""
    return {name: factory().fit(train) for name, factory in FACTORIES.items()}


FIXTURES = pd.DataFrame({
    "date": pd.Timestamp("2019-01-05"),
    "home_team": ["Brazil", "Germany", "Japan", "Atlantis"],
    "away_team": ["Serbia", "Netherlands", "Qatar", "France"],
    "neutral": [True, False, True, True],
    "tournament": ["Friendly", "UEFA Euro qualification", "AFC Asian Cup", "Friendly"],
})
"""Fixtures after the training window, one with a team no model has seen."""


def _fingerprint(model: object) -> list[str]:
    """Everything a fit could change in place: the JSON of the model and of each model it
    holds (the Elo run inside Elo-Dixon-Coles, the members of a blend), and Elo's match count."""
    assert isinstance(model, Model)
    parts = [model.to_json()]
    for _, value in sorted(vars(model).items()):
        held = value if isinstance(value, list) else [value]
        for inner in held:
            if isinstance(inner, Model):
                parts.extend(_fingerprint(inner))
    if isinstance(model, Elo):
        parts.append(f"{len(model.history_)} matches")
    return parts


@pytest.mark.parametrize("name", NAMES)
def test_protocol_attributes(name: str) -> None:
    """An unfitted model meets the protocol: a name, a version, JSON-serialisable
    parameters that rebuild an equal model, and predict refuses until fitted."""
    model = FACTORIES[name]()
    assert isinstance(model, Model)
    assert isinstance(model.name, str) and model.name
    assert isinstance(model.version, str) and model.version
    params = model.get_params()
    assert json.loads(json.dumps(params)) == params
    assert type(model)(**params).get_params() == params  # type: ignore[arg-type]
    with pytest.raises(NotFittedError, match="fit"):
        model.predict(FIXTURES)


@pytest.mark.parametrize("name", NAMES)
def test_fit_returns_self(name: str, train: pd.DataFrame) -> None:
    """``fit`` returns the model itself, fitted."""
    model = FACTORIES[name]()
    assert model.fit(train) is model
    assert len(model.predict(FIXTURES)) == len(FIXTURES)


def test_forecast_columns_are_the_same_for_every_model(fitted: dict[str, Model]) -> None:
    """Every model's forecast frame has the same columns in the same order, keeps the
    fixtures in their order and has grids of the same shape."""
    frames = {name: m.predict(FIXTURES).to_frame() for name, m in fitted.items()}
    columns = {name: list(f.columns) for name, f in frames.items()}
    first = columns[NAMES[0]]
    assert all(c == first for c in columns.values()), columns
    assert {"p_home", "p_draw", "p_away", "home_xg", "away_xg"} <= set(first)
    for f in frames.values():
        assert f["home_team"].tolist() == FIXTURES["home_team"].tolist()
    for m in fitted.values():
        assert m.predict(FIXTURES).grids.shape == (len(FIXTURES), MAX_GOALS + 1, MAX_GOALS + 1)


@pytest.mark.parametrize("name", NAMES)
def test_probabilities_sum_to_one(name: str, fitted: dict[str, Model]) -> None:
    """Grids are non-negative and sum to one; the 1X2 is the grid's and sums to one; the
    ScoreGrid of a fixture gives the same 1X2; expected goals are positive."""
    forecast = fitted[name].predict(FIXTURES)
    assert np.all(forecast.grids >= 0)
    np.testing.assert_allclose(forecast.grids.sum(axis=(1, 2)), 1.0, atol=1e-9)
    np.testing.assert_allclose(forecast.p_home + forecast.p_draw + forecast.p_away, 1.0, atol=1e-9)
    grid = forecast.score_grid(1)
    assert isinstance(grid, ScoreGrid)
    assert (grid.p_home, grid.p_draw, grid.p_away) == pytest.approx(
        (forecast.p_home[1], forecast.p_draw[1], forecast.p_away[1]), abs=1e-12)
    assert np.all(forecast.expected_home_goals > 0) and np.all(forecast.expected_away_goals > 0)


@pytest.mark.parametrize("name", NAMES)
def test_json_round_trip_gives_identical_forecasts(name: str, fitted: dict[str, Model]) -> None:
    """to_json writes JSON (not pickle); from_json of it predicts exactly the same grids and
    expected goals, and an unfitted model round-trips to an unfitted one."""
    model = fitted[name]
    text = model.to_json()
    assert isinstance(json.loads(text), dict)
    again = type(model).from_json(text)
    a, b = model.predict(FIXTURES), again.predict(FIXTURES)
    np.testing.assert_array_equal(a.grids, b.grids)
    np.testing.assert_array_equal(a.expected_home_goals, b.expected_home_goals)
    np.testing.assert_array_equal(a.expected_away_goals, b.expected_away_goals)
    assert a.model == b.model
    assert again.get_params() == model.get_params()
    unfitted = type(model).from_json(FACTORIES[name]().to_json())
    with pytest.raises(NotFittedError):
        unfitted.predict(FIXTURES)


@pytest.mark.parametrize("name", NAMES)
def test_from_json_refuses_other_documents(name: str) -> None:
    """Another model's JSON document, or text that is not JSON, is a FormatError."""
    cls = type(FACTORIES[name]())
    other = Elo() if cls is not Elo else DixonColes()
    with pytest.raises(FormatError):
        cls.from_json(other.to_json())
    with pytest.raises(FormatError):
        cls.from_json("not json")


@pytest.mark.parametrize("name", NAMES)
def test_issue_10_warm_start_is_not_mutated(
    name: str, fitted: dict[str, Model], train_later: pd.DataFrame
) -> None:
    """Fitting a new model with ``warm_start=`` a fitted one leaves the warm start exactly as
    it was (its JSON, the Elo run it holds, its forecasts), shares no Elo run with the new
    model, and gives the forecasts of a cold fit on the same matches."""
    start = fitted[name]
    before = _fingerprint(start)
    forecast_before = start.predict(FIXTURES).grids.copy()
    warm = FACTORIES[name]().fit(train_later, warm_start=start)
    assert _fingerprint(start) == before
    np.testing.assert_array_equal(start.predict(FIXTURES).grids, forecast_before)
    if isinstance(start, EloDixonColes):
        assert isinstance(warm, EloDixonColes)
        assert warm.elo_ is not start.elo_
    cold = FACTORIES[name]().fit(train_later)
    np.testing.assert_allclose(warm.predict(FIXTURES).outcomes, cold.predict(FIXTURES).outcomes,
                               atol=1e-5)


def test_issue_10_elo_dixon_coles_keeps_its_own_elo(
    train: pd.DataFrame, train_later: pd.DataFrame
) -> None:
    """The reported case: ``EloDixonColes().fit(m, warm_start=a)`` no longer advances ``a``'s
    Elo ratings (``a.elo_`` stays at the end of ``a``'s own matches)."""
    a = EloDixonColes().fit(train)
    ratings = a.elo_.ratings_.copy()
    b = EloDixonColes().fit(train_later, warm_start=a)
    assert b.elo_ is not a.elo_
    pd.testing.assert_series_equal(a.elo_.ratings_, ratings)
    assert len(a.elo_.history_) == len(train)
    assert len(b.elo_.history_) == len(train_later)


def test_warm_start_of_another_kind_is_refused(fitted: dict[str, Model],
                                               train: pd.DataFrame) -> None:
    """A warm start must be a fitted model of the same kind: an Elo cannot seed a
    Dixon-Coles model, nor a Dixon-Coles model an Elo."""
    with pytest.raises(InvalidParameterError, match="warm_start"):
        DixonColes().fit(train, warm_start=fitted["elo"])  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="warm_start"):
        Elo().fit(train, warm_start=fitted["dixon-coles"])  # type: ignore[arg-type]


@pytest.mark.parametrize(("cls", "params"), [
    (Elo, {"home_advantage": -1.0}),
    (Elo, {"initial_rating": float("nan")}),
    (Elo, {"link_window_days": 0}),
    (Elo, {"warm_start": "yes"}),
    (Elo, {"round_changes": "no"}),
    (Elo, {"initial_rating": "1500"}),
    (Elo, {"link_window_days": 365.5}),
    (DixonColes, {"xi": -0.1}),
    (DixonColes, {"prior_scale": 0.0}),
    (DixonColes, {"friendly_weight": 2.0}),
    (DixonColes, {"xi2": -0.001}),
    (EloDixonColes, {"xi2": "0.001"}),
    (EloDixonColes, {"prior_scale": -1.0}),
    (EloDixonColes, {"confederation_offsets": "no"}),
    (Blend, {"weights": (1.0,)}),
    (Blend, {"models": ("default",)}),
    (MixedMemoryEloDixonColes, {"xis": (0.0004,)}),
    (MixedMemoryEloDixonColes, {"weight": -0.1}),
])
def test_hyperparameters_are_validated_at_construction(cls: type, params: dict[str, object]) -> None:
    """A bad hyperparameter value fails when the model is built, before any data is seen."""
    with pytest.raises(InvalidParameterError):
        cls(**params)


@pytest.mark.parametrize("cls", [Elo, DixonColes, EloDixonColes, Blend, MixedMemoryEloDixonColes])
def test_unknown_hyperparameter_fails_at_once(cls: type) -> None:
    """A parameter a model does not have (``Elo(k=-1)``: K comes from the tournament) fails
    at construction instead of being ignored."""
    with pytest.raises(TypeError):
        cls(k=-1)


def test_registry_returns_protocol_models() -> None:
    """get_model and default_model return unfitted models that meet the protocol."""
    for name in models.MODEL_NAMES:
        assert isinstance(models.get_model(name), Model)
    assert isinstance(models.default_model(), Model)
