"""Check the claims of a match report against the data.

>>> report = check(store, open("article.txt", "rb").read())   # doctest: +SKIP
>>> report.counts                                              # doctest: +SKIP
{'supported': 12, 'contradicted': 0, 'unclear': 1, 'not_checkable': 6}

Rules over sentences (regular expressions, no language model, no network) find the
claims; each gets a verdict — supported, contradicted (with the data's value), unclear (the
data was consulted but the claim could not be read or tied to a match without doubt) or not
checkable (the data holds nothing on it) — with the evidence in words and the query behind it.
Each claim carries its character offsets in the article as given.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from scoreline.writing.claims.article import MAX_ARTICLE_BYTES
from scoreline.writing.claims.report import (
    CONTRADICTED,
    NOT_CHECKABLE,
    SUPPORTED,
    UNCLEAR,
    CheckReport,
    Claim,
)

# The rules, the name finder and the facts (pandas, a few hundred regular expressions) load
# when an article is first checked, not with the package: a check report read back from the
# result cache (scoreline.api._results) needs only the report's classes.
if TYPE_CHECKING:
    from scoreline.writing.claims.names import TeamFinder
    from scoreline.writing.facts.lookup import StoreLike

_FINDERS: dict[int, TeamFinder] = {}


_SHARED: dict[tuple[int, str | None], dict[str, object]] = {}


def _shared(store: StoreLike) -> dict[str, object]:
    """Store-wide tables for the claim rules, kept while the store and its snapshot are."""
    fingerprint = getattr(store, "fingerprint", None)
    key = (id(store), fingerprint() if callable(fingerprint) else None)
    if key not in _SHARED:
        _SHARED.clear()
        _SHARED[key] = {}
    return _SHARED[key]


def _city_test(store: StoreLike) -> Callable[[str], bool]:
    """Whether a name (any case or accents) is a city where a match in the data was played."""
    from scoreline.writing.claims.names import normalise

    shared = _shared(store)
    if "cities" not in shared:
        shared["cities"] = {normalise(c) for c in store.matches()["city"].unique()}
    cities: set[str] = shared["cities"]  # type: ignore[assignment]
    return lambda name: normalise(name) in cities


def _finder(store: StoreLike) -> TeamFinder:
    from scoreline.writing.claims.names import TeamFinder, team_spellings

    key = id(store)
    if key not in _FINDERS:
        _FINDERS.clear()
        _FINDERS[key] = TeamFinder(store.teams(), team_spellings(store.former_names()))
    return _FINDERS[key]


def check(store: StoreLike, text: str | bytes,
          match: tuple[str | dt.date, str, str] | None = None) -> CheckReport:
    """Check every claim of an article about one match.

    Parameters
    ----------
    store : Store
        The scoreline store.
    text : str or bytes
        The article (bytes are decoded as UTF-8; at most ``MAX_ARTICLE_BYTES``).
    match : (date, home, away), optional
        The match the article is about; found from the text when omitted.

    Returns
    -------
    CheckReport

    Raises
    ------
    ArticleError
        Empty, too large or not text; about no match in the data; about two matches.
    """
    from scoreline.writing.claims.article import decode_article, split_article
    from scoreline.writing.claims.checker import check_sentences
    from scoreline.writing.claims.context import Ctx
    from scoreline.writing.claims.locate import article_year, locate
    from scoreline.writing.facts.build import match_facts
    from scoreline.writing.facts.lookup import find_match

    start = time.perf_counter()
    finder = _finder(store)
    article = split_article(decode_article(text), _city_test(store))
    year: int | None
    if match is not None:
        record = find_match(store, *match)
        how, year = "given", article_year(article) or record.date.year
    else:
        loc = locate(store, article, finder)
        record, how, year = loc.match, loc.how, loc.year
    mf = match_facts(store, record, probabilities=False)
    # a date written without its year is in the year of the match the article is about
    del year
    ctx = Ctx(store=store, mf=mf, finder=finder, year=record.date.year, shared=_shared(store))
    claims = check_sentences(ctx, article)
    return CheckReport(match=record, located_by=how, claims=claims,
                       seconds=time.perf_counter() - start, text=article.text)


__all__ = [
    "CONTRADICTED",
    "MAX_ARTICLE_BYTES",
    "NOT_CHECKABLE",
    "SUPPORTED",
    "UNCLEAR",
    "CheckReport",
    "Claim",
    "check",
]
