"""Tuning sweeps: parameter parsing, the fold protocol, pooling and ranking, one real fold."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from scoreline.errors import InvalidParameterError
from scoreline.evaluate.tune import (
    TEST_START,
    Fold,
    FoldScore,
    Leaderboard,
    ModelSpec,
    holdout_folds,
    parse_param,
    score_fold,
    settings_grid,
    tuning_folds,
)


def test_parse_param_values() -> None:
    """NAME=V1,V2 gives typed values (int, float, bool); a bad form is a clear error."""
    assert parse_param("xi=0.0012,0.0018") == ("xi", [0.0012, 0.0018])
    assert parse_param("link_window_days=365") == ("link_window_days", [365])
    assert parse_param("confederation_offsets=true,false") == (
        "confederation_offsets", [True, False])
    for bad in ("xi", "=1", "xi="):
        with pytest.raises(InvalidParameterError, match="NAME=VALUE"):
            parse_param(bad)


def test_tuning_folds_end_before_the_test_period() -> None:
    """N gives the N calendar years before 2019; start years give consecutive blocks; a
    fold reaching into 2019 is refused."""
    folds = tuning_folds(3)
    assert [(f.since.year, f.until.year) for f in folds] == [(2016, 2017), (2017, 2018),
                                                              (2018, 2019)]
    assert all(f.until <= TEST_START and not f.test for f in folds)
    assert [(f.since.year, f.until.year) for f in tuning_folds("2010,2014")] == [
        (2010, 2014), (2014, 2019)]
    with pytest.raises(InvalidParameterError, match="must end by 2019-01-01"):
        tuning_folds("2017,2019")
    with pytest.raises(InvalidParameterError, match="increasing"):
        tuning_folds("2016,2015")


def test_test_period_is_cut_into_yearly_blocks() -> None:
    """The test period runs from 2019-01-01 to the end, in calendar-year blocks."""
    blocks = holdout_folds(pd.Timestamp("2021-06-30"))
    assert [(b.since.date().isoformat(), b.until.date().isoformat()) for b in blocks] == [
        ("2019-01-01", "2020-01-01"), ("2020-01-01", "2021-01-01"),
        ("2021-01-01", "2021-06-30")]
    assert all(b.test for b in blocks)


def test_settings_grid_checks_names_and_values() -> None:
    """The grid is the Cartesian product; unknown names list the model's parameters and a
    value the constructor rejects fails before anything runs."""
    grid = settings_grid("dixon-coles", {"xi": [0.001, 0.002], "prior_scale": [1.0, 3.0]})
    assert len(grid) == 4 and len(set(grid)) == 4
    model = grid[0].build()
    assert model.get_params()["prior_scale"] == 1.0 and model.get_params()["xi"] == 0.001
    with pytest.raises(InvalidParameterError, match=r"no parameter 'k'.*xi"):
        settings_grid("dixon-coles", {"k": [1]})
    with pytest.raises(InvalidParameterError, match="xi"):
        settings_grid("dixon-coles", {"xi": [-1.0]})
    assert settings_grid("elo", {}) == [ModelSpec("elo")]


def _score(spec: ModelSpec, fold: Fold, rps: float, n: int) -> FoldScore:
    return FoldScore(spec, fold, n, rps * n, 0.9 * n, 0.5 * n, 1.0)


def test_leaderboard_pools_by_match_and_ranks_on_tuning_folds_only() -> None:
    """Tuning RPS pools folds weighted by matches; the test period never changes the rank."""
    a, b = ModelSpec("elo", (("home_advantage", 60.0),)), ModelSpec("elo", (("home_advantage", 100.0),))
    f1, f2 = tuning_folds("2016,2018")
    test = Fold(TEST_START, pd.Timestamp("2020-01-01"), test=True)
    board = Leaderboard([a, b])
    for score in (_score(a, f1, 0.20, 100), _score(a, f2, 0.10, 300),   # pooled 0.125
                  _score(b, f1, 0.15, 100), _score(b, f2, 0.12, 300),   # pooled 0.1275
                  _score(a, test, 0.30, 50), _score(b, test, 0.05, 50)):
        board.add(score)
    rows = board.rows()
    assert [r.spec for r in rows] == [a, b] and [r.rank for r in rows] == [1, 2]
    assert rows[0].rps == pytest.approx(0.125) and rows[1].rps == pytest.approx(0.1275)
    assert rows[0].test_rps == pytest.approx(0.30) and rows[0].test_n_matches == 50
    assert rows[0].fold_rps == {f1.label(): pytest.approx(0.20), f2.label(): pytest.approx(0.10)}
    empty = Leaderboard([a]).rows()[0]
    assert empty.n_matches == 0 and math.isnan(empty.rps) and math.isnan(empty.test_rps)


def test_score_fold_on_real_matches(matches: pd.DataFrame) -> None:
    """One task: a half-year fold of Elo with monthly refits scores every match with a known
    90-minute score in the fold, at a plausible RPS."""
    fold = Fold(pd.Timestamp("2018-01-01"), pd.Timestamp("2018-07-01"))
    s = score_fold(matches, ModelSpec("elo"), fold, refit="30D")
    dates = pd.to_datetime(matches["date"])
    window = matches[(dates >= fold.since) & (dates < fold.until)]
    assert s.n_matches == int(window["home_score_90"].notna().sum())
    assert 0.14 < s.rps_sum / s.n_matches < 0.22
