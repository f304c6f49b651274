"""Validated path and query parameters shared by the API routes and the pages."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import Path, Query

from scoreline import api

TEAM_PATTERN = r"^[^\x00-\x1f\x7f<>]+$"
"""A team name: any printable text without angle brackets (resolved by the store)."""
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

TeamPath = Annotated[str, Path(min_length=1, max_length=80, pattern=TEAM_PATTERN,
                               description="Team name, alias or former name.")]
DatePath = Annotated[str, Path(pattern=DATE_PATTERN, description="Day of the match, YYYY-MM-DD.")]
TeamQuery = Annotated[str, Query(min_length=1, max_length=80, pattern=TEAM_PATTERN)]
OptionalDate = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY-MM-DD.")]
Seed = Annotated[int, Query(ge=0, le=2**32 - 1, description="Random seed.")]


Tournament = Enum(  # type: ignore[misc]
    "Tournament", {name: name for name in api.tournament_names()}, type=str
)
"""Tournaments with a format shipped with scoreline (:func:`scoreline.api.tournament_names`:
every edition, ``wc1998`` .. ``nations2025``)."""


ModelName = Enum("ModelName", {m.replace("-", "_"): m for m in api.MODELS}, type=str)  # type: ignore[misc]
"""Forecast models, as :data:`scoreline.api.MODELS` (``default`` is scoreline's best)."""
