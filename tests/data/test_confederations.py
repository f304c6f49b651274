"""The team -> confederation table."""

from __future__ import annotations

import pandas as pd
import pytest

from scoreline.data.confederations import (
    CONFEDERATIONS,
    check_confederation,
    confederation_of,
    confederations,
    members,
)
from scoreline.errors import InvalidParameterError


def test_every_team_since_2000_is_listed(matches: pd.DataFrame) -> None:
    """Each team that played since 2000 has an explicit row (FIFA member or 'none')."""
    recent = matches[matches["date"] >= "2000-01-01"]
    teams = set(recent["home_team"]) | set(recent["away_team"])
    assert sorted(teams - set(confederations())) == []


def test_fifa_membership_counts() -> None:
    """211 FIFA members: AFC 46, CAF 54, CONCACAF 35, CONMEBOL 10, OFC 11, UEFA 55."""
    counts = {c: len(members(c)) for c in CONFEDERATIONS}
    assert counts == {"AFC": 46, "CAF": 54, "CONCACAF": 35, "CONMEBOL": 10, "OFC": 11,
                      "UEFA": 55}


def test_lookups() -> None:
    """Known teams map to their confederation; non-members and unlisted teams to 'none'."""
    assert confederation_of("Japan") == "AFC"
    assert confederation_of("Australia") == "AFC"
    assert confederation_of("Martinique") == "none"
    assert confederation_of("Soviet Union") == "none"
    assert check_confederation("uefa") == "UEFA"
    with pytest.raises(InvalidParameterError, match="CONMEBOL"):
        check_confederation("Europe")
