"""The :class:`Fact`: one statement, its value and where it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fact:
    """One checkable statement about a match.

    Attributes
    ----------
    key : str
        Stable identifier, dotted (``"score.final"``, ``"goal.2"``, ``"h2h.before"``).
    text : str
        The statement in plain English, as a story would print it.
    value : Any
        The JSON-ready value behind the statement (numbers, strings, small dicts).
    provenance : str
        The query or computation that produced the value, precise enough to redo it.
    """

    key: str
    text: str
    value: Any
    provenance: str


@dataclass
class FactSet:
    """An ordered collection of facts keyed by :attr:`Fact.key` (later adds replace)."""

    facts: dict[str, Fact] = field(default_factory=dict)

    def add(self, key: str, text: str, value: Any, provenance: str) -> Fact:
        """Record a fact and return it."""
        fact = Fact(key=key, text=text, value=value, provenance=provenance)
        self.facts[key] = fact
        return fact

    def get(self, key: str) -> Fact | None:
        """The fact with this key, or None."""
        return self.facts.get(key)

    def value(self, key: str, default: Any = None) -> Any:
        """The value of the fact with this key, or ``default``."""
        fact = self.facts.get(key)
        return default if fact is None else fact.value

    def __contains__(self, key: object) -> bool:
        return key in self.facts

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts.values())

    def __len__(self) -> int:
        return len(self.facts)

    def records(self) -> list[dict[str, Any]]:
        """The facts as JSON-ready dicts (key, text, value, provenance)."""
        return [
            {"key": f.key, "text": f.text, "value": f.value, "provenance": f.provenance}
            for f in self.facts.values()
        ]
