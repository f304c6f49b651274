"""Match stories and article checks: ``scoreline story`` and ``scoreline check``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from scoreline.api._store import get_store
from scoreline.errors import MAX_ARTICLE_BYTES, ArticleError, ArticleTooLargeError

if TYPE_CHECKING:
    from scoreline.writing.claims.report import CheckReport
    from scoreline.writing.story.compose import Story

__all__ = ["check_article", "story"]

STORY_FORMATS = ("md", "html", "json")
"""The formats of :func:`story` (:data:`scoreline.writing.story.FORMATS`, named here so that a
story answered from the result cache never imports the writing layer)."""


@overload
def story(date: str | dt.date, home: str, away: str, *, db: str | Path | None = ...,
          fmt: None, chart: bool | None = ..., all_time: bool = ...) -> Story: ...


@overload
def story(date: str | dt.date, home: str, away: str, *, db: str | Path | None = ...,
          fmt: Literal["md", "html", "json"] = ..., chart: bool | None = ...,
          all_time: bool = ...) -> str: ...


@overload
def story(date: str | dt.date, home: str, away: str, *, db: str | Path | None = ...,
          fmt: str | None = ..., chart: bool | None = ...,
          all_time: bool = ...) -> str | Story: ...


def story(
    date: str | dt.date,
    home: str,
    away: str,
    *,
    db: str | Path | None = None,
    fmt: str | None = "md",
    chart: bool | None = None,
    all_time: bool = True,
) -> str | Story:
    """The written report of a match, every statement backed by a fact (``scoreline story``).

    Parameters
    ----------
    date : str or datetime.date
        Day of the match, ``YYYY-MM-DD``.
    home, away : str
        Team names in either order (any spelling the store resolves).
    db : path, optional
        Store file.
    fmt : {"md", "html", "json", None}
        ``"md"`` Markdown wrapped at 80 characters, ``"html"`` a standalone page with the
        win-probability chart, ``"json"`` the story and its facts with provenance; ``None``
        returns the :class:`~scoreline.writing.story.Story` object itself.
    chart : bool, optional
        Attach the chart (default: only for HTML).
    all_time : bool
        Also rank the upset in the tournament's history and among the winner's wins there
        (a walk-forward forecast of every such match: about half a minute the first time
        with the default model, cached afterwards).

    Returns
    -------
    str or Story

    Notes
    -----
    A repeated request for a text format is answered from the on-disk result cache while
    the store file and the code are unchanged (:mod:`scoreline.api._results`).
    """
    from scoreline.api._results import cached_result
    from scoreline.errors import InvalidParameterError

    if fmt is not None and fmt not in STORY_FORMATS:
        raise InvalidParameterError(
            f"format {fmt!r} is not one of {', '.join(STORY_FORMATS)}")
    want_chart = (fmt == "html") if chart is None else chart
    if fmt is None:
        from scoreline.writing import story as st

        return st.write_story(get_store(db), date, home, away, chart=want_chart,
                              all_time=all_time)

    def compute() -> str:
        from scoreline.writing import story as st

        render = {"md": st.to_markdown, "html": st.to_html, "json": st.to_json}[str(fmt)]
        return render(st.write_story(get_store(db), date, home, away, chart=want_chart,
                                     all_time=all_time))

    request = {"date": str(date), "home": home, "away": away, "fmt": fmt, "chart": want_chart,
               "all_time": all_time}
    return cached_result("story", db, request, str, compute)


def check_article(
    text: str | bytes | Path,
    match: tuple[str | dt.date, str, str] | None = None,
    *,
    db: str | Path | None = None,
) -> CheckReport:
    """Check the claims of a match report against the data (``scoreline check``).

    Parameters
    ----------
    text : str, bytes or Path
        The article: its text, its raw bytes (decoded as UTF-8), or a path to a text file.
    match : (date, home, away), optional
        The match the article is about; found from the teams and date in the text when
        omitted.
    db : path, optional
        Store file.

    Returns
    -------
    CheckReport
        One :class:`~scoreline.writing.claims.Claim` per claim with its verdict
        (``supported``, ``contradicted`` with the data's value, ``not_checkable`` with
        why) and evidence. The same article (by its SHA-256) checked again on the same
        store file and code is read from the on-disk result cache
        (:mod:`scoreline.api._results`); ``seconds`` is then the time of that read.

    Raises
    ------
    ArticleTooLargeError
        The article is over :data:`~scoreline.errors.MAX_ARTICLE_BYTES` bytes of UTF-8.
    ArticleError
        The file is missing, empty or not text; the article is about no match in the data
        or about more than one.
    """
    from scoreline.api._results import cached_result

    if isinstance(text, Path):
        try:
            with text.open("rb") as fh:
                data: str | bytes = fh.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise ArticleError(f"cannot read the article {str(text)!r}: {exc.strerror}") from None
        if len(data) > MAX_ARTICLE_BYTES:
            raise ArticleTooLargeError(text.stat().st_size, f"the article {str(text)!r}")
    else:
        data = text
        size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace"))
        if size > MAX_ARTICLE_BYTES:
            raise ArticleTooLargeError(size)
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    given = None if match is None else [str(match[0]), match[1], match[2]]
    request = {"article_sha256": hashlib.sha256(raw).hexdigest(), "str": isinstance(data, str),
               "match": given}
    start = time.perf_counter()
    computed: list[bool] = []

    def compute() -> CheckReport:
        from scoreline.writing import claims

        computed.append(True)
        return claims.check(get_store(db), data, match=match)

    from scoreline.writing.claims.report import CheckReport

    report = cached_result("check_article", db, request, CheckReport, compute)
    if not computed:  # the time this check took is that of reading the stored verdicts
        report = dataclasses.replace(report, seconds=time.perf_counter() - start)
    return report
