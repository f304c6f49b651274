"""Fixtures of the tournament tests: a light stand-in model and pair grids without a fit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy.stats import poisson

from scoreline.models.score_grid import MAX_GOALS, Forecast
from scoreline.tournament.format import TournamentFormat, load_format
from scoreline.tournament.simulate import PairGrids, pair_grids


class StrengthModel:
    """Independent Poisson goals from fixed strengths (a test double of the model protocol).

    ``rate = base * exp(strength_home - strength_away (+ home advantage))``; unknown teams
    have strength 0. ``fit`` learns nothing, so tests need no model fit.
    """

    def __init__(self, strengths: dict[str, float], base: float = 1.25, home: float = 0.25):
        self.strengths = strengths
        self.base = base
        self.home = home

    def fit(self, matches: pd.DataFrame, *,
            warm_start: StrengthModel | None = None) -> StrengthModel:
        return self

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        s_h = fixtures["home_team"].map(self.strengths).fillna(0.0).to_numpy(float)
        s_a = fixtures["away_team"].map(self.strengths).fillna(0.0).to_numpy(float)
        adv = np.where(fixtures["neutral"].to_numpy(bool), 0.0, self.home)
        lam_h = self.base * np.exp((s_h - s_a) / 2 + adv)
        lam_a = self.base * np.exp((s_a - s_h) / 2)
        goals = np.arange(MAX_GOALS + 1)
        ph = poisson.pmf(goals[None, :], lam_h[:, None])
        pa = poisson.pmf(goals[None, :], lam_a[:, None])
        grids = ph[:, :, None] * pa[:, None, :]
        grids /= grids.sum(axis=(1, 2), keepdims=True)
        return Forecast(fixtures.reset_index(drop=True), grids, lam_h, lam_a, "strength-test")


def ranked_strengths(fmt: TournamentFormat) -> dict[str, float]:
    """Strengths falling with the team's draw position (pot 1 strongest); entrants, which
    play no group, in the order of the file."""
    out = {t: 0.9 - 0.3 * k for teams in fmt.groups.values() for k, t in enumerate(teams)}
    return out | {t: 0.9 - 0.3 * k for k, t in enumerate(fmt.entrants)}


@pytest.fixture(scope="session")
def wc2026() -> TournamentFormat:
    """The shipped World Cup 2026 format."""
    return load_format("wc2026")


@pytest.fixture(scope="session")
def wc2022() -> TournamentFormat:
    """The shipped World Cup 2022 format."""
    return load_format("wc2022")


@pytest.fixture(scope="session")
def grids2026(wc2026: TournamentFormat) -> PairGrids:
    """Pair grids of WC 2026 from the stand-in model (pot-1 teams strongest)."""
    return pair_grids(StrengthModel(ranked_strengths(wc2026)), wc2026, dt.date(2026, 6, 11))


@pytest.fixture(scope="session")
def grids2022(wc2022: TournamentFormat) -> PairGrids:
    """Pair grids of WC 2022 from the stand-in model."""
    return pair_grids(StrengthModel(ranked_strengths(wc2022)), wc2022, dt.date(2022, 11, 20))
