"""What every claim rule shares: the match, its facts, and who the sentence is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from scoreline.data.types import Match
from scoreline.writing.claims import patterns
from scoreline.writing.claims.names import TeamFinder, TeamMention
from scoreline.writing.facts.build import MatchFacts
from scoreline.writing.facts.lookup import StoreLike
from scoreline.writing.facts.timeline import Goal

_PRONOUN_START = patterns.compile(r"^(?:they|their|them|they've|they're|they’ve|they’re|it|its)\b",
                            re.IGNORECASE)
_OBJECT_BEFORE = patterns.compile(
    r"(?:over|against|to|by|with|beat|beating|than|upset|stun|stunned|put by|of|from|"
    r"past|versus|vs\.?|v)\s+(?:the\s+)?(?:mighty\s+|hosts\s+|holders\s+|champions\s+)?$",
    re.IGNORECASE)


@dataclass
class Ctx:
    """State shared by the claim rules while one article is checked.

    Attributes
    ----------
    store : Store
    mf : MatchFacts
        The facts of the match the article is about.
    finder : TeamFinder
    year : int or None
        Context year of the article.
    subject : str or None
        The match team the current sentence is about (carried over for "they").
    goal_claims : list
        ``(claim, goal)`` for each goal claim so far (relative times refer back).
    """

    store: StoreLike
    mf: MatchFacts
    finder: TeamFinder
    year: int | None
    subject: str | None = None
    goal_claims: list[tuple[Any, Goal | None]] = field(default_factory=list)
    _cache: dict[str, Any] = field(default_factory=dict)
    #: Store-wide tables (every match, places), kept across checks of the same store.
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def match(self) -> Match:
        """The match the article is about."""
        return self.mf.match

    @property
    def goals(self) -> list[Goal]:
        """Its goals in order."""
        return list(self.mf.timeline.goals)

    @property
    def scorers(self) -> list[str]:
        """Its scorers (own-goal scorers included)."""
        return sorted({g.scorer for g in self.mf.timeline.goals})

    def match_mentions(self, text: str) -> list[TeamMention]:
        """Mentions of the match's two teams in ``text``."""
        return [m for m in self.finder.find(text) if m.team in self.match.teams]

    def sentence_subject(self, text: str) -> str | None:
        """The match team ``text`` is about: "they" keeps the previous subject; else the
        first team named that is not an object ("win over Germany")."""
        if _PRONOUN_START.search(text.strip()):
            return self.subject
        for m in self.match_mentions(text):
            before = text[max(0, m.start - 30): m.start]
            if not _OBJECT_BEFORE.search(before):
                return m.team
        mentions = self.match_mentions(text)
        if mentions:
            return self.match.opponent(mentions[0].team)
        return self.subject

    def need_probabilities(self) -> None:
        """Compute pre-match chances, the in-play low and every upset rank once, on first use.

        The all-time and team ranks too, even when the first claim reads only the edition's:
        they all come from one walk-forward pass whose cost is mostly fixed (reading the
        forecast cache), so a second pass for a later sentence's all-time rank cost more
        than computing them at once."""
        if not self._cache.get("probabilities"):
            from scoreline.writing.facts.probabilities import add_probability_facts

            add_probability_facts(self.store, self.mf, all_time=True, team=True)
            self._cache["probabilities"] = True

    def all_matches(self) -> pd.DataFrame:
        """Every match (cached; cities and countries for venue claims)."""
        if "all" not in self.shared:
            self.shared["all"] = self.store.matches()
        frame: pd.DataFrame = self.shared["all"]
        return frame

    def team_matches(self, team: str) -> pd.DataFrame:
        """Every match of ``team`` (cached per team)."""
        key = f"team:{team}"
        if key not in self.shared:
            frame = self.all_matches()
            if "arrays" not in self.shared:
                self.shared["arrays"] = (frame["home_team"].to_numpy(), frame["away_team"].to_numpy())
            home, away = self.shared["arrays"]
            self.shared[key] = frame[(home == team) | (away == team)]
        found: pd.DataFrame = self.shared[key]
        return found

    def team_rows(self, team: str) -> list[dict[str, Any]]:
        """Every match of ``team`` as plain records, oldest first (cached per team)."""
        key = f"rows:{team}"
        if key not in self.shared:
            frame = self.team_matches(team)
            plain = frame.astype(object)
            self.shared[key] = plain.where(frame.notna(), None).to_dict("records")
        rows: list[dict[str, Any]] = self.shared[key]
        return rows

    def normalised_places(self) -> dict[str, str]:
        """Every city and country in the data by its folded lower-case form."""
        if "normalised_places" not in self.shared:
            from scoreline.writing.claims.names import normalise

            cities, countries = self.places()
            self.shared["normalised_places"] = {normalise(c): c for c in cities | countries}
        found: dict[str, str] = self.shared["normalised_places"]
        return found

    def places(self) -> tuple[set[str], set[str]]:
        """Every city and every country in the data."""
        if "places" not in self.shared:
            frame = self.all_matches()
            self.shared["places"] = (set(frame["city"].unique()), set(frame["country"].unique()))
        return self.shared["places"]  # type: ignore[no-any-return]
