"""Response and request models of the JSON API where the API result is not a plain dataclass.

Routes whose API function returns a plain dataclass (:class:`scoreline.api.RatingsTable`,
:class:`scoreline.api.MatchForecast`, ...) use that dataclass itself as the response
model; the models here describe the results that hold tables or rich objects. Fields
that a result passes through unchanged take their types from the result's own class
(:func:`_fields_of`), so a schema cannot drift from the result it documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, get_type_hints

from pydantic import BaseModel, Field, create_model

from scoreline import api


def _fields_of(cls: type, *names: str) -> dict[str, Any]:
    """``name=(type, ...)`` for pydantic's ``create_model``, from ``cls``'s annotations."""
    hints = get_type_hints(cls)
    return {name: (hints[name], ...) for name in names}


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


MatchHeaderOut = create_model(
    "MatchHeaderOut",
    __doc__="The fields that name a match (``scoreline.api.Match.header``), after extra time.",
    **_fields_of(api.Match, "match_id", "date", "home_team", "away_team", "home_score",
                 "away_score", "tournament"),
)

StoryOut = create_model(
    "StoryOut",
    __base__=MatchHeaderOut,
    __doc__="A match report written from data; every statement is one of ``facts``.",
    **_fields_of(api.Match, "city", "country", "shootout_winner"),
    **_fields_of(api.Story, "headline", "lead", "goals", "goals_note", "context", "table_title",
                 "unavailable"),
    table=(list[dict[str, Any]] | None, Field(description="The group table after the match.")),
    angles=(list[dict[str, Any]], Field(description="Candidate angles with their scores.")),
    facts=(list[dict[str, Any]], Field(description="key, text, value, provenance.")),
)


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


CheckOut = create_model(
    "CheckOut",
    __base__=MatchHeaderOut,
    __doc__="The verdicts on one article.",
    located_by=(str, ...),
    counts=(dict[str, int], ...),
    claims=(list[ClaimOut], ...),
    seconds=(float, ...),
    claims_total=(int | None, Field(None, description="Claims found (``claims`` may list "
                                    "fewer: the server's cap).")),
    truncated=(bool, Field(False, description="Claims were left out or texts shortened to "
                           "keep the answer small.")),
)

SimulationOut = create_model(
    "SimulationOut",
    __doc__="Monte Carlo forecast of a tournament: per team, P(reach each stage), favourites "
            "first.",
    **_fields_of(api.SimulationResult, "tournament", "as_of", "sims", "seed", "hot", "model",
                 "fixed_matches", "stages"),
    max_se=(float, Field(description="Largest Monte Carlo standard error of any probability.")),
    teams=(list[dict[str, Any]], Field(
        description="team, group, p_<round> (reach it), p_champion, se_champion, "
                    "p_position_k (finish k-th in the group).")),
)
