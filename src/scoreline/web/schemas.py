"""Response and request models of the JSON API where the API result is not a plain dataclass.

Routes whose API function returns a plain dataclass (:class:`scoreline.api.RatingsTable`,
:class:`scoreline.api.MatchForecast`, ...) use that dataclass itself as the response
model; the models here describe the results that hold tables or rich objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from scoreline.insight.comebacks import Comeback
from scoreline.insight.upsets import MatchSurprise


class ErrorOut(BaseModel):
    """Every error answer of the API."""

    error: str = Field(description="Machine-readable code, e.g. 'unknown_team', 'invalid_parameter'.")
    message: str = Field(description="What was wrong and what to do.")
    suggestions: list[str] | None = Field(None, description="Closest known teams or matches.")
    problems: list[dict[str, str]] | None = Field(
        None, description="For bad parameters: one {location, message} per problem.")


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown team or match (with suggestions)."},
    422: {"model": ErrorOut, "description": "Invalid parameter."},
}


class RatingPoint(BaseModel):
    """A team's Elo rating after one of its matches (score after extra time, team first)."""

    date: dt.date
    opponent: str
    venue: str = Field(description="'home', 'away' or 'neutral'.")
    score: str
    tournament: str
    rating_before: float
    rating: float
    change: float


class RatingHistoryOut(BaseModel):
    """Elo history of one team, oldest match first."""

    team: str
    points: list[RatingPoint]


class StoryOut(BaseModel):
    """A match report written from data; every statement is one of ``facts``."""

    match_id: int
    date: dt.date
    home_team: str
    away_team: str
    home_score: int
    away_score: int
    tournament: str
    city: str | None
    country: str | None
    shootout_winner: str | None
    headline: str
    lead: str
    goals: list[str]
    goals_note: str | None
    context: list[str]
    table_title: str | None
    table: list[dict[str, Any]] | None
    angles: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    unavailable: dict[str, str]


class CheckIn(BaseModel):
    """An article to check; give ``date``, ``home`` and ``away`` to name the match yourself."""

    text: str = Field(description="The article as plain text (at most 1 MB of UTF-8).")
    date: dt.date | None = None
    home: str | None = Field(None, max_length=80)
    away: str | None = Field(None, max_length=80)


class ClaimOut(BaseModel):
    """One claim of the article and its verdict."""

    kind: str
    sentence: int
    text: str
    statement: str
    verdict: str = Field(description="'supported', 'contradicted', 'unclear' or 'not_checkable'.")
    data_value: str | None
    evidence: str | None = Field(description="What the verdict rests on, in words.")
    provenance: str | None = Field(None, description="The query behind the evidence.")
    reason: str | None
    start: int = Field(-1, description="Offset of the claim's first character in the article.")
    end: int = Field(-1, description="Offset just past the claim's last character.")


class CheckOut(BaseModel):
    """The verdicts on one article."""

    match_id: int
    date: dt.date
    home_team: str
    away_team: str
    home_score: int
    away_score: int
    tournament: str
    located_by: str
    counts: dict[str, int]
    claims: list[ClaimOut]
    seconds: float
    claims_total: int | None = Field(None, description="Claims found (``claims`` may list "
                                     "fewer: the server's cap).")
    truncated: bool = Field(False, description="Claims were left out or texts shortened "
                            "to keep the answer small.")


class SimulationOut(BaseModel):
    """Monte Carlo forecast of a tournament: per team, P(reach each stage), favourites first."""

    tournament: str
    as_of: dt.date
    sims: int
    seed: int
    hot: bool
    model: str
    fixed_matches: int
    stages: list[str]
    max_se: float = Field(description="Largest Monte Carlo standard error of any probability.")
    teams: list[dict[str, Any]] = Field(
        description="team, group, p_<round> (reach it), p_champion, se_champion, "
                    "p_position_k (finish k-th in the group).")


class TitleSeries(BaseModel):
    """One contender's title chance at each date of the timeline."""

    team: str
    p_champion: list[float]


class TimelineOut(BaseModel):
    """Title chances of the contenders after every matchday of a tournament."""

    tournament: str
    sims: int
    dates: list[dt.date] = Field(description="Forecast dates (each knows results before it).")
    contenders: list[TitleSeries]


class UpsetsOut(BaseModel):
    """Upsets of a selection of matches, biggest first (``upset_bits = -log2 p_winner``)."""

    selection: str
    matches_scored: int
    upsets_found: int
    upsets: list[MatchSurprise]


class ComebacksOut(BaseModel):
    """Wins ranked by the winner's lowest in-play win probability, lowest first."""

    selection: str
    wins_with_timeline: int
    comebacks: list[Comeback]
