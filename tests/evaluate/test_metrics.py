"""Forecast scores on hand-computed examples, and the calibration table and plot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scoreline.data.outcomes import Outcome, outcome_index
from scoreline.errors import InvalidParameterError
from scoreline.evaluate.calibration import calibration_table, reliability_plot
from scoreline.evaluate.metrics import (
    accuracy,
    brier,
    log_loss,
    rps,
    score,
)

PROBS = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
OUTCOMES = np.array([0, 1])


def test_rps_hand_example() -> None:
    """RPS of (0.5, 0.3, 0.2) for a home win: ((0.5-1)^2 + (0.8-1)^2)/2 = 0.145; of
    (0.2, 0.3, 0.5) for a draw: ((0.2-0)^2 + (0.5-1)^2)/2 = 0.145."""
    assert rps(PROBS, OUTCOMES) == pytest.approx(0.145)
    assert rps([[1.0, 0.0, 0.0]], [0]) == 0.0
    assert rps([[0.0, 0.0, 1.0]], [0]) == 1.0


def test_log_loss_brier_accuracy_hand_examples() -> None:
    """log loss = -(ln 0.5 + ln 0.3)/2; Brier = mean of 0.38 and 0.78; accuracy 1/2."""
    assert log_loss(PROBS, OUTCOMES) == pytest.approx(-(np.log(0.5) + np.log(0.3)) / 2)
    assert brier(PROBS, OUTCOMES) == pytest.approx((0.38 + 0.78) / 2)
    assert accuracy(PROBS, OUTCOMES) == 0.5
    s = score(PROBS, OUTCOMES)
    assert s.n_matches == 2 and s.rps == pytest.approx(0.145)


def test_outcomes_from_goals() -> None:
    """Home win 0, draw 1, away win 2, matching the Outcome enum's column index."""
    assert outcome_index([2, 1, 0], [1, 1, 3]).tolist() == [0, 1, 2]
    assert [o.column for o in Outcome] == [0, 1, 2]


def test_bad_input_is_rejected() -> None:
    """Rows that do not sum to one, wrong shapes and unknown outcome codes are errors."""
    with pytest.raises(InvalidParameterError, match="sum to 1"):
        rps([[0.5, 0.5, 0.5]], [0])
    with pytest.raises(InvalidParameterError, match="shape"):
        rps([[0.5, 0.5]], [0])
    with pytest.raises(InvalidParameterError, match="outcomes"):
        rps(PROBS, [0, 3])


def test_calibration_of_a_calibrated_forecast(tmp_path: Path) -> None:
    """Outcomes drawn from the forecast itself land within a few standard errors of it in
    every well-filled bin, and the reliability plot is written as a PNG."""
    rng = np.random.default_rng(3)
    raw = rng.dirichlet([4, 3, 3], size=5000)
    y = (rng.random(len(raw))[:, None] > np.cumsum(raw, axis=1)).sum(axis=1)
    table = calibration_table(raw, y, bins=10)
    full = table[table["n"] >= 100]
    assert (np.abs(full["observed"] - full["mean_forecast"]) < 4 * full["std_error"]).all()
    assert table.groupby("outcome")["n"].sum().tolist() == [5000, 5000, 5000]
    out = reliability_plot(table, tmp_path / "rel.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
