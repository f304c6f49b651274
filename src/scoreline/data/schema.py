"""What each source CSV must hold: columns, their kinds and their allowed values.

The schema is data: :mod:`scoreline.data.parse` checks every row against it and
reports ``file:line: field: what was wrong, what was expected``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MINUTE_MIN = 1
MINUTE_MAX = 130
"""Goal minutes are 1..130 (120 minutes of extra time plus stoppage); NA when unknown."""


class Kind(str, Enum):
    """The kind of a source column and how it is parsed."""

    DATE = "date"  # YYYY-MM-DD, a real calendar date
    TEXT = "text"  # non-empty text
    OPTIONAL_TEXT = "optional_text"  # text, empty or NA allowed (stored as NULL)
    GOALS = "goals"  # integer >= 0
    FLAG = "flag"  # TRUE or FALSE
    MINUTE = "minute"  # integer in MINUTE_MIN..MINUTE_MAX, or NA


@dataclass(frozen=True)
class Column:
    """One column of a source file."""

    name: str
    kind: Kind
    meaning: str


RESULTS = (
    Column("date", Kind.DATE, "match date"),
    Column("home_team", Kind.TEXT, "home team (current name)"),
    Column("away_team", Kind.TEXT, "away team (current name)"),
    Column("home_score", Kind.GOALS, "home goals after extra time, without shoot-out"),
    Column("away_score", Kind.GOALS, "away goals after extra time, without shoot-out"),
    Column("tournament", Kind.TEXT, "competition name"),
    Column("city", Kind.TEXT, "city of the venue"),
    Column("country", Kind.TEXT, "country of the venue at the time"),
    Column("neutral", Kind.FLAG, "played at a neutral venue"),
)
GOALSCORERS = (
    Column("date", Kind.DATE, "match date"),
    Column("home_team", Kind.TEXT, "home team of the match"),
    Column("away_team", Kind.TEXT, "away team of the match"),
    Column("team", Kind.TEXT, "team credited with the goal"),
    Column("scorer", Kind.OPTIONAL_TEXT, "player who scored (NA if unknown)"),
    Column("minute", Kind.MINUTE, "minute of the goal (NA if unknown)"),
    Column("own_goal", Kind.FLAG, "an own goal (credited to `team`)"),
    Column("penalty", Kind.FLAG, "scored from a penalty"),
)
SHOOTOUTS = (
    Column("date", Kind.DATE, "match date"),
    Column("home_team", Kind.TEXT, "home team of the match"),
    Column("away_team", Kind.TEXT, "away team of the match"),
    Column("winner", Kind.TEXT, "winner of the shoot-out"),
    Column("first_shooter", Kind.OPTIONAL_TEXT, "team that shot first (empty if unknown)"),
)
FORMER_NAMES = (
    Column("current", Kind.TEXT, "current team name"),
    Column("former", Kind.TEXT, "former name"),
    Column("start_date", Kind.DATE, "first day the former name was used"),
    Column("end_date", Kind.DATE, "last day the former name was used"),
)

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "results.csv": RESULTS,
    "goalscorers.csv": GOALSCORERS,
    "shootouts.csv": SHOOTOUTS,
    "former_names.csv": FORMER_NAMES,
}
"""Columns of each source file, in the upstream order."""
