"""Match stories and article checks: ``scoreline story`` and ``scoreline check``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from scoreline.api._store import get_store
from scoreline.errors import MAX_ARTICLE_BYTES, ArticleError, ArticleTooLargeError

if TYPE_CHECKING:
    from scoreline.writing.claims.report import CheckReport
    from scoreline.writing.story.compose import Story

__all__ = ["check_article", "story"]


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
    """
    from scoreline.errors import InvalidParameterError
    from scoreline.writing import story as st

    if fmt is not None and fmt not in st.FORMATS:
        raise InvalidParameterError(
            f"format {fmt!r} is not one of {', '.join(st.FORMATS)}")
    want_chart = (fmt == "html") if chart is None else chart
    result = st.write_story(get_store(db), date, home, away, chart=want_chart, all_time=all_time)
    if fmt is None:
        return result
    return {"md": st.to_markdown, "html": st.to_html, "json": st.to_json}[fmt](result)


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
        why) and evidence.

    Raises
    ------
    ArticleTooLargeError
        The article is over :data:`~scoreline.errors.MAX_ARTICLE_BYTES` bytes of UTF-8.
    ArticleError
        The file is missing, empty or not text; the article is about no match in the data
        or about more than one.
    """
    from scoreline.writing import claims

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
    return claims.check(get_store(db), data, match=match)
