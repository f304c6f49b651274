"""A time claim read from an article: the recorded minutes that satisfy it.

Kept apart from the rules that read it (:mod:`scoreline.writing.claims.minutes`, a few dozen
regular expressions compiled at import), so that a check report read back from the result
cache rebuilds its claims without compiling them.
"""

from __future__ import annotations

from dataclasses import dataclass

STOPPAGE_MINUTES = frozenset({45, 90, 105, 120})


@dataclass(frozen=True)
class When:
    """A time claim: recorded minutes ``lo`` to ``hi`` (inclusive) or any of ``allowed``.

    ``after`` is set for "N minutes later" (relative to the previous goal named); ``exact``
    for a single written minute, whose off-by-one errors are the commonest real mistake.
    ``margin`` widens a loose phrase ("just before half-time"): a goal that many minutes
    outside the range may still be what the writer meant, so it is unclear, not wrong.
    """

    def near_miss(self, minute: int) -> bool:
        """Outside the range, but within ``margin`` minutes of it."""
        return self.margin > 0 and self.lo - self.margin <= minute <= self.hi + self.margin

    label: str
    span: str
    lo: int = 0
    hi: int = 200
    allowed: frozenset[int] = frozenset()
    after: int | None = None
    exact: int | None = None
    margin: int = 0

    def fits(self, minute: int) -> bool:
        """Whether a goal recorded at ``minute`` satisfies the claim."""
        return self.lo <= minute <= self.hi or minute in self.allowed

    @property
    def target(self) -> int:
        """The most likely minute (to pick among a player's goals)."""
        if self.exact is not None:
            return self.exact
        if self.allowed and self.lo > self.hi:
            return max(self.allowed)
        return (self.lo + min(self.hi, 120)) // 2
