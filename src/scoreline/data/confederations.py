"""Team -> confederation (AFC, CAF, CONCACAF, CONMEBOL, OFC, UEFA, or 'none').

The table is ``confederations.csv`` beside this module: one row per FIFA member
association (211) plus every other team that has played since 2000, each under the
confederation of its current FIFA membership. Teams that are not FIFA members (CONIFA
sides, regions, islands, confederation-only members such as Martinique) are ``'none'``,
and so is any team the table does not list (historical sides such as the Soviet Union).
Source: FIFA's list of member associations by confederation (named in the CSV header).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

from scoreline.errors import InvalidParameterError

CONFEDERATIONS = ("AFC", "CAF", "CONCACAF", "CONMEBOL", "OFC", "UEFA")
"""The six FIFA confederations."""

NONE = "none"
"""Confederation of a team that is not a FIFA member."""


@cache
def confederations() -> dict[str, str]:
    """The whole table: canonical team name -> confederation (or ``'none'``)."""
    text = files("scoreline.data").joinpath("confederations.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["team"]: row["confederation"] for row in csv.DictReader(lines)}


def confederation_of(team: str) -> str:
    """Confederation of ``team`` (canonical name); ``'none'`` when not a FIFA member."""
    return confederations().get(team, NONE)


def check_confederation(name: str) -> str:
    """Normalise a confederation name given by a user (case-insensitive).

    Raises
    ------
    InvalidParameterError
        Not one of AFC, CAF, CONCACAF, CONMEBOL, OFC, UEFA or none.
    """
    wanted = name.strip().upper()
    if wanted in CONFEDERATIONS:
        return wanted
    if wanted == NONE.upper():
        return NONE
    raise InvalidParameterError(
        f"unknown confederation {name!r}; expected one of {', '.join(CONFEDERATIONS)} or none"
    )


def members(confederation: str) -> list[str]:
    """Teams of one confederation in the table, sorted."""
    conf = check_confederation(confederation)
    return sorted(team for team, c in confederations().items() if c == conf)


__all__ = [
    "CONFEDERATIONS",
    "NONE",
    "check_confederation",
    "confederation_of",
    "confederations",
    "members",
]
