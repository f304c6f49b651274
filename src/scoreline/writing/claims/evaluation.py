"""Score the checker against hand-annotated articles (``bench/claims_eval.py``, CI guard).

An annotation file (``claims.json``) lists, per article, the exact quote of every checkable
claim, its kind and its truth (``true`` / ``false`` / ``uncheckable``). Checker claims are
matched to annotated ones by overlapping character spans ``[start, end)`` in the article.

Figures, per annotated kind and overall:

- contradiction precision: share of the checker's contradicted claims that overlap a false
  claim (a contradiction that overlaps no false claim is wrong, annotated or not);
- false claims caught: share of false claims overlapped by a contradicted checker claim;
- true claims supported: share of true claims overlapped by a supported checker claim;
- uncheckable contradicted: uncheckable claims overlapped by a contradicted checker claim.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoreline.errors import ArticleError
from scoreline.writing.claims.report import CONTRADICTED, SUPPORTED, Claim


@dataclass(frozen=True)
class Annotation:
    """One hand-checked claim of an article."""

    file: str
    quote: str
    kind: str
    truth: str
    evidence: str
    start: int
    end: int


@dataclass
class KindScore:
    """Counts behind the figures of one kind (or of all kinds)."""

    true: int = 0
    true_supported: int = 0
    false: int = 0
    false_caught: int = 0
    uncheckable: int = 0
    uncheckable_contradicted: int = 0
    contradicted: int = 0
    contradicted_right: int = 0

    @property
    def precision(self) -> float | None:
        """Share of contradicted verdicts that hit a false claim (None with none)."""
        return self.contradicted_right / self.contradicted if self.contradicted else None

    @property
    def recall(self) -> float | None:
        """Share of false claims contradicted (None with none)."""
        return self.false_caught / self.false if self.false else None

    @property
    def supported_share(self) -> float | None:
        """Share of true claims supported (None with none)."""
        return self.true_supported / self.true if self.true else None


@dataclass
class Evaluation:
    """The figures over a set of articles, and every miss with its text."""

    by_kind: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    overall: KindScore = field(default_factory=KindScore)
    wrong_contradictions: list[tuple[str, str, str, str]] = field(default_factory=list)
    missed_false: list[tuple[str, str, str]] = field(default_factory=list)
    unsupported_true: list[tuple[str, str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def load_annotations(directory: Path) -> dict[str, list[Annotation]]:
    """The annotations of ``directory/claims.json`` by article file, each placed at the first
    occurrence of its quote in the article."""
    raw = json.loads((directory / "claims.json").read_text(encoding="utf-8"))
    out: dict[str, list[Annotation]] = defaultdict(list)
    texts: dict[str, str] = {}
    for item in raw:
        name = item["file"]
        if name not in texts:
            texts[name] = (directory / name).read_text(encoding="utf-8")
        start = texts[name].find(item["quote"])
        if start < 0:
            raise ArticleError(f"{directory / 'claims.json'}: quote {item['quote']!r} is not in {name}")
        out[name].append(Annotation(name, item["quote"], item["kind"], item["truth"],
                                    item.get("evidence", ""), start, start + len(item["quote"])))
    return dict(out)


def _overlaps(a: Annotation, c: Claim) -> bool:
    return c.start < a.end and a.start < c.end


def score_article(ev: Evaluation, annotations: Iterable[Annotation], claims: list[Claim]) -> None:
    """Add one article's checker claims, scored against its annotations, to ``ev``."""
    notes = list(annotations)
    for a in notes:
        hits = [c for c in claims if _overlaps(a, c)]
        for score in (ev.by_kind[a.kind], ev.overall):
            if a.truth == "true":
                score.true += 1
                score.true_supported += any(c.verdict == SUPPORTED for c in hits)
            elif a.truth == "false":
                score.false += 1
                score.false_caught += any(c.verdict == CONTRADICTED for c in hits)
            else:
                score.uncheckable += 1
                score.uncheckable_contradicted += any(c.verdict == CONTRADICTED for c in hits)
        if a.truth == "false" and not any(c.verdict == CONTRADICTED for c in hits):
            got = "; ".join(f"{c.verdict}: {c.text}" for c in hits) or "no claim found"
            ev.missed_false.append((a.file, a.quote, got))
        if a.truth == "true" and not any(c.verdict == SUPPORTED for c in hits):
            got = "; ".join(f"{c.verdict}: {c.text}" for c in hits) or "no claim found"
            ev.unsupported_true.append((a.file, a.quote, got))
    for c in claims:
        if c.verdict != CONTRADICTED:
            continue
        hit = [a for a in notes if _overlaps(a, c)]
        right = any(a.truth == "false" for a in hit)
        kind = next((a.kind for a in hit if a.truth == "false"), hit[0].kind if hit else "unannotated")
        for score in (ev.by_kind[kind], ev.overall):
            score.contradicted += 1
            score.contradicted_right += right
        if not right:
            file = notes[0].file if notes else "?"
            ev.wrong_contradictions.append((file, c.text, c.data_value or "", kind))


def evaluate(directory: Path, check: Callable[[Path, tuple[str, str, str]], list[Claim]],
             ) -> Evaluation:
    """Run ``check(article path, (date, home, away))`` over every annotated article.

    The match is given from the annotations, so the figures measure the claims; an article
    the checker rejects counts every one of its claims as missed.
    """
    import time

    ev = Evaluation()
    raw = json.loads((directory / "claims.json").read_text(encoding="utf-8"))
    matches: dict[str, Any] = {item["file"]: item["match"] for item in raw}
    for name, notes in sorted(load_annotations(directory).items()):
        m = matches[name]
        t0 = time.perf_counter()
        try:
            claims = check(directory / name, (m["date"], m["home_team"], m["away_team"]))
        except ArticleError as exc:
            ev.failed.append((name, str(exc)))
            claims = []
        ev.seconds[name] = time.perf_counter() - t0
        score_article(ev, notes, claims)
    return ev
