"""The two records every layer shares: a :class:`Match` and a team's :class:`Record`.

Scores are after extra time and without shoot-outs (as upstream); a drawn match settled
on penalties keeps its shoot-out winner beside the score. Dates stay
:class:`datetime.date` until they are written as JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, SupportsInt

from scoreline._json import JSON, JsonDict, fields_jsonable
from scoreline.data.dates import parse_date


class _Row(Protocol):
    """A row of ``store.matches()``: a pandas Series or a ``dict``."""

    def get(self, key: str, default: object = None, /) -> object: ...


def _missing(value: object) -> bool:
    """None, NaN or pandas' NA (recognised by type, so that this module needs no pandas)."""
    return (value is None or type(value).__name__ == "NAType"
            or (isinstance(value, float) and math.isnan(value)))


def _opt_str(value: object) -> str | None:
    if _missing(value):
        return None
    text = str(value)
    return text or None


def _opt_bool(value: object) -> bool | None:
    if _missing(value):
        return None
    return bool(value)


def _int(value: object) -> int:
    if isinstance(value, SupportsInt):
        return int(value)
    raise TypeError(f"expected a whole number, got {value!r}")


@dataclass(frozen=True)
class Goal(JsonDict):
    """One goal of a match as the data lists it.

    Attributes
    ----------
    team : str
        The team credited with the goal (the opponent of the scorer for an own goal).
    scorer : str or None
        Player as in the source data.
    minute : int or None
        Minute of the goal (None where the source has none).
    own_goal, penalty : bool
        How it was scored.
    """

    team: str
    scorer: str | None
    minute: int | None
    own_goal: bool
    penalty: bool


@dataclass(frozen=True)
class Match(JsonDict):
    """One played match: its identity and its result.

    Attributes
    ----------
    match_id : int
        The store's chronological id.
    date : datetime.date
        Day of the match (local date as in the source data).
    home_team, away_team : str
        Teams as listed by the source (``home`` is nominal at neutral venues).
    home_score, away_score : int
        Goals after extra time, shoot-out excluded.
    tournament, city, country : str
        Competition and venue as in the source data.
    neutral : bool
        True when neither team played at home.
    extra_time : bool or None
        Whether the match went to extra time (None when the data cannot tell).
    shootout_winner : str or None
        Winner of the penalty shoot-out, when there was one.
    has_goal_minutes : bool
        Whether the data holds goal minutes for this match.
    goals : tuple of Goal
        The goals, when they were asked for (empty otherwise).
    """

    match_id: int
    date: dt.date
    home_team: str
    away_team: str
    home_score: int
    away_score: int
    tournament: str
    city: str
    country: str
    neutral: bool
    extra_time: bool | None = None
    shootout_winner: str | None = None
    has_goal_minutes: bool = False
    goals: tuple[Goal, ...] = ()

    @classmethod
    def from_row(cls, row: _Row | object, goals: tuple[Goal, ...] = ()) -> Match:
        """Build from one row of ``store.matches()`` (a Series, a dict or a named tuple)."""
        get: Callable[..., object]
        if hasattr(row, "get"):
            get = row.get
        else:
            def get(key: str, default: object = None) -> object:
                return getattr(row, key, default)
        return cls(
            match_id=_int(get("match_id")),
            date=parse_date(get("date"), "match date"),
            home_team=str(get("home_team")),
            away_team=str(get("away_team")),
            home_score=_int(get("home_score")),
            away_score=_int(get("away_score")),
            tournament=str(get("tournament")),
            city=str(get("city")),
            country=str(get("country")),
            neutral=bool(get("neutral")),
            extra_time=_opt_bool(get("extra_time", None)),
            shootout_winner=_opt_str(get("shootout_winner", None)),
            has_goal_minutes=bool(get("has_goal_minutes", False)),
            goals=goals,
        )

    def header(self) -> dict[str, object]:
        """The JSON fields that name the match: id, ISO date, teams, score, tournament."""
        return {
            "match_id": self.match_id,
            "date": self.date.isoformat(),
            "home_team": self.home_team,
            "away_team": self.away_team,
            "home_score": self.home_score,
            "away_score": self.away_score,
            "tournament": self.tournament,
        }

    @property
    def teams(self) -> tuple[str, str]:
        """``(home_team, away_team)``."""
        return (self.home_team, self.away_team)

    @property
    def winner(self) -> str | None:
        """The team with more goals after extra time (None for a draw, even one settled on penalties)."""
        if self.home_score > self.away_score:
            return self.home_team
        if self.away_score > self.home_score:
            return self.away_team
        return None

    @property
    def loser(self) -> str | None:
        """The team with fewer goals after extra time (None for a draw)."""
        w = self.winner
        if w is None:
            return None
        return self.away_team if w == self.home_team else self.home_team

    @property
    def advancing(self) -> str | None:
        """The winner, or the shoot-out winner of a drawn match."""
        return self.winner or self.shootout_winner

    def opponent(self, team: str) -> str:
        """The other team of the match."""
        return self.away_team if team == self.home_team else self.home_team

    def goals_for(self, team: str) -> int:
        """Goals of ``team`` after extra time."""
        return self.home_score if team == self.home_team else self.away_score

    def score_text(self) -> str:
        """``"Germany 1-2 Japan"`` (home first; shoot-out noted)."""
        text = f"{self.home_team} {self.home_score}-{self.away_score} {self.away_team}"
        if self.shootout_winner:
            text += f" ({self.shootout_winner} won on penalties)"
        return text

    def label(self) -> str:
        """``"Germany 1-2 Japan, FIFA World Cup, 2022-11-23, Al Rayyan"``."""
        return f"{self.score_text()}, {self.tournament}, {self.date.isoformat()}, {self.city}"


