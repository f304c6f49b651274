"""Tournament weights K: every tournament in the data is mapped on purpose."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from scoreline.models import k_factors as kf


def test_every_tournament_in_the_data_is_mapped(matches: pd.DataFrame) -> None:
    """All 202 tournament names of results.csv have an explicit K (none falls back)."""
    names = set(matches["tournament"].unique())
    assert kf.unmapped(names) == []
    assert len(names) == 202


def test_table_has_no_stale_names(matches: pd.DataFrame) -> None:
    """Every name in the table occurs in the data (no typos that leave a real name unmapped)."""
    assert set(kf.K_FACTORS) <= set(matches["tournament"].unique())


@pytest.mark.parametrize(
    ("tournament", "k"),
    [
        ("FIFA World Cup", 60),
        ("UEFA Euro", 50),
        ("Copa América", 50),
        ("Confederations Cup", 50),
        ("FIFA World Cup qualification", 40),
        ("UEFA Nations League", 40),
        ("Gulf Cup", 30),
        ("Friendly", 20),
    ],
)
def test_published_weights(tournament: str, k: int) -> None:
    """The weights of eloratings.net: 60 finals, 50 continental, 40 qualifiers, 30, 20."""
    assert kf.k_factor(tournament) == k


def test_unknown_name_falls_back_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """A new name gets a documented fallback (qualification 40, friendly 20, else 30) and a
    logged warning naming it."""
    with caplog.at_level(logging.WARNING, logger="scoreline.models.k_factors"):
        assert kf.k_factor("Galactic Cup 2031") == kf.FALLBACK_K == 30
        assert kf.k_factor("Galactic Cup qualification") == 40
        assert kf.k_factor("Galactic Friendly Series") == 20
    assert "Galactic Cup 2031" in caplog.text


def test_vectorised_lookup() -> None:
    """k_factors maps a column of names element by element."""
    assert kf.k_factors(["Friendly", "FIFA World Cup", "Friendly"]).tolist() == [20.0, 60.0, 20.0]
