"""The team finder (scoreline.writing.claims.names.TeamFinder) finds exactly what one
pattern of every name, longest first, between word boundaries, finds: checked on texts
made of the real data's team names, aliases and former names, run together with
spaces, hyphens, apostrophes, punctuation, accents and stray letters."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreline.writing.claims.names import TeamFinder, fold, team_spellings


@pytest.fixture(scope="module")
def finder(store) -> TeamFinder:
    return TeamFinder(store.teams(), team_spellings(store.former_names()))


def _reference(finder: TeamFinder, text: str) -> list[tuple[str, int, int, str]]:
    """What the pattern ``(?<![\\w-])(longest|...|shortest)(?![\\w-])`` finds."""
    names = sorted(finder.names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return [(finder.names[m.group(1)], m.start(), m.end(), m.group(1))
            for m in pattern.finditer(fold(text))]


PIECES = st.sampled_from([" ", "  ", "-", "'s ", ", ", ".", "_", "é", "x", "Ö", "2", "\n",
                          "South ", " Republic", "the ", "New", "’", "(", ")"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_finder_finds_what_the_pattern_of_every_name_finds(finder: TeamFinder,
                                                               data: st.DataObject) -> None:
    names = sorted(finder.names)
    parts = data.draw(st.lists(st.one_of(st.sampled_from(names), PIECES), min_size=1,
                               max_size=12))
    text = "".join(parts)
    found = [(m.team, m.start, m.end, m.surface) for m in finder.find(text)]
    assert found == _reference(finder, text)


@pytest.mark.parametrize("text", [
    "South Korea beat Germany 2-0; Korea Republic, as FIFA calls them, went out anyway.",
    "Guinea-Bissau and Guinea drew; Papua New Guinea's coach watched Equatorial Guinea.",
    "The Soviet Union beat Zaïre, and Côte d'Ivoire's fans sang for the USA.",
    "Germany-Japan, Germany's loss, non-Germany, Germanys, _Japan, Japan_ and Japan.",
])
def test_hand_written_sentences(finder: TeamFinder, text: str) -> None:
    """Hyphens and underscores join words (no team inside ``Germany-Japan`` or ``_Japan``);
    a possessive, a comma or a full stop ends a name; the longest name wins."""
    found = [(m.team, m.start, m.end, m.surface) for m in finder.find(text)]
    assert found == _reference(finder, text)
    assert found  # each sentence names a team somewhere
