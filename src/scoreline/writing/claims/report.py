"""Claims, verdicts and the check report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoreline.data.types import Match

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
UNCLEAR = "unclear"
NOT_CHECKABLE = "not_checkable"
VERDICTS = (SUPPORTED, CONTRADICTED, UNCLEAR, NOT_CHECKABLE)


@dataclass
class Claim:
    """One checkable statement found in an article, and its verdict.

    Attributes
    ----------
    kind : str
        ``"final_score"``, ``"winner"``, ``"goal"``, ``"relative_time"``, ``"running_score"``,
        ``"goal_window"``, ``"late_goals"``, ``"comeback"``, ``"date"``, ``"weekday"``,
        ``"match_day"``, ``"venue"``, ``"stadium"``, ``"other_match"``, ``"first_win"``,
        ``"first_meeting"``, ``"last_win"``, ``"confederation_record"``, ``"run"``,
        ``"upset"``, ``"upset_rank"``, ``"quote"``, ``"post_date"``, ``"person"``.
    sentence : int
        Index of the sentence in the article (-1 for passages set aside while cleaning).
    text : str
        The words that make the claim.
    statement : str
        What is claimed, restated plainly.
    verdict : str
        ``"supported"``; ``"contradicted"`` (the claim was read without doubt, is about this
        match or a match it names, and the data decides against it); ``"unclear"`` (the data
        was consulted but the claim could not be read or tied to a match with certainty);
        ``"not_checkable"`` (the data holds nothing on it: quotes, stadiums, cards, ...).
    data_value : str or None
        What the data says (always given for a contradicted claim).
    evidence : str or None
        What the verdict rests on, in words a reader understands.
    provenance : str or None
        The query behind the evidence (store call and filters).
    reason : str or None
        Why a claim is unclear or not checkable.
    start, end : int
        Character offsets ``[start, end)`` of the claim's words in the article as given
        (``-1`` until the checker places the claim).
    params : dict
        The parsed claim (internal).
    """

    kind: str
    sentence: int
    text: str
    statement: str
    params: dict[str, Any] = field(default_factory=dict)
    verdict: str = NOT_CHECKABLE
    data_value: str | None = None
    evidence: str | None = None
    reason: str | None = None
    provenance: str | None = None
    start: int = -1
    end: int = -1

    def supported(self, provenance: str, data_value: str | None = None,
                  evidence: str | None = None) -> Claim:
        """Mark supported: ``provenance`` is the query, ``evidence`` the reader's words
        (by default "the data: <data_value>")."""
        self.verdict, self.provenance, self.data_value = SUPPORTED, provenance, data_value
        self.evidence = evidence or (f"The data: {data_value}." if data_value else None)
        return self

    def contradicted(self, data_value: str, provenance: str, evidence: str | None = None) -> Claim:
        """Mark contradicted, with what the data says."""
        self.verdict, self.data_value, self.provenance = CONTRADICTED, data_value, provenance
        self.evidence = evidence or f"The data: {data_value}."
        return self

    def unclear(self, reason: str, data_value: str | None = None,
                provenance: str | None = None) -> Claim:
        """Mark unclear: the data was consulted, but the claim cannot be decided with
        certainty (``reason`` says why)."""
        self.verdict, self.reason = UNCLEAR, reason
        self.data_value, self.provenance = data_value, provenance
        self.evidence = reason + (f" (the data: {data_value})" if data_value else "")
        return self

    def uncheckable(self, reason: str) -> Claim:
        """Mark not checkable, with why."""
        self.verdict, self.reason, self.evidence = NOT_CHECKABLE, reason, reason
        return self

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (stable field names)."""
        return {
            "kind": self.kind,
            "sentence": self.sentence,
            "text": self.text,
            "statement": self.statement,
            "verdict": self.verdict,
            "data_value": self.data_value,
            "evidence": self.evidence,
            "provenance": self.provenance,
            "reason": self.reason,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Highlight:
    """A piece of the article for display: ``claim`` is None for text between claims."""

    text: str
    claim: Claim | None
    note: int | None


@dataclass
class CheckReport:
    """The verdicts on one article.

    Attributes
    ----------
    match : Match
        The match the article is about.
    located_by : str
        How the match was found (or ``"given"``).
    claims : list of Claim
        In article order; passages set aside while cleaning come last.
    seconds : float
        Time the check took.
    text : str
        The article as checked (claims' ``start``/``end`` index it).
    """

    match: Match
    located_by: str
    claims: list[Claim]
    seconds: float = 0.0
    text: str = field(default="", repr=False)

    def highlights(self) -> list[Highlight]:
        """The article cut into pieces for display: plain text, and the words of claims.

        Where claims overlap, each character shows the most telling one: contradicted, then
        supported, then unclear or not checkable; among equals the shortest span. ``note`` is
        the 1-based position of the claim in :attr:`claims`.
        """
        text = self.text
        rank = {CONTRADICTED: 3, SUPPORTED: 2, UNCLEAR: 1, NOT_CHECKABLE: 1}
        best: list[int] = [-1] * len(text)
        key: list[tuple[int, int]] = [(0, 0)] * len(text)
        for i, c in enumerate(self.claims):
            if c.start < 0 or c.end <= c.start:
                continue
            k = (rank[c.verdict], -(c.end - c.start))
            for pos in range(max(0, c.start), min(len(text), c.end)):
                if best[pos] < 0 or k > key[pos]:
                    best[pos], key[pos] = i, k
        out: list[Highlight] = []
        start = 0
        for pos in range(1, len(text) + 1):
            if pos == len(text) or best[pos] != best[start]:
                i = best[start]
                claim = self.claims[i] if i >= 0 else None
                out.append(Highlight(text=text[start:pos], claim=claim,
                                     note=i + 1 if i >= 0 else None))
                start = pos
        return out

    def by_verdict(self, verdict: str) -> list[Claim]:
        """The claims with this verdict."""
        return [c for c in self.claims if c.verdict == verdict]

    @property
    def counts(self) -> dict[str, int]:
        """Number of claims per verdict (``supported``, ``contradicted``, ``unclear``,
        ``not_checkable``)."""
        return {v: len(self.by_verdict(v)) for v in VERDICTS}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the match, the counts and every claim."""
        return {
            **self.match.header(),
            "located_by": self.located_by,
            "counts": self.counts,
            "claims": [c.to_dict() for c in self.claims],
            "seconds": round(self.seconds, 3),
        }