@dataclass(frozen=True)
class Record(JsonDict):
    """Won, drawn, lost and goals of one team in a set of matches.

    Attributes
    ----------
    played, wins, draws, losses : int
        Matches; a match settled by a shoot-out counts as a draw.
    goals_for, goals_against : int
        Goals after extra time.
    team : str
        Whose record it is ("" when the context says it).
    points_per_win : int
        3 (2 before 1994 at the tournaments of that time); a draw is worth 1.
    """

    played: int = 0
    wins: int = 0
    draws: int = 0
    losses: int = 0
    goals_for: int = 0
    goals_against: int = 0
    team: str = ""
    points_per_win: int = 3

    @property
    def points(self) -> int:
        """``points_per_win`` per win, 1 per draw."""
        return self.points_per_win * self.wins + self.draws

    @property
    def goal_difference(self) -> int:
        """Goals for minus goals against."""
        return self.goals_for - self.goals_against

    def add(self, goals_for: int, goals_against: int) -> Record:
        """This record after one more match with that score."""
        return dataclasses.replace(
            self,
            played=self.played + 1,
            wins=self.wins + int(goals_for > goals_against),
            draws=self.draws + int(goals_for == goals_against),
            losses=self.losses + int(goals_for < goals_against),
            goals_for=self.goals_for + goals_for,
            goals_against=self.goals_against + goals_against,
        )

    def text(self) -> str:
        """``"P3 W0 D1 L2"``."""
        return f"P{self.played} W{self.wins} D{self.draws} L{self.losses}"

    def to_dict(self) -> dict[str, JSON]:
        """The counts, with ``points`` and ``goal_difference``."""
        return {**fields_jsonable(self), "points": self.points,
                "goal_difference": self.goal_difference}


#: Columns of ``store.matches()`` that make a :class:`Match` (besides its goals).
MATCH_COLUMNS = ("match_id", "date", "home_team", "away_team", "home_score", "away_score",
                 "tournament", "city", "country", "neutral", "extra_time", "shootout_winner",
                 "has_goal_minutes")


class AboutAMatch(JsonDict):
    """Mixin for results about one match, held in a ``match`` field.

    ``to_dict()`` writes the match's fields flat beside the result's own (``date``,
    ``home_team``, ``home_score``, ... at the top level), so the JSON of every such result
    names its match the same way.
    """

    match: Match

    def to_dict(self) -> dict[str, JSON]:
        """The match's fields (without its goal list), then the result's own fields."""
        own = fields_jsonable(self)
        del own["match"]
        identity = fields_jsonable(self.match)
        del identity["goals"]
        return {**identity, **own}
