"""Canonical team names: aliases, accents, former names by date, suggestions."""

from __future__ import annotations

import pytest

from scoreline.data.names import normalise
from scoreline.data.store import Store
from scoreline.errors import UnknownTeamError


@pytest.mark.parametrize(("given", "canonical"), [
    ("USA", "United States"),
    ("United States", "United States"),
    ("Korea Republic", "South Korea"),
    ("IR Iran", "Iran"),
    ("Côte d'Ivoire", "Ivory Coast"),
    ("cote divoire", "Ivory Coast"),
    ("Türkiye", "Turkey"),
    ("Czechia", "Czech Republic"),
    ("  germany ", "Germany"),
    ("CURACAO", "Curaçao"),
    ("Sao Tome and Principe", "São Tomé and Príncipe"),
    ("West Germany", "Germany"),
    ("East Germany", "German DR"),
])
def test_aliases_and_accents(store: Store, given: str, canonical: str) -> None:
    """Common spellings, case and accents all resolve to the data's name."""
    assert store.resolve_team(given) == canonical


def test_former_names_by_date(store: Store) -> None:
    """A former name counts within its dates: Zaire was DR Congo at the 1974 World Cup,
    Dahomey was Benin in 1970."""
    assert store.resolve_team("Zaire", "1974-06-14") == "DR Congo"
    assert store.resolve_team("Dahomey", "1970-01-01") == "Benin"
    with pytest.raises(UnknownTeamError):
        store.resolve_team("Dahomey", "2020-01-01")


def test_unknown_team_lists_three_closest(store: Store) -> None:
    """An unknown team is an error naming the three closest known names."""
    with pytest.raises(UnknownTeamError) as err:
        store.resolve_team("Germny")
    assert err.value.suggestions[0] == "Germany"
    assert len(err.value.suggestions) == 3
    assert "did you mean 'Germany'" in str(err.value)
    assert isinstance(err.value, LookupError)


def test_normalise() -> None:
    """Folding removes accents, case, punctuation and repeated spaces."""
    assert normalise("Gündoğan") == normalise("GUNDOGAN") == "gundogan"
    assert normalise("Dōan") == "doan"
    assert normalise("Bosnia & Herzegovina") == "bosnia and herzegovina"
