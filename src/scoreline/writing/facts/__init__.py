"""Facts about one match, each with the query or computation that produced it.

Stories (:mod:`scoreline.writing.story`) and the article checker
(:mod:`scoreline.writing.claims`) say nothing that is not a :class:`Fact`. The
computations live in one module per concept: :mod:`.lookup` (which match),
:mod:`.timeline` (the goals in order), :mod:`.history` (head-to-head, tournament
records, runs), :mod:`.tables` (group tables) and :mod:`.probabilities` (pre-match
chances, upset ranks and in-play lows, taken from the upsets and in-play layers when
they are available).
"""

from __future__ import annotations

from scoreline.writing.facts.fact import Fact, FactSet
from scoreline.writing.facts.lookup import Edition, edition_of, find_match, match_by_id
from scoreline.writing.facts.timeline import Goal, Timeline, timeline

__all__ = [
    "Edition",
    "Fact",
    "FactSet",
    "Goal",
    "Timeline",
    "edition_of",
    "find_match",
    "match_by_id",
    "timeline",
]
