"""Removing a bookmaker's margin: probabilities that sum to one and respect the prices."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreline.errors import InvalidParameterError
from scoreline.forecast.margin import METHODS, booksum, expected_value, remove_margin

books = st.lists(st.floats(1.05, 30.0), min_size=2, max_size=4)


@settings(max_examples=80, deadline=None)
@given(books, st.sampled_from(METHODS))
def test_every_method_gives_ordered_probabilities_summing_to_one(odds: list[float],
                                                                   method: str) -> None:
    """Whatever the book, the probabilities are in (0, 1], sum to one, and a shorter price
    never gets a lower probability."""
    p = remove_margin(odds, method)
    assert p.sum() == pytest.approx(1.0)
    assert (p > 0).all() and (p <= 1).all()
    order = np.argsort(odds)
    assert (np.diff(p[order]) <= 1e-12).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.2, 1.0), min_size=3, max_size=3), st.floats(1.02, 1.10))
def test_shin_and_power_take_more_margin_off_the_long_shot(weights: list[float],
                                                           margin: float) -> None:
    """With a margin, Shin and power give the longest price less than proportional
    normalisation does (the favourite-longshot correction); with none all methods agree."""
    fair = np.asarray(weights) / sum(weights)
    odds = 1.0 / (fair * margin)
    longest = int(np.argmax(odds))
    multiplicative = remove_margin(odds, "multiplicative")
    assert multiplicative == pytest.approx(fair)
    for method in ("shin", "power"):
        assert remove_margin(odds, method)[longest] <= multiplicative[longest] + 1e-9
    fair_odds = 1.0 / fair
    for method in METHODS:
        assert remove_margin(fair_odds, method) == pytest.approx(fair)


def test_known_book() -> None:
    """A 1.44 / 4.50 / 7.50 book: 5 % margin, Shin gives the favourite the largest share."""
    odds = (1.44, 4.50, 7.50)
    assert booksum(odds) == pytest.approx(1 / 1.44 + 1 / 4.5 + 1 / 7.5)
    shin = remove_margin(odds)
    mult = remove_margin(odds, "multiplicative")
    assert shin[0] > mult[0] and shin[2] < mult[2]
    assert 0.66 < shin[0] < 0.68
    assert expected_value(0.5, 2.2) == pytest.approx(0.1)


def test_bad_odds_and_methods_are_rejected() -> None:
    """Odds at or below 1, a single outcome and an unknown method fail clearly."""
    with pytest.raises(InvalidParameterError, match="greater than 1"):
        remove_margin([1.0, 3.0, 4.0])
    with pytest.raises(InvalidParameterError, match="at least two"):
        remove_margin([2.0])
    with pytest.raises(InvalidParameterError, match="unknown margin method"):
        remove_margin([2.0, 2.0], "fancy")
    with pytest.raises(InvalidParameterError, match="greater than 1"):
        expected_value(0.5, 0.9)
